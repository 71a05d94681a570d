package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// FSMOptions say which machines [FSM] draws and how.
type FSMOptions struct {
	// Machines lists the machines to draw; empty means every machine.
	Machines []model.MachineID
	// Final marks the states drawn as final, indexed by machine and then by
	// state. Nil marks the absorbing states: those that no transition leaves.
	// The caller can do better by exploring the spec and marking each
	// machine's states in the worlds where the spec's final condition holds.
	Final [][]bool
	// Detail labels each transition with its trigger, guard, assignments and
	// sends as the spec writes them. Otherwise a label is short, in the style
	// of RFC 9293 Figure 5: the trigger with the message type it receives,
	// the guard, and the types it sends ("recv SYN / SYN_ACK").
	Detail bool
}

// FSM writes the state machines of sys as DOT, one cluster per machine,
// drawn as RFC 9293 Figure 5 draws TCP's: a box per control state, an arrow
// per transition labelled "trigger / sends", an entry arrow into the
// initial state and a double border around the final states.
func FSM(w io.Writer, sys *model.System, opt FSMOptions) error {
	ids := opt.Machines
	if len(ids) == 0 {
		for _, m := range sys.Machines {
			ids = append(ids, m.ID)
		}
	}
	var d dotWriter
	d.open("digraph fsm", attrs{
		{"label", graphTitle(sys)}, {"labelloc", "t"}, {"fontname", fontName}, {"fontsize", "16"},
		{"rankdir", "TB"}, {"nodesep", "0.5"}, {"ranksep", "0.45"},
	})
	d.defaults("node", attrs{{"fontname", fontName}, {"fontsize", "12"}, {"shape", "box"}, {"style", "rounded"}})
	d.defaults("edge", attrs{{"fontname", fontName}, {"fontsize", "10"}})
	for _, id := range ids {
		if int(id) >= len(sys.Machines) {
			return fmt.Errorf("render: no machine %d in %s", id, sys.Name)
		}
		writeMachine(&d, sys, sys.Machines[id], finalStates(sys.Machines[id], opt.Final), opt.Detail)
	}
	d.close()
	return d.writeTo(w)
}

// fontName is the font of every DOT picture: Graphviz's SVG names it and
// the viewer substitutes what it has.
const fontName = "Courier"

func graphTitle(sys *model.System) string {
	if sys.Doc == "" {
		return sys.Name
	}
	return sys.Name + ": " + sys.Doc
}

// writeMachine writes one machine as a cluster. Node IDs are m<machine>s<state>,
// stable across runs because they are indices.
func writeMachine(d *dotWriter, sys *model.System, m *model.Machine, final []bool, detail bool) {
	label := m.Name
	if m.Doc != "" {
		label += " (" + m.Doc + ")"
	}
	d.open(fmt.Sprintf("subgraph cluster_m%d", m.ID), attrs{{"label", label}, {"fontsize", "14"}, {"color", "gray60"}, {"style", "dashed"}})
	start := fmt.Sprintf("m%dstart", m.ID)
	d.node(start, attrs{{"shape", "point"}, {"width", "0.12"}, {"label", ""}})
	for i, s := range m.States {
		a := attrs{{"label", s}}
		if i < len(final) && final[i] {
			a = a.set("peripheries", "2")
		}
		if model.StateID(i) == m.Init {
			a = a.set("penwidth", "1.8")
		}
		d.node(stateNode(m.ID, model.StateID(i)), a)
	}
	d.edge(start, stateNode(m.ID, m.Init), attrs{{"arrowsize", "0.7"}})
	for _, e := range machineEdges(sys, m, detail) {
		d.edge(stateNode(m.ID, e.from), stateNode(m.ID, e.to), attrs{{"label", strings.Join(e.labels, "\n\n")}, {"tooltip", strings.Join(e.names, ", ")}})
	}
	d.close()
}

