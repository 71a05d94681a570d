package explore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomGraph returns a pseudo-random graph on n nodes, mostly reachable
// from 0, with deadlocks, self-loops and parallel edges.
func randomGraph(n int, seed uint64) graphModel {
	r := rand.New(rand.NewPCG(seed, 0))
	g := graphModel{}
	for k := range n {
		var succ []int
		if r.IntN(10) < 9 && k+1 < n {
			succ = append(succ, k+1)
		}
		for range r.IntN(4) {
			switch r.IntN(8) {
			case 0:
				succ = append(succ, k) // self-loop
			case 1:
				succ = append(succ, succ...) // parallel edges
			default:
				succ = append(succ, r.IntN(n))
			}
		}
		if len(succ) > 0 {
			g[k] = succ
		}
	}
	return g
}

// sequentialBFS is the reference: the textbook search whose IDs Explore
// must reproduce. It returns nodes in ID order and each node's parent ID.
func sequentialBFS(lit graphModel, initial []int) (order []int, parent []int) {
	id := map[int]int{}
	add := func(k, p int) {
		if _, ok := id[k]; !ok {
			id[k] = len(order)
			order = append(order, k)
			parent = append(parent, p)
		}
	}
	for _, k := range initial {
		add(k, -1)
	}
	for i := 0; i < len(order); i++ {
		for _, k := range lit[order[i]] {
			add(k, i)
		}
	}
	return order, parent
}

func TestExplore_MatchesSequentialBFS(t *testing.T) {
	lit := randomGraph(50000, 1)
	initial := []int{0, 31337, 0, 4242}
	order, parent := sequentialBFS(lit, initial)
	for _, workers := range []int{1, 2, 4, 7} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			g := explore(t, multiInit{lit, initial}, Options{Workers: workers})
			if got := nodes(g, ids(g)); !slices.Equal(got, order) {
				t.Fatalf("states differ from sequential BFS (%d vs %d states)", len(got), len(order))
			}
			for id := range StateID(g.Len()) {
				p, ok := g.Parent(id)
				if want := parent[id]; ok != (want >= 0) || ok && int(p) != want {
					t.Fatalf("Parent(%d) = %d, %v; want %d", id, p, ok, want)
				}
			}
		})
	}
}

// Workers=1 and Workers=4 give byte-identical graphs.
func TestExplore_DeterministicAcrossWorkers(t *testing.T) {
	lit := randomGraph(50000, 2)
	ref := explore(t, lit, Options{Workers: 1})
	if ref.Len() < 25000 {
		t.Fatalf("only %d states reachable: not a useful test graph", ref.Len())
	}
	for _, workers := range []int{4, 16} {
		sameGraph(t, ref, explore(t, lit, Options{Workers: workers}))
	}
	sameGraph(t, ref, explore(t, lit, Options{Workers: 1}))
}

// sameGraph fails unless a and b are identical state by state.
func sameGraph(t *testing.T, a, b *Graph) {
	t.Helper()
	if a.Len() != b.Len() || a.Stats().Transitions != b.Stats().Transitions {
		t.Fatalf("Len, Transitions = %d, %d and %d, %d", a.Len(), a.Stats().Transitions, b.Len(), b.Stats().Transitions)
	}
	for id := range StateID(a.Len()) {
		pa, oka := a.Parent(id)
		pb, okb := b.Parent(id)
		if string(a.State(id)) != string(b.State(id)) || pa != pb || oka != okb || a.Expanded(id) != b.Expanded(id) {
			t.Fatalf("state %d differs", id)
		}
		if a.Depth(id) != b.Depth(id) {
			t.Fatalf("Depth(%d) = %d and %d", id, a.Depth(id), b.Depth(id))
		}
	}
	if !slices.Equal(a.Deadlocks(), b.Deadlocks()) || !slices.Equal(a.Initial(), b.Initial()) {
		t.Fatal("deadlocks or initial states differ")
	}
}

// The same search run twice gives the same graph: no map order or
// scheduling leaks into IDs.
func TestExplore_Repeatable(t *testing.T) {
	lit := randomGraph(20000, 9)
	for _, o := range bothOrders {
		sameGraph(t, explore(t, lit, Options{Order: o, Workers: 3}), explore(t, lit, Options{Order: o, Workers: 3}))
	}
}

// Tiny chunks, which hand states over between workers and interleave
// expanding with committing at every few states, change nothing: the
// graph is the one a single worker builds.
func TestExplore_TinyChunks(t *testing.T) {
	defer func(n int) { maxChunk = n }(maxChunk)
	maxChunk = 3
	tests := []struct {
		name string
		m    Model
		opt  Options
	}{
		{"random", multiInit{randomGraph(50000, 1), []int{0, 31337, 0, 4242}}, Options{}},
		{"dense", randomGraph(300, 3), Options{}},
		{"tree", graphModel{0: {1, 2, 3}, 1: {4, 5}, 2: {5, 6, 2}, 3: {7}, 6: {8, 0}, 7: {9}}, Options{}},
		{"state limit", randomGraph(2000, 3), Options{MaxStates: 777}},
		{"depth limit", randomGraph(2000, 3), Options{MaxDepth: 4}},
		{"model error", failing{randomGraph(2000, 5), 1000}, Options{}},
		{"torus", torus{k: 3, n: 9}, Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Workers = 1
			ref, refErr := Explore(context.Background(), tc.m, tc.opt)
			for _, workers := range []int{2, 5} {
				tc.opt.Workers = workers
				g, err := Explore(context.Background(), tc.m, tc.opt)
				if fmt.Sprint(err) != fmt.Sprint(refErr) {
					t.Fatalf("workers=%d: err = %v, want %v", workers, err, refErr)
				}
				sameGraph(t, ref, g)
			}
		})
	}
}
