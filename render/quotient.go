package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tcpcheck/tcpcheck/model"
)

// qnode is one node of the quotient graph: every world in which the
// machines are in the same control states.
type qnode struct {
	id     string // q<k>, k in order of the first world with these states
	states string // one byte per machine: its control state
	worlds int
	marks  worldMarks
}

// qedge joins two control-state combinations, with the labels of the
// actions that lead from one to the other.
type qedge struct {
	from, to string
	labels   []string
	seen     map[string]bool // lookup only
}

// quotient is a world graph grouped by control states. Nodes and edges are
// kept in order of first appearance; the maps are for lookup only.
type quotient struct {
	sys    *model.System
	nodes  []*qnode
	byKey  map[string]*qnode
	edges  []*qedge
	byEdge map[[2]string]*qedge
}

// controlStates returns the key of a world's quotient node: each machine's
// control state.
func controlStates(sys *model.System, w model.World) string {
	b := make([]byte, len(sys.Machines))
	for i, m := range sys.Machines {
		b[i] = byte(sys.State(w, m.ID))
	}
	return string(b)
}

func (q *quotient) node(states string) *qnode {
	n := q.byKey[states]
	if n == nil {
		n = &qnode{id: fmt.Sprintf("q%d", len(q.nodes)), states: states}
		q.byKey[states] = n
		q.nodes = append(q.nodes, n)
	}
	return n
}

func (q *quotient) edge(from, to string, label string) {
	k := [2]string{from, to}
	e := q.byEdge[k]
	if e == nil {
		e = &qedge{from: from, to: to, seen: map[string]bool{}}
		q.byEdge[k] = e
		q.edges = append(q.edges, e)
	}
	if !e.seen[label] {
		e.seen[label] = true
		e.labels = append(e.labels, label)
	}
}

// writeQuotient draws g grouped by control states, each edge labelled
// with the actions that change a control state.
func writeQuotient(d *dotWriter, sys *model.System, g Graph, path model.Trace, title string) {
	q := &quotient{sys: sys, byKey: map[string]*qnode{}, byEdge: map[[2]string]*qedge{}}
	final := finalCond(sys)
	init := sys.Init()
	for id := range g.Len() {
		w := g.World(id)
		n := q.node(controlStates(sys, w))
		n.worlds++
		n.marks.initial = n.marks.initial || bytes.Equal(w, init)
		isFinal := final != nil && final.Holds(w)
		n.marks.final = n.marks.final || isFinal
		succ := g.Successors(id)
		if len(succ) == 0 {
			n.marks.deadlock = n.marks.deadlock || !isFinal
			continue
		}
		for k, s := range succ {
			if to := controlStates(sys, g.World(s)); to != n.states {
				q.edge(n.states, to, g.Label(id, k))
			}
		}
	}
	onPath, pathEdge := pathSets(path, func(w model.World) (string, bool) {
		n := q.byKey[controlStates(sys, w)]
		if n == nil {
			return "", false
		}
		return n.id, true
	})
	openGraph(d, title)
	for _, n := range q.nodes {
		n.marks.onPath = onPath[n.id]
		d.node(n.id, n.marks.attrs(q.label(n)))
	}
	for _, e := range q.edges {
		from, to := q.byKey[e.from].id, q.byKey[e.to].id
		a := attrs{{"label", strings.Join(e.labels, "\n")}}
		if pathEdge[[2]string{from, to}] {
			a = a.set("color", colorPath).set("penwidth", "2.2").set("fontcolor", colorPath)
		}
		d.edge(from, to, a)
	}
	d.close()
}

// label writes a quotient node: each machine's state, then how many worlds
// it stands for.
func (q *quotient) label(n *qnode) string {
	var b strings.Builder
	for i, m := range q.sys.Machines {
		fmt.Fprintf(&b, "%s: %s\\l", m.Name, m.States[n.states[i]])
	}
	word := "worlds"
	if n.worlds == 1 {
		word = "world"
	}
	fmt.Fprintf(&b, "(%d %s)\\l", n.worlds, word)
	return b.String()
}
