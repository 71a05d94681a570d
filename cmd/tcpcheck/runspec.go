package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// runOptions say how to check one spec.
type runOptions struct {
	set       map[string]int64
	props     []string
	maxStates int
	maxDepth  int
	timeout   time.Duration
	workers   int
	order     explore.Order
	progress  func(explore.Progress)
	coverage  bool // count the firings of every transition
	compact   bool // hash compaction, properties checked on the fly
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
// configuration when it has a matrix (see model.Spec.Configurations).
func verifyFile(ctx context.Context, file string, o runOptions) []*specReport {
	spec, err := model.Load(file)
	if err != nil {
		return []*specReport{{file: file, err: err}}
	}
	configs, err := spec.Configurations(o.set)
	if err != nil {
		return []*specReport{{file: file, err: err}}
	}
	out := make([]*specReport, len(configs))
	for i, c := range configs {
		out[i] = verifyConfig(ctx, file, spec, c, o)
	}
	return out
}

// verifyConfig compiles, explores and checks one configuration of a spec.
func verifyConfig(ctx context.Context, file string, spec *model.Spec, c model.Config, o runOptions) *specReport {
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

func (r *specReport) search(ctx context.Context, o runOptions, props []*properties.Property) {
	if o.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.timeout)
		defer cancel()
	}
	start := time.Now()
	opt := explore.Options{MaxStates: o.maxStates, MaxDepth: o.maxDepth,
		Workers: o.workers, Order: o.order, Progress: o.progress, Compact: o.compact}
	var mon *properties.Monitor
	if o.compact {
		mon = properties.NewMonitor(r.sys, props)
		opt = mon.Options(opt)
	}
	g, err := properties.Search(ctx, r.sys, opt)
	r.elapsed = time.Since(start)
	r.stats = g.Stats()
	var me *explore.ModelError
	switch {
	case errors.As(err, &me):
		r.modelErr = me.Err
		r.modelTr, _ = properties.Path(r.sys, g, me.State)
		return
	case errors.Is(err, explore.ErrStateLimit):
		r.limit = fmt.Sprintf("--max-states %d reached", o.maxStates)
	case errors.Is(err, explore.ErrDepthLimit):
		r.limit = fmt.Sprintf("--max-depth %d reached", o.maxDepth)
	case errors.Is(err, context.DeadlineExceeded):
		r.limit = fmt.Sprintf("--timeout %s reached", o.timeout)
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
	if o.coverage && r.err == nil {
		r.coverage, r.err = properties.CoverageOf(context.WithoutCancel(ctx), r.sys, g)
	}
}

// check decides props over g: with the Monitor that watched the search,
// if there is one, or over the whole graph.
func (r *specReport) check(ctx context.Context, g *explore.Graph, props []*properties.Property, mon *properties.Monitor) ([]properties.Result, error) {
	if mon != nil {
		return mon.Results(g)
	}
	return properties.Check(context.WithoutCancel(ctx), r.sys, g, props)
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
