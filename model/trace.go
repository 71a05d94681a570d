package model

import (
	"errors"
	"fmt"
)

// Trace is a run of the system: Worlds[0] is the initial world and
// Actions[i] leads from Worlds[i] to Worlds[i+1].
type Trace struct {
	Worlds  []World
	Actions []Action
}

// Len returns the number of steps.
func (t Trace) Len() int { return len(t.Actions) }

// Last returns the final world of t.
func (t Trace) Last() World { return t.Worlds[len(t.Worlds)-1] }

// ErrNoAction is returned when two consecutive worlds of a path are not
// connected by any action: the path did not come from this System.
var ErrNoAction = errors.New("model: no action leads between consecutive worlds")

// TraceOf labels a path of worlds with actions: for each pair it takes the
// first action, in Successors order, that leads from one to the next.
func (s *System) TraceOf(worlds []World) (Trace, error) {
	st := s.NewStepper()
	t := Trace{Worlds: worlds}
	for i := 0; i+1 < len(worlds); i++ {
		a, ok, err := st.find(worlds[i], func(_ *Action, succ []byte) bool { return string(succ) == string(worlds[i+1]) })
		if err != nil {
			return t, err
		}
		if !ok {
			return t, fmt.Errorf("step %d: %w", i+1, ErrNoAction)
		}
		t.Actions = append(t.Actions, a)
	}
	return t, nil
}

// find returns the first action from w whose successor satisfies match.
func (st *Stepper) find(w World, match func(*Action, []byte) bool) (Action, bool, error) {
	var found Action
	ok := false
	err := st.Successors(w, func(a *Action, succ []byte) {
		if !ok && match(a, succ) {
			found, ok = *a, true
		}
	})
	return found, ok, err
}

// Replay runs actions from the initial world, checking that each is enabled
// where it is taken, and returns the trace. It is how counterexamples are
// validated: a trace that does not replay is a bug in the checker.
func (s *System) Replay(actions []Action) (Trace, error) {
	st := s.NewStepper()
	t := Trace{Worlds: []World{s.Init()}}
	for i, a := range actions {
		var next World
		_, ok, err := st.find(t.Last(), func(b *Action, succ []byte) bool {
			if *b == a {
				next = World(succ).Clone()
				return true
			}
			return false
		})
		if err != nil {
			return t, fmt.Errorf("step %d: %w", i+1, err)
		}
		if !ok {
			return t, fmt.Errorf("step %d: action %s is not enabled", i+1, s.Label(a))
		}
		t.Worlds = append(t.Worlds, next)
		t.Actions = append(t.Actions, a)
	}
	return t, nil
}
