// Package liveness decides the liveness properties of package properties
// (eventually, leads_to, always_eventually) over the fair runs of an
// explored graph: the labelled successor relation of package lts viewed as
// an lgraph, the fairness constraints of the spec compiled to bit masks,
// fair strongly connected components refined as in Emerson and Lei, and a
// lasso (a shortest prefix and a loop through the component) as the
// counterexample. It knows sets of worlds, not formulas: package properties
// evaluates a property's trigger and goal and asks a [Checker].
package liveness

import (
	"context"
	"fmt"
	"strings"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// A Query asks whether some fair run, once it is in a trigger world, never
// again visits a goal world; the sets are bit sets of world IDs (bit v of
// word v/64), as long as the graph's.
//
//	eventually Q:        Trigger = nil (the initial worlds), Goal = Q
//	P ~> Q (leads_to):   Trigger = P, Goal = Q, LeadsTo
//	always_eventually Q: Trigger = every world, Goal = Q
type Query struct {
	Trigger []uint64
	Goal    []uint64
	// LeadsTo says the query is a leads_to's: one whose trigger no world
	// satisfies holds without a search.
	LeadsTo bool
	// Unfair ignores the spec's fairness (a property's fairness: none).
	Unfair bool
}

// An Answer is what a query found. Violated says a fair counterexample
// exists: Trace is the lasso, its loop from Trace.Worlds[LoopStart] (or
// LoopStart == Trace.Len(): the run stays in its last world), and Note says
// whether it is fair under every fairness hypothesis or which it breaks.
// Otherwise, over a complete graph, Untriggered says a leads_to's trigger
// holds nowhere and NoFairRun that no run at all is fair: the property
// holds vacuously. A query a cancelled context cut short answers nothing
// meaningful: the caller tests the context afterwards.
type Answer struct {
	Violated    bool
	Trace       model.Trace
	LoopStart   int
	Note        string
	Untriggered bool
	NoFairRun   bool
}

// A Checker decides the liveness queries of one check of an explored
// graph. The labelled graph (x's shared relation) and the fairness sets
// are built once, on first use. A Checker belongs to one goroutine.
type Checker struct {
	sys  *model.System
	g    *explore.Graph
	x    *lts.Graph
	rel  *lts.Relation
	lg   *lgraph
	poll *poller
	sets map[bool][2]*fairSet // by Query.Unfair: declared, then all
	fair map[*fairSet]bool    // whether some fair run exists
}

// New returns a Checker over x.
func New(x *lts.Graph) *Checker { return &Checker{sys: x.System(), g: x.Explored(), x: x} }

// Build builds the labelled graph, unless it is built already.
func (lx *Checker) Build(ctx context.Context) error {
	if lx.lg != nil {
		return nil
	}
	rel, err := lx.x.Relation(ctx)
	if err != nil {
		return err
	}
	lx.rel, lx.lg, lx.sets = rel, fromRelation(rel), map[bool][2]*fairSet{}
	lx.fair = map[*fairSet]bool{}
	return nil
}

// fairSets returns the declared constraints and all constraints (declared
// plus hypotheses) for a property that ignores the spec's or not.
func (lx *Checker) fairSets(unfair bool) (declared, all *fairSet) {
	if s, ok := lx.sets[unfair]; ok {
		return s[0], s[1]
	}
	cons := fairnessOf(lx.sys, lx.lg, !unfair)
	n := 0
	for n < len(cons) && cons[n].declared {
		n++
	}
	s := [2]*fairSet{newFairSet(lx.lg.nTrans, lx.lg.nPair, cons[:n]), newFairSet(lx.lg.nTrans, lx.lg.nPair, cons)}
	lx.sets[unfair] = s
	return s[0], s[1]
}

// query returns the search for a counterexample to q under f.
func (lx *Checker) query(q Query, f *fairSet) *query {
	return &query{g: lx.lg, f: f, trigger: q.Trigger, goal: q.Goal, poll: lx.poll}
}

// Check answers q. It first looks for a counterexample that is fair under
// the declared fairness. If there is one, it looks again under every
// hypothesis as well (every machine weakly fair, every channel fair-lossy
// with finite duplication): a counterexample found then is a genuine
// livelock or deadlock and is the one reported; otherwise the first one is
// reported with the hypotheses it violates, which say why it is unfair.
// When there is none, over a complete graph, it says whether that is only
// because the trigger is never reached or no run at all is fair.
func (lx *Checker) Check(ctx context.Context, q Query) (Answer, error) {
	if err := lx.Build(ctx); err != nil {
		return Answer{}, err
	}
	lx.poll = newPoller(ctx)
	declared, all := lx.fairSets(q.Unfair)
	qq := lx.query(q, declared)
	if q.LeadsTo && qq.trigger.first() < 0 {
		return lx.holds(declared, true), nil
	}
	l, found := qq.find()
	if ctx.Err() != nil {
		return Answer{}, nil
	}
	if !found {
		return lx.holds(declared, false), nil
	}
	fair := len(all.cons) == len(declared.cons)
	if !fair {
		qq.f = all
		if l2, ok := qq.find(); ok {
			l, fair = l2, true
		}
		if ctx.Err() != nil {
			return Answer{}, nil
		}
	}
	tr, loop, err := l.trace(lx.sys, lx.g, lx.rel)
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Violated: true, Trace: tr, LoopStart: loop}
	if fair {
		quiet := len(l.loop) == 0 && !lx.lg.stuck.has(int(l.start))
		a.Note = fairNote(tr, loop, len(declared.cons) > 0, len(all.cons) > len(declared.cons), all.has(conDup), quiet)
	} else {
		a.Note = lx.unfairNote(l, all, tr, loop)
	}
	if !lx.g.Complete() {
		a.Note += " (found before the search stopped at a limit)"
	}
	return a, nil
}

