package syntax

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

// The walkers below map each YAML object of the spec language onto its Spec
// node. The accepted keys of each object are listed once, in the call to
// fields, which also rejects unknown keys with a suggestion.

func (l *loader) spec(n *yaml.Node) *Spec {
	s := &Spec{Pos: l.pos(n)}
	f := l.fields(n, "", "name", "doc", "params", "matrix", "messages", "machines", "channels", "final", "properties")
	if v, ok := f["name"]; ok {
		s.Name = l.str(v.val, "name")
	} else {
		l.errorf(n, "", "missing key \"name\"")
	}
	if v, ok := f["doc"]; ok {
		s.Doc = l.str(v.val, "doc")
	}
	if v, ok := f["params"]; ok {
		l.needMapping(v.val)
		for _, e := range l.entries(v.val, "params") {
			path := "params." + e.key.Value
			s.Params = append(s.Params, &ParamSpec{Pos: l.pos(e.key), Name: l.ident(e.key, path, "parameter"), Value: l.integer(e.val, path)})
		}
	}
	if v, ok := f["matrix"]; ok {
		s.Matrix = l.matrix(v.val)
	}
	if v, ok := f["messages"]; ok {
		l.needMapping(v.val)
		s.Messages = l.messages(v.val)
	}
	if v, ok := f["machines"]; ok {
		l.needMapping(v.val)
		for _, e := range l.entries(v.val, "machines") {
			s.Machines = append(s.Machines, l.machine(e))
		}
	} else {
		l.noCheck = true
		l.errorf(n, "", "missing key \"machines\"")
	}
	if v, ok := f["channels"]; ok {
		s.Channels = l.channels(v.val)
	}
	if v, ok := f["final"]; ok {
		t := l.text(v.val, "final")
		s.Final = &t
	}
	if v, ok := f["properties"]; ok {
		s.Properties = l.properties(v.val)
	}
	return s
}

func (l *loader) messages(n *yaml.Node) []*MessageSpec {
	var out []*MessageSpec
	for _, e := range l.entries(n, "messages") {
		path := "messages." + e.key.Value
		m := &MessageSpec{Pos: l.pos(e.key), Name: l.ident(e.key, path, "message type")}
		if e.val.Kind == yaml.ScalarNode && e.val.Value == "" {
			out = append(out, m) // a message with no fields: "ACK:" or "ACK: {}"
			continue
		}
		for _, fe := range l.entries(e.val, path) {
			fp := path + "." + fe.key.Value
			m.Fields = append(m.Fields, &FieldSpec{Pos: l.pos(fe.key), Name: l.ident(fe.key, fp, "field"), Domain: l.text(fe.val, fp)})
		}
		out = append(out, m)
	}
	return out
}

func (l *loader) machine(e field) *MachineSpec {
	path := "machines." + e.key.Value
	m := &MachineSpec{Pos: l.pos(e.key), Name: l.ident(e.key, path, "machine")}
	f := l.fields(e.val, path, "doc", "states", "init", "vars", "transitions", "unmatched", "fair", "count")
	if v, ok := f["doc"]; ok {
		m.Doc = l.str(v.val, path+".doc")
	}
	if v, ok := f["states"]; ok {
		m.States, m.statesBroken = l.states(v.val, path+".states")
	} else {
		m.statesBroken = true
		l.errorf(e.key, path, "missing key \"states\": list the machine's control states, e.g. states: [CLOSED, SYN_SENT, ESTABLISHED]")
	}
	if v, ok := f["init"]; ok {
		m.Init = l.text(v.val, path+".init")
	} else {
		m.initMissing = true
		l.errorf(e.key, path, "missing key \"init\": the initial control state")
	}
	if v, ok := f["vars"]; ok {
		for _, ve := range l.entries(v.val, path+".vars") {
			m.Vars = append(m.Vars, l.variable(ve, path+".vars."+ve.key.Value))
		}
	}
	if v, ok := f["unmatched"]; ok {
		m.Unmatched = l.text(v.val, path+".unmatched")
	}
	if v, ok := f["fair"]; ok {
		m.Fair = l.text(v.val, path+".fair")
	}
	if v, ok := f["count"]; ok {
		t := l.text(v.val, path+".count")
		m.Count = &t
	}
	if v, ok := f["transitions"]; ok {
		m.Transitions = l.transitions(v.val, path+".transitions")
		l.uniqueNames(m)
	}
	return m
}

