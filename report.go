package tcpcheck

import (
	"fmt"
	"time"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// Report is what checking one configuration of a spec found.
type Report struct {
	File   string
	Config string // the configuration's label ("LOSS=1 CAP=2"), or ""
	// System is the compiled configuration; nil when it could not be
	// compiled (Err says why).
	System  *model.System
	Results []properties.Result // one per property checked, in spec order
	Stats   explore.Stats
	Elapsed time.Duration // the search and the verdicts
	// Graph is the explored graph, with Options.KeepGraph.
	Graph *explore.Graph
	// Coverage is the use of every transition, with Options.Coverage.
	Coverage properties.Coverage

	// Err says why the configuration was not checked: the spec is invalid
	// or unreadable, or names no such property.
	Err error
	// ModelError is a model error (a value outside its domain, a division
	// by zero) met in the world ModelTrace leads to.
	ModelError error
	ModelTrace model.Trace
	// Limit is what cut the search short: explore.ErrStateLimit,
	// ErrDepthLimit, ErrMemoryLimit, or the cause of the context's end.
	Limit error
	// Stopped says a compact search stopped once every property it checks
	// on the fly was decided.
	Stopped bool
	// Skipped is the cause of the context's end before the configuration
	// was reached: it was not checked at all. Interrupted is the cause of
	// its end during the verdicts after a complete search.
	Skipped     error
	Interrupted error

	failVacuous bool
}

// Title names the report: the file, and the configuration if the spec has
// a matrix.
func (r *Report) Title() string {
	if r.Config == "" {
		return r.File
	}
	return fmt.Sprintf("%s [%s]", r.File, r.Config)
}

// Passes reports whether res is as the spec expects: its verdict is the
// expected one and, with Options.FailVacuous, it does not hold vacuously.
func (r *Report) Passes(res properties.Result) bool {
	return res.OK() && !(r.failVacuous && len(res.Vacuous) > 0)
}

// Outcome sums a report up, worst first.
type Outcome uint8

// The outcomes, in the order the CLI ranks them.
const (
	// Pass: every verdict is the expected one.
	Pass Outcome = iota
	// Undecided: some verdict is unknown (a limit, the context's end),
	// and none that was decided mismatches.
	Undecided
	// Mismatch: some verdict is not the expected one.
	Mismatch
	// Invalid: the configuration could not be checked, or the model broke.
	Invalid
)

// Outcome is the report's outcome.
func (r *Report) Outcome() Outcome {
	if r.Err != nil || r.ModelError != nil {
		return Invalid
	}
	if r.Skipped != nil {
		return Undecided
	}
	out := Pass
	for _, res := range r.Results {
		switch {
		case res.Verdict == properties.Unknown && out == Pass:
			out = Undecided
		case res.Verdict != properties.Unknown && !r.Passes(res):
			out = Mismatch
		}
	}
	return out
}

// OK reports whether every verdict of the report is the expected one.
func (r *Report) OK() bool { return r.Outcome() == Pass }