// holds is the answer when no fair counterexample exists: over a complete
// graph, whether that is only because the trigger is never reached
// (untriggered) or no run at all is fair under f.
func (lx *Checker) holds(f *fairSet, untriggered bool) Answer {
	if !lx.g.Complete() {
		return Answer{}
	}
	if untriggered {
		return Answer{Untriggered: true}
	}
	return Answer{NoFairRun: !lx.someFairRun(f)}
}

// someFairRun reports whether some run is fair under f: whether the graph
// has a stuck world or a fair component (every world is reachable).
func (lx *Checker) someFairRun(f *fairSet) bool {
	if ok, done := lx.fair[f]; done {
		return ok
	}
	ok := false
	for v := range lx.lg.n {
		if ok = lx.lg.rests(f, uint32(v)); ok || lx.poll.stop() {
			break
		}
	}
	if !ok {
		all := make([]uint32, lx.lg.n)
		for v := range all {
			all[v] = uint32(v)
		}
		r := newRefiner(lx.lg, f, lx.poll)
		r.any = true
		r.refine(all)
		ok = r.found
	}
	if lx.poll.stop() {
		return ok // not kept: it is incomplete
	}
	lx.fair[f] = ok
	return ok
}

// fairNote explains a counterexample that no fairness assumption excludes:
// a run that stops, or a livelock. declared says the spec declares some
// fairness; more says there were hypotheses beyond it, which the loop meets
// too; dup says that some channel duplicates, so that the strongest
// assumption bounds duplication as well as loss; quiet that the run stops
// where only user calls are enabled.
func fairNote(tr model.Trace, loop int, declared, more, dup, quiet bool) string {
	if loop == tr.Len() {
		s := "fair: the run ends in a world where no action is enabled and stays there forever"
		if quiet {
			s = "fair: the run ends in a world where only user calls are enabled, and the users need not make them (declare fair: weak on a call they must make)"
		}
		switch n := drops(tr.Actions); n {
		case 0:
		case 1:
			s += "; it needs only 1 lost message, and no fairness excludes finitely many losses"
		default:
			s += fmt.Sprintf("; it needs only %d lost messages, and no fairness excludes finitely many losses", n)
		}
		return s
	}
	strongest := "every machine were weakly fair and every channel fair-lossy"
	if dup {
		strongest += " with finite duplication"
	}
	switch {
	case declared && more:
		return "fair: a livelock — the loop meets the declared fairness, and would even if " + strongest
	case declared:
		return "fair: a livelock — the loop meets the declared fairness"
	}
	return "fair: a livelock — the loop would be fair even if " + strongest
}

