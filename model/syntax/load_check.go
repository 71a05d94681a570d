package syntax

import "go.yaml.in/yaml/v3"

// This file prepares a spec in which the loader found errors for the check
// of the rest of it; see Parse.

// partial returns s with the echoes of the loader's errors kept out, as
// Parse documents, or nil when the rest of s cannot be checked.
func (l *loader) partial(s *Spec) *Spec {
	if l.noCheck {
		return nil
	}
	for _, m := range s.Machines {
		if m.statesBroken {
			m.States = usedStates(m)
		}
		if m.initMissing {
			m.Init = Text{Pos: m.Pos}
			if len(m.States) > 0 {
				m.Init.Src = m.States[0].Src
			}
		}
	}
	return s
}

// usedStates lists the states a machine's init and transitions name, in
// order of appearance, for a machine whose states list is missing.
func usedStates(m *MachineSpec) []Text {
	var out []Text
	seen := map[string]bool{}
	add := func(t Text) {
		if t.Src != "" && t.Src != "*" && IsIdent(t.Src) && !seen[t.Src] {
			seen[t.Src] = true
			out = append(out, t)
		}
	}
	add(m.Init)
	for _, t := range m.Transitions {
		for _, f := range t.From {
			add(f)
		}
		if t.To != nil {
			add(*t.To)
		}
	}
	return out
}

// needMapping records that a top-level section other parts refer to
// (params, messages, machines) is not a mapping, so that Parse does not
// return the rest for a check against it.
func (l *loader) needMapping(n *yaml.Node) {
	if n = deref(n); n == nil || n.Kind != yaml.MappingNode {
		l.noCheck = true
	}
}