// states reads a machine's list of control states. A single name is not
// accepted: states: LISTEN, SYN_SENT would otherwise be one state named
// "LISTEN, SYN_SENT", and every use of LISTEN an unknown state. broken
// reports that there is no list to read; an entry that is not a name is
// an error of its own line.
func (l *loader) states(n *yaml.Node, path string) (states []Text, broken bool) {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		example := "CLOSED, SYN_SENT"
		if n.Kind == yaml.ScalarNode && n.Value != "" {
			example = n.Value
		}
		l.errorf(n, path, "expected a list of states in [ ], e.g. states: [%s], found %s", example, kindName(n))
		return nil, true
	}
	return l.texts(n, path), false
}

// uniqueNames rejects two transitions of one machine with the same name
// that can leave the same state: names identify transitions in traces and
// coverage, and the state a step leaves tells apart only transitions with
// disjoint from states. One name for one event handled in several states,
// such as close in ESTABLISHED and in CLOSE_WAIT, stays allowed.
func (l *loader) uniqueNames(m *MachineSpec) {
	named := map[string][]*TransitionSpec{}
	for _, t := range m.Transitions {
		if t.Name == "" {
			continue
		}
		for _, prev := range named[t.Name] {
			if state, ok := sharedFrom(prev, t); ok {
				l.errs.Add(t.NamePos, t.Path+".name", "transition name %q used twice in machine %s, both from %s: first at %s (line %d, column %d); give each transition its own name",
					t.Name, m.Name, state, prev.Path, prev.NamePos.Line, prev.NamePos.Col)
				break
			}
		}
		named[t.Name] = append(named[t.Name], t)
	}
}

// sharedFrom returns a from state that a and b have in common, if any; "*"
// stands for every state.
func sharedFrom(a, b *TransitionSpec) (string, bool) {
	for _, x := range a.From {
		for _, y := range b.From {
			switch {
			case x.Src == "*" && y.Src == "*":
				return "every state", true
			case x.Src == "*":
				return "state " + y.Src, true
			case y.Src == "*" || x.Src == y.Src:
				return "state " + x.Src, true
			}
		}
	}
	return "", false
}

// variable accepts "lo..hi", "bool", a list of enum values, or a mapping
// with domain/enum and init.
func (l *loader) variable(e field, path string) *VarSpec {
	v := &VarSpec{Pos: l.pos(e.key), Name: l.ident(e.key, path, "variable")}
	switch e.val.Kind {
	case yaml.ScalarNode:
		v.Domain = l.text(e.val, path)
	case yaml.SequenceNode:
		v.Enum = l.texts(e.val, path)
	default:
		f := l.fields(e.val, path, "domain", "enum", "init")
		if d, ok := f["domain"]; ok {
			v.Domain = l.text(d.val, path+".domain")
		}
		if d, ok := f["enum"]; ok {
			v.Enum = l.texts(d.val, path+".enum")
		}
		if d, ok := f["init"]; ok {
			t := l.text(d.val, path+".init")
			v.Init = &t
		}
		if (v.Domain.Src == "") == (v.Enum == nil) {
			l.errorf(e.key, path, "give exactly one of domain (lo..hi or bool) and enum")
		}
	}
	return v
}

func (l *loader) transitions(n *yaml.Node, path string) []*TransitionSpec {
	return l.transitionList(n, path, 0)
}

func (l *loader) transition(n *yaml.Node, path string) *TransitionSpec {
	t := &TransitionSpec{Pos: l.pos(n), Path: path}
	f := l.fields(n, path, "name", "from", "on", "when", "choose", "do", "send", "to", "fair")
	if v, ok := f["name"]; ok {
		name := l.text(v.val, path+".name")
		t.Name, t.NamePos = name.Src, name.Pos
	}
	if v, ok := f["from"]; ok {
		t.From = l.texts(v.val, path+".from")
	} else {
		l.errorf(n, path, "missing key \"from\": the state(s) this transition leaves, or \"*\"")
	}
	if v, ok := f["on"]; ok {
		t.On = l.text(v.val, path+".on")
	} else {
		t.On = Text{Src: "internal", Pos: l.pos(n)}
	}
	if v, ok := f["when"]; ok {
		w := l.text(v.val, path+".when")
		t.When = &w
	}
	if v, ok := f["choose"]; ok {
		for _, e := range l.entries(v.val, path+".choose") {
			cp := path + ".choose." + e.key.Value
			t.Choose = append(t.Choose, &ChoiceSpec{Pos: l.pos(e.key), Name: l.ident(e.key, cp, "choice"), Domain: l.text(e.val, cp)})
		}
	}
	if v, ok := f["do"]; ok {
		t.Do = l.texts(v.val, path+".do")
	}
	if v, ok := f["send"]; ok {
		t.Send = l.texts(v.val, path+".send")
	}
	if v, ok := f["to"]; ok {
		to := l.text(v.val, path+".to")
		t.To = &to
	}
	if v, ok := f["fair"]; ok {
		t.Fair = l.text(v.val, path+".fair")
	}
	return t
}