// fsmEdge is every transition between one pair of states: Graphviz places
// the labels of parallel edges, self-loops above all, on top of each other,
// so they are drawn as one edge with one label per line.
type fsmEdge struct {
	from, to model.StateID
	labels   []string
	names    []string
}

// machineEdges groups m's transitions by source and target state, in the
// order they first appear in the spec.
func machineEdges(sys *model.System, m *model.Machine, detail bool) []*fsmEdge {
	var out []*fsmEdge
	index := make(map[[2]model.StateID]*fsmEdge) // lookup only; out keeps the order
	for _, t := range m.Transitions {
		label := transitionLabel(sys, m, t, detail)
		for _, from := range t.From {
			to := t.To
			if t.Stay {
				to = from
			}
			e := index[[2]model.StateID{from, to}]
			if e == nil {
				e = &fsmEdge{from: from, to: to}
				index[[2]model.StateID{from, to}] = e
				out = append(out, e)
			}
			e.labels = append(e.labels, label)
			e.names = append(e.names, m.Name+" "+t.Name)
		}
	}
	return out
}

func stateNode(m model.MachineID, s model.StateID) string { return fmt.Sprintf("m%ds%d", m, s) }

// finalStates returns the final marks of m: given, or else its absorbing
// states.
func finalStates(m *model.Machine, given [][]bool) []bool {
	if given != nil {
		if int(m.ID) < len(given) {
			return given[m.ID]
		}
		return nil
	}
	leaves := make([]bool, len(m.States))
	for _, t := range m.Transitions {
		for _, f := range t.From {
			if !t.Stay && t.To != f {
				leaves[f] = true
			}
		}
	}
	out := make([]bool, len(m.States))
	for i := range out {
		out[i] = !leaves[i]
	}
	return out
}

// transitionLabel writes "trigger [guard]" and, on a second line, "/ sends".
func transitionLabel(sys *model.System, m *model.Machine, t *model.Transition, detail bool) string {
	src := sys.TransitionSource(m.ID, t.Index)
	if detail && src != nil {
		return detailLabel(src)
	}
	var b strings.Builder
	b.WriteString(triggerText(sys, t))
	if src != nil && src.When != nil {
		fmt.Fprintf(&b, " [%s]", squeeze(src.When.Src))
	}
	var sends []string
	for _, s := range t.Sends() {
		sends = append(sends, sys.Messages[s.Msg].Name)
	}
	if len(sends) > 0 {
		fmt.Fprintf(&b, "\n/ %s", strings.Join(sends, ", "))
	}
	return b.String()
}

// triggerText names a trigger the way the spec's on key does, without a
// receive pattern: "call open", "recv SYN", "timeout".
func triggerText(sys *model.System, t *model.Transition) string {
	s := t.Trigger.String()
	switch {
	case t.Trigger == model.OnRecv && t.AnyMsg:
		s += " *"
	case t.Trigger == model.OnRecv:
		s += " " + sys.Messages[t.Msg].Name
	case t.Event != "":
		s += " " + t.Event
	}
	return s
}

// detailLabel writes a transition as the spec writes it, one part a line.
func detailLabel(ts *syntax.TransitionSpec) string {
	lines := []string{squeeze(ts.On.Src)}
	if ts.On.Src == "" {
		lines[0] = "internal"
	}
	if ts.When != nil {
		lines = append(lines, "when "+squeeze(ts.When.Src))
	}
	for _, c := range ts.Choose {
		lines = append(lines, fmt.Sprintf("choose %s in %s", c.Name, squeeze(c.Domain.Src)))
	}
	for _, do := range ts.Do {
		lines = append(lines, squeeze(do.Src))
	}
	for _, s := range ts.Send {
		lines = append(lines, "/ "+squeeze(s.Src))
	}
	return strings.Join(lines, "\n")
}

// squeeze collapses runs of white space, so that a YAML folded scalar
// reads as one line.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
