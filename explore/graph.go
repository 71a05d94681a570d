package explore

import (
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
	st          store
	levels      []uint32 // BFS: levels[d] is the first ID at depth d
	depth       []uint32 // DFS: depth of each state (nil in BFS)
	expanded    []uint64 // bit set of expanded states
	nExpanded   int
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
func (g *Graph) State(id StateID) []byte {
	g.check(id)
	return g.st.at(uint32(id))
}

// Lookup returns the ID of the state encoded as s, if it was stored.
func (g *Graph) Lookup(s []byte) (StateID, bool) {
	if len(s) != g.st.width || g.Len() == 0 {
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

// Complete reports whether every stored state was expanded: then the graph
// holds every reachable state.
func (g *Graph) Complete() bool { return g.nExpanded == g.Len() }

// Deadlocks returns, in ascending order, the expanded states that have no
// successor.
func (g *Graph) Deadlocks() []StateID { return slices.Clone(g.deadlocks) }

// Stats summarizes a Graph.
type Stats struct {
	States      int64 // stored states
	Transitions int64 // successors yielded by expanded states, self-loops and parallel edges included
	MaxDepth    int   // greatest depth of a stored state
	Bytes       int64 // memory held by the graph
}

// Stats returns the size of the graph and the work that built it.
func (g *Graph) Stats() Stats {
	return Stats{States: int64(g.Len()), Transitions: g.transitions, MaxDepth: g.maxDepth, Bytes: g.bytes()}
}

func (g *Graph) bytes() int64 {
	return g.st.bytes() + int64(cap(g.levels)+cap(g.depth)+cap(g.deadlocks))*4 + int64(cap(g.expanded))*8
}

func (g *Graph) check(id StateID) {
	if int(id) >= g.Len() {
		panic("explore: state ID out of range")
	}
}

// markExpanded records that id was expanded and had n successors.
func (g *Graph) markExpanded(id uint32, n uint32) {
	for int(id>>6) >= len(g.expanded) {
		g.expanded = append(g.expanded, 0)
	}
	g.expanded[id>>6] |= 1 << (id & 63)
	g.nExpanded++
	g.transitions += int64(n)
	if n == 0 {
		g.deadlocks = append(g.deadlocks, StateID(id))
	}
}

// finish computes what is cheaper to compute once, at the end.
func (g *Graph) finish() {
	slices.Sort(g.deadlocks)
	if g.depth == nil {
		g.maxDepth = max(len(g.levels)-1, 0)
	}
}