func (l *loader) channels(n *yaml.Node) []*ChannelSpec {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "channels", "expected a list of channels, found %s", kindName(n))
		return nil
	}
	var out []*ChannelSpec
	for i, c := range n.Content {
		path := fmt.Sprintf("channels[%d]", i)
		ch := &ChannelSpec{Pos: l.pos(c), Path: path, Capacity: 1}
		f := l.fields(c, path, "from", "to", "capacity", "loss", "dup", "reorder", "full", "flaky", "fair")
		for _, k := range []string{"from", "to"} {
			if _, ok := f[k]; !ok {
				l.errorf(c, path, "missing key %q", k)
			}
		}
		if v, ok := f["from"]; ok {
			ch.From = l.text(v.val, path+".from")
		}
		if v, ok := f["to"]; ok {
			ch.To = l.text(v.val, path+".to")
		}
		if v, ok := f["capacity"]; ok {
			l.capacity(ch, v.val, path+".capacity")
		}
		if v, ok := f["loss"]; ok {
			l.loss(ch, v.val, path+".loss")
		}
		if v, ok := f["dup"]; ok {
			ch.Dup = l.fault(ch, "dup", v.val, path+".dup")
		}
		if v, ok := f["reorder"]; ok {
			ch.Reorder = l.fault(ch, "reorder", v.val, path+".reorder")
		}
		if v, ok := f["full"]; ok {
			ch.Full = l.text(v.val, path+".full")
		}
		if v, ok := f["flaky"]; ok {
			ch.Flaky = l.fault(ch, "flaky", v.val, path+".flaky")
		}
		if v, ok := f["fair"]; ok {
			ch.Fair = l.fault(ch, "fair", v.val, path+".fair")
		}
		out = append(out, ch)
	}
	return out
}

// propertyKinds are the keys that say what kind of property an entry is.
// This is the one list of them: see PropertyKinds.
var propertyKinds = []string{"invariant", "reachable", "deadlock_free", "eventually", "leads_to", "always_eventually"}

// PropertyKinds returns the keys that say what kind of property an entry
// is (invariant, reachable, ...), in a fixed order that package properties
// numbers its kinds by. The caller may modify the slice.
func PropertyKinds() []string { return slices.Clone(propertyKinds) }

func (l *loader) properties(n *yaml.Node) []*PropertySpec {
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "properties", "expected a list of properties, found %s", kindName(n))
		return nil
	}
	var out []*PropertySpec
	for i, c := range n.Content {
		path := fmt.Sprintf("properties[%d]", i)
		p := &PropertySpec{Pos: l.pos(c), Path: path}
		f := l.fields(c, path, append([]string{"name", "doc", "expect", "fairness", "about"}, propertyKinds...)...)
		if v, ok := f["name"]; ok {
			p.Name = l.ident(v.val, path+".name", "property")
			p.Path = fmt.Sprintf("properties[%s]", p.Name)
		} else {
			l.errorf(c, path, "missing key \"name\"")
		}
		if v, ok := f["doc"]; ok {
			p.Doc = l.str(v.val, path+".doc")
		}
		if v, ok := f["expect"]; ok {
			p.Expect = l.text(v.val, path+".expect")
		}
		if v, ok := f["fairness"]; ok {
			p.Fairness = l.text(v.val, path+".fairness")
		}
		if v, ok := f["about"]; ok {
			p.About = l.texts(v.val, path+".about")
		}
		l.propertyKind(c, f, p)
		out = append(out, p)
	}
	return out
}

func (l *loader) propertyKind(n *yaml.Node, f map[string]field, p *PropertySpec) {
	var kinds []string
	for _, k := range propertyKinds {
		if v, ok := f[k]; ok {
			kinds = append(kinds, k)
			p.Kind = Text{Src: k, Pos: l.pos(v.key)}
			e := l.text(v.val, p.Path+"."+k)
			p.Expr = &e
		}
	}
	switch len(kinds) {
	case 0:
		l.errorf(n, p.Path, "missing the property itself: one of %v", propertyKinds)
	case 1:
	default:
		l.errorf(n, p.Path, "one property per entry: found %v", kinds)
	}
}
