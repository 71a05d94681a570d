package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// renderOptions are the flags every render subcommand shares.
type renderOptions struct {
	out       string
	format    string
	set       []string
	maxStates int
	timeout   time.Duration
}

func (o *renderOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "write the picture to this file (- for stdout)")
	f.StringVar(&o.format, "format", "", "svg, dot or png (default: the output file's extension, else svg)")
	f.StringArrayVar(&o.set, "set", nil, "override a spec parameter, NAME=VALUE (repeatable)")
	f.IntVar(&o.maxStates, "max-states", 0, "stop the search after storing this many worlds (0: no limit)")
	f.DurationVar(&o.timeout, "timeout", 0, "stop the search after this long, e.g. 30s (0: no limit)")
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
  3  a limit stopped the search first (graph: the partial graph was drawn)

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
	spec, err := model.Load(file)
	if err != nil {
		return nil, err
	}
	return model.Compile(spec, set)
}

// searchSystem explores sys within the limits of o. A limit is not an
// error: the partial graph comes back with limited set.
func searchSystem(ctx context.Context, sys *model.System, o *renderOptions) (g *explore.Graph, limited bool, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.timeout)
		defer cancel()
	}
	g, err = properties.Search(ctx, sys, explore.Options{MaxStates: o.maxStates})
	switch {
	case errors.Is(err, explore.ErrStateLimit), errors.Is(err, context.DeadlineExceeded):
		return g, true, nil
	case err != nil:
		var me *explore.ModelError
		if errors.As(err, &me) {
			return nil, false, fmt.Errorf("the model breaks during the search (run tcpcheck verify for the trace): %w", me.Err)
		}
		return nil, false, err
	}
	return g, false, nil
}

// checkProperty explores sys and checks the one property named. limited
// says a limit stopped the search (the verdict is then usually Unknown).
func checkProperty(ctx context.Context, sys *model.System, name string, o *renderOptions) (g *explore.Graph, limited bool, res properties.Result, err error) {
	props, err := properties.Compile(sys)
	if err != nil {
		return nil, false, res, &exitError{exitInvalid, err}
	}
	if props, err = selectProps(props, []string{name}); err != nil {
		return nil, false, res, &exitError{exitInvalid, fmt.Errorf("%s: %w", sys.File, err)}
	}
	g, limited, err = searchSystem(ctx, sys, o)
	if err != nil {
		return nil, false, res, &exitError{exitInvalid, err}
	}
	rs, err := properties.Check(context.WithoutCancel(orBackground(ctx)), sys, g, props)
	if err != nil {
		return nil, false, res, &exitError{exitInvalid, err}
	}
	return g, limited, rs[0], nil
}

func orBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
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
	pic, err := drawEvidence(orBackground(ctx), sys, res, f)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	return writeOutput(o.out, pic, stdout)
}
