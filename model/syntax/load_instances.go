package syntax

import (
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// This file holds the loader's side of parameterised specs: channel keys
// written as expressions over the parameters, and YAML anchors and aliases,
// which let two machines share one list of states or transitions.

// capacity reads a channel's capacity: an integer, or an expression over
// the parameters such as CAP or 2 * N, evaluated by Compile.
func (l *loader) capacity(ch *ChannelSpec, n *yaml.Node, path string) {
	t := l.text(n, path)
	ch.CapPos = t.Pos
	if v, err := strconv.Atoi(t.Src); err == nil {
		ch.Capacity = v
		return
	}
	ch.CapExpr = &t
}

// fault reads a channel's boolean fault key (dup, reorder, flaky, fair):
// true or false, or a condition over the parameters such as DUP == 1,
// recorded in ch.Conds and evaluated by Compile.
func (l *loader) fault(ch *ChannelSpec, key string, n *yaml.Node, path string) bool {
	t := l.text(n, path)
	switch t.Src {
	case "true", "yes", "on":
		return true
	case "false", "no", "off", "":
		return false
	}
	if ch.Conds == nil {
		ch.Conds = map[string]Text{}
	}
	ch.Conds[key] = t
	return false
}

// loss reads a channel's loss key: one of the loss modes (true or any,
// head, false), or a condition over the parameters that selects loss: true.
func (l *loader) loss(ch *ChannelSpec, n *yaml.Node, path string) {
	t := l.text(n, path)
	switch t.Src {
	case "", "false", "no", "none", "true", "yes", "any", "head":
		ch.Loss = t
		return
	}
	l.fault(ch, "loss", n, path)
}

// deref follows a YAML alias (*name) to the node it names (&name).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// maxNesting bounds nested lists of transitions (each level is a list
// shared through a YAML anchor), so that a cyclic alias is an error, and
// maxTransitions the transitions of one list once aliases are expanded,
// so that aliases of aliases cannot multiply into billions.
const (
	maxNesting     = 8
	maxTransitions = 1 << 14
)

// transitionList reads a list of transitions. An item that is itself a
// list, usually an alias of a list anchored elsewhere, contributes its
// transitions in place:
//
//	client:
//	  transitions:
//	    - &segment_arrives
//	      - { from: CLOSED, on: recv SEG, ... }
//	    - { from: CLOSED, on: call open, ... }
//	server:
//	  transitions:
//	    - *segment_arrives
func (l *loader) transitionList(n *yaml.Node, path string, depth int) []*TransitionSpec {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, path, "expected a list of transitions, found %s", kindName(n))
		return nil
	}
	out := make([]*TransitionSpec, 0, len(n.Content))
	for i, c := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		c = deref(c)
		switch {
		case len(out) >= maxTransitions:
			l.errorf(c, p, "more than %d transitions in one list once its aliases are expanded", maxTransitions)
			return out
		case c.Kind != yaml.SequenceNode:
			out = append(out, l.transition(c, p))
		case depth >= maxNesting:
			l.errorf(c, p, "lists of transitions nested more than %d deep (a cyclic alias?)", maxNesting)
		default:
			out = append(out, l.transitionList(c, p, depth+1)...)
		}
	}
	return out
}
