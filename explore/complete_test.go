package explore

import (
	"context"
	"testing"
)

// TestComplete_StoppedBeforeTheFirstState: a search that a limit stops
// before it stores any state has expanded every state it stored (none),
// and is still not complete: a partial search never claims every world.
func TestComplete_StoppedBeforeTheFirstState(t *testing.T) {
	m := graphModel{0: {1}, 1: {2}, 2: {}}
	g, err := Explore(context.Background(), m, Options{MaxMemory: 1})
	if err != ErrMemoryLimit {
		t.Fatalf("err %v, want ErrMemoryLimit", err)
	}
	if g.Len() != 0 || g.Complete() {
		t.Fatalf("%d states, complete %v: want 0 states, not complete", g.Len(), g.Complete())
	}
	g, err = Explore(context.Background(), m, Options{})
	if err != nil || !g.Complete() {
		t.Fatalf("unlimited: %v, complete %v", err, g.Complete())
	}
}
