package explore

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// exploreHeld runs Explore and checks that the budget's figures for the
// graph and the working buffers are the memory they hold at the end, and
// that the search kept within opt.MaxMemory.
func exploreHeld(t *testing.T, m Model, opt Options) (*Graph, error) {
	t.Helper()
	counted, held := int64(-1), int64(-2)
	testWork = func(c, h int64) { counted, held = c, h }
	defer func() { testWork = nil }()
	g, err := Explore(context.Background(), m, opt)
	if counted != held {
		t.Errorf("%+v: the budget counts %d bytes for the working buffers, which hold %d", opt, counted, held)
	}
	if got, want := g.st.mem.graph.Load(), g.heldBytes(); got != want {
		t.Errorf("%+v: the budget counts %d bytes for the graph, which holds %d", opt, got, want)
	}
	if w := g.st.mem.work.Load(); w < 0 {
		t.Errorf("working buffers hold %d bytes", w)
	}
	if opt.MaxMemory > 0 && g.st.mem.peak.Load() > opt.MaxMemory {
		t.Errorf("the search held %d bytes, budget %d", g.st.mem.peak.Load(), opt.MaxMemory)
	}
	return g, err
}

// The budget's count of the graph is exact, in every mode, also after a
// limit.
func TestBudget_CountsTheGraph(t *testing.T) {
	lit := multiInit{randomGraph(50000, 1), []int{0, 31337, 0, 4242}}
	for _, opt := range []Options{
		{Workers: 1}, {Workers: 4}, {Order: DFS}, {Compact: true, Workers: 3},
		{MaxStates: 7777, Workers: 2}, {MaxDepth: 5, Order: DFS}, {MaxStates: 999, Compact: true},
	} {
		exploreHeld(t, lit, opt)
	}
	// Several arena chunks, released as the compact search goes.
	exploreHeld(t, torus{k: 5, n: 12}, Options{Compact: true})
	exploreHeld(t, torus{k: 4, n: 12}, Options{Order: DFS})
}

// memoryCases are searches whose memory a budget can cut.
var memoryCases = []struct {
	name string
	m    Model
	opt  Options
}{
	{"bfs", multiInit{randomGraph(50000, 1), []int{0, 31337, 0, 4242}}, Options{}},
	{"compact", multiInit{randomGraph(50000, 1), []int{0, 31337, 0, 4242}}, Options{Compact: true}},
	{"dfs", randomGraph(50000, 2), Options{Order: DFS}},
	{"torus", torus{k: 4, n: 12}, Options{}},
}

// A budget below what the search needs stops it with ErrMemoryLimit and a
// consistent partial graph, within the budget; one above changes nothing.
func TestExplore_MemoryLimit(t *testing.T) {
	for _, tc := range memoryCases {
		t.Run(tc.name, func(t *testing.T) {
			full, err := exploreHeld(t, tc.m, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			need := full.st.mem.peak.Load()
			opt := tc.opt
			opt.MaxMemory = need / 2
			g, err := exploreHeld(t, tc.m, opt)
			if !errors.Is(err, ErrMemoryLimit) {
				t.Fatalf("MaxMemory %d of %d needed: err = %v", opt.MaxMemory, need, err)
			}
			if g.Complete() || g.Len() == 0 || g.Len() >= full.Len() {
				t.Fatalf("%d states of %d, Complete() = %v", g.Len(), full.Len(), g.Complete())
			}
			if lit, ok := tc.m.(graphModel); ok {
				checkPaths(t, g, lit, []int{0})
				checkExpanded(t, g, lit)
			}
			if tc.opt.Order == BFS {
				for id := StateID(0); int(id) < g.Len(); id += 97 {
					if _, err := g.PathStates(tc.m, id); err != nil {
						t.Fatalf("PathStates(%d): %v", id, err)
					}
				}
			}
			opt.MaxMemory = 2 * need
			g, err = exploreHeld(t, tc.m, opt)
			if err != nil || g.Stats() != full.Stats() {
				t.Fatalf("MaxMemory %d: err = %v, %+v; want %+v", opt.MaxMemory, err, g.Stats(), full.Stats())
			}
		})
	}
}

// A memory stop in BFS is where a sequential search stops, whatever the
// number of workers and the chunks they take, in both modes.
func TestExplore_MemoryLimitDeterministic(t *testing.T) {
	lit := multiInit{randomGraph(50000, 1), []int{0, 31337, 0, 4242}}
	for _, compact := range []bool{false, true} {
		for _, budget := range []int64{300 << 10, 700 << 10} {
			t.Run(fmt.Sprintf("compact=%v/budget=%d", compact, budget), func(t *testing.T) {
				opt := Options{Workers: 1, Compact: compact, MaxMemory: budget}
				ref, err := exploreHeld(t, lit, opt)
				if !errors.Is(err, ErrMemoryLimit) {
					t.Fatalf("err = %v", err)
				}
				for _, workers := range []int{1, 2, 4} {
					for range 3 {
						opt.Workers = workers
						g, err := exploreHeld(t, lit, opt)
						if !errors.Is(err, ErrMemoryLimit) || g.Stats() != ref.Stats() {
							t.Fatalf("workers=%d: %v, %+v; want %+v", workers, err, g.Stats(), ref.Stats())
						}
						if !compact {
							sameGraph(t, ref, g)
						}
					}
				}
			})
		}
	}
}

// A budget too small for the first state stops the search before it.
func TestExplore_MemoryLimitTiny(t *testing.T) {
	for _, o := range bothOrders {
		g, err := Explore(context.Background(), chain(5), Options{Order: o, MaxMemory: 100})
		if !errors.Is(err, ErrMemoryLimit) || g.Len() != 0 {
			t.Errorf("%v: err = %v, %d states", o, err, g.Len())
		}
	}
}
