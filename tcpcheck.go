// Package tcpcheck checks protocol specs: it loads a spec, expands its
// matrix of configurations, applies parameter overrides, explores every
// reachable world and decides every property. It is what `tcpcheck verify`
// runs, and what a Go test calls:
//
//	func TestThreeWay(t *testing.T) {
//		for _, r := range tcpcheck.Verify(context.Background(), "specs/three_way.yaml", tcpcheck.Options{}) {
//			if !r.OK() {
//				t.Error(r.Problems())
//			}
//		}
//	}
//
// Package tcpchecktest wraps this in one call that fails the test with the
// counterexamples as text. The packages below do one job each:
// model/syntax (YAML to a positioned spec), model (semantics: compiling
// and stepping worlds), explore (the search, knowing no TCP), lts (the
// system as explore's model, and the labelled edges of what it explored),
// properties (verdicts; properties/liveness the fair runs), render
// (pictures) and report (text and JSON).
package tcpcheck

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// Options say how to check a spec. The zero value checks every property of
// every configuration, breadth-first, on every core, without limits.
type Options struct {
	// Set overrides spec parameters. A parameter it sets is not varied by
	// the matrix, and only the listed configurations that agree with it
	// are checked.
	Set map[string]int64
	// Properties, if not empty, names the properties to check; the others
	// are left out. A name the spec lacks is an error of the report.
	Properties []string
	// Search holds the search's limits (MaxStates, MaxDepth, MaxMemory),
	// Workers, Order, Compact and Progress. Its hooks are Verify's own.
	// The context given to Verify bounds the time.
	Search explore.Options
	// Coverage counts the firings of every transition (Report.Coverage).
	Coverage bool
	// FailVacuous makes a property that holds vacuously count as a
	// failure (see properties.Vacuity).
	FailVacuous bool
	// KeepGraph keeps the explored graph in Report.Graph, for pictures.
	KeepGraph bool
}

// ErrNoSuchProperty is the error of a report whose Options.Properties
// names a property the spec does not have.
var ErrNoSuchProperty = errors.New("no such property")

// Verify checks the spec in file: once, or once per configuration of its
// matrix. It returns a report per configuration, in the matrix's order; a
// spec that cannot be loaded gives one report with Err set. Once ctx ends
// (a deadline, a cancellation), the verdicts not reached are Unknown and
// the configurations not reached are Skipped.
func Verify(ctx context.Context, file string, opt Options) []*Report {
	var out []*Report
	VerifyEach(ctx, file, opt, func(r *Report) { out = append(out, r) })
	return out
}

// VerifyEach is Verify handing each report to emit as soon as it is
// decided, so that a caller can print it at once.
func VerifyEach(ctx context.Context, file string, opt Options, emit func(*Report)) {
	EachConfig(ctx, file, opt.Set, func(r *Report) {
		if r.System != nil {
			r.check(ctx, r.System, opt)
		}
		emit(r)
	})
}

// EachConfig loads the spec in file and compiles each configuration of
// its matrix, with the parameters set, handing f a report per
// configuration: with System set, or with Err (the spec or the
// configuration is invalid) or Skipped (ctx ended first). The report holds
// no verdicts yet: Verify and Sensitize decide them.
func EachConfig(ctx context.Context, file string, set map[string]int64, f func(*Report)) {
	if ctx.Err() != nil {
		f(&Report{File: file, Skipped: context.Cause(ctx)})
		return
	}
	spec, err := model.Load(file)
	if err != nil {
		f(&Report{File: file, Err: err})
		return
	}
	configs, err := spec.Configurations(set)
	if err != nil {
		f(&Report{File: file, Err: err})
		return
	}
	for _, c := range configs {
		r := &Report{File: file, Config: c.Label}
		switch {
		case ctx.Err() != nil:
			r.Skipped = context.Cause(ctx)
		default:
			r.System, r.Err = model.Compile(spec, c.Set)
		}
		f(r)
	}
}

// Compile loads the spec in file and compiles it with the parameters set:
// one configuration, whatever its matrix.
func Compile(file string, set map[string]int64) (*model.System, error) {
	spec, err := model.Load(file)
	if err != nil {
		return nil, err
	}
	return model.Compile(spec, set)
}

// Check explores sys and decides its properties, as Verify does for each
// configuration.
func Check(ctx context.Context, sys *model.System, opt Options) *Report {
	r := &Report{File: sys.File}
	r.check(ctx, sys, opt)
	return r
}

