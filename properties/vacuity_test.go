package properties

import (
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/expr"
)

// naive evaluates s in world w with target replaced by val, world by world:
// connectives directly, knows(a, φ) by visiting every world with a's view.
// It shares nothing with the bitset evaluation but the leaves' conditions.
type naive struct {
	g      *explore.Graph
	sys    *model.System
	target setExpr
	val    bool
	views  map[model.MachineID]map[string][]int
	memo   map[setExpr][]int8 // 1 false, 2 true, per world
	leaves *naive             // shares the leaves' values across replacements
}

func (nv *naive) view(m model.MachineID, w int) string {
	off, n := nv.sys.ViewRange(m)
	return string(nv.g.State(explore.StateID(w))[off : off+n])
}

func (nv *naive) eval(s setExpr, w int) bool {
	if s == nv.target {
		return nv.val
	}
	if _, ok := s.(*leaf); ok && nv.leaves != nil {
		return nv.leaves.eval(s, w) // independent of the replacement
	}
	if nv.memo[s] == nil {
		nv.memo[s] = make([]int8, nv.g.Len())
	}
	if m := nv.memo[s][w]; m != 0 {
		return m == 2
	}
	v := nv.compute(s, w)
	nv.memo[s][w] = 1
	if v {
		nv.memo[s][w] = 2
	}
	return v
}

func (nv *naive) compute(s setExpr, w int) bool {
	if s == nv.target {
		return nv.val
	}
	switch s := s.(type) {
	case *leaf:
		return s.cond.Holds(model.World(nv.g.State(explore.StateID(w))))
	case *notSet:
		return !nv.eval(s.x, w)
	case *binSet:
		x, y := nv.eval(s.x, w), nv.eval(s.y, w)
		switch s.op {
		case expr.OpAnd:
			return x && y
		case expr.OpOr:
			return x || y
		}
		return !x || y
	case *knowsSet:
		if s.common {
			panic("naive: common knowledge is not cross-checked here")
		}
		for _, m := range s.agents {
			if nv.views[m] == nil {
				nv.views[m] = map[string][]int{}
				for v := range nv.g.Len() {
					k := nv.view(m, v)
					nv.views[m][k] = append(nv.views[m][k], v)
				}
			}
			for _, v := range nv.views[m][nv.view(m, w)] {
				if !nv.eval(s.x, v) {
					return false
				}
			}
		}
		return true
	}
	panic("naive: unknown node")
}

func hasCommon(s setExpr) bool {
	found := false
	if k, ok := s.(*knowsSet); ok && k.common {
		return true
	}
	occurrences(s, 1, func(n, _ setExpr, _ int) bool {
		if k, ok := n.(*knowsSet); ok && k.common {
			found = true
		}
		return true
	})
	return found
}

// TestVacuity_Naive holds the replacement sets vacuity is decided from
// against a world-by-world evaluation, for every occurrence in every
// invariant of the suite (common knowledge aside).
func TestVacuity_Naive(t *testing.T) {
	checked := 0
	for name, sys := range specSystems(t) {
		props, err := Compile(sys)
		if err != nil {
			t.Fatal(err)
		}
		g := search(t, sys, explore.Options{})
		if g.Len() > 20_000 {
			continue // world by world knowledge is quadratic in a view group
		}
		kx := newKnowledgeCtx(sys, g)
		shared := &naive{g: g, sys: sys, views: map[model.MachineID]map[string][]int{}, memo: map[setExpr][]int8{}}
		for _, p := range props {
			if p.skel == nil || hasCommon(p.skel) {
				continue
			}
			occurrences(p.skel, 1, func(n, _ setExpr, pol int) bool {
				nv := &naive{g: g, sys: sys, target: n, val: pol < 0, views: shared.views, memo: map[setExpr][]int8{}, leaves: shared}
				set := kx.evalWith(p.skel, n, pol < 0)
				for w := range g.Len() {
					if set.has(w) != nv.eval(p.skel, w) {
						t.Fatalf("%s: %s with %s := %v: world %d differs", name, p.Name, n, pol < 0, w)
					}
				}
				checked++
				return true
			})
		}
	}
	if checked < 50 {
		t.Errorf("only %d occurrences checked", checked)
	}
}

const vacuitySrc = `
name: vac
machines:
  a:
    states: [S, T]
    init: S
    vars: { x: 0..3 }
    transitions:
      - { from: S, do: [x = 1], to: T }
      - { from: T, on: call reset, do: [x = 1] }
properties:
  - { name: never, invariant: "a.x == 3 implies a in S" }
  - { name: always, invariant: "a in T implies a.x < 2" }
  - { name: conj, invariant: "a in T and a.x == 1 implies a.x > 0" }
  - { name: tight, invariant: "a in T implies a.x == 1" }
  - { name: knows, invariant: "a in T implies knows(a, a.x == 1)" }
  - { name: trigger, leads_to: "a.x == 3 ~> a in T" }
  - { name: init, eventually: "a.x < 2" }
  - { name: live, deadlock_free: true }
`

// TestVacuity_Cases: the reasons reported for each kind of vacuity, and
// none for properties that need every part of themselves.
func TestVacuity_Cases(t *testing.T) {
	want := map[string]string{
		"never":   "a in S: the antecedent a.x == 3 holds in no reachable world",
		"always":  "a in T: the consequent a.x < 2 holds in every reachable world",
		"conj":    "a in T: the invariant still holds with it replaced by true",
		"tight":   "",
		"knows":   "",
		"trigger": "a.x == 3: no reachable world satisfies the left side",
		"init":    "a.x < 2: it holds in the initial world",
		"live":    ": 1 reachable world(s) that are neither initial nor final allow nothing but user calls",
	}
	for _, r := range checkSrc(t, vacuitySrc, explore.Options{}) {
		var got []string
		for _, v := range r.Vacuous {
			got = append(got, v.Sub+": "+v.Why)
		}
		w := want[r.Property.Name]
		if r.Verdict != Holds || (w == "") != (len(got) == 0) || (w != "" && !strings.HasPrefix(strings.Join(got, "; "), w)) {
			t.Errorf("%s: %v %q, want holds %q", r.Property.Name, r.Verdict, got, w)
		}
	}
}

// TestVacuity_OnlyWhenHolds: a violated property reports no vacuity, and
// neither does a search cut short.
func TestVacuity_OnlyWhenHolds(t *testing.T) {
	src := strings.Replace(vacuitySrc, `"a.x == 3 implies a in S"`, `"a.x == 1 implies a in S"`, 1)
	for _, r := range checkSrc(t, src, explore.Options{}) {
		if r.Property.Name == "never" && (r.Verdict != Violated || len(r.Vacuous) > 0) {
			t.Errorf("never: %v %v", r.Verdict, r.Vacuous)
		}
	}
	for _, r := range checkSrc(t, vacuitySrc, explore.Options{MaxStates: 1}) {
		if len(r.Vacuous) > 0 {
			t.Errorf("%s: vacuity %v from an incomplete search", r.Property.Name, r.Vacuous)
		}
	}
}

// TestVacuity_FinalRests: a world where only calls are enabled is no
// hidden hang once the spec declares it final.
func TestVacuity_FinalRests(t *testing.T) {
	src := strings.Replace(vacuitySrc, "properties:\n", "final: a in T\nproperties:\n", 1)
	for _, r := range checkSrc(t, src, explore.Options{}) {
		if r.Property.Name == "live" && (r.Verdict != Holds || len(r.Vacuous) > 0) {
			t.Errorf("live: %v %v", r.Verdict, r.Vacuous)
		}
	}
}
