package properties

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// naiveEval evaluates a set expression by the definition, world by world:
// knows(m, φ) at w scans every world for one with m's view and φ false; common
// knowledge explores the indistinguishability graph from w. It is quadratic
// and shares nothing with the grouped evaluator but the leaves.
func naiveEval(kx *knowledgeCtx, s setExpr, w int) bool {
	switch s := s.(type) {
	case *leaf:
		return s.cond.Clone().Holds(model.World(kx.g.State(explore.StateID(w))))
	case *notSet:
		return !naiveEval(kx, s.x, w)
	case *binSet:
		x, y := naiveEval(kx, s.x, w), naiveEval(kx, s.y, w)
		switch s.op.String() {
		case "and":
			return x && y
		case "or":
			return x || y
		}
		return !x || y
	case *knowsSet:
		if s.common {
			return naiveCommon(kx, s, w)
		}
		for _, m := range s.agents {
			for v := 0; v < kx.n; v++ {
				if sameView(kx, m, v, w) && !naiveEval(kx, s.x, v) {
					return false
				}
			}
		}
		return true
	}
	panic("unknown node")
}

func sameView(kx *knowledgeCtx, m model.MachineID, v, w int) bool {
	return slices.Equal(kx.sys.View(kx.g.State(explore.StateID(v)), m), kx.sys.View(kx.g.State(explore.StateID(w)), m))
}

func naiveCommon(kx *knowledgeCtx, s *knowsSet, w int) bool {
	seen := map[int]bool{w: true}
	queue := []int{w}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if !naiveEval(kx, s.x, v) {
			return false
		}
		for u := 0; u < kx.n; u++ {
			for _, m := range kx.sys.Machines {
				if !seen[u] && sameView(kx, m.ID, u, v) {
					seen[u] = true
					queue = append(queue, u)
				}
			}
		}
	}
	return true
}

// TestKnowledge_NaiveAgrees cross-checks the grouped evaluator against the
// naive one on every knowledge property of the specs small enough for a
// quadratic scan, at every world (common knowledge at a sample of worlds).
func TestKnowledge_NaiveAgrees(t *testing.T) {
	checked := 0
	for name, sys := range specSystems(t) {
		g := search(t, sys, explore.Options{})
		if g.Len() > 1500 {
			continue
		}
		props, err := Compile(sys)
		if err != nil {
			t.Fatal(err)
		}
		kx := newKnowledgeCtx(sys, g)
		for _, p := range props {
			if p.epi == nil {
				continue
			}
			checked++
			fast := kx.eval(p.epi)
			step := 1
			if _, ok := p.epi.(*knowsSet); ok && p.epi.(*knowsSet).common {
				step = 37
			}
			for w := 0; w < kx.n; w += step {
				if naiveEval(kx, p.epi, w) != fast.has(w) {
					t.Fatalf("%s %s: evaluators disagree at world %d:\n%s", name, p.Name, w, sys.Format(g.State(explore.StateID(w))))
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no knowledge property was small enough to cross-check")
	}
}

// TestKnowledge_RandomGroups checks groupAll and unionComponents against
// their definitions on random groupings and sets.
func TestKnowledge_RandomGroups(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		n := 1 + r.IntN(60)
		a, b := randomGroups(r, n), randomGroups(r, n)
		in := newBitset(n)
		for w := 0; w < n; w++ {
			if r.IntN(3) > 0 {
				in.set(w)
			}
		}
		got := groupAll(in, a, n, nil)
		for w := 0; w < n; w++ {
			want := true
			for v := 0; v < n; v++ {
				if a[v] == a[w] && !in.has(v) {
					want = false
				}
			}
			if got.has(w) != want {
				t.Fatalf("trial %d: groupAll wrong at %d", trial, w)
			}
		}
		comp := unionComponents(n, [][]int32{a, b}, nil)
		reach := closure(n, a, b)
		for v := 0; v < n; v++ {
			for w := 0; w < n; w++ {
				if (comp[v] == comp[w]) != reach[v][w] {
					t.Fatalf("trial %d: components wrong for %d,%d", trial, v, w)
				}
			}
		}
	}
}

func randomGroups(r *rand.Rand, n int) []int32 {
	k := 1 + r.IntN(n)
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(r.IntN(k))
	}
	return out
}

// closure computes "linked by a chain of shared groups" by Floyd–Warshall.
func closure(n int, groupings ...[]int32) [][]bool {
	reach := make([][]bool, n)
	for v := range reach {
		reach[v] = make([]bool, n)
		for w := 0; w < n; w++ {
			for _, g := range groupings {
				reach[v][w] = reach[v][w] || g[v] == g[w]
			}
		}
	}
	for k := 0; k < n; k++ {
		for v := 0; v < n; v++ {
			for w := 0; w < n; w++ {
				reach[v][w] = reach[v][w] || (reach[v][k] && reach[k][w])
			}
		}
	}
	return reach
}

// TestKnowledge_AlternativeIsEvidence: for every violated knowledge
// property, the alternative run replays, ends in a world with the same view
// for the machine named, and the fact is false there.
func TestKnowledge_AlternativeIsEvidence(t *testing.T) {
	found := 0
	for name, sys := range specSystems(t) {
		g, results := checkAll(t, sys)
		kx := newKnowledgeCtx(sys, g)
		for _, r := range results {
			if r.Alt.Worlds == nil {
				continue
			}
			found++
			if _, err := sys.Replay(r.Alt.Actions); err != nil {
				t.Fatalf("%s %s: alternative does not replay: %v", name, r.Property.Name, err)
			}
			checkAlternative(t, kx, r)
		}
	}
	if found == 0 {
		t.Fatal("no knowledge counterexample with an alternative run")
	}
}

// checkAlternative finds the knows node the note names and checks that the
// two last worlds look the same to its agent and that its fact fails in the
// alternative.
func checkAlternative(t *testing.T, kx *knowledgeCtx, r Result) {
	t.Helper()
	w, _ := kx.g.Lookup(r.Trace.Last())
	v, _ := kx.g.Lookup(r.Alt.Last())
	ok := false
	walkSet(r.Property.epi, func(k *knowsSet) {
		if k.common || kx.eval(k.x).has(int(v)) {
			return
		}
		for _, m := range k.agents {
			if sameView(kx, m, int(v), int(w)) {
				ok = true
			}
		}
	})
	if !ok {
		t.Errorf("%s: no knows(m, φ) with m's view equal in both last worlds and φ false in the alternative", r.Property.Name)
	}
}

func walkSet(s setExpr, f func(*knowsSet)) {
	switch s := s.(type) {
	case *notSet:
		walkSet(s.x, f)
	case *binSet:
		walkSet(s.x, f)
		walkSet(s.y, f)
	case *knowsSet:
		f(s)
		walkSet(s.x, f)
	}
}

// TestKnowledge_Instances: knows takes an instance as its agent, and
// quantifiers over instances unroll around knowledge operators.
func TestKnowledge_Instances(t *testing.T) {
	_, results := checkAll(t, loadSystem(t, "testdata/knowledge_instances.yaml", nil))
	if len(results) != 3 {
		t.Fatalf("%d results, want 3", len(results))
	}
	for _, r := range results {
		if !r.OK() {
			t.Errorf("%s: %s, want %s (%s)", r.Property.Name, r.Verdict, r.Property.Expect, r.Note)
		}
	}
}
