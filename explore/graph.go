package explore

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// A Graph is the result of [Explore]: the stored states, each with the
// parent it was first reached from, and which of them were expanded. It
// does not store edges; see [Graph.Edges].
//
// A Graph is immutable once Explore returns and is safe for concurrent use.
// Methods taking a StateID panic if it is not less than [Graph.Len].
type Graph struct {
	st        store
	levels    []uint32 // BFS: levels[d] is the first ID at depth d
	depth     []uint32 // DFS: depth of each state (nil in BFS)
	expanded  []uint64 // bit set of expanded states
	nExpanded int
	// stopped is set when the search ended early, for any reason: a
	// limit, a hook, cancellation, a model error. The states it stored
	// may then all be expanded (none at all, when a limit stopped it
	// before the first), and the graph is still partial.
	stopped     bool
	nInit       int
	deadlocks   []StateID
	transitions int64
	maxDepth    int
}

func newGraph(width int) *Graph {
	g := &Graph{}
	g.st.init(width)
	return g
}

// Len returns the number of stored states. Their IDs are 0 to Len()-1.
func (g *Graph) Len() int { return len(g.st.parent) }

// State returns the encoding of state id. The caller must not modify it.
// A compact graph keeps no states: State panics; see [Graph.PathStates].
func (g *Graph) State(id StateID) []byte {
	g.check(id)
	if g.st.compact {
		panic(ErrCompact)
	}
	return g.st.at(uint32(id))
}

// Compact reports whether g was built with [Options.Compact].
func (g *Graph) Compact() bool { return g.st.compact }

// Lookup returns the ID of the state encoded as s, if it was stored. A
// compact graph cannot tell IDs from fingerprints: it reports false.
func (g *Graph) Lookup(s []byte) (StateID, bool) {
	if len(s) != g.st.width || g.Len() == 0 || g.st.compact {
		return 0, false
	}
	id, ok := g.st.lookup(hash(s), s)
	return StateID(id), ok
}

// Parent returns the state from which id was first reached. Initial states
// have none.
func (g *Graph) Parent(id StateID) (StateID, bool) {
	p := g.st.parent[id]
	return StateID(p), p != noParent
}

// Depth returns the length of [Graph.Path](id) minus one: the number of
// transitions from an initial state to id along parents. In BFS it is the
// distance from the nearest initial state.
func (g *Graph) Depth(id StateID) int {
	g.check(id)
	if g.depth != nil {
		return int(g.depth[id])
	}
	return sort.Search(len(g.levels), func(d int) bool { return g.levels[d] > uint32(id) }) - 1
}

// Path returns the states from an initial state to id, following parents.
// In BFS it is a shortest path.
func (g *Graph) Path(id StateID) []StateID {
	path := make([]StateID, 0, g.Depth(id)+1)
	for ok := true; ok; id, ok = g.Parent(id) {
		path = append(path, id)
	}
	slices.Reverse(path)
	return path
}

// PathStates returns the encodings of the states of [Graph.Path](id), in
// order. A compact graph rebuilds them by replaying m, the model that
// built g: the initial state is the one Init yielded at the recorded
// index, and each next state the successor Next yielded at the recorded
// index. It fails if m does not reproduce the path.
func (g *Graph) PathStates(m Model, id StateID) ([][]byte, error) {
	ids := g.Path(id)
	out := make([][]byte, len(ids))
	if !g.st.compact {
		for i, x := range ids {
			out[i] = slices.Clone(g.State(x))
		}
		return out, nil
	}
	var err error
	if out[0], err = pick(g.st.succ[ids[0]], m.Init); err != nil {
		return nil, fmt.Errorf("explore: replaying state %d: init: %w", id, err)
	}
	exp := m.NewExpander()
	for i := 1; i < len(ids); i++ {
		next := func(yield func([]byte)) error { return exp.Next(out[i-1], yield) }
		if out[i], err = pick(g.st.succ[ids[i]], next); err != nil {
			return nil, fmt.Errorf("explore: replaying state %d, step %d: %w", id, i, err)
		}
		if len(out[i]) != g.st.width {
			return nil, errWidth{got: len(out[i]), want: g.st.width}
		}
	}
	return out, nil
}

// pick returns a copy of the k-th state gen yields.
func pick(k uint32, gen func(yield func([]byte)) error) ([]byte, error) {
	var out []byte
	n := uint32(0)
	err := gen(func(s []byte) {
		if n == k {
			out = slices.Clone(s)
		}
		n++
	})
	if err == nil && out == nil {
		err = fmt.Errorf("yielded %d states, want at least %d", n, k+1)
	}
	return out, err
}

// Initial returns the IDs of the initial states, in the order the model
// yielded them (duplicates merged). They are 0 to len-1.
func (g *Graph) Initial() []StateID {
	ids := make([]StateID, g.nInit)
	for i := range ids {
		ids[i] = StateID(i)
	}
	return ids
}

// Expanded reports whether all successors of id were computed and stored.
func (g *Graph) Expanded(id StateID) bool {
	g.check(id)
	i := int(id >> 6)
	return i < len(g.expanded) && g.expanded[i]&(1<<(id&63)) != 0
}

// Complete reports whether the search ran to its end and expanded every
// stored state: then the graph holds every reachable state.
func (g *Graph) Complete() bool { return !g.stopped && g.nExpanded == g.Len() }

// Deadlocks returns, in ascending order, the expanded states that have no
// successor.
func (g *Graph) Deadlocks() []StateID { return slices.Clone(g.deadlocks) }

