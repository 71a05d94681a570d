package explore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestGraph_Edges(t *testing.T) {
	graphs := map[string]graphModel{
		"diamond":        {0: {1, 2}, 1: {3}, 2: {3}, 3: {0}},
		"loops and dups": {0: {0, 1, 1, 0}, 1: {2, 2}, 2: {}},
		"single":         {},
		"random":         randomGraph(5000, 4),
	}
	for name, lit := range graphs {
		for _, workers := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/workers=%d", name, workers), func(t *testing.T) {
				g := explore(t, lit, Options{})
				a, err := g.Edges(context.Background(), lit, workers)
				if err != nil {
					t.Fatal(err)
				}
				if a.Len() != g.Len() {
					t.Fatalf("Len() = %d, want %d", a.Len(), g.Len())
				}
				for id := range StateID(g.Len()) {
					if got, want := nodes(g, a.Out(id)), lit[node(g, id)]; !slices.Equal(got, want) && len(want) > 0 {
						t.Fatalf("Out(node %d) = %v, want %v", node(g, id), got, want)
					}
				}
			})
		}
	}
}

// Unexpanded states of a partial graph have no edges; expanded ones have
// all of theirs.
func TestGraph_EdgesPartial(t *testing.T) {
	lit := chain(10)
	g, err := Explore(context.Background(), lit, Options{MaxDepth: 3})
	if err != ErrDepthLimit {
		t.Fatal(err)
	}
	a, err := g.Edges(context.Background(), lit, 2)
	if err != nil {
		t.Fatal(err)
	}
	for id := range StateID(g.Len()) {
		if n := len(a.Out(id)); n != 0 != g.Expanded(id) {
			t.Errorf("node %d: %d edges, Expanded() = %v", node(g, id), n, g.Expanded(id))
		}
	}
}

func TestGraph_EdgesErrors(t *testing.T) {
	lit := graphModel{0: {1, 2}, 2: {3}}
	g := explore(t, lit, Options{})
	tests := []struct {
		name string
		m    Model
		at   int // node of the *ModelError, or -1
	}{
		{"Next fails", failing{lit, 2}, 2},
		{"unknown successor", graphModel{0: {1, 2}, 2: {3, 4}}, 2},
		{"wrong width", wrongWidth{}, 1},
		{"model width", counter{}, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := g.Edges(context.Background(), tc.m, 2)
			var me *ModelError
			switch {
			case err == nil:
				t.Fatal("no error")
			case tc.at < 0:
				if errors.As(err, &me) {
					t.Errorf("err = %v, want a plain error", err)
				}
			case !errors.As(err, &me) || node(g, me.State) != tc.at:
				t.Errorf("err = %v, want a *ModelError at node %d", err, tc.at)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := g.Edges(ctx, lit, 2); err != context.Canceled {
			t.Errorf("err = %v", err)
		}
	})
}
