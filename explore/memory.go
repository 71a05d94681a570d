package explore

import "sync/atomic"

// A budget accounts the bytes a search holds against Options.MaxMemory:
// the graph (arena, tables, parent links, bit sets, levels) and the
// working buffers (BFS: each chunk's candidates and each worker's local
// set; DFS: the stack and the successors of the state being expanded).
// Every allocation that grows one of them asks first, with the bytes it
// is about to allocate while the array it replaces is still held; only
// the growth of a few small slices (levels, the chunk list) is counted
// after the fact.
//
// The graph's growth is a deterministic sequence, as the committer stores
// states in the order of the sequential search; the working buffers are
// not, they depend on the chunks the workers took. So that a memory stop
// is deterministic too, the graph may only use the budget minus a
// reserve for the buffers (see newBudget), or minus what the buffers
// hold if that is more: the stop then depends on the buffers only
// when they pass the reserve.
type budget struct {
	max     int64        // Options.MaxMemory; 0 means no bound
	reserve int64        // kept from the graph for the working buffers
	graph   atomic.Int64 // held by the graph; changed by its writer only
	work    atomic.Int64 // held by the working buffers
	peak    atomic.Int64 // the most held at once, for tests
}

// minReserve is the least reserve for the working buffers of breadth-
// first search: a worker's set of successors alone takes 64 KiB.
const minReserve = 1 << 20

// newBudget returns the budget of a search with opt. Breadth-first
// search keeps for its working buffers an eighth of the budget, at least
// minReserve, at most half; it does not depend on opt.Workers, so that
// the graph's share does not either.
func newBudget(opt Options) *budget {
	b := &budget{max: max(opt.MaxMemory, 0)}
	if opt.Order == BFS {
		b.reserve = min(b.max/2, max(b.max/8, minReserve))
	}
	return b
}

// fitsGraph reports whether the graph may allocate n more bytes.
func (b *budget) fitsGraph(n int64) bool {
	return b.max == 0 || b.graph.Load()+n+max(b.reserve, b.work.Load()) <= b.max
}

// addGraph records that the graph's size changed by n bytes.
func (b *budget) addGraph(n int64) {
	b.graph.Add(n)
	b.notePeak()
}

// growWork asks to allocate alloc bytes of working buffers, which
// replace buffers of freed bytes once copied. It records the change and
// returns true, or returns false if the budget forbids it.
func (b *budget) growWork(alloc, freed int64) bool {
	if b.max != 0 && b.graph.Load()+b.work.Load()+alloc > b.max {
		return false
	}
	b.work.Add(alloc - freed)
	b.notePeak()
	return true
}

// notePeak records the bytes held, if they are the most yet.
func (b *budget) notePeak() {
	n := b.held()
	for p := b.peak.Load(); n > p && !b.peak.CompareAndSwap(p, n); p = b.peak.Load() {
	}
}

// tight reports whether the working buffers hold more than half of the
// reserve kept for them: then breadth-first search hands out one chunk
// at a time, and lets go of the buffers of the chunks it commits.
func (b *budget) tight() bool {
	return b.max != 0 && b.work.Load() > b.reserve/2
}

// held returns the bytes held by the graph and the working buffers.
func (b *budget) held() int64 { return b.graph.Load() + b.work.Load() }

// grownCap returns the capacity a full slice of capacity c doubles to.
func grownCap(c int) int { return max(64, 2*c) }
