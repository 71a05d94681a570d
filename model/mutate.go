package model

import "fmt"

// A Mutation changes one transition of a system, for sensitivity analysis:
// a property that still holds once a transition is removed does not depend
// on it.
type Mutation uint8

// The mutations.
const (
	// Remove makes the transition never fire, as if it were deleted: a
	// message it would have received is then unmatched.
	Remove Mutation = iota + 1
	// NegateGuard makes it fire exactly where it did not: its guard and
	// its receive pattern, for each choice, are negated.
	NegateGuard
	// DropSends makes it fire as before but send nothing.
	DropSends
)

var mutationNames = [...]string{Remove: "remove", NegateGuard: "negate-guard", DropSends: "drop-sends"}

// String returns the mutation's name: remove, negate-guard or drop-sends.
func (m Mutation) String() string {
	if int(m) < len(mutationNames) && mutationNames[m] != "" {
		return mutationNames[m]
	}
	return fmt.Sprintf("Mutation(%d)", uint8(m))
}

// ParseMutation reads a mutation's name.
func ParseMutation(s string) (Mutation, error) {
	for m, name := range mutationNames {
		if name != "" && name == s {
			return Mutation(m), nil
		}
	}
	return 0, fmt.Errorf("unknown mutation %q: expected remove, negate-guard or drop-sends", s)
}

// Applies reports whether mut changes transition t of group: removing
// always does; negating a guard only where there is one (a transition
// without guard or pattern would be removed), dropping sends only where
// there are some.
func (s *System) Applies(group string, t int, mut Mutation) bool {
	for _, m := range s.Machines {
		if m.Group != group || t >= len(m.Transitions) {
			continue
		}
		tr := m.Transitions[t]
		switch mut {
		case Remove:
			return true
		case NegateGuard:
			return tr.guarded
		case DropSends:
			return len(tr.sends) > 0
		}
	}
	return false
}

// Mutant returns a copy of s in which transition t of every machine of
// group (every instance of a machine declared with count) is changed by
// mut. s itself is not changed; the copy shares everything else with it.
// Transitions keep their indices, so coverage and traces of the mutant
// name the same transitions.
func (s *System) Mutant(group string, t int, mut Mutation) *System {
	out := *s
	out.Machines = make([]*Machine, len(s.Machines))
	for i, m := range s.Machines {
		out.Machines[i] = m
		if m.Group == group && t < len(m.Transitions) {
			out.Machines[i] = m.mutant(t, mut)
		}
	}
	return &out
}

// mutant is a copy of m with transition t changed by mut.
func (m *Machine) mutant(t int, mut Mutation) *Machine {
	tr := *m.Transitions[t]
	switch mut {
	case Remove:
		tr.guard = func(*env) bool { return false }
	case NegateGuard:
		g := m.Transitions[t].guard
		tr.guard = func(en *env) bool { return !g(en) }
	case DropSends:
		tr.sends = nil
	}
	out := *m
	out.Transitions = append([]*Transition(nil), m.Transitions...)
	out.Transitions[t] = &tr
	out.byState = make([][]*Transition, len(m.byState))
	for s, ts := range m.byState {
		out.byState[s] = make([]*Transition, len(ts))
		for i, x := range ts {
			if x == m.Transitions[t] {
				x = &tr
			}
			out.byState[s][i] = x
		}
	}
	return &out
}
