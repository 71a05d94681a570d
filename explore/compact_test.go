package explore

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
)

// sameCompact fails unless c, a compact graph, has the shape of exact, the
// graph the exact search built: the same counts, parents, depths,
// expansion marks and deadlocks, and every path replays to the state
// exact stored.
func sameCompact(t *testing.T, m Model, exact, c *Graph) {
	t.Helper()
	if !c.Compact() || exact.Compact() {
		t.Fatal("Compact() is wrong")
	}
	es, cs := exact.Stats(), c.Stats()
	if es.States != cs.States || es.Transitions != cs.Transitions || es.MaxDepth != cs.MaxDepth {
		t.Fatalf("exact %+v, compact %+v", es, cs)
	}
	for id := range StateID(exact.Len()) {
		pa, oka := exact.Parent(id)
		pb, okb := c.Parent(id)
		if pa != pb || oka != okb || exact.Expanded(id) != c.Expanded(id) || exact.Depth(id) != c.Depth(id) {
			t.Fatalf("state %d differs", id)
		}
	}
	if !slices.Equal(exact.Deadlocks(), c.Deadlocks()) {
		t.Fatal("deadlocks differ")
	}
	for id := StateID(0); int(id) < exact.Len(); id += StateID(max(1, exact.Len()/200)) {
		path, err := c.PathStates(m, id)
		if err != nil {
			t.Fatalf("PathStates(%d): %v", id, err)
		}
		want, _ := exact.PathStates(m, id)
		if !slices.EqualFunc(path, want, func(a, b []byte) bool { return string(a) == string(b) }) {
			t.Fatalf("PathStates(%d) does not replay to the stored path", id)
		}
	}
}

// Compact mode finds the states exact mode finds, under the same IDs,
// whatever the number of workers and the chunk size.
func TestExplore_CompactMatchesExact(t *testing.T) {
	tests := []struct {
		name string
		m    Model
	}{
		{"random", multiInit{randomGraph(50000, 1), []int{0, 31337, 0, 4242}}},
		{"dense", randomGraph(300, 3)},
		{"torus", torus{k: 4, n: 12}},
	}
	for _, tt := range tests {
		exact := explore(t, tt.m, Options{Workers: 1})
		for _, workers := range []int{1, 4, 16} {
			sameCompact(t, tt.m, exact, explore(t, tt.m, Options{Workers: workers, Compact: true}))
		}
	}
	defer func(n int) { maxChunk = n }(maxChunk)
	maxChunk = 3
	sameCompact(t, tests[0].m, explore(t, tests[0].m, Options{}), explore(t, tests[0].m, Options{Workers: 8, Compact: true}))
}

// A compact graph keeps no states, and says so.
func TestExplore_CompactKeepsNoStates(t *testing.T) {
	m := torus{k: 5, n: 12} // 248832 states of 32 bytes: several arena chunks
	exact, c := explore(t, m, Options{}), explore(t, m, Options{Compact: true})
	if _, ok := c.Lookup(exact.State(5)); ok {
		t.Error("Lookup found a state in a compact graph")
	}
	if _, err := c.Edges(context.Background(), m, 0); !errors.Is(err, ErrCompact) {
		t.Errorf("Edges: %v, want ErrCompact", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("State did not panic")
			}
		}()
		c.State(0)
	}()
	if c.Stats().Bytes >= exact.Stats().Bytes {
		t.Errorf("compact graph holds %d bytes, exact %d", c.Stats().Bytes, exact.Stats().Bytes)
	}
	if s := exact.Stats(); s.Compact || s.Omission != 0 {
		t.Errorf("exact Stats = %+v", s)
	}
	if s := c.Stats(); s.Omission != OmissionBound(s.States, 64) || s.Omission <= 0 {
		t.Errorf("compact Stats = %+v", s)
	}
}

func TestOmissionBound(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		b    int
		want float64
	}{
		{0, 64, 0},
		{1 << 20, 64, math.Exp2(40 - 65)},
		{1e9, 64, 1e18 / math.Exp2(65)},
		{1 << 10, 8, 1},
		{16, 8, 0.5},
	} {
		if got := OmissionBound(tt.n, tt.b); got != tt.want {
			t.Errorf("OmissionBound(%d, %d) = %g, want %g", tt.n, tt.b, got, tt.want)
		}
	}
}

// Check sees every new state once, in ID order, and stops the search;
// Deadlock sees the deadlocks in ID order.
func TestExplore_Hooks(t *testing.T) {
	lit := multiInit{randomGraph(50000, 1), []int{0, 31337, 0, 4242}}
	exact := explore(t, lit, Options{})
	for _, compact := range []bool{false, true} {
		var seen, dead []StateID
		opt := Options{Workers: 4, Compact: compact,
			Check: func(id StateID, s []byte) bool {
				if !compact && string(s) != string(exact.State(id)) {
					t.Fatalf("Check(%d) got another state", id)
				}
				seen = append(seen, id)
				return false
			},
			Deadlock: func(id StateID, _ []byte) bool { dead = append(dead, id); return false }}
		explore(t, lit, opt)
		if len(seen) != exact.Len() || !slices.IsSorted(seen) || !slices.Equal(dead, exact.Deadlocks()) {
			t.Fatalf("compact=%v: Check saw %d states of %d, Deadlock %v", compact, len(seen), exact.Len(), dead)
		}
		stopAt := StateID(exact.Len() / 2)
		opt.Check = func(id StateID, _ []byte) bool { return id == stopAt }
		g, err := Explore(context.Background(), lit, opt)
		if !errors.Is(err, ErrStopped) || g.Len() <= int(stopAt) {
			t.Fatalf("stopped search: %v, %d states", err, g.Len())
		}
		if p, err := g.PathStates(lit, stopAt); err != nil || len(p) != exact.Depth(stopAt)+1 {
			t.Fatalf("PathStates after a stop: %v", err)
		}
	}
	if _, err := Explore(context.Background(), lit, Options{Order: DFS, Compact: true}); err == nil {
		t.Error("DFS with Compact: no error")
	}
}
