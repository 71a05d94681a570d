package properties

import (
	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// A Monitor checks invariant, reachable and deadlock_free properties on
// the fly, as a breadth-first search stores and expands worlds. It is how
// a compact search ([explore.Options.Compact]), which keeps no world once
// expanded, is checked.
//
// The search calls its hooks from one goroutine at a time, new worlds in
// ID order and deadlocks in ID order, so the first world found for a
// property is the one with the smallest ID, which has a shortest trace:
// the same verdicts and traces as [Check] on the full graph. Knowledge and
// liveness properties need the whole graph: a Monitor reports them
// Unknown.
type Monitor struct {
	sys   *model.System
	props []*Property
	conds []*model.Cond // a clone of each property's condition, or nil
	first []int64       // the first world deciding each property, or -1
	final *model.Cond   // the spec's final condition, or nil
	open  int           // properties the hooks may still decide
	// undefined is the first world where a condition has no value (a
	// division by zero, an overflow), as a model error; it stops the search.
	undefined error
}

// NewMonitor returns a Monitor of props, properties of sys.
func NewMonitor(sys *model.System, props []*Property) *Monitor {
	m := &Monitor{sys: sys, props: props, conds: make([]*model.Cond, len(props)), first: make([]int64, len(props))}
	if sys.Final != nil {
		m.final = sys.Final.Clone()
	}
	for i, p := range props {
		m.first[i] = -1
		if !m.onTheFly(p) {
			continue
		}
		m.open++
		if p.cond != nil {
			m.conds[i] = p.cond.Clone()
		}
	}
	return m
}

// onTheFly reports whether the hooks decide p.
func (m *Monitor) onTheFly(p *Property) bool {
	return p.live == nil && p.epi == nil && (p.Kind == Invariant || p.Kind == Reachable || p.Kind == DeadlockFree)
}

// Options returns opt with the Monitor's hooks installed.
func (m *Monitor) Options(opt explore.Options) explore.Options {
	opt.Check, opt.Deadlock = m.check, m.deadlock
	return opt
}

// check is the hook for a new world: it decides the invariants it
// violates and the reachable properties it satisfies. It stops the search
// once the hooks decided every property they can.
func (m *Monitor) check(id explore.StateID, s []byte) bool {
	stop := false
	for i, c := range m.conds {
		if c == nil || m.first[i] >= 0 {
			continue
		}
		v, err := c.Eval(model.World(s))
		if err != nil {
			m.undefined = undefinedAt(id, err)
			return true
		}
		if v == (m.props[i].Kind == Reachable) {
			stop = m.decide(i, id)
		}
	}
	return stop
}

// deadlock is the hook for an expanded world without successors.
func (m *Monitor) deadlock(id explore.StateID, s []byte) bool {
	if m.final != nil {
		isFinal, err := m.final.Eval(model.World(s))
		if err != nil {
			m.undefined = undefinedAt(id, err)
			return true
		}
		if isFinal {
			return false
		}
	}
	stop := false
	for i, p := range m.props {
		if p.Kind == DeadlockFree && m.onTheFly(p) && m.first[i] < 0 {
			stop = m.decide(i, id)
		}
	}
	return stop
}

// decide records that world id decides property i, and reports whether
// that was the last property the hooks can decide.
func (m *Monitor) decide(i int, id explore.StateID) bool {
	m.first[i] = int64(id)
	m.open--
	return m.open == 0
}

// Results returns the verdicts once the search that built g, with the
// Monitor's hooks, is over. A condition that had no value in some world
// gives an [explore.ModelError] naming the world, and no verdicts.
func (m *Monitor) Results(g *explore.Graph) ([]Result, error) {
	if m.undefined != nil {
		return nil, m.undefined
	}
	out := make([]Result, 0, len(m.props))
	for i, p := range m.props {
		r, err := m.result(g, i, p)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// needsGraph explains the Unknown verdict of a property a Monitor cannot
// decide.
const needsGraph = "compact mode keeps only a fingerprint of each world, and this property needs the full graph of worlds: check it without --compact"

func (m *Monitor) result(g *explore.Graph, i int, p *Property) (Result, error) {
	id, found := explore.StateID(max(m.first[i], 0)), m.first[i] >= 0
	switch {
	case !m.onTheFly(p):
		return Result{Property: p, Verdict: Unknown, Note: needsGraph}, nil
	case p.Kind == DeadlockFree:
		return deadlockResult(m.sys, g, p, id, found)
	}
	return worldResult(m.sys, g, p, p.Kind == Reachable, id, found)
}
