package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/spf13/pflag"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/report"
)

// limitOptions are the limits of a search, flags of every command that
// searches (verify, knowledge and each render subcommand), declared and
// checked here once.
type limitOptions struct {
	maxStates int
	maxDepth  int
	timeout   time.Duration
	workers   int
	maxMemory sizeValue
}

// addFlags declares the limit flags on f.
func (l *limitOptions) addFlags(f *pflag.FlagSet) {
	f.IntVar(&l.maxStates, "max-states", 0, "stop the search after storing this many worlds (0: no limit)")
	f.IntVar(&l.maxDepth, "max-depth", 0, "do not expand worlds at this depth (0: no limit)")
	f.DurationVar(&l.timeout, "timeout", 0, "stop the whole command after this long, e.g. 30s: the searches and the analyses after them (0: no limit)")
	f.IntVar(&l.workers, "workers", 0, "search goroutines (0: one per core)")
	l.maxMemory = sizeValue{auto: true}
	f.Var(&l.maxMemory, "max-memory", "stop the search when it holds this much memory, e.g. 150MB, 2GiB, 1.5G or bytes (0: no limit; auto: "+memoryShareText+")")
}

// check rejects negative limits: none of them has a meaning.
func (l *limitOptions) check() error {
	for _, f := range []struct {
		name string
		v    int
		zero string
	}{{"--max-states", l.maxStates, "no limit"}, {"--max-depth", l.maxDepth, "no limit"}, {"--workers", l.workers, "one per core"}} {
		if f.v < 0 {
			return fmt.Errorf("%s %d: must be 0 (%s) or more", f.name, f.v, f.zero)
		}
	}
	if l.timeout < 0 {
		return fmt.Errorf("--timeout %s: must be 0 (no limit) or more", l.timeout)
	}
	return nil
}

// search returns the explore options of the limits; --max-memory auto is
// resolved here.
func (l *limitOptions) search() explore.Options {
	return explore.Options{MaxStates: l.maxStates, MaxDepth: l.maxDepth, Workers: l.workers, MaxMemory: l.memory()}
}

// memory is the search's memory budget in bytes, 0 for none.
func (l *limitOptions) memory() int64 {
	if l.maxMemory.auto {
		return defaultMaxMemory()
	}
	return l.maxMemory.n
}

// begin starts the command's budget: its context ends when --timeout runs
// out, with the cause "--timeout D reached"; and the garbage collector is
// told to work at keeping the process near the search's memory budget.
// The caller must call the returned function when the command is done.
func (l *limitOptions) begin(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx == nil {
		ctx = context.Background()
	}
	restore := setMemoryLimit(l.memory())
	var cancel context.CancelFunc
	if l.timeout <= 0 {
		ctx, cancel = context.WithCancel(ctx)
	} else {
		ctx, cancel = context.WithTimeoutCause(ctx, l.timeout, &stopError{fmt.Sprintf("--timeout %s reached", l.timeout)})
	}
	return ctx, func() { cancel(); restore() }
}

// reached says which limit, if any, err (from a search with these limits
// under ctx) reports: "--max-states 10 reached", "--timeout 1s reached",
// "interrupted by SIGINT"... held is what the search held in memory.
func (l *limitOptions) reached(ctx context.Context, err error, held int64) (string, bool) {
	switch {
	case err == nil:
		return "", false
	case errors.Is(err, explore.ErrStateLimit), errors.Is(err, explore.ErrDepthLimit), errors.Is(err, explore.ErrMemoryLimit):
		return l.describe(err, held), true
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return stopReason(ctx), true
	}
	return "", false
}

// describe words what stopped a search or a run, err: a limit of the
// search, by the flag that set it, or the cause of the command's end
// (--timeout, a signal). held is what the search held in memory.
func (l *limitOptions) describe(err error, held int64) string {
	var se *stopError
	switch {
	case errors.Is(err, explore.ErrStateLimit):
		return fmt.Sprintf("--max-states %d reached", l.maxStates)
	case errors.Is(err, explore.ErrDepthLimit):
		return fmt.Sprintf("--max-depth %d reached", l.maxDepth)
	case errors.Is(err, explore.ErrMemoryLimit):
		return fmt.Sprintf("--max-memory %s reached: the search held %s", l.maxMemory.describe(l.memory()), report.Bytes(held))
	case errors.As(err, &se):
		return se.msg
	}
	return err.Error()
}

// stopError is why a command's context ended: its --timeout ran out, a
// signal came, or the output could not be written.
type stopError struct{ msg string }

func (e *stopError) Error() string { return e.msg }

// stopReason says why ctx ended, in words for a report.
func stopReason(ctx context.Context) string {
	var se *stopError
	if err := context.Cause(ctx); errors.As(err, &se) {
		return se.msg
	} else if err != nil {
		return err.Error()
	}
	return "stopped"
}

// setMemoryLimit sets the garbage collector's soft memory limit a quarter
// above the search's budget, or above the default budget (a share of the
// machine's memory) if that is larger: the collector then works harder
// before the process outgrows the machine, while a small budget set on
// purpose does not make it collect without end once the analyses after
// the search need more. A GOMEMLIMIT in the environment is the user's
// choice and is kept. It returns the function that restores the previous
// limit.
func setMemoryLimit(budget int64) (restore func()) {
	budget = max(budget, defaultMaxMemory())
	soft := budget + budget/4
	if budget <= 0 || soft < budget || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(soft)
	return func() { debug.SetMemoryLimit(old) }
}
