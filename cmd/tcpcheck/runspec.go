package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
	"github.com/tcpcheck/tcpcheck/properties"
)

// runOptions say how to check one spec.
type runOptions struct {
	set      map[string]int64
	props    []string
	limits   limitOptions // the caller's context carries --timeout
	order    explore.Order
	progress func(explore.Progress)
	coverage bool // count the firings of every transition
	compact  bool // hash compaction, properties checked on the fly
	// failVacuous makes a vacuous pass a mismatch (--fail-vacuous).
	failVacuous bool
}

// specReport is everything verify learned about one spec.
type specReport struct {
	file    string
	config  string // the configuration's label, when the spec has a matrix
	sys     *model.System
	results []properties.Result
	stats   explore.Stats
	elapsed time.Duration
	// err is an invalid spec, an unreadable file or an unknown property
	// (exit 2); modelErr a model error found during the search, with the
	// trace that reaches it; limit says which limit cut the search.
	err      error
	modelErr error
	modelTr  model.Trace
	limit    string
	// stopped says a compact search stopped once every property it can
	// check on the fly was decided.
	stopped bool
	// skipped says why the spec (or configuration) was not checked at
	// all: the command's context ended first (--timeout, a signal); stop
	// why the analysis after a complete search was cut short.
	skipped string
	stop    string
	// coverage is the use of every transition, with --coverage.
	coverage properties.Coverage
	// failVacuous makes a property that holds vacuously a mismatch.
	failVacuous bool
}

// passes reports whether res counts as the spec expects: its verdict is
// the expected one and, with --fail-vacuous, it does not hold vacuously.
func (r *specReport) passes(res properties.Result) bool {
	return res.OK() && !(r.failVacuous && len(res.Vacuous) > 0)
}

func (r *specReport) exitCode() int {
	if r.err != nil || r.modelErr != nil {
		return exitInvalid
	}
	if r.skipped != "" {
		return exitUnknown
	}
	code := exitOK
	for _, res := range r.results {
		switch {
		case res.Verdict == properties.Unknown && code == exitOK:
			code = exitUnknown
		case res.Verdict != properties.Unknown && !r.passes(res):
			code = exitMismatch
		}
	}
	return code
}

// verifyFile loads one spec and checks it: once, or once per
// configuration when it has a matrix (see syntax.Spec.Configurations).
func verifyFile(ctx context.Context, file string, o runOptions) []*specReport {
	var out []*specReport
	verifyEach(ctx, file, o, func(r *specReport) { out = append(out, r) })
	return out
}

// verifyEach is verifyFile giving each report to emit as soon as it is
// decided. Once ctx has ended, what is left is reported as not checked.
func verifyEach(ctx context.Context, file string, o runOptions, emit func(*specReport)) {
	if ctx.Err() != nil {
		emit(&specReport{file: file, skipped: stopReason(ctx)})
		return
	}
	spec, err := model.Load(file)
	if err != nil {
		emit(&specReport{file: file, err: err})
		return
	}
	configs, err := spec.Configurations(o.set)
	if err != nil {
		emit(&specReport{file: file, err: err})
		return
	}
	for _, c := range configs {
		if ctx.Err() != nil {
			emit(&specReport{file: file, config: c.Label, skipped: stopReason(ctx)})
			continue
		}
		emit(verifyConfig(ctx, file, spec, c, o))
	}
}

// verifyConfig compiles, explores and checks one configuration of a spec.
func verifyConfig(ctx context.Context, file string, spec *syntax.Spec, c syntax.Config, o runOptions) *specReport {
	r := &specReport{file: file, config: c.Label, failVacuous: o.failVacuous}
	sys, err := model.Compile(spec, c.Set)
	if err != nil {
		r.err = err
		return r
	}
	r.sys = sys
	props, err := properties.Compile(sys)
	if err != nil {
		r.err = err
		return r
	}
	if props, err = selectProps(props, o.props); err != nil {
		r.err = fmt.Errorf("%s: %w", file, err)
		return r
	}
	r.search(ctx, o, props)
	return r
}

// title names the report: the file, and the configuration if the spec has
// a matrix.
func (r *specReport) title() string {
	if r.config == "" {
		return r.file
	}
	return fmt.Sprintf("%s [%s]", r.file, r.config)
}

