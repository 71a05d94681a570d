package explore

import (
	"context"
	"slices"
	"sync"
)

// Breadth-first search is a sequential search made parallel. The
// sequential search keeps its states in a FIFO queue, which is the ID
// order: it expands state after state, and stores each successor not yet
// stored under the next ID. Here the expansion, which is most of the
// work, is shared among workers, and the storing stays sequential, so the
// IDs are exactly those of the sequential search whatever the number of
// workers.
//
// States are handed out for expansion in chunks of consecutive IDs, as
// soon as they are stored, and only below the depth limit. A worker calls
// Next on each state of its chunk, drops self-loops and successors
// already met in the chunk (local.go), and looks the others up in the
// visited set, in batches whose cache misses overlap (batch.go). The
// successors not found, with their hashes and parents, are the chunk's
// candidates.
//
// Chunks are committed in ID order, one at a time, by whichever worker
// finds the oldest chunk expanded (commit.go): its candidates are stored
// in order, unless stored meanwhile, and its states are marked expanded.
// Committing is a fraction of the work of expanding, so while one worker
// commits, the others expand; the visited set has one writer and many
// lock-free readers (store.go). There is no barrier between levels.

// maxChunk is the largest number of states in a chunk, and maxQueue the
// most chunks a worker may have handed out and not committed: enough for
// load balance and for a worker to find the next chunk ready, few enough
// that candidates are committed while they are still in cache.
// Tests lower maxChunk to exercise the hand-over between workers.
var maxChunk = 1024

const maxQueue = 8

// A chunk is a range of consecutive states and what expanding it produced.
type chunk struct {
	lo, hi      uint32   // states [lo, hi)
	end         uint32   // states [lo, end) were expanded
	err         error    // why state end could not be expanded, if it could not
	expanded    bool     // the worker is done with it (under bfs.mu)
	yields      []uint32 // yields[i] is the number of successors of state lo+i
	transitions int64
	states      []byte // candidates, back to back
	hashes      []uint64
	parents     []uint32
	index       []uint32 // index[i]: which successor of parents[i] candidate i is
	held        int64    // bytes of the buffers above, as the budget counts them

	// Keeps neighbouring chunks, which other workers write, off our cache
	// lines.
	_ [cacheLine]byte
}

func (c *chunk) reset(lo, hi uint32) {
	c.lo, c.hi, c.end, c.err, c.expanded = lo, hi, lo, nil, false
	c.transitions = 0
	c.yields, c.states, c.hashes, c.parents = c.yields[:0], c.states[:0], c.hashes[:0], c.parents[:0]
	c.index = c.index[:0]
}

// roomForYields makes room for the successor counts of c's states, if the
// budget allows, and reports whether it did.
func (c *chunk) roomForYields(mem *budget) bool {
	n, old := int(c.hi-c.lo), cap(c.yields)
	if n <= old {
		return true
	}
	n = max(n, 2*old)
	if !mem.growWork(int64(n)*4, int64(old)*4) {
		return false
	}
	c.yields = make([]uint32, 0, n)
	c.held += int64(n-old) * 4
	return true
}

// release lets go of c's buffers.
func (c *chunk) release(mem *budget) {
	mem.work.Add(-c.held)
	c.held = 0
	c.yields, c.states, c.hashes, c.parents, c.index = nil, nil, nil, nil, nil
}

// full reports whether c needs to grow for another candidate.
func (c *chunk) full() bool { return len(c.hashes) == cap(c.hashes) }

// add appends a candidate; c must not be full.
func (c *chunk) add(s []byte, h uint64, parent, index uint32) {
	c.states = append(c.states, s...)
	c.hashes = append(c.hashes, h)
	c.parents = append(c.parents, parent)
	c.index = append(c.index, index)
}

// grow doubles the room for candidates of width bytes, if the budget
// allows.
func (c *chunk) grow(width int, mem *budget) bool {
	old, n := cap(c.hashes), grownCap(cap(c.hashes))
	per := int64(width + 8 + 4 + 4)
	if !mem.growWork(int64(n)*per, int64(old)*per) {
		return false
	}
	c.held += int64(n-old) * per
	states := make([]byte, len(c.states), n*width)
	hashes := make([]uint64, len(c.hashes), n)
	parents := make([]uint32, len(c.parents), n)
	index := make([]uint32, len(c.index), n)
	copy(states, c.states)
	copy(hashes, c.hashes)
	copy(parents, c.parents)
	copy(index, c.index)
	c.states, c.hashes, c.parents, c.index = states, hashes, parents, index
	return true
}

