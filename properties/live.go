package properties

import (
	"context"
	"strings"

	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
	"github.com/tcpcheck/tcpcheck/properties/liveness"
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
func compileLive(sys *model.System, ps *syntax.PropertySpec, p *Property, errs *syntax.ErrorList) *Property {
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
func splitLeadsTo(t syntax.Text) (from, to syntax.Text, ok bool) {
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

func compileInto(sys *model.System, t syntax.Text, path string, errs *syntax.ErrorList) setExpr {
	s, err := compileSet(sys, t, path)
	if err != nil {
		if l, ok := err.(syntax.ErrorList); ok {
			*errs = append(*errs, l...)
		} else {
			errs.Add(t.Pos, path, "%v", err)
		}
		return nil
	}
	return s
}

// liveCtx decides the liveness properties of one Check call: it evaluates
// each property's trigger and goal to sets of worlds and asks package
// liveness, whose Checker builds the labelled graph and the fairness sets
// once, on first use.
type liveCtx struct {
	kx *knowledgeCtx
	x  *lts.Graph
	lc *liveness.Checker
}

func newLiveCtx(kx *knowledgeCtx, x *lts.Graph) *liveCtx {
	return &liveCtx{kx: kx, x: x, lc: liveness.New(x)}
}

// check decides p: a fair counterexample makes it violated; none makes it
// hold over a complete graph (vacuously when its trigger is never reached
// or no run is fair), and unknown over a partial one.
func (lx *liveCtx) check(ctx context.Context, p *Property) (Result, error) {
	if err := lx.lc.Build(ctx); err != nil {
		return Result{}, err
	}
	n := lx.kx.n
	q := liveness.Query{Goal: lx.kx.eval(p.live.to), Unfair: p.live.unfair, LeadsTo: p.Kind == LeadsTo}
	switch p.Kind {
	case LeadsTo:
		q.Trigger = lx.kx.eval(p.live.from)
	case AlwaysEventually:
		q.Trigger = newBitset(n).complement(n)
	}
	if ctx.Err() != nil {
		return cancelled(ctx, p), nil
	}
	a, err := lx.lc.Check(ctx, q)
	switch {
	case err != nil:
		return Result{}, err
	case ctx.Err() != nil:
		return cancelled(ctx, p), nil
	case a.Violated:
		return Result{Property: p, Verdict: Violated, Trace: a.Trace, LoopStart: a.LoopStart, Note: a.Note}, nil
	case !lx.x.Explored().Complete():
		return Result{Property: p, Verdict: Unknown, Note: "the search stopped at a limit: a liveness property needs every world, and no fair counterexample was found among those reached"}, nil
	}
	r := Result{Property: p, Verdict: Holds}
	switch {
	case a.Untriggered:
		r.Vacuous = []Vacuity{unneeded(p.live.from)}
	case a.NoFairRun:
		r.Vacuous = []Vacuity{noFairRun}
	}
	return r, nil
}
