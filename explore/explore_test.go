package explore

import (
	"context"
	"slices"
	"testing"
)

var bothOrders = []Order{BFS, DFS}

func explore(t *testing.T, m Model, opt Options) *Graph {
	t.Helper()
	g, err := Explore(context.Background(), m, opt)
	if err != nil {
		t.Fatalf("Explore: %v", err)
	}
	if !g.Complete() {
		t.Fatal("Complete() = false after a successful search")
	}
	return g
}

func TestExplore_ShortestPath(t *testing.T) {
	tests := []struct {
		name  string
		g     graphModel
		to    int
		want  []int
		depth int
	}{
		{"diamond", graphModel{0: {1, 2}, 1: {3}, 2: {3}, 3: {0}}, 3, []int{0, 1, 3}, 2},
		{"shortcut found later", graphModel{0: {1, 5}, 1: {2}, 2: {3}, 3: {4}, 5: {4}}, 4, []int{0, 5, 4}, 3},
		{"cycle back to start", graphModel{0: {1}, 1: {2}, 2: {0, 3}}, 3, []int{0, 1, 2, 3}, 3},
		{"initial state", graphModel{0: {0}}, 0, []int{0}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := explore(t, tc.g, Options{})
			id := mustLookup(t, g, tc.to)
			if got := nodes(g, g.Path(id)); !slices.Equal(got, tc.want) {
				t.Errorf("Path = %v, want %v", got, tc.want)
			}
			if got := g.Depth(id); got != len(tc.want)-1 {
				t.Errorf("Depth = %d, want %d", got, len(tc.want)-1)
			}
			if got := g.Stats().MaxDepth; got != tc.depth {
				t.Errorf("MaxDepth = %d, want %d", got, tc.depth)
			}
			checkPaths(t, g, tc.g, []int{0})
		})
	}
}

// IDs follow BFS levels and, within a level, (parent, successor index).
func TestExplore_IDOrder(t *testing.T) {
	lit := graphModel{0: {7, 3}, 7: {9, 3, 8}, 3: {8, 5}, 9: {1}, 5: {1}}
	for _, workers := range []int{1, 2, 5} {
		g := explore(t, multiInit{lit, []int{0, 6}}, Options{Workers: workers})
		want := []int{0, 6, 7, 3, 9, 8, 5, 1}
		if got := nodes(g, ids(g)); !slices.Equal(got, want) {
			t.Errorf("workers=%d: states = %v, want %v", workers, got, want)
		}
	}
}

func ids(g *Graph) []StateID {
	var out []StateID
	for id := range StateID(g.Len()) {
		out = append(out, id)
	}
	return out
}

func TestExplore_Deadlocks(t *testing.T) {
	tests := []struct {
		name string
		g    graphModel
		want []int
	}{
		{"none", graphModel{0: {1}, 1: {0}}, nil},
		{"leaf and missing entry", graphModel{0: {4, 2, 1}, 1: {}, 2: {3}, 3: {3}}, []int{4, 1}},
		{"only the initial state", graphModel{}, []int{0}},
		{"self-loop is not a deadlock", graphModel{0: {0, 1}, 1: {1}}, nil},
	}
	for _, tc := range tests {
		for _, o := range bothOrders {
			t.Run(tc.name+"/"+o.String(), func(t *testing.T) {
				g := explore(t, tc.g, Options{Order: o})
				got := g.Deadlocks()
				if !slices.IsSorted(got) {
					t.Errorf("Deadlocks() = %v, not ascending", got)
				}
				want := make([]StateID, len(tc.want))
				for i, k := range tc.want {
					want[i] = mustLookup(t, g, k)
				}
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("Deadlocks() = nodes %v, want %v", nodes(g, got), tc.want)
				}
			})
		}
	}
}

