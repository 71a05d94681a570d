package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
	"github.com/tcpcheck/tcpcheck/properties"
	"github.com/tcpcheck/tcpcheck/render"
	"github.com/tcpcheck/tcpcheck/report"
)

type knowledgeOptions struct {
	fact, when string
	max        int
	set        []string
	svg        string
	limits     limitOptions
}

func newKnowledgeCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &knowledgeOptions{}
	cmd := &cobra.Command{
		Use:   "knowledge [flags] SPEC...",
		Short: "Show how deep each machine's knowledge of a fact goes",
		Long: `knowledge explores a spec and prints, for each machine, the deepest nesting
of knowledge of a fact that holds in every reachable world where a condition
holds, and whether the fact is common knowledge there.

A machine's view of a world is its own control state and variables. It knows
a fact at a world if the fact holds at every reachable world with the same
view. With E0 = fact and Ek = everyone knows E(k-1), a machine's depth is the
largest d such that it knows E(d-1) wherever the condition holds.

The fact defaults to "every channel has delivered a message" (every
direction works). The condition defaults to the spec's final condition, or
true. --max-nesting bounds the nesting examined; the limit flags bound the
search as in verify. Knowledge needs every reachable world: a limit that
stops the search first leaves no answer (exit 3). When the condition holds
in no reachable world there is nothing to ask: knowledge says so and exits
2, as for any question the spec cannot answer.

With several specs, each is asked with its own default fact and condition
(or the --fact and --when given, for all), and one table gets a row per
spec and machine, then everyone and common knowledge. A spec without an
answer has its error printed at once and a row saying so; the others still
run, and the exit code is the worst, as for verify (2 outranks 3). --svg
FILE also draws the table as a bar chart.

Examples:
  tcpcheck knowledge specs/three_way.yaml
  tcpcheck knowledge --svg depth.svg specs/two_way.yaml specs/three_way.yaml specs/four_way.yaml
  tcpcheck knowledge --when "client in ESTABLISHED" specs/three_way.yaml
  tcpcheck knowledge --set N=6 --fact "b.seen >= 0" --when "b.seen == N" specs/two_generals.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runKnowledge(cmd.Context(), o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.fact, "fact", "", "the fact (default: every channel has delivered a message)")
	f.StringVar(&o.when, "when", "", "where to ask (default: the spec's final condition, or true)")
	f.IntVar(&o.max, "max-nesting", 8, "the deepest nesting of knowledge to examine")
	addSetFlag(f, &o.set)
	f.StringVar(&o.svg, "svg", "", "also draw the table as a bar chart into this SVG file")
	o.limits.addFlags(f)
	return cmd
}

// knowledgeAnswer is what knowledge found for one spec: its depth table,
// or the error that left it without one.
type knowledgeAnswer struct {
	file, name string // the spec's file and name (its file's base name if it did not compile)
	fact, when string
	table      *properties.DepthTable
	err        error // an *exitError
}

func runKnowledge(ctx context.Context, o *knowledgeOptions, files []string, stdout, stderr io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	set, err := parseSet(o.set)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	if err := o.limits.check(); err != nil {
		return &exitError{exitInvalid, err}
	}
	if o.max < 0 {
		return &exitError{exitInvalid, fmt.Errorf("--max-nesting %d: must be 0 or more", o.max)}
	}
	if o.svg == "-" {
		return &exitError{exitInvalid, fmt.Errorf("--svg -: the table goes to stdout; give the chart a file")}
	}
	ctx, done := o.limits.begin(ctx)
	defer done()
	var answers []knowledgeAnswer
	for _, file := range files {
		a := knowledgeOf(ctx, o, set, file, stdout)
		if a.err != nil && len(files) > 1 {
			exitCode(inFile(a.err, file), stderr) // at once, as verify does; the table follows
		}
		answers = append(answers, a)
	}
	if len(files) == 1 {
		if a := answers[0]; a.err == nil {
			writeDepthTable(stdout, a.file, a.fact, a.when, a.table)
		}
	} else {
		writeDepthTables(stdout, answers)
	}
	if o.svg != "" {
		if err := writeDepthChart(o.svg, answers); err != nil {
			return &exitError{exitInvalid, err}
		}
	}
	if len(files) == 1 {
		return answers[0].err
	}
	return worstExit(answers)
}

// knowledgeOf answers for one spec. Its error is an *exitError, ready to
// print; a model error's trace is printed on stdout at once.
func knowledgeOf(ctx context.Context, o *knowledgeOptions, set map[string]int64, file string, stdout io.Writer) knowledgeAnswer {
	a := knowledgeAnswer{file: file, name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))}
	a.err = a.answer(ctx, o, set, file, stdout)
	return a
}

// answer fills in a's table for file, or returns why it cannot.
func (a *knowledgeAnswer) answer(ctx context.Context, o *knowledgeOptions, set map[string]int64, file string, stdout io.Writer) error {
	spec, err := model.Load(file)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	fact, when := knowledgeTexts(spec, o)
	// The fact and condition may read history (delivered), which the
	// compiler keeps in the world only for the conditions it is told of.
	sys, err := model.Compile(spec, set, fact, when)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	a.name = sys.Name
	g, err := lts.Search(ctx, sys, o.limits.search())
	if limit, ok := o.limits.reached(ctx, err, g.Stats().Bytes); ok {
		return &exitError{exitUnknown, fmt.Errorf("%s: %s after %s: knowledge needs every reachable world", file, limit, worlds(g.Stats().States))}
	}
	var t *properties.DepthTable
	if err == nil {
		t, err = properties.KnowledgeDepths(ctx, sys, g, fact, when, o.max)
	}
	if ctx.Err() != nil {
		return &exitError{exitUnknown, fmt.Errorf("%s: %s: the analysis of %s stopped before an answer", file, stopReason(ctx), worlds(g.Stats().States))}
	}
	var me *explore.ModelError
	switch {
	case errors.As(err, &me):
		tr, _ := lts.Path(sys, g, me.State)
		fmt.Fprintf(stdout, "%s: %s\n", file, sys.Name)
		report.ModelError(stdout, sys, me.Err, tr)
		return &exitError{code: exitInvalid}
	case err != nil:
		return &exitError{exitInvalid, err}
	case t.When == 0:
		return &exitError{exitInvalid, nowhere(when, o.when == "", t.Worlds)}
	}
	a.fact, a.when, a.table = fact.Src, when.Src, t
	return nil
}

// worlds writes n worlds, with thousands separators.
func worlds(n int64) string {
	if n == 1 {
		return "1 world"
	}
	return report.Count(n) + " worlds"
}

// knowledgeTexts returns the fact and the condition, positioned so that an
// error in them names the flag.
func knowledgeTexts(spec *syntax.Spec, o *knowledgeOptions) (fact, when syntax.Text) {
	fact = syntax.Text{Src: o.fact, Pos: syntax.Pos{File: "--fact", Line: 1, Col: 1}}
	if o.fact == "" {
		var parts []string
		for _, c := range spec.Channels {
			parts = append(parts, fmt.Sprintf("delivered(%s->%s)", c.From.Src, c.To.Src))
		}
		fact.Src = strings.Join(parts, " and ")
		if fact.Src == "" {
			fact.Src = "true"
		}
	}
	when = syntax.Text{Src: o.when, Pos: syntax.Pos{File: "--when", Line: 1, Col: 1}}
	switch {
	case o.when != "":
	case spec.Final != nil:
		when = *spec.Final
	default:
		when.Src = "true"
	}
	return fact, when
}

// nowhere is the error of a condition that holds in no reachable world of
// a complete search (a cut search gives properties.ErrIncomplete instead).
// Every depth would then hold vacuously, down to "common knowledge: yes",
// so there is no answer to print: the question needs another condition.
func nowhere(when syntax.Text, final bool, worlds int) error {
	where := "--when"
	if final {
		where = fmt.Sprintf("%s: final (the default of --when)", when.Pos)
	}
	return fmt.Errorf("%s: the condition %q holds in no reachable world (%s reachable, all explored), so there is nothing to ask: every depth would hold vacuously",
		where, strings.Join(strings.Fields(when.Src), " "), report.Count(int64(worlds)))
}

func writeDepthTable(w io.Writer, file, fact, when string, t *properties.DepthTable) {
	fmt.Fprintf(w, "%s: %s reachable worlds, %s where the condition holds\n", file, report.Count(int64(t.Worlds)), report.Count(int64(t.When)))
	fmt.Fprintf(w, "  fact: %s\n  when: %s\n\n", strings.Join(strings.Fields(fact), " "), strings.Join(strings.Fields(when), " "))
	fmt.Fprintf(w, "  %-10s %-6s %s\n", "machine", "depth", "deepest knowledge that holds")
	for i, m := range t.Machines {
		fmt.Fprintf(w, "  %-10s %-6s %s\n", m, depthString(t.Depth[i], t), nesting(m, t.Depth[i]))
	}
	fmt.Fprintf(w, "  %-10s %-6s %s\n", "everyone", depthString(t.Everyone, t), nesting("", t.Everyone))
	if t.Common {
		fmt.Fprintln(w, "\n  common knowledge: yes")
	} else {
		fmt.Fprintln(w, "\n  common knowledge: no")
	}
}

func depthString(d int, t *properties.DepthTable) string {
	if d == t.Max && !t.Fixpoint {
		return fmt.Sprintf("≥%d", d)
	}
	return fmt.Sprint(d)
}

// nesting writes depth d in words: for machine m, what m knows; for
// everyone (m == ""), what everyone knows.
func nesting(m string, d int) string {
	switch {
	case d == 0 && m == "":
		return "not everyone knows the fact"
	case d == 0:
		return "does not know the fact"
	case m == "":
		return everyone(d)
	case d == 1:
		return m + " knows the fact"
	}
	return m + " knows that " + everyone(d-1)
}

// everyone writes E^k in words.
func everyone(k int) string {
	return strings.Repeat("everyone knows that ", k-1) + "everyone knows the fact"
}

// writeDepthTables writes the answers of several specs as one table, a row
// per spec and machine. The worlds of each spec come first, then its fact
// and condition (once, if every spec shares them), then the table; a spec
// without an answer has a row saying so (its error is on stderr).
func writeDepthTables(w io.Writer, answers []knowledgeAnswer) {
	shared := sharedTexts(answers)
	for _, a := range answers {
		if a.err != nil {
			continue
		}
		fmt.Fprintf(w, "%s: %s reachable worlds, %s where the condition holds\n", a.file, report.Count(int64(a.table.Worlds)), report.Count(int64(a.table.When)))
		if shared == nil {
			writeTexts(w, a.fact, a.when)
		}
	}
	if shared != nil {
		writeTexts(w, shared.fact, shared.when)
	}
	specW := len("spec")
	for _, a := range answers {
		specW = max(specW, len(a.name))
	}
	row := func(spec, machine, depth, words string) {
		fmt.Fprintf(w, "  %-*s  %-10s %-6s %s\n", specW, spec, machine, depth, words)
	}
	fmt.Fprintln(w)
	row("spec", "machine", "depth", "deepest knowledge that holds")
	for _, a := range answers {
		t := a.table
		if a.err != nil {
			row(a.name, "-", "-", fmt.Sprintf("no answer (exit %d): its error is printed above", exitOf(a.err)))
			continue
		}
		for i, m := range t.Machines {
			row(a.name, m, depthString(t.Depth[i], t), nesting(m, t.Depth[i]))
		}
		row(a.name, "everyone", depthString(t.Everyone, t), nesting("", t.Everyone))
		if t.Common {
			row(a.name, "common", "yes", "the fact is common knowledge")
		} else {
			row(a.name, "common", "no", "the fact is not common knowledge")
		}
	}
}

// sharedTexts returns the spec whose fact and condition every answered
// spec shares, or nil if they differ or none was answered.
func sharedTexts(answers []knowledgeAnswer) *knowledgeAnswer {
	var first *knowledgeAnswer
	for i, a := range answers {
		switch {
		case a.err != nil:
		case first == nil:
			first = &answers[i]
		case a.fact != first.fact || a.when != first.when:
			return nil
		}
	}
	return first
}

// writeTexts writes the fact and the condition, each on one line.
func writeTexts(w io.Writer, fact, when string) {
	fmt.Fprintf(w, "  fact: %s\n  when: %s\n", strings.Join(strings.Fields(fact), " "), strings.Join(strings.Fields(when), " "))
}

// inFile makes an exit error name the spec it is about, if it does not:
// among several specs, "--when: …" alone would not say which.
func inFile(err error, file string) error {
	var ee *exitError
	if errors.As(err, &ee) && ee.err != nil && !strings.Contains(ee.err.Error(), file) {
		return &exitError{ee.code, fmt.Errorf("%s: %w", file, ee.err)}
	}
	return err
}

// exitOf is the exit code an error of knowledgeOf stands for.
func exitOf(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitInvalid
}

// worstExit is the exit error of several answers: the worst of their
// codes, as for verify (2 outranks 1, which outranks 3), already printed.
func worstExit(answers []knowledgeAnswer) error {
	rank := map[int]int{exitOK: 0, exitUnknown: 1, exitMismatch: 2, exitInvalid: 3}
	worst := exitOK
	for _, a := range answers {
		if c := exitOf(a.err); a.err != nil && rank[c] > rank[worst] {
			worst = c
		}
	}
	if worst == exitOK {
		return nil
	}
	return &exitError{code: worst}
}

// writeDepthChart draws the answers as a bar chart into the SVG file path.
func writeDepthChart(path string, answers []knowledgeAnswer) error {
	specs := make([]render.KnowledgeDepths, len(answers))
	for i, a := range answers {
		specs[i] = render.KnowledgeDepths{Spec: a.name}
		if a.err != nil {
			specs[i].Err = fmt.Sprintf("exit %d: see its error", exitOf(a.err))
			continue
		}
		t := a.table
		specs[i].Machines, specs[i].Depth, specs[i].Everyone, specs[i].Common = t.Machines, t.Depth, t.Everyone, t.Common
		if !t.Fixpoint {
			specs[i].Bound = t.Max
		}
	}
	opt := render.DepthChartOptions{Title: "How deep each machine's knowledge of the fact goes"}
	if a := sharedTexts(answers); a != nil {
		opt.Notes = []string{"fact: " + strings.Join(strings.Fields(a.fact), " "), "when: " + strings.Join(strings.Fields(a.when), " ")}
	} else {
		opt.Notes = []string{"each spec with its own fact and condition (see the table of tcpcheck knowledge)"}
	}
	var b bytes.Buffer
	if err := render.DepthChartSVG(&b, specs, opt); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
