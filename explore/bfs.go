package explore

import (
	"context"
	"sync"
	"sync/atomic"
)

// Breadth-first search runs level by level, in two phases per level.
//
// Expand (parallel): the level's states, a contiguous ID range, are cut
// into chunks that workers take in order. A worker calls Next on each state
// of its chunk, drops self-loops and repeated successors of one state
// (local.go), hashes the others, and drops those already stored, looked up
// in batches whose cache misses overlap (batch.go), and those already found
// in the chunk (local.go). The visited set is
// read-only during this phase, so lookups need no locks. The survivors,
// with their hashes and parents, are the chunk's candidates.
//
// Commit: candidates are inserted in (parent ID, successor index) order,
// which is chunk order; an insertion merges a candidate that another
// parent of the same level found first. New IDs are therefore exactly
// those of a sequential search, whatever the number of workers. Large
// levels are committed in parallel, by hash shard (see commit.go); small
// ones, and those that may reach the state limit, one candidate at a time.

// A chunk is a range of one level's states and what expanding it produced.
type chunk struct {
	lo, hi      uint32   // states [lo, hi)
	end         uint32   // states [lo, end) were expanded
	err         error    // why state end could not be expanded, if it could not
	yields      []uint32 // yields[i] is the number of successors of state lo+i
	transitions int64
	states      []byte // candidates, back to back
	hashes      []uint64
	parents     []uint32

	// For parallel commits (see commit.go).
	shardCount [shards]uint32 // candidates per shard
	shardOff   [shards]uint32 // where the next one goes in committer.order
	slot       []uint32       // table slot of each new candidate, or noSlot
	fresh      uint32         // new candidates
	firstID    uint32         // ID of the first one

	_ [128]byte // keeps neighbouring chunks, written by other workers, off our cache lines
}

func (c *chunk) reset(lo, hi uint32) {
	c.lo, c.hi, c.end, c.err = lo, hi, lo, nil
	c.transitions = 0
	c.yields, c.states, c.hashes, c.parents = c.yields[:0], c.states[:0], c.hashes[:0], c.parents[:0]
	c.shardCount = [shards]uint32{}
}

// add appends a candidate.
func (c *chunk) add(s []byte, h uint64, parent uint32) {
	c.states = append(c.states, s...)
	c.hashes = append(c.hashes, h)
	c.parents = append(c.parents, parent)
	c.shardCount[shardOf(h)]++
}

// truncate drops the candidates from the n-th on.
func (c *chunk) truncate(n, width int) {
	for _, h := range c.hashes[n:] {
		c.shardCount[shardOf(h)]--
	}
	c.states, c.hashes, c.parents = c.states[:n*width], c.hashes[:n], c.parents[:n]
}

// A bfs is one breadth-first search: its graph, limits and workers.
type bfs struct {
	g         *Graph
	width     int
	maxStates int
	maxDepth  int
	workers   []*worker
	chunks    []*chunk // reused from level to level
	committer committer
	next      atomic.Int64
	stop      atomic.Bool
	done      <-chan struct{}
	ctx       context.Context
	meter     *meter
}

func newBFS(ctx context.Context, g *Graph, m Model, opt Options, mt *meter) *bfs {
	b := &bfs{g: g, width: g.st.width, maxStates: stateLimit(opt), maxDepth: depthLimit(opt),
		done: ctx.Done(), ctx: ctx, meter: mt}
	b.committer.b = b
	for range workerCount(opt.Workers) {
		w := &worker{b: b, exp: m.NewExpander()}
		w.yield = w.onSucc
		b.workers = append(b.workers, w)
	}
	return b
}

// run explores level after level until no new state appears.
func (b *bfs) run() error {
	g := b.g
	for g.Len() > 0 {
		d := len(g.levels) - 1
		lo, hi := g.levels[d], uint32(g.Len())
		if d >= b.maxDepth {
			return ErrDepthLimit
		}
		if cancelled(b.done) {
			return b.ctx.Err()
		}
		b.meter.level(d, int(hi-lo))
		chunks := b.plan(lo, hi)
		b.expand(chunks)
		end, err := b.commit(chunks)
		b.account(chunks, end)
		b.meter.graph(g)
		if uint32(g.Len()) > hi {
			g.levels = append(g.levels, hi)
		}
		if err != nil || uint32(g.Len()) == hi {
			return err
		}
	}
	return nil
}

// plan cuts states [lo, hi) into chunks: enough for load balance, small
// enough that cancellation is noticed quickly.
func (b *bfs) plan(lo, hi uint32) []*chunk {
	size := min(max(int(hi-lo)/(16*len(b.workers)), 16), 1024)
	k := 0
	for s := int(lo); s < int(hi); s += size {
		if k == len(b.chunks) {
			b.chunks = append(b.chunks, new(chunk))
		}
		b.chunks[k].reset(uint32(s), uint32(min(s+size, int(hi))))
		k++
	}
	return b.chunks[:k]
}

