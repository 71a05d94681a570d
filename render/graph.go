package render

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tcpcheck/tcpcheck/model"
)

// Graph is a reachable world graph, explored by the caller, with its
// labelled edges. Worlds are numbered 0 to Len()-1 in a deterministic order
// (the explorer's BFS order is), because node IDs in the DOT are those
// numbers. Successors returns the worlds a world leads to, one per action
// in the order the stepper yields them, and nothing for a world that was
// not expanded; Label(id, k) is the label ([model.System.Label]) of the
// action that leads to Successors(id)[k]. Package lts's Relation is such a
// graph, built once by whoever explored it.
type Graph interface {
	Len() int
	World(id int) model.World
	Successors(id int) []int
	Label(id, k int) string
}

// DefaultMaxWorlds is the largest graph [WorldGraph] draws world by world.
// Graphviz (in WebAssembly) lays out 300 worlds in about five seconds.
const DefaultMaxWorlds = 300

// labelledEdgesMax is the largest graph whose edges carry their actions as
// labels; above it the actions are tooltips. Graphviz places each edge
// label as a node of its own, and a graph of a hundred worlds with labelled
// edges already takes seconds to lay out, three hundred minutes.
const labelledEdgesMax = 60

// GraphOptions say how [WorldGraph] draws.
type GraphOptions struct {
	// Path is highlighted: a counterexample or witness whose worlds are in
	// the graph.
	Path model.Trace
	// MaxWorlds bounds the graph drawn world by world; above it the
	// quotient by control states is drawn. 0 means DefaultMaxWorlds.
	MaxWorlds int
	// Title is the graph's caption; empty means the spec's name.
	Title string
}

// Colours of the world graph.
const (
	colorPath     = "#c62828"
	colorDeadlock = "#fde2e2"
)

// WorldGraph writes g as DOT: one node per world with each machine's state
// and variables and each non-empty channel, one edge per pair of worlds an
// action joins (labelled with the actions; in graphs of more than 60 worlds
// the actions are tooltips, or the layout would take minutes), the initial
// world in bold,
// worlds where the spec's final condition holds with a double border,
// deadlocks filled, and opt.Path in red. A graph of more than opt.MaxWorlds
// worlds is drawn instead as its quotient by control states (one node per
// combination of the machines' states, with the number of worlds in it),
// and WorldGraph reports that it did so: a picture of thousands of nodes
// would show nothing.
func WorldGraph(w io.Writer, sys *model.System, g Graph, opt GraphOptions) (quotient bool, err error) {
	bound := opt.MaxWorlds
	if bound <= 0 {
		bound = DefaultMaxWorlds
	}
	title := opt.Title
	if title == "" {
		title = sys.Name
	}
	var d dotWriter
	if g.Len() > bound {
		title += fmt.Sprintf("\n%d worlds, more than %d: the quotient by control states (steps that change no control state are not drawn)", g.Len(), bound)
		writeQuotient(&d, sys, g, opt.Path, title)
		return true, d.writeTo(w)
	}
	title += fmt.Sprintf("\n%d worlds", g.Len())
	writeWorlds(&d, sys, g, opt.Path, title)
	return false, d.writeTo(w)
}

func openGraph(d *dotWriter, title string) {
	d.open("digraph worlds", attrs{{"label", title}, {"labelloc", "t"}, {"fontname", fontName}, {"fontsize", "14"}, {"rankdir", "TB"}})
	d.defaults("node", attrs{{"fontname", fontName}, {"fontsize", "10"}, {"shape", "box"}, {"style", "rounded"}})
	d.defaults("edge", attrs{{"fontname", fontName}, {"fontsize", "9"}, {"color", "#555555"}})
}

// worldMarks are what a node shows besides its label.
type worldMarks struct {
	initial, final, deadlock, onPath bool
}

func (m worldMarks) attrs(label string) attrs {
	a := attrs{{"label", label}}
	style := "rounded"
	if m.initial {
		a = a.set("penwidth", "2.2")
	}
	if m.final {
		a = a.set("peripheries", "2")
	}
	if m.deadlock {
		style += ",filled"
		a = a.set("fillcolor", colorDeadlock)
	}
	if m.onPath {
		a = a.set("color", colorPath).set("fontcolor", colorPath)
	}
	return a.set("style", style)
}

