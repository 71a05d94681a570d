package explore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// chain returns 0 -> 1 -> ... -> n-1.
func chain(n int) graphModel {
	g := graphModel{}
	for i := range n - 1 {
		g[i] = []int{i + 1}
	}
	return g
}

func TestExplore_StateLimit(t *testing.T) {
	tree := graphModel{0: {1, 2, 3}, 1: {4, 5}, 2: {5, 6, 2}, 3: {7}, 6: {8, 0}, 7: {9}}
	tests := []struct {
		name string
		g    graphModel
		max  int
		err  error
	}{
		{"chain cut", chain(10), 4, ErrStateLimit},
		{"tree cut mid-level", tree, 5, ErrStateLimit},
		{"tree cut at level end", tree, 4, ErrStateLimit},
		{"one state", tree, 1, ErrStateLimit},
		{"exactly enough", tree, 10, nil},
		{"random", randomGraph(2000, 3), 777, ErrStateLimit},
	}
	for _, tc := range tests {
		for _, o := range bothOrders {
			t.Run(tc.name+"/"+o.String(), func(t *testing.T) {
				g, err := Explore(context.Background(), tc.g, Options{MaxStates: tc.max, Order: o, Workers: 3})
				if err != tc.err {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				if g.Len() != tc.max {
					t.Errorf("Len() = %d, want %d", g.Len(), tc.max)
				}
				if g.Complete() != (err == nil) {
					t.Errorf("Complete() = %v with err %v", g.Complete(), err)
				}
				checkPaths(t, g, tc.g, []int{0})
				checkExpanded(t, g, tc.g)
			})
		}
	}
}

// checkExpanded checks that every expanded state has all its successors
// stored, and that the deadlocks are expanded states without successors.
func checkExpanded(t *testing.T, g *Graph, lit graphModel) {
	t.Helper()
	var dead []StateID
	for id := range StateID(g.Len()) {
		if !g.Expanded(id) {
			continue
		}
		succ := lit[node(g, id)]
		for _, k := range succ {
			mustLookup(t, g, k)
		}
		if len(succ) == 0 {
			dead = append(dead, id)
		}
	}
	if got := g.Deadlocks(); !slices.Equal(got, dead) {
		t.Errorf("Deadlocks() = %v, want %v", got, dead)
	}
}

// A limit in BFS stops exactly where a sequential search would stop.
func TestExplore_StateLimitDeterministic(t *testing.T) {
	lit := randomGraph(5000, 11)
	ref, _ := Explore(context.Background(), lit, Options{MaxStates: 2500, Workers: 1})
	for _, workers := range []int{2, 4, 9} {
		g, err := Explore(context.Background(), lit, Options{MaxStates: 2500, Workers: workers})
		if err != ErrStateLimit {
			t.Fatalf("err = %v", err)
		}
		sameGraph(t, ref, g)
	}
}

func TestExplore_DepthLimit(t *testing.T) {
	tests := []struct {
		name     string
		g        graphModel
		maxDepth int
		states   []int
		err      error
	}{
		{"chain cut", chain(6), 2, []int{0, 1, 2}, ErrDepthLimit},
		{"last state at the bound", chain(3), 2, []int{0, 1, 2}, ErrDepthLimit},
		{"bound beyond the graph", chain(3), 3, []int{0, 1, 2}, nil},
		{"cycle", graphModel{0: {1}, 1: {2}, 2: {0}}, 1, []int{0, 1}, ErrDepthLimit},
	}
	for _, tc := range tests {
		for _, o := range bothOrders {
			t.Run(tc.name+"/"+o.String(), func(t *testing.T) {
				g, err := Explore(context.Background(), tc.g, Options{MaxDepth: tc.maxDepth, Order: o})
				if err != tc.err {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				if got := nodes(g, ids(g)); !slices.Equal(got, tc.states) {
					t.Errorf("states = %v, want %v", got, tc.states)
				}
				for id := range StateID(g.Len()) {
					if want := g.Depth(id) < tc.maxDepth; g.Expanded(id) != want {
						t.Errorf("Expanded(%d) = %v at depth %d", id, !want, g.Depth(id))
					}
				}
				checkPaths(t, g, tc.g, []int{0})
			})
		}
	}
}

// counter is an infinite model: n -> n+1, eight bytes wide. Next sleeps so
// that a search cannot finish a level before a short deadline.
type counter struct{ delay time.Duration }

func (counter) Width() int                    { return 8 }
func (counter) Init(yield func([]byte)) error { yield(make([]byte, 8)); return nil }
func (c counter) NewExpander() Expander       { return &counterExpander{delay: c.delay} }

type counterExpander struct {
	delay time.Duration
	buf   [8]byte
}

func (e *counterExpander) Next(s []byte, yield func([]byte)) error {
	time.Sleep(e.delay)
	binary.BigEndian.PutUint64(e.buf[:], binary.BigEndian.Uint64(s)+1)
	yield(e.buf[:])
	yield(e.buf[:])
	return nil
}

func TestExplore_Cancel(t *testing.T) {
	for _, o := range bothOrders {
		t.Run("deadline/"+o.String(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			g, err := Explore(ctx, counter{delay: 10 * time.Microsecond}, Options{Order: o})
			if err != context.DeadlineExceeded {
				t.Fatalf("err = %v, want %v", err, context.DeadlineExceeded)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v to notice the deadline", d)
			}
			if g.Len() < 2 || g.Complete() {
				t.Errorf("Len() = %d, Complete() = %v", g.Len(), g.Complete())
			}
		})
		t.Run("before start/"+o.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			g, err := Explore(ctx, chain(5), Options{Order: o})
			if err != context.Canceled || g == nil {
				t.Fatalf("err = %v, graph %v", err, g)
			}
		})
	}
}

// cancelAfter cancels the search when Next is called for the n-th time.
type cancelAfter struct {
	graphModel
	calls  *atomic.Int64
	n      int64
	cancel context.CancelFunc
}

func (c cancelAfter) NewExpander() Expander { return &cancelExpander{c.graphModel.NewExpander(), c} }

type cancelExpander struct {
	Expander
	c cancelAfter
}

func (e *cancelExpander) Next(s []byte, yield func([]byte)) error {
	if e.c.calls.Add(1) == e.c.n {
		e.c.cancel()
	}
	return e.Expander.Next(s, yield)
}

func TestExplore_CancelKeepsValidGraph(t *testing.T) {
	lit := randomGraph(50000, 5)
	for _, o := range bothOrders {
		t.Run(o.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			g, err := Explore(ctx, cancelAfter{lit, new(atomic.Int64), 10000, cancel}, Options{Order: o, Workers: 4})
			if err != context.Canceled {
				t.Fatalf("err = %v", err)
			}
			if g.Complete() || g.Len() >= len(reachable(lit, []int{0})) {
				t.Errorf("Len() = %d, Complete() = %v after cancel", g.Len(), g.Complete())
			}
			checkPaths(t, g, lit, []int{0})
			checkExpanded(t, g, lit)
		})
	}
}

