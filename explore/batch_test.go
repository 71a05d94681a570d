package explore

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// A state that fails after yielding more successors than a batch holds,
// some of them new and some already found by its siblings, leaves exactly
// the graph a sequential search would: its siblings' successors stored,
// none of its own.
func TestExplore_ModelErrorAcrossBatches(t *testing.T) {
	lit := graphModel{0: {}}
	for k := 1; k <= 40; k++ {
		lit[0] = append(lit[0], k)
		lit[k] = []int{100 + k, 100 + k, k, 100 + (k+1)%40} // a parallel edge, a self-loop, a shared successor
	}
	for k := 0; k < 3*batchSize; k++ {
		lit[20] = append(lit[20], 1000+k, 100+k%40)
	}
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			g, err := Explore(context.Background(), failing{lit, 20}, Options{Workers: workers})
			var me *ModelError
			if !errors.As(err, &me) || node(g, me.State) != 20 {
				t.Fatalf("err = %v, want a *ModelError at node 20", err)
			}
			for k := 1; k < 20; k++ {
				if _, ok := g.Lookup(enc(100 + k)); !ok {
					t.Errorf("successor %d of node %d is missing", 100+k, k)
				}
			}
			for k := 0; k < 3*batchSize; k++ {
				if _, ok := g.Lookup(enc(1000 + k)); ok {
					t.Fatalf("successor %d of the failing node was stored", 1000+k)
				}
			}
			checkPaths(t, g, lit, []int{0})
			checkExpanded(t, g, lit)
		})
	}
}

// Self-loops and parallel edges are counted as transitions though they
// are not looked up.
func TestExplore_SiblingsCounted(t *testing.T) {
	lit := graphModel{0: {0, 1, 1, 0, 2}, 1: {1, 1, 1}, 2: {0, 1, 2, 2}}
	g := explore(t, lit, Options{})
	if s := g.Stats(); s.States != 3 || s.Transitions != 12 {
		t.Errorf("Stats() = %+v, want 3 states and 12 transitions", s)
	}
}