// search explores the configuration and checks props, within the limits
// of o and the command's context: when it ends (--timeout, a signal), the
// verdicts not reached by then are unknown.
func (r *specReport) search(ctx context.Context, o runOptions, props []*properties.Property) {
	start := time.Now()
	opt := o.limits.search()
	opt.Order, opt.Progress, opt.Compact = o.order, o.progress, o.compact
	var mon *properties.Monitor
	if o.compact {
		mon = properties.NewMonitor(r.sys, props)
		opt = mon.Options(opt)
	}
	g, err := properties.Search(ctx, r.sys, opt)
	r.elapsed = time.Since(start)
	r.stats = g.Stats()
	var me *explore.ModelError
	limit, limited := o.limits.reached(ctx, err, r.stats.Bytes)
	switch {
	case errors.As(err, &me):
		r.modelErr = me.Err
		r.modelTr, _ = properties.Path(r.sys, g, me.State)
		return
	case limited:
		r.limit = limit
	case errors.Is(err, explore.ErrStopped):
		r.stopped = true
	case err != nil:
		r.err = err
		return
	}
	res, err := r.check(ctx, g, props, mon)
	if errors.As(err, &me) { // a condition with no value in some world
		r.modelErr, r.stopped = me.Err, false
		r.modelTr, _ = properties.Path(r.sys, g, me.State)
		return
	}
	if err != nil {
		r.err = err
	}
	r.results = res
	if o.coverage && r.err == nil && ctx.Err() == nil {
		cov, err := properties.CoverageOf(ctx, r.sys, g)
		if ctx.Err() == nil {
			r.coverage, r.err = cov, err
		}
	}
	if r.limit == "" && ctx.Err() != nil {
		r.stop = stopReason(ctx)
	}
}

// check decides props over g: with the Monitor that watched the search,
// if there is one, or over the whole graph.
func (r *specReport) check(ctx context.Context, g *explore.Graph, props []*properties.Property, mon *properties.Monitor) ([]properties.Result, error) {
	switch {
	case mon != nil:
		return mon.Results(g)
	case ctx.Err() != nil:
		return r.checkStopped(ctx, g, props)
	}
	return properties.Check(ctx, r.sys, g, props)
}

// scanGrace is how long the worlds of a search that --timeout or a signal
// stopped are still scanned for the counterexamples and witnesses of the
// properties decided world by world, which the worlds reached may hold.
const scanGrace = 250 * time.Millisecond

// checkStopped is check once the command's context has ended: the
// properties that are not liveness get scanGrace more to be decided over
// the worlds reached (a violation found there stands); liveness ones, which
// need the labelled edges, are unknown at once.
func (r *specReport) checkStopped(ctx context.Context, g *explore.Graph, props []*properties.Property) ([]properties.Result, error) {
	grace, cancel := context.WithTimeoutCause(context.WithoutCancel(ctx), scanGrace, context.Cause(ctx))
	defer cancel()
	var scan, live []*properties.Property
	for _, p := range props {
		if p.Kind.IsLiveness() {
			live = append(live, p)
		} else {
			scan = append(scan, p)
		}
	}
	scanned, err := properties.Check(grace, r.sys, g, scan)
	if err != nil {
		return nil, err
	}
	unknown, err := properties.Check(ctx, r.sys, g, live)
	if err != nil {
		return nil, err
	}
	out := make([]properties.Result, 0, len(props))
	for _, p := range props {
		if p.Kind.IsLiveness() {
			out, unknown = append(out, unknown[0]), unknown[1:]
		} else {
			out, scanned = append(out, scanned[0]), scanned[1:]
		}
	}
	return out, nil
}

// selectProps keeps the properties named by -p, in spec order.
func selectProps(all []*properties.Property, names []string) ([]*properties.Property, error) {
	if len(names) == 0 {
		return all, nil
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out, known []string
	var props []*properties.Property
	for _, p := range all {
		known = append(known, p.Name)
		if want[p.Name] {
			props = append(props, p)
			delete(want, p.Name)
		}
	}
	for _, n := range names {
		if want[n] {
			out = append(out, n)
		}
	}
	if len(out) > 0 {
		return nil, fmt.Errorf("%w %v; the spec has %v", errNoSuchProperty, out, known)
	}
	return props, nil
}
