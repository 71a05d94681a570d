package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
	"github.com/tcpcheck/tcpcheck/report"
)

// sensitivityOptions are the flags of sensitivity.
type sensitivityOptions struct {
	props     []string
	set       []string
	mutations []string
	limits    limitOptions
	verbose   bool
}

func newSensitivityCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &sensitivityOptions{}
	cmd := &cobra.Command{
		Use:   "sensitivity [flags] SPEC...",
		Short: "Find which transitions each property that holds depends on",
		Long: `sensitivity checks each spec, then checks it again once per mutant: a copy in
which one transition is removed (or, with --mutations, has its guard negated or
its sends dropped). For every property that holds it lists the mutants that
change its verdict. A property that no mutant changes holds whatever any
transition does: it proves nothing about them. The mutants that no property
notices are listed too: those transitions are checked by no property.

Mutants are built from the compiled spec and checked in parallel, one search
per core. The limit flags bound every check; --timeout the whole command.

Examples:
  tcpcheck sensitivity specs/close.yaml
  tcpcheck sensitivity --mutations remove,negate-guard,drop-sends -p no_deadlock specs/close.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSensitivity(cmd.Context(), o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&o.props, "property", "p", nil, "analyse only this property (repeatable)")
	addSetFlag(f, &o.set)
	f.StringSliceVar(&o.mutations, "mutations", []string{"remove"}, "the mutations: remove, negate-guard, drop-sends")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "show progress on stderr")
	o.limits.addFlags(f)
	return cmd
}

func runSensitivity(ctx context.Context, o *sensitivityOptions, args []string, stdout, stderr io.Writer) error {
	set, err := parseSet(o.set)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	var muts []model.Mutation
	for _, s := range o.mutations {
		m, err := model.ParseMutation(strings.TrimSpace(s))
		if err != nil {
			return &exitError{exitInvalid, fmt.Errorf("--mutations: %w", err)}
		}
		muts = append(muts, m)
	}
	if err := o.limits.check(); err != nil {
		return &exitError{exitInvalid, err}
	}
	files, err := specFiles(args)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	ctx, done := o.limits.begin(ctx)
	defer done()
	opt := tcpcheck.Options{Set: set, Properties: o.props, Search: o.limits.search()}
	var progress func(int, int)
	if o.verbose || isTerminal(stderr) {
		progress = func(done, total int) { fmt.Fprintf(stderr, "%d of %d mutants checked\n", done, total) }
	}
	worst := tcpcheck.Pass
	for _, file := range files {
		tcpcheck.EachConfig(ctx, file, set, func(r *tcpcheck.Report) {
			if r.System == nil {
				worst = max(worst, r.Outcome())
				if r.Err != nil {
					fmt.Fprintln(stderr, r.Err)
				}
				report.Text(stdout, r, report.Options{Reason: o.reason})
				return
			}
			s := tcpcheck.Sensitize(ctx, r.System, opt, muts, progress)
			s.Base.File, s.Base.Config = r.File, r.Config
			worst = max(worst, s.Base.Outcome(), sensitivityOutcome(s))
			o.write(stdout, stderr, s)
		})
	}
	if worst == tcpcheck.Pass {
		return nil
	}
	return &exitError{code: exitCodes[worst]}
}

// reason words a limit by its flag.
func (o *sensitivityOptions) reason(r *tcpcheck.Report, err error) string {
	return o.limits.describe(err, r.Stats.Bytes)
}

// sensitivityOutcome is Undecided when some mutant could not be decided.
func sensitivityOutcome(s *tcpcheck.Sensitivity) tcpcheck.Outcome {
	for _, m := range s.Mutants {
		if m.Report.Outcome() == tcpcheck.Undecided {
			return tcpcheck.Undecided
		}
	}
	return tcpcheck.Pass
}

// write prints a sensitivity analysis: the base check's verdicts line, then
// per property that holds the mutants that change it, then the mutants
// nothing notices and those that break the model.
func (o *sensitivityOptions) write(w, stderr io.Writer, s *tcpcheck.Sensitivity) {
	b := s.Base
	if b.Outcome() == tcpcheck.Invalid || b.Outcome() == tcpcheck.Undecided {
		if b.Err != nil {
			fmt.Fprintln(stderr, b.Err)
		}
		report.Text(w, b, report.Options{Reason: o.reason})
		return
	}
	fmt.Fprintf(w, "%s: %s: %d mutants (%s), the largest with %s worlds\n", b.Title(), b.System.Name, len(s.Mutants), strings.Join(o.mutations, ", "), report.Count(maxWorlds(s)))
	if len(s.Held) == 0 {
		fmt.Fprintf(w, "  no property holds: nothing to analyse\n\n")
		return
	}
	mutantName := namer(s)
	for i, res := range s.Held {
		writeKillers(w, res, s.Killers(i), mutantName)
	}
	var unnoticed, broken, undecided []string
	for _, m := range s.Mutants {
		switch m.Report.Outcome() {
		case tcpcheck.Invalid:
			broken = append(broken, mutantName(m.Mutant))
		case tcpcheck.Undecided:
			if len(m.Changed) == 0 {
				undecided = append(undecided, mutantName(m.Mutant))
			}
		}
	}
	for _, m := range s.Unnoticed() {
		if m.Report.Outcome() != tcpcheck.Undecided {
			unnoticed = append(unnoticed, mutantName(m.Mutant))
		}
	}
	writeList(w, "no property notices", unnoticed)
	writeList(w, "the model breaks (a model error) with", broken)
	writeList(w, "undecided (a limit) with", undecided)
	fmt.Fprintln(w)
}

// writeKillers prints one property that holds and what changes it, and
// whether the transitions it says it is about matter.
func writeKillers(w io.Writer, res properties.Result, killers []tcpcheck.MutantResult, mutantName func(tcpcheck.Mutant) string) {
	names := make([]string, len(killers))
	var relevant []string
	for i, k := range killers {
		names[i] = mutantName(k.Mutant)
		if slices.Contains(res.Property.About, properties.TransitionRef{Machine: k.Machine, Transition: k.Transition}) {
			relevant = append(relevant, names[i])
		}
	}
	if len(killers) == 0 {
		fmt.Fprintf(w, "  %-30s insensitive: it holds with any one transition mutated\n", res.Property.Name)
	} else {
		fmt.Fprintf(w, "  %-30s changed by %d: %s\n", res.Property.Name, len(killers), strings.Join(names, ", "))
	}
	if len(res.Property.About) == 0 {
		return
	}
	about := make([]string, len(res.Property.About))
	for i, a := range res.Property.About {
		about[i] = a.Machine + "." + a.Transition
	}
	if len(relevant) == 0 {
		fmt.Fprintf(w, "  %-30s about %s: none of them matters: it still holds with each of them mutated\n", "", strings.Join(about, ", "))
		return
	}
	fmt.Fprintf(w, "  %-30s about %s: %d of its mutants change it\n", "", strings.Join(about, ", "), len(relevant))
}

func writeList(w io.Writer, what string, names []string) {
	if len(names) > 0 {
		fmt.Fprintf(w, "  %s %d: %s\n", what, len(names), strings.Join(names, ", "))
	}
}

// namer returns how to name the mutants of s: machine.transition, with
// the line of the transition where the machine has several of that name,
// and the mutation unless it removes.
func namer(s *tcpcheck.Sensitivity) func(tcpcheck.Mutant) string {
	lines := map[string]map[int]bool{}
	for _, m := range s.Mutants {
		k := m.Machine + "." + m.Transition
		if lines[k] == nil {
			lines[k] = map[int]bool{}
		}
		lines[k][m.Index] = true
	}
	return func(m tcpcheck.Mutant) string {
		name := m.Machine + "." + m.Transition
		if len(lines[name]) > 1 {
			name += fmt.Sprintf(":%d", m.Pos.Line)
		}
		if m.Mutation != model.Remove {
			name += " (" + m.Mutation.String() + ")"
		}
		return name
	}
}

// maxWorlds is the largest state space among the base and its mutants.
func maxWorlds(s *tcpcheck.Sensitivity) int64 {
	n := s.Base.Stats.States
	for _, m := range s.Mutants {
		n = max(n, m.Report.Stats.States)
	}
	return n
}
