package model

// The idle trigger is an untimed stand-in for a timer longer than every
// delay around it, such as TCP's TIME-WAIT of 2·MSL: a segment lives at
// most MSL, and the peer's retransmission timer is much shorter. An idle
// transition of machine m may fire only when m's surroundings are quiet:
//
//   - no message is in flight on a channel from or to m or to or from a
//     machine m shares a channel with (its peers), and
//   - neither m nor any peer has an enabled timeout or internal transition.
//
// User calls and other idle transitions do not count: a user may wait
// forever. This is SPIN's timeout ("no other statement is executable"),
// restricted to a machine's neighbourhood so that independent pairs of
// machines in one spec do not wait for each other.
//
// An idle step depends on more than its machine's view and channel heads,
// so a machine with one is not memoized (next_cache.go).

// idleScope is what the idle transitions of a machine wait for.
type idleScope struct {
	chans    []*Channel // must be empty
	machines []*Machine // may have no enabled timeout or internal transition
}

// hasIdle reports whether m has an idle transition.
func (m *Machine) hasIdle() bool {
	for _, t := range m.Transitions {
		if t.Trigger == OnIdle {
			return true
		}
	}
	return false
}

// idleScopes returns the scope of each machine that has an idle transition,
// indexed by machine ID.
func (s *System) idleScopes() []idleScope {
	out := make([]idleScope, len(s.Machines))
	for _, m := range s.Machines {
		if !m.hasIdle() {
			continue
		}
		near := map[MachineID]bool{m.ID: true}
		for _, c := range s.Channels {
			if c.From == m.ID {
				near[c.To] = true
			}
			if c.To == m.ID {
				near[c.From] = true
			}
		}
		sc := &out[m.ID]
		for _, n := range s.Machines {
			if near[n.ID] {
				sc.machines = append(sc.machines, n)
			}
		}
		for _, c := range s.Channels {
			if near[c.From] || near[c.To] {
				sc.chans = append(sc.chans, c)
			}
		}
	}
	return out
}

// quiet reports whether the surroundings of m are quiet in w, so that its
// idle transitions may fire.
func (st *Stepper) quiet(w []byte, m *Machine) bool {
	if st.idle == nil {
		st.idle = st.s.idleScopes()
	}
	sc := &st.idle[m.ID]
	for _, c := range sc.chans {
		if w[c.off] != 0 {
			return false
		}
	}
	st.env.msg = nil
	defer func() { st.env.err = nil }()
	for _, n := range sc.machines {
		for _, t := range n.byState[w[n.off]] {
			if t.Trigger != OnTimeout && t.Trigger != OnInternal {
				continue
			}
			for k := 0; k < t.nChoice; k++ {
				t.decodeChoice(k, st.env.choice)
				if t.guard(&st.env) {
					return false
				}
			}
		}
	}
	return true
}