// check compiles and selects the properties of sys, then searches and
// decides them.
func (r *Report) check(ctx context.Context, sys *model.System, opt Options) {
	r.System, r.failVacuous = sys, opt.FailVacuous
	props, err := properties.Compile(sys)
	if err != nil {
		r.Err = err
		return
	}
	if props, err = selectProps(props, opt.Properties); err != nil {
		r.Err = fmt.Errorf("%s: %w", r.File, err)
		return
	}
	r.search(ctx, opt, props)
}

// search explores the configuration and checks props, within the limits
// of opt and ctx: when ctx ends, the verdicts not reached by then are
// unknown.
func (r *Report) search(ctx context.Context, o Options, props []*properties.Property) {
	start := time.Now()
	opt := o.Search
	opt.Check, opt.Deadlock = nil, nil
	var mon *properties.Monitor
	if opt.Compact {
		mon = properties.NewMonitor(r.System, props)
		opt = mon.Options(opt)
	}
	g, err := lts.Search(ctx, r.System, opt)
	r.Elapsed = time.Since(start)
	r.Stats = g.Stats()
	if o.KeepGraph {
		r.Graph = g
	}
	if !r.searched(ctx, g, err) {
		return
	}
	x := lts.New(r.System, g) // the labelled edges, built once if asked for
	res, err := r.decide(ctx, x, props, mon)
	var me *explore.ModelError
	if errors.As(err, &me) { // a condition with no value in some world
		r.ModelError, r.Stopped = me.Err, false
		r.ModelTrace, _ = lts.Path(r.System, g, me.State)
		return
	}
	r.Err, r.Results = err, res
	if o.Coverage && r.Err == nil && ctx.Err() == nil {
		cov, err := properties.CoverageOf(ctx, x)
		if ctx.Err() == nil {
			r.Coverage, r.Err = cov, err
		}
	}
	if r.Limit == nil && ctx.Err() != nil {
		r.Interrupted = context.Cause(ctx)
	}
}

// searched records how the search ended and reports whether the
// properties are to be decided over g.
func (r *Report) searched(ctx context.Context, g *explore.Graph, err error) bool {
	var me *explore.ModelError
	switch {
	case err == nil:
	case errors.As(err, &me):
		r.ModelError = me.Err
		r.ModelTrace, _ = lts.Path(r.System, g, me.State)
		return false
	case errors.Is(err, explore.ErrStateLimit), errors.Is(err, explore.ErrDepthLimit), errors.Is(err, explore.ErrMemoryLimit):
		r.Limit = err
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		r.Limit = context.Cause(ctx)
	case errors.Is(err, explore.ErrStopped):
		r.Stopped = true
	default:
		r.Err = err
		return false
	}
	return true
}

// decide decides props over g: with the Monitor that watched the search,
// if there is one, or over the whole graph.
func (r *Report) decide(ctx context.Context, x *lts.Graph, props []*properties.Property, mon *properties.Monitor) ([]properties.Result, error) {
	switch {
	case mon != nil:
		return mon.Results(x.Explored())
	case ctx.Err() != nil:
		return r.decideStopped(ctx, x, props)
	}
	return properties.CheckGraph(ctx, x, props)
}

// ScanGrace is how long the worlds of a search that its context stopped
// are still scanned for the counterexamples and witnesses of the
// properties decided world by world, which the worlds reached may hold.
const ScanGrace = 250 * time.Millisecond

// decideStopped is decide once ctx has ended: the properties that are not
// liveness get ScanGrace more to be decided over the worlds reached (a
// violation found there stands); liveness ones, which need the labelled
// edges, are unknown at once.
func (r *Report) decideStopped(ctx context.Context, x *lts.Graph, props []*properties.Property) ([]properties.Result, error) {
	grace, cancel := context.WithTimeoutCause(context.WithoutCancel(ctx), ScanGrace, context.Cause(ctx))
	defer cancel()
	var scan, live []*properties.Property
	for _, p := range props {
		if p.Kind.IsLiveness() {
			live = append(live, p)
		} else {
			scan = append(scan, p)
		}
	}
	scanned, err := properties.CheckGraph(grace, x, scan)
	if err != nil {
		return nil, err
	}
	unknown, err := properties.CheckGraph(ctx, x, live)
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

// selectProps keeps the properties named, in spec order; none named keeps
// all.
func selectProps(all []*properties.Property, names []string) ([]*properties.Property, error) {
	if len(names) == 0 {
		return all, nil
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var missing, known []string
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
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w %v; the spec has %v", ErrNoSuchProperty, missing, known)
	}
	return props, nil
}
