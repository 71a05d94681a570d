package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// renderOptions are the flags every render subcommand shares.
type renderOptions struct {
	out    string
	format string
	set    []string
	limits limitOptions
}

func (o *renderOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "write the picture to this file (- for stdout)")
	f.StringVar(&o.format, "format", "", "svg, dot or png (default: the output file's extension, else svg)")
	addSetFlag(f, &o.set)
	o.limits.addFlags(f)
	_ = cmd.MarkFlagRequired("output")
}

func newRenderCmd(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "render",
		Short: "Draw state machines, counterexamples and world graphs",
		Long: `render draws a spec for people. fsm draws each machine's state machine, trace
a property's counterexample (or witness) as a message sequence chart, and
graph the reachable world graph with a counterexample highlighted.

The format is --format, else the output file's extension, else SVG. DOT is
deterministic text: the same spec gives the same bytes. SVG and PNG are laid
out by Graphviz (compiled to WebAssembly: no system graphviz is needed),
except the sequence chart, which is drawn directly as SVG (its --format dot
is the run as a chain of worlds). PNG is a rough preview; prefer SVG.

Exit codes:
  0  the picture was written
  1  the property has no counterexample or witness to draw
  2  the command line or the spec is invalid, or a file cannot be written
  3  a limit stopped the search first (graph: the partial graph was drawn,
     unless --timeout or a signal ended the command before it was)

The limit flags are those of verify; --timeout bounds the whole command,
the layout included.

Examples:
  tcpcheck render fsm specs/three_way.yaml -o three_way.svg
  tcpcheck render fsm -m server --detail specs/two_way.yaml -o server.dot
  tcpcheck render trace -p server_established_after_client specs/two_way.yaml -o cex.svg
  tcpcheck render graph -p no_half_open_server specs/two_way.yaml -o graph.svg`,
	}
	cmd.AddCommand(newRenderFSMCmd(stdout, stderr), newRenderTraceCmd(stdout), newRenderGraphCmd(stdout, stderr))
	return cmd
}

// loadSystem loads and compiles a spec with the --set overrides.
func loadSystem(file string, sets []string) (*model.System, error) {
	set, err := parseSet(sets)
	if err != nil {
		return nil, err
	}
	return tcpcheck.Compile(file, set)
}

// begin checks the limits and starts the command's budget (see
// limitOptions.begin); the caller must call done.
func (o *renderOptions) begin(ctx context.Context) (_ context.Context, done func(), err error) {
	if err := o.limits.check(); err != nil {
		return nil, nil, &exitError{exitInvalid, err}
	}
	ctx, done = o.limits.begin(ctx)
	return ctx, done, nil
}

// stopped is the error of a command whose context ended (--timeout, a
// signal) before it drew anything, or nil.
func stopped(ctx context.Context, file string) error {
	if ctx.Err() == nil {
		return nil
	}
	return &exitError{exitUnknown, fmt.Errorf("%s: %s before the picture was drawn", file, stopReason(ctx))}
}

// searchSystem explores sys within the limits of o. A limit is not an
// error: the partial graph comes back with limit saying which stopped it.
func searchSystem(ctx context.Context, sys *model.System, o *renderOptions) (g *explore.Graph, limit string, err error) {
	g, err = lts.Search(ctx, sys, o.limits.search())
	if msg, ok := o.limits.reached(ctx, err, g.Stats().Bytes); ok {
		return g, msg, nil
	}
	switch {
	case err != nil:
		var me *explore.ModelError
		if errors.As(err, &me) {
			return nil, "", fmt.Errorf("the model breaks during the search (run tcpcheck verify for the trace): %w", me.Err)
		}
		return nil, "", err
	}
	return g, "", nil
}

// checkProperty explores sys and checks the one property named. limit
// says which limit stopped the search (the verdict is then usually
// Unknown).
func checkProperty(ctx context.Context, sys *model.System, name string, o *renderOptions) (g *explore.Graph, limit string, res properties.Result, err error) {
	r := tcpcheck.Check(ctx, sys, tcpcheck.Options{Properties: []string{name}, Search: o.limits.search(), KeepGraph: true})
	switch {
	case r.Err != nil:
		return nil, "", res, &exitError{exitInvalid, r.Err}
	case r.ModelError != nil:
		return nil, "", res, &exitError{exitInvalid, fmt.Errorf("the model breaks during the search (run tcpcheck verify for the trace): %w", r.ModelError)}
	case r.Limit != nil:
		limit = o.limits.describe(r.Limit, r.Stats.Bytes)
	}
	return r.Graph, limit, r.Results[0], nil
}

// needTrace turns a result without a run to draw into an exit error.
func needTrace(res properties.Result) error {
	switch {
	case res.Trace.Worlds != nil:
		return nil
	case res.Verdict == properties.Unknown:
		return &exitError{exitUnknown, fmt.Errorf("property %s: %s", res.Property.Name, res.Note)}
	}
	return &exitError{exitMismatch, fmt.Errorf("property %s %s: there is no counterexample or witness to draw", res.Property.Name, res.Verdict)}
}

func newRenderTraceCmd(stdout io.Writer) *cobra.Command {
	o := &renderOptions{}
	var prop string
	cmd := &cobra.Command{
		Use:   "trace SPEC -p PROPERTY -o FILE",
		Short: "Draw a property's counterexample or witness as a message sequence chart",
		Long: `trace checks one property and draws its evidence as a message sequence chart:
one lifeline per machine with its control state at every step, each message
an arrow from the step that sent it to the step that received it. A lost
message ends in a cross, a duplicated one is marked dup, one that overtakes
an older message crosses it, a liveness counterexample's loop is bracketed,
and a knowledge counterexample shows its two runs side by side.

Examples:
  tcpcheck render trace -p server_established_after_client specs/two_way.yaml -o cex.svg
  tcpcheck render trace -p can_establish --format dot specs/three_way.yaml -o witness.dot`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRenderTrace(cmd.Context(), o, prop, args[0], stdout)
		},
	}
	cmd.Flags().StringVarP(&prop, "property", "p", "", "the property whose counterexample or witness to draw")
	_ = cmd.MarkFlagRequired("property")
	o.addFlags(cmd)
	return cmd
}

func runRenderTrace(ctx context.Context, o *renderOptions, prop, file string, stdout io.Writer) error {
	ctx, done, err := o.begin(ctx)
	if err != nil {
		return err
	}
	defer done()
	f, sys, err := renderInputs(o, file)
	if err != nil {
		return err
	}
	_, _, res, err := checkProperty(ctx, sys, prop, o)
	if err != nil {
		return err
	}
	if err := needTrace(res); err != nil {
		return err
	}
	pic, err := drawEvidence(ctx, sys, res, f)
	if err := stopped(ctx, file); err != nil {
		return err
	}
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	return writeOutput(o.out, pic, stdout)
}
