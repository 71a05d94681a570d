package tcpcheck

import (
	"context"
	"runtime"
	"sync"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
	"github.com/tcpcheck/tcpcheck/properties"
)

// Sensitivity analysis (mutation analysis) asks of every property that
// holds which parts of the spec it depends on: each transition in turn is
// removed (or its guard negated, or its sends dropped) and the properties
// are checked again. A property that still holds whatever is removed
// proves nothing about any transition; a transition whose removal no
// property notices is checked by none.

// A Mutant names one mutation of one transition of a spec.
type Mutant struct {
	Machine    string // the machine as the spec names it (its group)
	Transition string // the transition's name
	Index      int    // its index in the machine
	Pos        syntax.Pos
	Mutation   model.Mutation
}

// A MutantResult is the check of one mutant.
type MutantResult struct {
	Mutant
	Report *Report
	// Changed lists the properties whose verdict differs from the
	// original's, by index into Sensitivity.Held.
	Changed []int
}

// Sensitivity is the mutation analysis of one configuration.
type Sensitivity struct {
	// Base is the check of the spec as written.
	Base *Report
	// Held are the properties that hold in Base, the ones the mutants
	// check again.
	Held    []properties.Result
	Mutants []MutantResult
}

// Killers returns, for the i-th held property, the mutants that change its
// verdict.
func (s *Sensitivity) Killers(i int) []MutantResult {
	var out []MutantResult
	for _, m := range s.Mutants {
		for _, k := range m.Changed {
			if k == i {
				out = append(out, m)
			}
		}
	}
	return out
}

// Unnoticed returns the mutants that change no property's verdict and
// check without error.
func (s *Sensitivity) Unnoticed() []MutantResult {
	var out []MutantResult
	for _, m := range s.Mutants {
		if len(m.Changed) == 0 && m.Report.Outcome() != Invalid {
			out = append(out, m)
		}
	}
	return out
}

// Mutants lists the mutants of sys for the mutations muts: for every
// transition of every machine (once per group of instances), each mutation
// that changes it.
func Mutants(sys *model.System, muts []model.Mutation) []Mutant {
	var out []Mutant
	seen := map[string]bool{}
	for _, m := range sys.Machines {
		if seen[m.Group] {
			continue
		}
		seen[m.Group] = true
		for i, t := range m.Transitions {
			for _, mut := range muts {
				if sys.Applies(m.Group, i, mut) {
					out = append(out, Mutant{Machine: m.Group, Transition: t.Name, Index: i, Pos: t.Pos, Mutation: mut})
				}
			}
		}
	}
	return out
}

// Sensitize checks sys, then every mutant of it for muts, re-checking the
// properties that held. Mutants are checked in parallel, each search on one
// goroutine; progress, if not nil, is called after each with the number
// done and the total. The limits of opt bound every check, and ctx the
// whole analysis: a mutant not reached is left with a Skipped report.
func Sensitize(ctx context.Context, sys *model.System, opt Options, muts []model.Mutation, progress func(done, total int)) *Sensitivity {
	s := &Sensitivity{Base: Check(ctx, sys, opt)}
	if !s.Base.OK() && s.Base.Outcome() != Mismatch {
		return s // invalid, or undecided: nothing to compare with
	}
	var names []string
	for _, r := range s.Base.Results {
		if r.Verdict == properties.Holds {
			s.Held = append(s.Held, r)
			names = append(names, r.Property.Name)
		}
	}
	if len(names) == 0 {
		return s
	}
	mopt := opt
	mopt.Properties, mopt.Coverage, mopt.KeepGraph = names, false, false
	mopt.Search.Workers, mopt.Search.Progress = 1, nil
	ms := Mutants(sys, muts)
	s.Mutants = make([]MutantResult, len(ms))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range max(1, min(runtime.GOMAXPROCS(0), len(ms))) {
		wg.Go(func() {
			for i := range next {
				s.Mutants[i] = s.check(ctx, sys, ms[i], mopt)
				mu.Lock()
				done++
				if progress != nil {
					progress(done, len(ms))
				}
				mu.Unlock()
			}
		})
	}
	for i := range ms {
		next <- i
	}
	close(next)
	wg.Wait()
	return s
}

// check checks one mutant and compares its verdicts with the held ones.
func (s *Sensitivity) check(ctx context.Context, sys *model.System, m Mutant, opt Options) MutantResult {
	mr := MutantResult{Mutant: m}
	if ctx.Err() != nil {
		mr.Report = &Report{File: sys.File, Skipped: context.Cause(ctx)}
		return mr
	}
	mr.Report = Check(ctx, sys.Mutant(m.Machine, m.Index, m.Mutation), opt)
	for i, res := range mr.Report.Results {
		if i < len(s.Held) && res.Verdict != properties.Unknown && res.Verdict != s.Held[i].Verdict {
			mr.Changed = append(mr.Changed, i)
		}
	}
	return mr
}