func TestExplore_MergesEqualStates(t *testing.T) {
	m := multiInit{graphModel{0: {1, 2}, 1: {3}, 2: {3}, 3: {1, 2, 0}, 5: {3}}, []int{5, 0, 5, 3}}
	for _, o := range bothOrders {
		t.Run(o.String(), func(t *testing.T) {
			g := explore(t, m, Options{Order: o})
			if got, want := nodes(g, g.Initial()), []int{5, 0, 3}; !slices.Equal(got, want) {
				t.Errorf("Initial() = nodes %v, want %v", got, want)
			}
			sameStates(t, g, map[int]bool{0: true, 1: true, 2: true, 3: true, 5: true})
			checkPaths(t, g, m.graphModel, m.init)
		})
	}
}

func TestExplore_Transitions(t *testing.T) {
	tests := []struct {
		name   string
		g      graphModel
		states int64
		trans  int64
	}{
		{"self-loop", graphModel{0: {0}}, 1, 1},
		{"parallel edges", graphModel{0: {1, 1, 1}, 1: {0}}, 2, 4},
		{"both", graphModel{0: {0, 1, 0, 1}, 1: {1, 1}}, 2, 6},
		{"deadlock", graphModel{0: {1}}, 2, 1},
	}
	for _, tc := range tests {
		for _, o := range bothOrders {
			t.Run(tc.name+"/"+o.String(), func(t *testing.T) {
				s := explore(t, tc.g, Options{Order: o}).Stats()
				if s.States != tc.states || s.Transitions != tc.trans {
					t.Errorf("States, Transitions = %d, %d, want %d, %d", s.States, s.Transitions, tc.states, tc.trans)
				}
				if s.Bytes <= 0 {
					t.Errorf("Bytes = %d", s.Bytes)
				}
			})
		}
	}
}

func TestExplore_DFSMatchesBFS(t *testing.T) {
	graphs := map[string]graphModel{
		"diamond":   {0: {1, 2}, 1: {3}, 2: {3}, 3: {0}},
		"tree":      {0: {1, 2, 3}, 1: {4, 5}, 3: {6}, 6: {7, 8}},
		"loops":     {0: {0, 1}, 1: {2, 0}, 2: {1, 2, 3}, 3: {3}},
		"unreached": {0: {1}, 2: {3}, 3: {0}},
		"random":    randomGraph(3000, 7),
	}
	for name, lit := range graphs {
		t.Run(name, func(t *testing.T) {
			bfs := explore(t, lit, Options{Workers: 2})
			dfs := explore(t, lit, Options{Order: DFS})
			want := reachable(lit, []int{0})
			sameStates(t, bfs, want)
			sameStates(t, dfs, want)
			checkPaths(t, dfs, lit, []int{0})
			if b, d := bfs.Stats().Transitions, dfs.Stats().Transitions; b != d {
				t.Errorf("Transitions: BFS %d, DFS %d", b, d)
			}
			if b, d := nodes(bfs, bfs.Deadlocks()), nodes(dfs, dfs.Deadlocks()); !sameSet(b, d) {
				t.Errorf("Deadlocks: BFS %v, DFS %v", b, d)
			}
		})
	}
}

func sameSet(a, b []int) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(a, b)
}

// DFS goes deep first: the first successor's subtree gets the next IDs.
func TestExplore_DFSOrder(t *testing.T) {
	g := explore(t, graphModel{0: {1, 2}, 1: {3}, 3: {4}, 2: {5}}, Options{Order: DFS})
	if got, want := nodes(g, ids(g)), []int{0, 1, 2, 3, 4, 5}; !slices.Equal(got, want) {
		t.Errorf("states = %v, want %v", got, want)
	}
	if got, want := nodes(g, g.Path(mustLookup(t, g, 4))), []int{0, 1, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("Path(4) = %v, want %v", got, want)
	}
	if got := g.Stats().MaxDepth; got != 3 {
		t.Errorf("MaxDepth = %d, want 3", got)
	}
}

func TestErrorMessages(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"ModelError", (&ModelError{State: 7, Err: errBroken}).Error(), "explore: state 7: broken node"},
		{"width", errWidth{got: 3, want: 4}.Error(), "explore: successor has 3 bytes, want 4"},
		{"bfs", BFS.String(), "bfs"},
		{"dfs", DFS.String(), "dfs"},
		{"bad order", Order(5).String(), "Order(5)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}