// cut drops what c's expansion produced from state q on, which the memory
// budget left unexpanded, and records ErrMemoryLimit as the reason.
func (c *chunk) cut(q uint32, width int) {
	c.truncate(c.candidatesBefore(q), width)
	for _, n := range c.yields[q-c.lo:] {
		c.transitions -= int64(n)
	}
	c.yields = c.yields[:q-c.lo]
	c.end, c.err = q, ErrMemoryLimit
}

// truncate drops the candidates from the n-th on.
func (c *chunk) truncate(n, width int) {
	c.states, c.hashes, c.parents, c.index = c.states[:n*width], c.hashes[:n], c.parents[:n], c.index[:n]
}

// candidatesBefore returns the number of c's candidates whose parent
// precedes id.
func (c *chunk) candidatesBefore(id uint32) int {
	n := len(c.parents)
	for n > 0 && c.parents[n-1] >= id {
		n--
	}
	return n
}

// A bfs is one breadth-first search: its graph, limits and workers.
type bfs struct {
	g         *Graph
	width     int
	maxStates int
	maxDepth  int
	workers   []*worker
	done      <-chan struct{}
	ctx       context.Context
	meter     *meter
	commit    *committer

	mu   sync.Mutex
	cond sync.Cond // signalled when a chunk is expanded or committed
	// Under mu:
	next       uint32   // the first state not handed out
	avail      uint32   // states below avail may be handed out
	queue      []*chunk // handed out and not committed, in ID order
	committing bool     // a worker is committing queue[0]
	halt       bool     // hand out no more chunks: one failed
	finished   bool
	err        error
	free       []*chunk
}

func newBFS(ctx context.Context, g *Graph, m Model, opt Options, mt *meter) *bfs {
	b := &bfs{g: g, width: g.st.width, maxStates: stateLimit(opt), maxDepth: depthLimit(opt),
		done: ctx.Done(), ctx: ctx, meter: mt}
	b.cond.L = &b.mu
	b.commit = &committer{b: b, check: opt.Check, deadlock: opt.Deadlock}
	for range workerCount(opt.Workers) {
		w := &worker{b: b, st: &g.st, width: g.st.width, exp: m.NewExpander()}
		w.yield = w.onSucc
		b.workers = append(b.workers, w)
	}
	return b
}

// run explores until no state is left to expand, a limit or a model error
// stops the search, or ctx is cancelled.
func (b *bfs) run() error {
	b.avail = b.commit.avail()
	if len(b.workers) == 1 {
		b.workers[0].run()
	} else {
		var wg sync.WaitGroup
		for _, w := range b.workers {
			wg.Go(w.run)
		}
		wg.Wait()
	}
	b.meter.graph(b.g)
	if testWork != nil {
		testWork(b.g.st.mem.work.Load(), b.workBytes())
	}
	return b.err
}

// testWork, if not nil, is called at the end of a search with the bytes
// the budget counts for the working buffers and those they hold.
var testWork func(counted, held int64)

// workBytes returns the bytes of the working buffers, from their
// capacities.
func (b *bfs) workBytes() int64 {
	var n int64
	for _, c := range slices.Concat(b.queue, b.free) {
		n += int64(cap(c.states) + 8*cap(c.hashes) + 4*(cap(c.parents)+cap(c.index)+cap(c.yields)))
	}
	for _, w := range b.workers {
		n += int64(4*cap(w.local.slots) + cap(w.local.states) + 8*cap(w.local.hashes))
	}
	return n
}

// run takes turns at committing and expanding until the search ends.
func (w *worker) run() {
	b := w.b
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.finished {
		switch {
		case b.canCommit():
			w.commitHead()
		case cancelled(b.done):
			b.finish(b.ctx.Err())
		case b.canHandOut():
			w.expandNext()
		case len(b.queue) == 0:
			b.finish(b.commit.end())
		default:
			b.cond.Wait()
		}
	}
}

// canCommit reports whether the oldest chunk is expanded and nobody is
// committing.
func (b *bfs) canCommit() bool {
	return !b.committing && len(b.queue) > 0 && b.queue[0].expanded
}

// canHandOut reports whether a worker may take a new chunk. When the
// working buffers hold more than half the memory budget's reserve for
// them, only one chunk is out at a time.
func (b *bfs) canHandOut() bool {
	return !b.halt && b.next < b.avail && len(b.queue) < maxQueue*len(b.workers) &&
		(len(b.queue) == 0 || !b.g.st.mem.tight())
}

// finish ends the search with err and wakes the waiting workers.
func (b *bfs) finish(err error) {
	b.finished, b.err = true, err
	b.cond.Broadcast()
}

