package properties

import (
	"context"
	"fmt"
	"strings"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// IsLiveness reports whether k is decided over infinite runs (eventually,
// leads_to, always_eventually) rather than over single worlds.
func (k Kind) IsLiveness() bool { return k >= Eventually && k <= AlwaysEventually }

// Lasso reports whether r's trace is a lasso: the counterexample of a
// violated liveness property, whose loop starts at r.LoopStart.
func (r Result) Lasso() bool {
	return r.Property.Kind.IsLiveness() && r.Verdict == Violated && r.Trace.Worlds != nil
}

// liveSpec is the compiled condition of a liveness property: the goal Q,
// and for leads_to the trigger P.
type liveSpec struct {
	from   setExpr // leads_to only
	to     setExpr
	unfair bool // fairness: none — ignore the spec's fairness
}

// compileLive compiles an eventually, leads_to or always_eventually
// property, and its fairness key. leads_to is written "P ~> Q".
func compileLive(sys *model.System, ps *model.PropertySpec, p *Property, errs *model.ErrorList) *Property {
	if !p.Kind.IsLiveness() {
		errs.Add(ps.Fairness.Pos, ps.Path+".fairness", "fairness applies only to eventually, leads_to and always_eventually")
		return nil
	}
	lv := &liveSpec{}
	switch ps.Fairness.Src {
	case "", "declared":
	case "none":
		lv.unfair = true
	default:
		errs.Add(ps.Fairness.Pos, ps.Path+".fairness", "expected declared (the spec's fair keys, the default) or none (every run counts), found %q", ps.Fairness.Src)
	}
	p.Src = ps.Expr.Src
	path := ps.Path + "." + ps.Kind.Src
	to := *ps.Expr
	if p.Kind == LeadsTo {
		from, rest, ok := splitLeadsTo(to)
		if !ok {
			errs.Add(to.Pos, path, `expected "P ~> Q": once P holds, Q holds then or later (quote it in YAML)`)
			return nil
		}
		lv.from, to = compileInto(sys, from, path, errs), rest
	}
	lv.to = compileInto(sys, to, path, errs)
	if lv.from == nil && p.Kind == LeadsTo || lv.to == nil {
		return nil
	}
	p.live = lv
	return p
}

// splitLeadsTo splits "P ~> Q" at its only ~>. Both halves keep t's
// position: the text of Q keeps its offsets by blanking out P and the arrow.
func splitLeadsTo(t model.Text) (from, to model.Text, ok bool) {
	i := strings.Index(t.Src, "~>")
	if i < 0 || strings.Contains(t.Src[i+2:], "~>") {
		return t, t, false
	}
	from, to = t, t
	from.Src = t.Src[:i]
	blank := []byte(t.Src[:i+2])
	for k, c := range blank {
		if c != '\n' {
			blank[k] = ' '
		}
	}
	to.Src = string(blank) + t.Src[i+2:]
	return from, to, strings.TrimSpace(from.Src) != "" && strings.TrimSpace(t.Src[i+2:]) != ""
}

func compileInto(sys *model.System, t model.Text, path string, errs *model.ErrorList) setExpr {
	s, err := compileSet(sys, t, path)
	if err != nil {
		if l, ok := err.(model.ErrorList); ok {
			*errs = append(*errs, l...)
		} else {
			errs.Add(t.Pos, path, "%v", err)
		}
		return nil
	}
	return s
}

// liveCtx decides the liveness properties of one Check call. The labelled
// graph (x's shared relation) and the fairness sets are built once, on
// first use.
type liveCtx struct {
	sys  *model.System
	g    *explore.Graph
	x    *lts.Graph
	kx   *knowledgeCtx
	rel  *lts.Relation
	lg   *lgraph
	sets map[bool][2]*fairSet // by liveSpec.unfair: declared, then all
	fair map[*fairSet]bool    // whether some fair run exists
}

func (lx *liveCtx) build(ctx context.Context) error {
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
func (lx *liveCtx) fairSets(unfair bool) (declared, all *fairSet) {
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

// query returns the question whose answer refutes p.
func (lx *liveCtx) query(p *Property, f *fairSet) *query {
	q := &query{g: lx.lg, f: f, goal: lx.kx.eval(p.live.to), poll: lx.kx.poll}
	switch p.Kind {
	case LeadsTo:
		q.trigger = lx.kx.eval(p.live.from)
	case AlwaysEventually:
		q.trigger = newBitset(lx.lg.n).complement(lx.lg.n)
	}
	return q
}

// check decides p. It first looks for a counterexample that is fair under
// the declared fairness. If there is one, it looks again under every
// hypothesis as well (every machine weakly fair, every channel fair-lossy
// with finite duplication): a counterexample found then is a genuine
// livelock or deadlock and is the one reported; otherwise the first one is
// reported with the hypotheses it violates, which say why it is unfair.
func (lx *liveCtx) check(ctx context.Context, p *Property) (Result, error) {
	if err := lx.build(ctx); err != nil {
		return Result{}, err
	}
	declared, all := lx.fairSets(p.live.unfair)
	q := lx.query(p, declared)
	if ctx.Err() != nil {
		return cancelled(ctx, p), nil
	}
	if p.Kind == LeadsTo && q.trigger.first() < 0 {
		return lx.holds(ctx, p, declared, true)
	}
	l, found := q.find()
	if ctx.Err() != nil {
		return cancelled(ctx, p), nil
	}
	if !found {
		return lx.holds(ctx, p, declared, false)
	}
	fair := len(all.cons) == len(declared.cons)
	if !fair {
		q.f = all
		if l2, ok := q.find(); ok {
			l, fair = l2, true
		}
		if ctx.Err() != nil {
			return cancelled(ctx, p), nil
		}
	}
	tr, loop, err := l.trace(lx.sys, lx.g, lx.rel)
	if err != nil {
		return Result{}, err
	}
	r := Result{Property: p, Verdict: Violated, Trace: tr, LoopStart: loop}
	if fair {
		quiet := len(l.loop) == 0 && !lx.lg.stuck.has(int(l.start))
		r.Note = fairNote(tr, loop, len(declared.cons) > 0, len(all.cons) > len(declared.cons), all.has(conDup), quiet)
	} else {
		r.Note = lx.unfairNote(l, all, tr, loop)
	}
	if !lx.g.Complete() {
		r.Note += " (found before the search stopped at a limit)"
	}
	return r, nil
}

// holds reports that no fair counterexample exists, unless the search was
// cut short, and warns when that is only because no run at all is fair.
// untriggered is set when a leads_to holds because its trigger is never
// reached.
func (lx *liveCtx) holds(ctx context.Context, p *Property, f *fairSet, untriggered bool) (Result, error) {
	if !lx.g.Complete() {
		return Result{Property: p, Verdict: Unknown, Note: "the search stopped at a limit: a liveness property needs every world, and no fair counterexample was found among those reached"}, nil
	}
	r := Result{Property: p, Verdict: Holds}
	switch {
	case untriggered:
		r.Vacuous = []Vacuity{unneeded(p.live.from)}
	case !lx.someFairRun(f):
		r.Vacuous = []Vacuity{noFairRun}
	}
	if ctx.Err() != nil {
		return cancelled(ctx, p), nil
	}
	return r, nil
}

// someFairRun reports whether some run is fair under f: whether the graph
// has a stuck world or a fair component (every world is reachable).
func (lx *liveCtx) someFairRun(f *fairSet) bool {
	if ok, done := lx.fair[f]; done {
		return ok
	}
	ok := false
	for v := range lx.lg.n {
		if ok = lx.lg.rests(f, uint32(v)); ok || lx.kx.poll.stop() {
			break
		}
	}
	if !ok {
		all := make([]uint32, lx.lg.n)
		for v := range all {
			all[v] = uint32(v)
		}
		r := newRefiner(lx.lg, f, lx.kx.poll)
		r.any = true
		r.refine(all)
		ok = r.found
	}
	if lx.kx.poll.stop() {
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
func (lx *liveCtx) unfairNote(l *lasso, all *fairSet, tr model.Trace, loop int) string {
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
func (lx *liveCtx) lossNote(cs []constraint, lossy bool) string {
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
func (lx *liveCtx) dupNote(cs []constraint) string {
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
func (lx *liveCtx) transNote(cs []constraint) string {
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
func (lx *liveCtx) pairNames(cs []constraint) (msgs, chans []string) {
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
