package explore

import (
	"sync"
	"sync/atomic"
)

// Committing a level in parallel gives the same IDs as inserting its
// candidates one by one, in order:
//
//  1. Scatter (by chunk): list each candidate's position, grouped by shard
//     and, within a shard, in candidate order. All copies of a state hash
//     alike, so they land in the same shard, in order.
//  2. Dedupe (by shard): insert each candidate unless its shard already
//     holds it, under a provisional value naming its position, and
//     remember its slot. The first copy of each new state wins, as it
//     would sequentially.
//  3. Number (sequential): count the new states per chunk; a prefix sum
//     gives each chunk its first ID.
//  4. Place (by chunk): copy each new state to the arena under its ID,
//     set its parent, and overwrite its provisional slot with the ID.
//
// Provisional values are ID+1 for IDs from n0 (the number of states before
// the level) up, so lookups within the level tell them from stored states.

// parallelMin is the number of candidates below which a level is committed
// sequentially: fewer do not pay for four rounds of synchronization.
// Tests lower it to exercise the parallel path on small graphs.
var parallelMin = 8192

// noSlot marks a candidate that was already stored.
const noSlot = ^uint32(0)

// A committer holds the scratch space of parallel commits, reused from
// level to level.
type committer struct {
	b          *bfs
	chunks     []*chunk
	n0         uint32
	order      []uint64 // chunk index << 32 | candidate index, by shard
	shardStart [shards + 1]int
	touched    [shards]uint64 // keeps dedupe's prefetching loads
}

// canCommitParallel reports whether chunks should be committed in
// parallel: there are enough candidates, and even if all were new they
// would not reach the state limit (cutting a parallel commit short would
// need deletions from the table).
func (b *bfs) canCommitParallel(chunks []*chunk) bool {
	var total int
	for _, c := range chunks {
		total += len(c.hashes)
	}
	return len(b.workers) > 1 && total >= parallelMin && b.g.Len()+total < b.maxStates
}

// commitParallel inserts the candidates of chunks.
func (cm *committer) commitParallel(chunks []*chunk) {
	cm.chunks, cm.n0 = chunks, uint32(cm.b.g.Len())
	cm.layout()
	cm.parallel(len(chunks), cm.scatter)
	cm.parallel(shards, cm.dedupe)
	cm.parallel(len(chunks), cm.count)
	cm.number()
	cm.parallel(len(chunks), cm.place)
}

// layout computes where each chunk's candidates of each shard go in order.
func (cm *committer) layout() {
	var total int
	for s := range shards {
		cm.shardStart[s] = total
		for _, c := range cm.chunks {
			c.shardOff[s] = uint32(total)
			total += int(c.shardCount[s])
		}
	}
	cm.shardStart[shards] = total
	if cap(cm.order) < total {
		cm.order = make([]uint64, total)
	}
	cm.order = cm.order[:total]
}

// parallel calls f(0) to f(n-1) on the search's workers.
func (cm *committer) parallel(n int, f func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(cm.b.workers), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

func (cm *committer) scatter(ci int) {
	c := cm.chunks[ci]
	c.slot = c.slot[:0]
	for i, h := range c.hashes {
		s := shardOf(h)
		cm.order[c.shardOff[s]] = uint64(ci)<<32 | uint64(i)
		c.shardOff[s]++
		c.slot = append(c.slot, noSlot)
	}
}

// candidate returns the state, hash and chunk of the candidate at pos.
func (cm *committer) candidate(pos int) ([]byte, uint64, *chunk, int) {
	v := cm.order[pos]
	c, i := cm.chunks[v>>32], int(uint32(v))
	w := cm.b.width
	return c.states[i*w : (i+1)*w], c.hashes[i], c, i
}

func (cm *committer) dedupe(s int) {
	t := &cm.b.g.st.tables[s]
	lo, hi := cm.shardStart[s], cm.shardStart[s+1]
	t.reserve(hi - lo)
	var touch uint64
	for pos := lo; pos < hi; pos++ {
		// Load the home slot of a candidate further on, so that its cache
		// miss overlaps the probes in between.
		if ahead := pos + prefetchDistance; ahead < hi {
			touch += t.slots[t.home(uint32(cm.hashAt(ahead)>>32))]
		}
		x, h, c, i := cm.candidate(pos)
		if slot, ok := cm.probe(t, h, x); ok {
			t.slots[slot] = h>>32<<32 | uint64(cm.n0) + uint64(pos) + 1
			t.count++
			c.slot[i] = slot
		}
	}
	cm.touched[s] = touch
}

// prefetchDistance is how many candidates ahead dedupe loads a home slot.
const prefetchDistance = 12

// hashAt returns the hash of the candidate at pos.
func (cm *committer) hashAt(pos int) uint64 {
	v := cm.order[pos]
	return cm.chunks[v>>32].hashes[uint32(v)]
}

// probe returns the empty slot where x, whose hash is h, belongs, or false
// if x is stored or was found earlier in the level.
func (cm *committer) probe(t *table, h uint64, x []byte) (uint32, bool) {
	tag := uint32(h >> 32)
	m := uint32(len(t.slots) - 1)
	for i := t.home(tag); ; i = (i + 1) & m {
		v := t.slots[i]
		if v == 0 {
			return i, true
		}
		if uint32(v>>32) != tag {
			continue
		}
		var y []byte
		if id := uint32(v) - 1; id < cm.n0 {
			y = cm.b.g.st.at(id)
		} else {
			y, _, _, _ = cm.candidate(int(id - cm.n0))
		}
		if string(x) == string(y) {
			return 0, false
		}
	}
}

func (cm *committer) count(ci int) {
	c := cm.chunks[ci]
	c.fresh = 0
	for _, s := range c.slot {
		if s != noSlot {
			c.fresh++
		}
	}
}

// number gives each chunk its first ID and makes room for the new states.
func (cm *committer) number() {
	st := &cm.b.g.st
	n := cm.n0
	for _, c := range cm.chunks {
		c.firstID = n
		n += c.fresh
	}
	st.extend(int(n))
	st.parent = growParents(st.parent, int(n))
}

func (cm *committer) place(ci int) {
	c := cm.chunks[ci]
	st := &cm.b.g.st
	id := c.firstID
	for i, slot := range c.slot {
		if slot == noSlot {
			continue
		}
		w := cm.b.width
		copy(st.at(id), c.states[i*w:(i+1)*w])
		st.parent[id] = c.parents[i]
		h := c.hashes[i]
		st.tables[shardOf(h)].slots[slot] = h>>32<<32 | uint64(id+1)
		id++
	}
}

// growParents returns parent extended to n entries. Unlike append, which
// grows a large slice by a quarter at a time, it doubles the capacity, so
// that the copies, made while the other workers wait, add up to at most
// the final size.
func growParents(parent []uint32, n int) []uint32 {
	if n <= cap(parent) {
		return parent[:n]
	}
	out := make([]uint32, n, max(n, 2*cap(parent)))
	copy(out, parent)
	return out
}