// expand runs the parallel phase over chunks.
func (b *bfs) expand(chunks []*chunk) {
	b.next.Store(0)
	b.stop.Store(false)
	n := min(len(b.workers), len(chunks))
	if n == 1 {
		b.workers[0].run(chunks)
		return
	}
	var wg sync.WaitGroup
	for _, w := range b.workers[:n] {
		wg.Go(func() { w.run(chunks) })
	}
	wg.Wait()
}

// commit inserts the candidates of a level. It returns the end of the
// expanded prefix of the level, and why it is not the whole level, if not.
func (b *bfs) commit(chunks []*chunk) (uint32, error) {
	k, end, err := b.prefix(chunks)
	if b.canCommitParallel(chunks[:k]) {
		b.committer.commitParallel(chunks[:k])
		return end, err
	}
	for _, c := range chunks[:k] {
		if p, ok := b.commitChunk(c); !ok {
			return p, ErrStateLimit
		}
	}
	return end, err
}

// prefix returns the number of chunks to commit, the end of the states
// they expanded, and why that is not the whole level, if not.
//
// Workers take chunks in order and finish every chunk they take unless
// Next fails, so the chunks before the first failed or untaken one are all
// complete: the result is the one a sequential search would give, except
// that cancellation may stop it at a different place.
func (b *bfs) prefix(chunks []*chunk) (int, uint32, error) {
	for i, c := range chunks {
		switch {
		case c.err != nil:
			return i + 1, c.end, &ModelError{State: StateID(c.end), Err: c.err}
		case c.end < c.hi:
			return i, c.end, b.ctx.Err()
		}
	}
	return len(chunks), chunks[len(chunks)-1].hi, nil
}

// commitChunk inserts c's candidates. If the state limit stops it, it
// returns the parent of the first candidate it could not store, and false.
func (b *bfs) commitChunk(c *chunk) (uint32, bool) {
	st := &b.g.st
	w := b.width
	for i, h := range c.hashes {
		s := c.states[i*w : (i+1)*w]
		if len(st.parent) < b.maxStates {
			st.insert(h, s, c.parents[i])
		} else if _, ok := st.lookup(h, s); !ok {
			return c.parents[i], false
		}
	}
	return 0, true
}

// account marks the level's states before end as expanded.
func (b *bfs) account(chunks []*chunk, end uint32) {
	for _, c := range chunks {
		for i, n := range c.yields {
			id := c.lo + uint32(i)
			if id >= end {
				return
			}
			b.g.markExpanded(id, n)
		}
	}
}

// A worker expands chunks with its own Expander.
type worker struct {
	b     *bfs
	exp   Expander
	yield func([]byte) // w.onSucc, bound once
	c     *chunk
	cur   uint32 // the state being expanded
	n     uint32 // its successors so far
	bad   error  // set if one of them has the wrong width
	local localSet
	sibs  siblings
	batch batch
	// touched keeps the loads that warm the cache for a batch (see
	// batch.go) from being optimized away.
	touched byte

	// Workers are small and allocated together; without padding, two of
	// them would share a cache line and every w.n++ would bounce it.
	_ [128]byte
}

// run expands chunks in order until none is left, one fails, or the
// search is cancelled.
func (w *worker) run(chunks []*chunk) {
	b := w.b
	for !b.stop.Load() && !cancelled(b.done) {
		i := int(b.next.Add(1) - 1)
		if i >= len(chunks) {
			return
		}
		if !w.expand(chunks[i]) {
			b.stop.Store(true)
		}
		b.meter.transitions.Add(chunks[i].transitions)
	}
}

// expand computes the candidates of c. It returns false if Next failed.
func (w *worker) expand(c *chunk) bool {
	w.c = c
	w.local.reset()
	for id := c.lo; id < c.hi; id++ {
		w.cur, w.n, w.bad = id, 0, nil
		s := w.b.g.st.at(id)
		w.sibs.reset(s)
		err := w.exp.Next(s, w.yield)
		if err == nil {
			err = w.bad
		}
		if err != nil {
			w.flush()
			c.truncate(c.candidatesBefore(id), w.b.width)
			c.err = err
			return false
		}
		c.yields = append(c.yields, w.n)
		c.transitions += int64(w.n)
		c.end = id + 1
	}
	w.flush()
	return true
}

// onSucc keeps s as a candidate unless it is already stored. It does not
// allocate: the chunk's buffers are reused from level to level.
func (w *worker) onSucc(s []byte) {
	w.n++
	if len(s) != w.b.width {
		if w.bad == nil {
			w.bad = errWidth{got: len(s), want: w.b.width}
		}
		return
	}
	if w.sibs.self(s) {
		return
	}
	h := hash(s)
	if w.sibs.seen(s, h) {
		return
	}
	w.batch.push(s, h, w.cur)
	if w.batch.full() {
		w.flush()
	}
}