func TestExplore_ModelError(t *testing.T) {
	lit := graphModel{0: {1, 2}, 1: {3}, 2: {3, 5}, 3: {4}, 4: {3}}
	for _, o := range bothOrders {
		for _, workers := range []int{1, 3} {
			t.Run(fmt.Sprintf("%v/workers=%d", o, workers), func(t *testing.T) {
				g, err := Explore(context.Background(), failing{lit, 3}, Options{Order: o, Workers: workers})
				var me *ModelError
				if !errors.As(err, &me) || !errors.Is(err, errBroken) {
					t.Fatalf("err = %v, want a *ModelError wrapping %v", err, errBroken)
				}
				if got := node(g, me.State); got != 3 {
					t.Errorf("failing state = node %d, want 3", got)
				}
				if got, want := nodes(g, g.Path(me.State)), []int{0, 1, 3}; !slices.Equal(got, want) {
					t.Errorf("Path = %v, want %v", got, want)
				}
				if g.Expanded(me.State) || g.Complete() {
					t.Error("failing state marked expanded")
				}
				if _, ok := g.Lookup(enc(4)); ok {
					t.Error("successor yielded by the failing Next was stored")
				}
				checkPaths(t, g, lit, []int{0})
				checkExpanded(t, g, lit)
			})
		}
	}
}

// wrongWidth yields a 3-byte successor from node 1.
type wrongWidth struct{ graphModel }

func (w wrongWidth) NewExpander() Expander { return wrongWidthExpander{} }

type wrongWidthExpander struct{}

func (wrongWidthExpander) Next(s []byte, yield func([]byte)) error {
	if dec(s) == 1 {
		yield([]byte{1, 2, 3})
		return nil
	}
	yield(enc(dec(s) + 1))
	return nil
}

func TestExplore_BadModel(t *testing.T) {
	for _, o := range bothOrders {
		t.Run("successor width/"+o.String(), func(t *testing.T) {
			g, err := Explore(context.Background(), wrongWidth{}, Options{Order: o})
			var me *ModelError
			if !errors.As(err, &me) || node(g, me.State) != 1 {
				t.Fatalf("err = %v, want a *ModelError at node 1", err)
			}
		})
	}
	t.Run("initial width", func(t *testing.T) {
		_, err := Explore(context.Background(), badInit{}, Options{})
		if err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("order", func(t *testing.T) {
		if _, err := Explore(context.Background(), chain(2), Options{Order: 9}); err == nil {
			t.Fatal("no error")
		}
	})
}

type badInit struct{ graphModel }

func (badInit) Init(yield func([]byte)) error { yield([]byte{0}); return nil }

func TestExplore_Progress(t *testing.T) {
	for _, o := range bothOrders {
		t.Run(o.String(), func(t *testing.T) {
			var calls, busy atomic.Int32
			var last Progress
			report := func(p Progress) {
				if busy.Add(1) != 1 {
					t.Error("Progress called concurrently")
				}
				calls.Add(1)
				last = p
				busy.Add(-1)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
			defer cancel()
			g, _ := Explore(ctx, counter{delay: time.Microsecond}, Options{Order: o, Progress: report, ProgressInterval: time.Millisecond})
			if calls.Load() < 2 {
				t.Errorf("Progress called %d times", calls.Load())
			}
			s := g.Stats()
			if last.States != s.States || last.Transitions != s.Transitions || last.Bytes != s.Bytes {
				t.Errorf("last Progress = %+v, Stats = %+v", last, s)
			}
		})
	}
}
