package properties

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// specSystems compiles every spec of the suite.
func specSystems(t *testing.T) map[string]*model.System {
	t.Helper()
	files, err := filepath.Glob("../specs/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no specs: %v", err)
	}
	out := map[string]*model.System{}
	for _, f := range files {
		out[filepath.Base(f)] = loadSystem(t, f, nil)
	}
	return out
}

func search(t *testing.T, sys *model.System, opt explore.Options) *explore.Graph {
	t.Helper()
	g, err := lts.Search(context.Background(), sys, opt)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// loadSystem loads and compiles one spec file, with parameters set.
func loadSystem(tb testing.TB, path string, set map[string]int64) *model.System {
	tb.Helper()
	spec, err := model.Load(path)
	if err != nil {
		tb.Fatal(err)
	}
	sys, err := model.Compile(spec, set)
	if err != nil {
		tb.Fatalf("%s %v: %v", path, set, err)
	}
	return sys
}

// checkAll explores sys and checks all its properties.
func checkAll(t *testing.T, sys *model.System) (*explore.Graph, []Result) {
	t.Helper()
	props, err := Compile(sys)
	if err != nil {
		t.Fatal(err)
	}
	g := search(t, sys, explore.Options{})
	results, err := Check(context.Background(), sys, g, props)
	if err != nil {
		t.Fatal(err)
	}
	return g, results
}

// TestCrossCheck_BFSvsDFS: both orders reach exactly the same worlds and
// count the same transitions.
func TestCrossCheck_BFSvsDFS(t *testing.T) {
	for name, sys := range specSystems(t) {
		t.Run(name, func(t *testing.T) {
			bfs := search(t, sys, explore.Options{})
			dfs := search(t, sys, explore.Options{Order: explore.DFS})
			if bfs.Len() != dfs.Len() || bfs.Stats().Transitions != dfs.Stats().Transitions {
				t.Fatalf("BFS %d worlds %d transitions, DFS %d worlds %d transitions",
					bfs.Len(), bfs.Stats().Transitions, dfs.Len(), dfs.Stats().Transitions)
			}
			for id := 0; id < dfs.Len(); id++ {
				if _, ok := bfs.Lookup(dfs.State(explore.StateID(id))); !ok {
					t.Fatalf("DFS world %d not reached by BFS:\n%s", id, sys.Format(dfs.State(explore.StateID(id))))
				}
			}
		})
	}
}

// TestCrossCheck_Workers: the numbering of worlds, and so every trace, does
// not depend on the number of search goroutines.
func TestCrossCheck_Workers(t *testing.T) {
	for name, sys := range specSystems(t) {
		t.Run(name, func(t *testing.T) {
			one := search(t, sys, explore.Options{Workers: 1})
			four := search(t, sys, explore.Options{Workers: 4})
			if one.Len() != four.Len() {
				t.Fatalf("%d vs %d worlds", one.Len(), four.Len())
			}
			for id := 0; id < one.Len(); id++ {
				sid := explore.StateID(id)
				p1, _ := one.Parent(sid)
				p4, _ := four.Parent(sid)
				if !slices.Equal(one.State(sid), four.State(sid)) || p1 != p4 {
					t.Fatalf("world %d differs between 1 and 4 workers", id)
				}
			}
		})
	}
}

// TestCrossCheck_TracesReplay: every counterexample and witness replays
// action by action from the initial world, and its last world really shows
// the verdict: it violates the invariant, satisfies the reachable condition,
// or has no successor without being final.
func TestCrossCheck_TracesReplay(t *testing.T) {
	for name, sys := range specSystems(t) {
		t.Run(name, func(t *testing.T) {
			g, results := checkAll(t, sys)
			for _, r := range results {
				if r.Trace.Worlds == nil {
					continue
				}
				replayed, err := sys.Replay(r.Trace.Actions)
				if err != nil {
					t.Fatalf("%s: %v", r.Property.Name, err)
				}
				for i, w := range replayed.Worlds {
					if string(w) != string(r.Trace.Worlds[i]) {
						t.Fatalf("%s: replay differs at step %d", r.Property.Name, i)
					}
				}
				checkEvidence(t, sys, newKnowledgeCtx(sys, g), r, replayed.Last())
			}
		})
	}
}

func checkEvidence(t *testing.T, sys *model.System, kx *knowledgeCtx, r Result, last model.World) {
	t.Helper()
	p := r.Property
	holds := func(w model.World) bool {
		if p.epi == nil {
			return p.cond.Clone().Holds(w)
		}
		id, ok := kx.g.Lookup(w)
		return ok && kx.eval(p.epi).has(int(id))
	}
	switch p.Kind {
	case Invariant:
		if holds(last) {
			t.Errorf("%s: the counterexample's last world satisfies the invariant", p.Name)
		}
	case Reachable:
		if !holds(last) {
			t.Errorf("%s: the witness's last world does not satisfy the condition", p.Name)
		}
	case DeadlockFree:
		n := 0
		_ = sys.NewStepper().Next(last, func([]byte) { n++ })
		if n > 0 || (sys.Final != nil && sys.Final.Clone().Holds(last)) {
			t.Errorf("%s: the deadlock's last world has %d successors or is final", p.Name, n)
		}
	}
}
