package explore

import (
	"encoding/binary"
	"errors"
	"slices"
	"testing"
)

// graphModel is a literal graph: node k is the state encoded as k in four
// big-endian bytes, node 0 is the initial state, and the successors of k
// are g[k] in order. A node without an entry has no successor.
type graphModel map[int][]int

func (g graphModel) Width() int                    { return 4 }
func (g graphModel) Init(yield func([]byte)) error { yield(enc(0)); return nil }
func (g graphModel) NewExpander() Expander         { return &graphExpander{g: g} }

// graphExpander reuses one buffer for every successor, as the contract
// allows, so tests also check that the search copies what it keeps.
type graphExpander struct {
	g   graphModel
	buf [4]byte
}

func (e *graphExpander) Next(s []byte, yield func([]byte)) error {
	for _, t := range e.g[dec(s)] {
		binary.BigEndian.PutUint32(e.buf[:], uint32(t))
		yield(e.buf[:])
	}
	return nil
}

// multiInit is a graphModel with other initial states, yielded in order.
type multiInit struct {
	graphModel
	init []int
}

func (m multiInit) Init(yield func([]byte)) error {
	for _, k := range m.init {
		yield(enc(k))
	}
	return nil
}

var errBroken = errors.New("broken node")

// failing is a graphModel whose Next fails at node at, after yielding its
// successors (which must then be ignored).
type failing struct {
	graphModel
	at int
}

func (f failing) NewExpander() Expander { return failingExpander{f.graphModel.NewExpander(), f.at} }

type failingExpander struct {
	Expander
	at int
}

func (e failingExpander) Next(s []byte, yield func([]byte)) error {
	err := e.Expander.Next(s, yield)
	if dec(s) == e.at {
		return errBroken
	}
	return err
}

func enc(k int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(k)) }
func dec(s []byte) int { return int(binary.BigEndian.Uint32(s)) }

// node returns the literal node stored as id.
func node(g *Graph, id StateID) int { return dec(g.State(id)) }

// nodes returns the literal nodes of ids.
func nodes(g *Graph, ids []StateID) []int {
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = node(g, id)
	}
	return out
}

// mustLookup returns the ID of node k.
func mustLookup(t *testing.T, g *Graph, k int) StateID {
	t.Helper()
	id, ok := g.Lookup(enc(k))
	if !ok {
		t.Fatalf("node %d not stored", k)
	}
	return id
}

// checkPaths checks that every stored state replays from an initial state
// along edges of lit, with Depth matching the path, and that Lookup finds
// it again. Parents have smaller IDs, so checking each state's last step
// checks every path; Path itself is checked on a sample.
func checkPaths(t *testing.T, g *Graph, lit graphModel, initial []int) {
	t.Helper()
	for id := range StateID(g.Len()) {
		if got, ok := g.Lookup(g.State(id)); !ok || got != id {
			t.Fatalf("Lookup(State(%d)) = %d, %v", id, got, ok)
		}
		p, ok := g.Parent(id)
		switch {
		case !ok && (g.Depth(id) != 0 || !slices.Contains(initial, node(g, id))):
			t.Fatalf("state %d (node %d) has no parent but is not initial", id, node(g, id))
		case ok && (p >= id || g.Depth(id) != g.Depth(p)+1):
			t.Fatalf("Parent(%d) = %d, depths %d and %d", id, p, g.Depth(id), g.Depth(p))
		case ok && !slices.Contains(lit[node(g, p)], node(g, id)):
			t.Fatalf("Parent(%d) = %d, but %d->%d is not an edge", id, p, node(g, p), node(g, id))
		}
		if id%97 == 0 {
			checkPath(t, g, id)
		}
	}
}

// checkPath checks that Path(id) follows parents from an initial state.
func checkPath(t *testing.T, g *Graph, id StateID) {
	t.Helper()
	path := g.Path(id)
	if len(path) != g.Depth(id)+1 || path[len(path)-1] != id {
		t.Fatalf("Path(%d) = %v, Depth %d", id, path, g.Depth(id))
	}
	if _, ok := g.Parent(path[0]); ok {
		t.Fatalf("Path(%d) starts at %d, which has a parent", id, path[0])
	}
	for i := 1; i < len(path); i++ {
		if p, _ := g.Parent(path[i]); p != path[i-1] {
			t.Fatalf("Path(%d) = %v does not follow parents", id, path)
		}
	}
}

// reachable returns the nodes reachable from initial in lit.
func reachable(lit graphModel, initial []int) map[int]bool {
	seen := map[int]bool{}
	stack := slices.Clone(initial)
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[k] {
			continue
		}
		seen[k] = true
		stack = append(stack, lit[k]...)
	}
	return seen
}

// sameStates fails unless g stores exactly the nodes of want.
func sameStates(t *testing.T, g *Graph, want map[int]bool) {
	t.Helper()
	if g.Len() != len(want) {
		t.Fatalf("Len() = %d, want %d", g.Len(), len(want))
	}
	for k := range want {
		if _, ok := g.Lookup(enc(k)); !ok {
			t.Fatalf("node %d not stored", k)
		}
	}
}