// Stats summarizes a Graph.
type Stats struct {
	States      int64 // stored states
	Transitions int64 // successors yielded by expanded states, self-loops and parallel edges included
	MaxDepth    int   // greatest depth of a stored state
	// Bytes is the memory held by the graph; for a compact graph, with
	// the states held at the peak of the search.
	Bytes int64
	// Compact says the graph was built with [Options.Compact]; Omission is
	// then a bound on the probability that a state was omitted (see
	// [OmissionBound]), and 0 otherwise.
	Compact  bool
	Omission float64
}

// FingerprintBits is the size of the fingerprints of [Options.Compact].
const FingerprintBits = 64

// Stats returns the size of the graph and the work that built it.
func (g *Graph) Stats() Stats {
	s := Stats{States: int64(g.Len()), Transitions: g.transitions, MaxDepth: g.maxDepth, Bytes: g.bytes(), Compact: g.st.compact}
	if s.Compact {
		s.Omission = OmissionBound(s.States, FingerprintBits)
	}
	return s
}

// OmissionBound bounds the probability that hash compaction with b-bit
// fingerprints omitted a state of a search that stored n: n²/2^(b+1),
// the bound of Wolper and Leroy ("Reliable hashing without collision
// detection", CAV 1993) for fingerprints stored in a hash table. Omitting
// a state needs two of the at most n states met to share a fingerprint,
// and each of the fewer than n²/2 pairs does so with probability 2^-b.
// The result is at most 1.
func OmissionBound(n int64, b int) float64 {
	x := float64(n)
	return min(x*x/math.Exp2(float64(b+1)), 1)
}

func (g *Graph) bytes() int64 {
	return g.st.bytes() + g.sliceBytes()
}

// heldBytes returns the memory held by g now, which its budget counts.
func (g *Graph) heldBytes() int64 {
	return g.st.heldBytes() + g.sliceBytes()
}

func (g *Graph) sliceBytes() int64 {
	return int64(cap(g.levels)+cap(g.depth)+cap(g.deadlocks))*4 + int64(cap(g.expanded))*8
}

func (g *Graph) check(id StateID) {
	if int(id) >= g.Len() {
		panic("explore: state ID out of range")
	}
}

// roomToMark makes room to mark id expanded with n successors, if the
// memory budget allows, and reports whether it did.
func (g *Graph) roomToMark(id uint32, n uint32) bool {
	if int(id>>6) < len(g.expanded) && n != 0 {
		return true
	}
	return g.growMarks(id, n == 0)
}

// growMarks grows the expanded set to hold id and, if dead, the deadlocks
// by one, unless the budget forbids it. It reports whether there is room.
func (g *Graph) growMarks(id uint32, dead bool) bool {
	w := int(id >> 6)
	ec, dc := cap(g.expanded), cap(g.deadlocks)
	if w >= ec {
		ec = max(grownCap(ec), w+1)
	}
	if dead && len(g.deadlocks) == dc {
		dc = grownCap(dc)
	}
	var alloc, freed int64
	if ec != cap(g.expanded) {
		alloc += int64(ec) * 8
	}
	if dc != cap(g.deadlocks) {
		alloc += int64(dc) * 4
	}
	if alloc > 0 && !g.st.mem.fitsGraph(alloc) {
		return false
	}
	if ec != cap(g.expanded) {
		freed += int64(cap(g.expanded)) * 8
		out := make([]uint64, len(g.expanded), ec)
		copy(out, g.expanded)
		g.expanded = out
	}
	if w >= len(g.expanded) {
		g.expanded = g.expanded[:w+1]
	}
	if dc != cap(g.deadlocks) {
		freed += int64(cap(g.deadlocks)) * 4
		out := make([]StateID, len(g.deadlocks), dc)
		copy(out, g.deadlocks)
		g.deadlocks = out
	}
	g.st.mem.addGraph(alloc - freed)
	return true
}

// markExpanded records that id was expanded and had n successors. The
// caller made room with roomToMark.
func (g *Graph) markExpanded(id uint32, n uint32) {
	g.expanded[id>>6] |= 1 << (id & 63)
	g.nExpanded++
	g.transitions += int64(n)
	if n == 0 {
		g.deadlocks = append(g.deadlocks, StateID(id))
	}
}

// levelGrowth returns the bytes appendLevel allocates if a new state is
// the first of its level, its parent being at depth d.
func (g *Graph) levelGrowth(d int) int64 {
	if d+1 < len(g.levels) || len(g.levels) < cap(g.levels) {
		return 0
	}
	return int64(grownCap(cap(g.levels))) * 4
}

// appendLevel records that the states from id on are one level deeper.
func (g *Graph) appendLevel(id uint32) {
	if c := cap(g.levels); len(g.levels) == c {
		out := make([]uint32, c, grownCap(c))
		copy(out, g.levels)
		g.levels = out
		g.st.mem.addGraph(int64(cap(g.levels)-c) * 4)
	}
	g.levels = append(g.levels, id)
}

// appendDepth records the depth of a new state, in DFS; after
// depthGrowth bytes were granted, if any.
func (g *Graph) appendDepth(d uint32) {
	if len(g.depth) == cap(g.depth) {
		c := cap(g.depth)
		out := make([]uint32, len(g.depth), grownCap(c))
		copy(out, g.depth)
		g.depth = out
		g.st.mem.addGraph(int64(cap(g.depth)-c) * 4)
	}
	g.depth = append(g.depth, d)
}

// depthGrowth returns the bytes the next appendDepth allocates.
func (g *Graph) depthGrowth() int64 {
	if g.depth == nil || len(g.depth) < cap(g.depth) {
		return 0
	}
	return int64(grownCap(cap(g.depth))) * 4
}

// finish computes what is cheaper to compute once, at the end.
func (g *Graph) finish() {
	slices.Sort(g.deadlocks)
	if g.depth == nil {
		g.maxDepth = max(len(g.levels)-1, 0)
	}
}
