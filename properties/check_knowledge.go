package properties

import (
	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// checkKnowledge decides an invariant or reachable property whose condition
// uses knowledge operators. It needs the complete reachable set: knowledge
// quantifies over every world a machine cannot tell apart from this one.
func checkKnowledge(sys *model.System, g *explore.Graph, kx *knowledgeCtx, p *Property) (Result, error) {
	if !g.Complete() {
		return Result{Property: p, Verdict: Unknown, Note: "knowledge is decided over every reachable world, and the search stopped at a limit"}, nil
	}
	set := kx.eval(p.epi)
	switch p.Kind {
	case Reachable:
		w := set.first()
		if w < 0 {
			return Result{Property: p, Verdict: Violated, Note: "no reachable world satisfies it"}, nil
		}
		tr, err := lts.Path(sys, g, explore.StateID(w))
		return Result{Property: p, Verdict: Holds, Trace: tr}, err
	case Invariant:
		w := pickViolation(kx, p, set)
		if w < 0 {
			return Result{Property: p, Verdict: Holds}, nil
		}
		return knowledgeViolation(sys, g, kx, p, w)
	}
	return Result{Property: p, Verdict: Unknown, Note: "knowledge operators are supported in invariant and reachable properties"}, nil
}

// pickViolation chooses the world to show for a violated knowledge
// invariant, by preference: the first, in BFS order, where a machine fails
// to know a fact that is true (it confuses this world with one where the
// fact is false); then the first whose explanation is a second world; then
// the first violating world. It returns -1 when the invariant holds.
func pickViolation(kx *knowledgeCtx, p *Property, set bitset) int {
	first := set.firstNot(kx.n)
	if first < 0 {
		return -1
	}
	second := -1
	for w := first; w < kx.n && !kx.poll.stop(); w++ {
		if set.has(w) {
			continue
		}
		alt, ok := kx.explainFalse(p.epi, w)
		switch {
		case ok && alt.world != w && alt.factHolds:
			return w
		case ok && alt.world != w && second < 0:
			second = w
		}
	}
	if second >= 0 {
		return second
	}
	return first
}

// knowledgeViolation builds the two runs of a knowledge counterexample: the
// run to the world w where the property fails, and a run to a world some
// machine cannot tell apart from w, where the fact it would need to know is
// false.
func knowledgeViolation(sys *model.System, g *explore.Graph, kx *knowledgeCtx, p *Property, w int) (Result, error) {
	tr, err := lts.Path(sys, g, explore.StateID(w))
	r := Result{Property: p, Verdict: Violated, Trace: tr}
	if err != nil {
		return r, err
	}
	alt, ok := kx.explainFalse(p.epi, w)
	if !ok {
		return r, nil
	}
	r.Alt, err = lts.Path(sys, g, explore.StateID(alt.world))
	r.AltNote = alt.note
	r.Diverge = diverge(r.Trace, r.Alt)
	return r, err
}

// diverge returns the first step at which two runs differ: the index of
// the first action that is not the same in both.
func diverge(a, b model.Trace) int {
	i := 0
	for i < len(a.Actions) && i < len(b.Actions) && a.Actions[i] == b.Actions[i] {
		i++
	}
	return i + 1
}