// commitHead commits the oldest chunk, outside the lock. Called with b.mu
// held, it returns with it held.
func (w *worker) commitHead() {
	b := w.b
	c := b.queue[0]
	b.committing = true
	b.mu.Unlock()
	err := b.commit.chunk(c)
	b.meter.transitions.Add(c.transitions)
	b.meter.graph(b.g)
	b.mu.Lock()
	b.committing = false
	b.queue = b.queue[1:]
	if b.g.st.mem.tight() {
		c.release(b.g.st.mem)
	}
	b.free = append(b.free, c)
	b.avail = b.commit.avail()
	b.meter.level(b.commit.depth, int(b.avail-b.next))
	if err != nil {
		b.finish(err)
	}
	b.cond.Broadcast()
}

// expandNext takes the next chunk and expands it, outside the lock. Called
// with b.mu held, it returns with it held.
func (w *worker) expandNext() {
	b := w.b
	c := b.newChunk()
	b.mu.Unlock()
	ok := w.expand(c)
	b.mu.Lock()
	c.expanded = true
	if !ok {
		b.halt = true
	}
	if c == b.queue[0] {
		b.cond.Broadcast()
	}
}

// newChunk hands out the next states: a share of those available, so that
// every worker gets some while few are (at the start of the search).
func (b *bfs) newChunk() *chunk {
	n := min(max(int(b.avail-b.next)/(2*len(b.workers)), 1), maxChunk)
	var c *chunk
	if k := len(b.free); k > 0 {
		c, b.free = b.free[k-1], b.free[:k-1]
	} else {
		c = new(chunk)
	}
	c.reset(b.next, b.next+uint32(n))
	b.next = c.hi
	b.queue = append(b.queue, c)
	return c
}

// A worker expands chunks with its own Expander, and commits them.
type worker struct {
	b      *bfs
	st     *store
	width  int
	exp    Expander
	yield  func([]byte) // w.onSucc, bound once
	c      *chunk
	cur    uint32 // the state being expanded
	n      uint32 // its successors so far
	bad    error  // set if one of them has the wrong width
	full   bool   // the memory budget stopped the expansion of the chunk
	fullAt uint32 // at this state, which is not expanded
	parent []byte // the state being expanded
	local  localSet
	batch  batch
	// touched keeps the loads that warm the cache for a batch (see
	// batch.go) from being optimized away.
	touched byte

	// Workers are small and allocated together; without padding, two of
	// them would share a cache line and every w.n++ would bounce it.
	_ [cacheLine]byte
}

// expand computes the candidates of c. It returns false if Next failed
// or the memory budget stopped it.
func (w *worker) expand(c *chunk) bool {
	w.c, w.full = c, false
	if !c.roomForYields(w.st.mem) || !w.local.reset(w.width, int(c.hi-c.lo), w.st.mem) {
		c.cut(c.lo, w.width)
		return false
	}
	for id := c.lo; id < c.hi; id++ {
		w.cur, w.n, w.bad = id, 0, nil
		w.parent = w.st.at(id)
		err := w.exp.Next(w.parent, w.yield)
		if err == nil {
			err = w.bad
		}
		if err != nil || w.full {
			w.flush()
			if w.full && (err == nil || w.fullAt < id) {
				c.cut(w.fullAt, w.width)
				return false
			}
			c.truncate(c.candidatesBefore(id), w.width)
			c.err = err
			return false
		}
		c.yields = append(c.yields, w.n)
		c.transitions += int64(w.n)
		c.end = id + 1
	}
	w.flush()
	if w.full {
		c.cut(w.fullAt, w.width)
		return false
	}
	return true
}

// fail records that the memory budget stopped the expansion at state q.
func (w *worker) fail(q uint32) {
	if !w.full || q < w.fullAt {
		w.full, w.fullAt = true, q
	}
}

// onSucc keeps s as a candidate unless it is already stored. It does not
// allocate: the chunk's buffers are reused.
func (w *worker) onSucc(s []byte) {
	w.n++
	if len(s) != w.width {
		if w.bad == nil {
			w.bad = errWidth{got: len(s), want: w.width}
		}
		return
	}
	// A self-loop is common (a duplicate delivery that changes nothing)
	// and cheaper to recognize than to hash.
	if string(s) == string(w.parent) {
		return
	}
	if w.full {
		return
	}
	k, isNew, ok := w.local.add(hash(s), s, w.st.mem)
	if !ok {
		w.fail(w.cur)
		return
	}
	if !isNew {
		return
	}
	w.batch.push(k, w.cur, w.n-1)
	if w.batch.full() {
		w.flush()
	}
}
