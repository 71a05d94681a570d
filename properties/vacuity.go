package properties

// Vacuity: a property that holds may hold for a reason that has nothing to
// do with what it was written to check. Following Beer, Ben-David, Eisner
// and Rodeh ("Efficient detection of vacuity in ACTL formulas", CAV 1997)
// and Kupferman and Vardi ("Vacuity detection in temporal model checking",
// CHARME 1999), a property holds vacuously in a subformula ψ when ψ can be
// replaced by the constant that makes the property hardest to satisfy
// (false where ψ occurs positively, true where it occurs under a negation
// or on the left of implies) and the property still holds: ψ is then never
// needed. The antecedent of an implication that no reachable world
// satisfies is the classic case.
//
// Invariants (with or without knowledge) are analysed occurrence by
// occurrence over the explored graph: every atom's set of worlds is
// computed once, and each replacement recomputes only the sets above it.
// Liveness properties are flagged in the cases that need no second
// analysis: a leads_to whose trigger is never reached, an eventually whose
// goal holds initially, and no fair run at all.

import (
	"context"
	"fmt"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// A Vacuity is one reason a property that holds proves less than it says.
type Vacuity struct {
	// Sub is the subformula the property does not need, as written, and
	// Pos where the spec writes it; Sub is "" when the reason concerns the
	// whole property (no run is fair).
	Sub string
	Pos syntax.Pos
	// Why says what makes it unnecessary.
	Why string
	// Trace, when not empty, leads to a world that shows why.
	Trace model.Trace
}

// compileSkeleton compiles an invariant's condition split at every
// connective, for vacuity. It returns nil where that is not possible, or
// where an atom may fail to evaluate (a division by zero guarded by the
// connectives around it must not be evaluated alone).
func compileSkeleton(sys *model.System, e expr.Expr, t syntax.Text, path string) setExpr {
	e, err := sys.ExpandQuantifiers(e, t, path)
	if err != nil {
		return nil
	}
	kc := &knowledgeCompiler{sys: sys, text: t, path: path, split: true}
	s := kc.compile(e)
	if len(kc.errs) > 0 || s == nil || mayFail(s) {
		return nil
	}
	return s
}

// mayFail reports whether some leaf of s may fail to evaluate.
func mayFail(s setExpr) bool {
	fails := false
	occurrences(s, 1, func(n, _ setExpr, _ int) bool {
		if l, ok := n.(*leaf); ok && l.cond.MayFail() {
			fails = true
		}
		return true
	})
	return fails
}

// occurrences calls visit on every subformula below s (not s itself), top
// down, with its parent and its polarity: 1 where it occurs positively, -1
// under an odd number of negations (not, the left of implies). visit
// returns whether to descend into n.
func occurrences(s setExpr, pol int, visit func(n, parent setExpr, pol int) bool) {
	var kids []setExpr
	var pols []int
	switch s := s.(type) {
	case *notSet:
		kids, pols = []setExpr{s.x}, []int{-pol}
	case *binSet:
		left := pol
		if s.op == expr.OpImplies {
			left = -pol
		}
		kids, pols = []setExpr{s.x, s.y}, []int{left, pol}
	case *knowsSet:
		kids, pols = []setExpr{s.x}, []int{pol}
	}
	for i, k := range kids {
		if visit(k, s, pols[i]) {
			occurrences(k, pols[i], visit)
		}
	}
}

// within reports whether target is s or below it.
func within(s, target setExpr) bool {
	if s == target {
		return true
	}
	found := false
	occurrences(s, 1, func(n, _ setExpr, _ int) bool {
		found = found || n == target
		return !found
	})
	return found
}

// evalWith is the set of worlds where s holds once target is replaced by
// the constant val. Subformulas without target come from the memo.
func (kx *knowledgeCtx) evalWith(s, target setExpr, val bool) bitset {
	switch {
	case s == target && val:
		return newBitset(kx.n).complement(kx.n)
	case s == target:
		return newBitset(kx.n)
	case !within(s, target):
		return kx.eval(s)
	}
	switch s := s.(type) {
	case *notSet:
		return kx.evalWith(s.x, target, val).complement(kx.n)
	case *binSet:
		return kx.combine(s.op, kx.evalWith(s.x, target, val), kx.evalWith(s.y, target, val))
	case *knowsSet:
		return kx.knowsOver(s, kx.evalWith(s.x, target, val))
	}
	panic(fmt.Sprintf("properties: %T has no subformulas", s))
}

// invariantVacuity returns the maximal subformulas of root, an invariant
// that holds in every world of a complete graph, that it does not need.
func (kx *knowledgeCtx) invariantVacuity(root setExpr) []Vacuity {
	var out []Vacuity
	occurrences(root, 1, func(n, parent setExpr, pol int) bool {
		if kx.evalWith(root, n, pol < 0).firstNot(kx.n) >= 0 {
			return true // needed: look for a smaller unneeded part
		}
		out = append(out, kx.vacuity(n, parent, pol))
		return false
	})
	return out
}

// vacuity explains why the invariant does not need occurrence n.
func (kx *knowledgeCtx) vacuity(n, parent setExpr, pol int) Vacuity {
	s := srcInfo(n)
	v := Vacuity{Sub: s.text, Pos: s.at}
	imp, _ := parent.(*binSet)
	switch {
	case imp != nil && imp.op == expr.OpImplies && n == imp.y && kx.eval(imp.x).first() < 0:
		v.Why = fmt.Sprintf("the antecedent %s holds in no reachable world", imp.x)
	case imp != nil && imp.op == expr.OpImplies && n == imp.x && kx.eval(imp.y).firstNot(kx.n) < 0:
		v.Why = fmt.Sprintf("the consequent %s holds in every reachable world", imp.y)
	case pol > 0:
		v.Why = "the invariant still holds with it replaced by false"
	default:
		v.Why = "the invariant still holds with it replaced by true"
	}
	return v
}

// srcInfo returns how a subformula is written and where.
func srcInfo(s setExpr) src {
	switch s := s.(type) {
	case *leaf:
		return s.src
	case *notSet:
		return s.src
	case *binSet:
		return s.src
	case *knowsSet:
		return s.src
	}
	return src{text: s.String()}
}

// vacuityOf fills r.Vacuous for a property that holds over a complete
// graph.
func vacuityOf(ctx context.Context, kx *knowledgeCtx, lx *liveCtx, p *Property, r *Result) error {
	if r.Verdict != Holds || !kx.g.Complete() {
		return nil
	}
	switch {
	case p.Kind == Invariant && p.skel != nil:
		r.Vacuous = kx.invariantVacuity(p.skel)
	case p.Kind == Eventually && p.live != nil && kx.initially(p.live.to):
		s := srcInfo(p.live.to)
		r.Vacuous = []Vacuity{{Sub: s.text, Pos: s.at, Why: "it holds in the initial world, before any step"}}
	case p.Kind == DeadlockFree:
		v, err := lx.callsOnly(ctx)
		if v != nil {
			r.Vacuous = []Vacuity{*v}
		}
		return err
	}
	return nil
}

// callsOnly finds the worlds that deadlock_free counts as live only because
// a user may call: not initial, not final, and every step a user call. A
// protocol that hangs there, each side waiting for the other, is not a
// deadlock as long as some call is enabled (an abort, a close), so
// deadlock_free cannot see the hang.
func (lx *liveCtx) callsOnly(ctx context.Context) (*Vacuity, error) {
	rel, err := lx.x.Relation(ctx)
	if err != nil {
		return nil, err
	}
	sys, g := lx.x.System(), lx.x.Explored()
	var final *model.Cond
	if sys.Final != nil {
		final = sys.Final.Clone()
	}
	first, n := -1, 0
	for v := rel.Initials(); v < rel.Len(); v++ {
		if !rel.Quiet(uint32(v)) {
			continue
		}
		if final != nil {
			if isFinal, _ := final.Eval(model.World(g.State(explore.StateID(v)))); isFinal {
				continue
			}
		}
		if first < 0 {
			first = v
		}
		n++
	}
	if first < 0 {
		return nil, nil
	}
	tr, err := lts.Path(sys, g, explore.StateID(first))
	return &Vacuity{Trace: tr, Why: fmt.Sprintf("%d reachable world(s) that are neither initial nor final allow nothing but user calls: without the calls they would be deadlocks, so a hang there goes unseen (declare them final if the protocol may rest there)", n)}, err
}

// initially reports whether s holds in every initial world.
func (kx *knowledgeCtx) initially(s setExpr) bool {
	set := kx.eval(s)
	for _, id := range kx.g.Initial() {
		if !set.has(int(id)) {
			return false
		}
	}
	return true
}

// unneeded is the Vacuity of a leads_to whose trigger no world satisfies.
func unneeded(trigger setExpr) Vacuity {
	s := srcInfo(trigger)
	return Vacuity{Sub: s.text, Pos: s.at, Why: "no reachable world satisfies the left side of ~>, so nothing is asked of the right side"}
}

// noFairRun is the Vacuity of a liveness property that holds because no
// run is fair.
var noFairRun = Vacuity{Why: "under the declared fairness no run is fair, so every liveness property holds"}
