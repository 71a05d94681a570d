package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
	"github.com/tcpcheck/tcpcheck/report"
)

type knowledgeOptions struct {
	fact, when string
	max        int
	set        []string
	limits     limitOptions
}

func newKnowledgeCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &knowledgeOptions{}
	cmd := &cobra.Command{
		Use:   "knowledge [flags] SPEC",
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

Examples:
  tcpcheck knowledge specs/three_way.yaml
  tcpcheck knowledge --when "client in ESTABLISHED" specs/three_way.yaml
  tcpcheck knowledge --set N=6 --fact "b.seen >= 0" --when "b.seen == N" specs/two_generals.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runKnowledge(cmd.Context(), o, args[0], stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.fact, "fact", "", "the fact (default: every channel has delivered a message)")
	f.StringVar(&o.when, "when", "", "where to ask (default: the spec's final condition, or true)")
	f.IntVar(&o.max, "max-nesting", 8, "the deepest nesting of knowledge to examine")
	f.StringArrayVar(&o.set, "set", nil, "override a spec parameter, NAME=VALUE (repeatable)")
	o.limits.addFlags(f)
	return cmd
}

func runKnowledge(ctx context.Context, o *knowledgeOptions, file string, stdout io.Writer) error {
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
	ctx, done := o.limits.begin(ctx)
	defer done()
	spec, err := model.Load(file)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	fact, when := knowledgeTexts(spec, o)
	// The fact and condition may read ghost history (delivered), which the
	// compiler adds to worlds only for conditions the spec contains.
	for _, t := range []model.Text{fact, when} {
		spec.Properties = append(spec.Properties, &model.PropertySpec{Name: "_knowledge", Kind: model.Text{Src: "reachable"}, Expr: &t})
	}
	sys, err := model.Compile(spec, set)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
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
	writeDepthTable(stdout, file, fact.Src, when.Src, t)
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
func knowledgeTexts(spec *model.Spec, o *knowledgeOptions) (fact, when model.Text) {
	fact = model.Text{Src: o.fact, Pos: model.Pos{File: "--fact", Line: 1, Col: 1}}
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
	when = model.Text{Src: o.when, Pos: model.Pos{File: "--when", Line: 1, Col: 1}}
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
func nowhere(when model.Text, final bool, worlds int) error {
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
