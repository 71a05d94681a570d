package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
	"github.com/tcpcheck/tcpcheck/render"
)

// fsmFinalLimit bounds the search render fsm makes to find the states each
// machine is in when the spec's final condition holds.
const fsmFinalLimit = 200_000

func newRenderFSMCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &renderOptions{}
	var machines []string
	var detail bool
	cmd := &cobra.Command{
		Use:   "fsm SPEC [-m MACHINE]... -o FILE",
		Short: "Draw each machine's state machine",
		Long: `fsm draws the state machine of each machine (or of those named by -m) in the
style of RFC 9293 Figure 5: a box per control state, an arrow per transition
labelled "trigger [guard] / sends", an entry arrow into the initial state, and
a double border around final states: the states a machine is in when the
spec's final condition holds (found by a bounded search), or else the states
no transition leaves. --detail labels transitions as the spec writes them.

Examples:
  tcpcheck render fsm specs/three_way.yaml -o three_way.svg
  tcpcheck render fsm -m server --detail specs/two_way.yaml -o server.dot`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRenderFSM(cmd.Context(), o, machines, detail, args[0], stdout, stderr)
		},
	}
	cmd.Flags().StringArrayVarP(&machines, "machine", "m", nil, "draw only this machine (repeatable)")
	cmd.Flags().BoolVar(&detail, "detail", false, "label transitions with their guards, assignments and sends as written")
	o.addFlags(cmd)
	return cmd
}

func runRenderFSM(ctx context.Context, o *renderOptions, machines []string, detail bool, file string, stdout, stderr io.Writer) error {
	ctx, done, err := o.begin(ctx)
	if err != nil {
		return err
	}
	defer done()
	f, sys, err := renderInputs(o, file)
	if err != nil {
		return err
	}
	opt := render.FSMOptions{Detail: detail}
	for _, name := range machines {
		m := sys.Machine(name)
		if m == nil {
			return &exitError{exitInvalid, fmt.Errorf("%s: no machine %q", file, name)}
		}
		opt.Machines = append(opt.Machines, m.ID)
	}
	if opt.Final, err = finalStates(ctx, sys, o); err != nil {
		return &exitError{exitInvalid, err}
	}
	if err := stopped(ctx, file); err != nil {
		return err
	}
	if opt.Final == nil && sys.Final != nil {
		fmt.Fprintf(stderr, "tcpcheck: %s: more than %d worlds: final states are those no transition leaves\n", file, fsmFinalLimit)
	}
	var dot bytes.Buffer
	if err := render.FSM(&dot, sys, opt); err != nil {
		return &exitError{exitInvalid, err}
	}
	return layOut(ctx, o, dot.Bytes(), f, stdout, file)
}

// finalStates marks, for each machine, the states it is in at some
// reachable world where the spec's final condition holds. It returns nil
// when the spec has no final condition or the search does not finish
// within fsmFinalLimit worlds.
func finalStates(ctx context.Context, sys *model.System, o *renderOptions) ([][]bool, error) {
	if sys.Final == nil {
		return nil, nil
	}
	lim := *o
	if lim.limits.maxStates == 0 || lim.limits.maxStates > fsmFinalLimit {
		lim.limits.maxStates = fsmFinalLimit
	}
	g, limit, err := searchSystem(ctx, sys, &lim)
	if err != nil || limit != "" {
		return nil, err
	}
	final := sys.Final.Clone()
	out := make([][]bool, len(sys.Machines))
	for i, m := range sys.Machines {
		out[i] = make([]bool, len(m.States))
	}
	for id := range g.Len() {
		w := model.World(g.State(explore.StateID(id)))
		if final.Holds(w) {
			for i, m := range sys.Machines {
				out[i][sys.State(w, m.ID)] = true
			}
		}
	}
	return out, nil
}

func newRenderGraphCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &renderOptions{}
	var prop string
	var maxWorlds int
	cmd := &cobra.Command{
		Use:   "graph SPEC [-p PROPERTY] -o FILE",
		Short: "Draw the reachable world graph, a counterexample highlighted",
		Long: fmt.Sprintf(`graph explores the spec and draws every reachable world and the actions
between them, with the counterexample or witness of -p in red. A graph of
more than --max-worlds worlds (default %d) would be unreadable: it is drawn
instead as its quotient by control states (one node per combination of the
machines' states), and a note on stderr says so.

Examples:
  tcpcheck render graph specs/two_way.yaml -o graph.svg
  tcpcheck render graph -p no_half_open_server specs/two_way.yaml -o graph.svg`, render.DefaultMaxWorlds),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRenderGraph(cmd.Context(), o, prop, maxWorlds, args[0], stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&prop, "property", "p", "", "highlight this property's counterexample or witness")
	cmd.Flags().IntVar(&maxWorlds, "max-worlds", render.DefaultMaxWorlds, "draw at most this many worlds one by one")
	o.addFlags(cmd)
	return cmd
}

func runRenderGraph(ctx context.Context, o *renderOptions, prop string, maxWorlds int, file string, stdout, stderr io.Writer) error {
	ctx, done, err := o.begin(ctx)
	if err != nil {
		return err
	}
	defer done()
	f, sys, err := renderInputs(o, file)
	if err != nil {
		return err
	}
	var path model.Trace
	var g *explore.Graph
	var limit string
	if prop != "" {
		var res properties.Result
		if g, limit, res, err = checkProperty(ctx, sys, prop, o); err != nil {
			return err
		}
		path = res.Trace
	} else if g, limit, err = searchSystem(ctx, sys, o); err != nil {
		return &exitError{exitInvalid, err}
	}
	rel, err := lts.New(sys, g).Relation(ctx)
	if err := stopped(ctx, file); err != nil {
		return err
	}
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	var dot bytes.Buffer
	quotient, err := render.WorldGraph(&dot, sys, exploredGraph{g, rel}, render.GraphOptions{Path: path, MaxWorlds: maxWorlds})
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	if quotient {
		fmt.Fprintf(stderr, "tcpcheck: %s: %d worlds, more than --max-worlds %d: drawing the quotient by control states\n", file, g.Len(), maxWorlds)
	}
	if err := layOut(ctx, o, dot.Bytes(), f, stdout, file); err != nil {
		return err
	}
	if limit != "" {
		return &exitError{exitUnknown, fmt.Errorf("%s: %s: the graph is partial", file, limit)}
	}
	return nil
}

// exploredGraph adapts an explored graph and its labelled edges to
// render.Graph.
type exploredGraph struct {
	g   *explore.Graph
	rel *lts.Relation
}

func (x exploredGraph) Len() int { return x.g.Len() }

func (x exploredGraph) World(id int) model.World { return model.World(x.g.State(explore.StateID(id))) }

func (x exploredGraph) Successors(id int) []int {
	lo, hi := x.rel.Out(uint32(id))
	ids := make([]int, 0, hi-lo)
	for e := lo; e < hi; e++ {
		ids = append(ids, int(x.rel.To(e)))
	}
	return ids
}

func (x exploredGraph) Label(id, k int) string {
	lo, _ := x.rel.Out(uint32(id))
	return x.rel.Label(lo + k)
}
