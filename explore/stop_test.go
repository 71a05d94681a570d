package explore

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// stopRun is the outcome of a search stopped by a hook.
type stopRun struct {
	stats    Stats
	stopID   StateID
	expanded int
}

// runStopped explores lit with a Deadlock hook that stops at the n-th
// deadlock, or, if n is negative, with a Check hook that stops at state
// -n, and returns what the search reports.
func runStopped(t *testing.T, lit Model, n int, opt Options) stopRun {
	t.Helper()
	var r stopRun
	seen := 0
	if n >= 0 {
		opt.Deadlock = func(id StateID, _ []byte) bool {
			seen++
			r.stopID = id
			return seen == n
		}
	} else {
		opt.Check = func(id StateID, _ []byte) bool { r.stopID = id; return int(id) == -n }
	}
	g, err := Explore(context.Background(), lit, opt)
	if !errors.Is(err, ErrStopped) {
		t.Fatalf("err = %v, want ErrStopped", err)
	}
	for id := range StateID(g.Len()) {
		if g.Expanded(id) {
			r.expanded++
		}
	}
	r.stats = g.Stats()
	if _, err := g.PathStates(lit, r.stopID); err != nil {
		t.Fatalf("PathStates(%d) after the stop: %v", r.stopID, err)
	}
	return r
}

// A search stopped by a hook stops where a sequential search would: the
// same states, transitions, expanded states and bytes, whatever the number
// of workers and the chunks they took, run after run, in both modes.
func TestExplore_HookStopDeterministic(t *testing.T) {
	lit := multiInit{randomGraph(50000, 1), []int{0, 31337, 0, 4242}}
	for _, compact := range []bool{false, true} {
		for _, n := range []int{1, 7, 300, -20000} {
			t.Run(fmt.Sprintf("compact=%v/n=%d", compact, n), func(t *testing.T) {
				ref := runStopped(t, lit, n, Options{Workers: 1, Compact: compact})
				if ref.stats.States >= int64(len(reachable(lit.graphModel, lit.init))) {
					t.Fatalf("the hook did not stop the search early: %+v", ref)
				}
				for _, workers := range []int{1, 2, 4} {
					for range 3 {
						if got := runStopped(t, lit, n, Options{Workers: workers, Compact: compact}); got != ref {
							t.Fatalf("workers=%d: %+v, want %+v", workers, got, ref)
						}
					}
				}
				defer func(n int) { maxChunk = n }(maxChunk)
				maxChunk = 5
				if got := runStopped(t, lit, n, Options{Workers: 3, Compact: compact}); got != ref {
					t.Fatalf("tiny chunks: %+v, want %+v", got, ref)
				}
			})
		}
	}
}