// unfairNote explains a counterexample that is fair under the declared
// fairness only: which of the hypotheses its loop violates, and what to
// declare to exclude it.
func (lx *Checker) unfairNote(l *lasso, all *fairSet, tr model.Trace, loop int) string {
	byKind := map[conKind][]constraint{}
	for _, i := range members(unmetOn(lx.lg, all, l.start, l.loop)) {
		c := all.cons[i]
		k := c.kind
		if k == conStrong {
			k = conWeak // both are a transition's: worded alike
		}
		byKind[k] = append(byKind[k], c)
	}
	var parts []string
	if cs := byKind[conChannel]; len(cs) > 0 {
		parts = append(parts, lx.lossNote(cs, drops(tr.Actions[loop:]) > 0))
	}
	if cs := byKind[conDup]; len(cs) > 0 {
		parts = append(parts, lx.dupNote(cs))
	}
	if cs := byKind[conWeak]; len(cs) > 0 {
		parts = append(parts, lx.transNote(cs))
	}
	for i := 1; i < len(parts); i++ {
		parts[i] = "Also " + parts[i]
	}
	return strings.Join(parts, ". ")
}

// lossNote words unmet channel constraints: the loop sends their messages
// and never delivers them; lossy says it loses some on the way.
func (lx *Checker) lossNote(cs []constraint, lossy bool) string {
	msgs, chans := lx.pairNames(cs)
	why := ""
	if lossy {
		why = "only the network's losses keep it from progressing — "
	}
	return fmt.Sprintf("unfair: %sthe loop sends %s forever and delivers none; declare fair: true on the channels (%s)",
		why, strings.Join(msgs, ", "), strings.Join(chans, ", "))
}

// dupNote words unmet duplication constraints: the loop delivers copies of
// their messages, left in the channel, and never sends them again.
func (lx *Checker) dupNote(cs []constraint) string {
	msgs, chans := lx.pairNames(cs)
	it, chs := "it", "the channel"
	if len(msgs) > 1 {
		it = "them"
	}
	if len(chans) > 1 {
		chs = "the channels"
	}
	return fmt.Sprintf("unfair: the loop delivers copies of %s forever without sending %s again; declare fair: true on %s (%s)",
		strings.Join(msgs, ", "), it, chs, strings.Join(chans, ", "))
}

// transNote words unmet transition constraints: the transitions stay
// enabled and never fire.
func (lx *Checker) transNote(cs []constraint) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = describe(lx.sys, c)
	}
	if len(names) == 1 {
		return fmt.Sprintf("unfair: %s stays enabled throughout the loop and never fires; declare fair: weak on it", names[0])
	}
	return fmt.Sprintf("unfair: %s stay enabled throughout the loop and never fire; declare fair: weak on them", strings.Join(names, ", "))
}

// pairNames describes the pairs of channel or duplication constraints, and
// names their channels once each, in order of first appearance.
func (lx *Checker) pairNames(cs []constraint) (msgs, chans []string) {
	seen := map[string]bool{}
	for _, c := range cs {
		msgs = append(msgs, describe(lx.sys, c))
		if name := pairChannel(lx.sys, c.pair).Name; !seen[name] {
			seen[name] = true
			chans = append(chans, name)
		}
	}
	return msgs, chans
}

// drops counts the network's losses among actions.
func drops(actions []model.Action) int {
	n := 0
	for _, a := range actions {
		if a.Kind == model.ActDrop {
			n++
		}
	}
	return n
}
