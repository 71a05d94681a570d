package model

import "github.com/tcpcheck/tcpcheck/model/syntax"

// This file gives package render what it needs to draw a machine as written:
// the message types a transition sends and the transition's source text.

// Send is one message a transition sends: its type, the channel it goes on,
// and the send as written in the spec, e.g. "SYN(seq = isn)".
type Send struct {
	Msg     MsgID
	Channel ChannelID
	Src     string
}

// Sends returns the messages t sends, in the order the spec writes them.
func (t *Transition) Sends() []Send {
	out := make([]Send, len(t.sends))
	for i, sd := range t.sends {
		out[i] = Send{Msg: sd.msg, Channel: sd.ch, Src: sd.src.Src}
	}
	return out
}

// TransitionSource returns transition t of machine m as written in the spec
// (its trigger, guard, assignments and sends as text), or nil when the System
// was not compiled from a spec that has it.
func (s *System) TransitionSource(m MachineID, t int) *syntax.TransitionSpec {
	if s.spec == nil || int(m) >= len(s.Machines) || t < 0 || t >= len(s.Machines[m].Transitions) {
		return nil
	}
	mm := s.Machines[m]
	pos := mm.Transitions[t].Pos
	for _, ms := range s.spec.Machines {
		if ms.Name != mm.Group {
			continue
		}
		for _, ts := range ms.Transitions {
			if ts.Pos == pos {
				return ts
			}
		}
	}
	return nil
}
