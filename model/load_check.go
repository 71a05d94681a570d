package model

import (
	"errors"

	"go.yaml.in/yaml/v3"
)

// checkRest compiles a spec in which the loader found errors, and adds the
// compiler's errors to the loader's, so that one run reports every
// independent error of the file: a missing states list does not hide an
// unknown variable in a guard. The echoes of the loader's errors are kept
// out: a machine whose states could not be read gets the states its init
// and transitions name, one without init its first state, and a spec whose
// parameters, messages or machines could not be read at all is not
// compiled, since every use of them would be reported again.
func (l *loader) checkRest(s *Spec) {
	if l.noCheck {
		return
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
	configs, err := s.Configurations(nil)
	if err != nil || len(configs) == 0 {
		return
	}
	var list ErrorList
	if _, err := Compile(s, configs[0].Set); !errors.As(err, &list) {
		return
	}
	// A compiler error on a line the loader found wrong is its echo, and
	// so is one without a position, about a part the loader left out.
	bad := map[int]bool{}
	for _, e := range l.errs {
		bad[e.Pos.Line] = true
	}
	for _, e := range list {
		if e.Pos.IsValid() && !bad[e.Pos.Line] {
			l.errs = append(l.errs, e)
		}
	}
}

// usedStates lists the states a machine's init and transitions name, in
// order of appearance, for a machine whose states list is missing.
func usedStates(m *MachineSpec) []Text {
	var out []Text
	seen := map[string]bool{}
	add := func(t Text) {
		if t.Src != "" && t.Src != "*" && isIdent(t.Src) && !seen[t.Src] {
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
// (params, messages, machines) is not a mapping, so that checkRest does not
// compile the rest against it.
func (l *loader) needMapping(n *yaml.Node) {
	if n = deref(n); n == nil || n.Kind != yaml.MappingNode {
		l.noCheck = true
	}
}