// writeWorlds draws every world. Node IDs are s<world ID>.
func writeWorlds(d *dotWriter, sys *model.System, g Graph, path model.Trace, title string) {
	index := make(map[string]int, g.Len()) // lookup only
	for id := range g.Len() {
		index[g.World(id).Key()] = id
	}
	onPath, pathEdge := pathSets(path, func(w model.World) (string, bool) {
		id, ok := index[w.Key()]
		return fmt.Sprint(id), ok
	})
	final := finalCond(sys)
	init := sys.Init()
	openGraph(d, title)
	for id := range g.Len() {
		w := g.World(id)
		m := worldMarks{initial: bytes.Equal(w, init), final: final != nil && final.Holds(w), onPath: onPath[fmt.Sprint(id)]}
		m.deadlock = !m.final && len(g.Successors(id)) == 0
		d.node(fmt.Sprintf("s%d", id), m.attrs(worldLabel(sys, w)))
	}
	labelKey := "label"
	if g.Len() > labelledEdgesMax {
		labelKey = "tooltip"
	}
	for id := range g.Len() {
		labels := actionLabels(g, id)
		for _, to := range uniqueInts(g.Successors(id)) {
			a := attrs{{labelKey, strings.Join(labels[to], "\n")}}
			if pathEdge[[2]string{fmt.Sprint(id), fmt.Sprint(to)}] {
				a = a.set("color", colorPath).set("penwidth", "2.2").set("fontcolor", colorPath)
			}
			d.edge(fmt.Sprintf("s%d", id), fmt.Sprintf("s%d", to), a)
		}
	}
	d.close()
}

// pathSets maps a trace's worlds to node names and returns the nodes and
// the edges (pairs of different nodes) it visits.
func pathSets(path model.Trace, node func(model.World) (string, bool)) (map[string]bool, map[[2]string]bool) {
	nodes, edges := map[string]bool{}, map[[2]string]bool{}
	prev, havePrev := "", false
	for _, w := range path.Worlds {
		n, ok := node(w)
		if !ok {
			havePrev = false
			continue
		}
		nodes[n] = true
		if havePrev && prev != n {
			edges[[2]string{prev, n}] = true
		}
		prev, havePrev = n, true
	}
	return nodes, edges
}

// actionLabels returns, for each successor of world id, the labels of
// the actions that lead there, each once, in the order of the actions.
func actionLabels(g Graph, id int) map[int][]string {
	out := map[int][]string{}
	for k, to := range g.Successors(id) {
		label := g.Label(id, k)
		if !slices.Contains(out[to], label) {
			out[to] = append(out[to], label)
		}
	}
	return out
}

// worldLabel writes a world one part a line, left-justified: each
// machine's state and variables, then each channel that is not empty or is
// down.
func worldLabel(sys *model.System, w model.World) string {
	var b strings.Builder
	for _, m := range sys.Machines {
		b.WriteString(sys.FormatLocal(w, m.ID))
		b.WriteString(`\l`)
	}
	for _, c := range sys.Channels {
		if sys.Len(w, c.ID) > 0 || sys.LinkDown(w, c.ID) {
			fmt.Fprintf(&b, "%s %s\\l", c.Name, sys.FormatChannel(w, c.ID))
		}
	}
	return b.String()
}

func finalCond(sys *model.System) *model.Cond {
	if sys.Final == nil {
		return nil
	}
	return sys.Final.Clone()
}

// uniqueInts returns xs without repeats, in first-appearance order.
func uniqueInts(xs []int) []int {
	var out []int
	for _, x := range xs {
		dup := false
		for _, y := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// TraceDOT writes a run as DOT, for when a picture laid out by Graphviz is
// wanted instead of the sequence chart: each world a node (t<i> for
// Worlds[i]), each action an edge labelled with it, the last world in red.
// A lasso's loop is a cluster named cluster_loop; when the run ends in the
// world where the loop starts, its last edge goes back there. A run that
// stops and stays in its last world (LoopStart == Trace.Len()) has that
// world alone in the cluster.
func TraceDOT(w io.Writer, sys *model.System, run Run) error {
	if err := checkRun(run); err != nil {
		return err
	}
	tr := run.Trace
	n := len(tr.Worlds) - 1
	closes := run.LoopStart >= 0 && run.LoopStart < n && bytes.Equal(tr.Worlds[n], tr.Worlds[run.LoopStart])
	title := run.Title
	if title == "" {
		title = sys.Name
	}
	var d dotWriter
	openGraph(&d, title)
	node := func(i int) {
		a := attrs{{"label", fmt.Sprintf("%d\\l%s", i, worldLabel(sys, tr.Worlds[i]))}}
		if i == n {
			a = a.set("color", colorPath).set("fontcolor", colorPath)
		}
		d.node(fmt.Sprintf("t%d", i), a)
	}
	last := n
	if closes {
		last = n - 1
	}
	for i := 0; i <= last; i++ {
		if i == run.LoopStart {
			label := "loop: repeats forever"
			if i == n {
				label = "the run stops: stays here forever"
			}
			d.open("subgraph cluster_loop", attrs{{"label", label}, {"color", overColor.value}, {"fontcolor", overColor.value}, {"style", "dashed"}})
		}
		node(i)
	}
	if run.LoopStart >= 0 {
		d.close()
	}
	for i, a := range tr.Actions {
		to := i + 1
		if closes && to == n {
			to = run.LoopStart
		}
		st := sys.Describe(tr.Worlds[i], tr.Worlds[i+1], a)
		d.edge(fmt.Sprintf("t%d", i), fmt.Sprintf("t%d", to), attrs{{"label", fmt.Sprintf("%d. %s\n%s", i+1, st.Actor, st.String())}})
	}
	d.close()
	return d.writeTo(w)
}
