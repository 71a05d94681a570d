package model

import (
	"fmt"
	"strings"
)

// Step is one action of a trace described for people and for JSON reports:
// who acted, what happened to which message, and what changed.
type Step struct {
	Actor      string   `json:"actor"` // a machine's name, or "network"
	Kind       string   `json:"kind"`  // call, recv, timeout, internal, discard, drop, link-down, link-up
	Transition string   `json:"transition,omitempty"`
	Event      string   `json:"event,omitempty"`   // the call, timeout, internal or idle name
	Channel    string   `json:"channel,omitempty"` // the channel of a received, discarded or dropped message
	Message    string   `json:"message,omitempty"` // that message, e.g. SYN_ACK(seq=1, ack=2)
	Duplicate  bool     `json:"duplicate,omitempty"`
	Choices    []string `json:"choices,omitempty"` // chosen values, e.g. isn=1
	Sent       []Sent   `json:"sent,omitempty"`
	Changes    []Change `json:"changes,omitempty"`
}

// Sent is a message a step sent, and what became of it.
type Sent struct {
	Channel string `json:"channel"`
	Message string `json:"message"`
	Lost    string `json:"lost,omitempty"` // "channel full" or "link down" when it never entered the channel
}

// Change is a machine's state or variable that a step changed.
type Change struct {
	What string `json:"what"` // e.g. client (its state) or client.iss
	From string `json:"from"`
	To   string `json:"to"`
}

// Label returns a one-line name for an action, without its effects.
func (s *System) Label(a Action) string {
	switch a.Kind {
	case ActFire:
		m := s.Machines[a.Machine]
		return m.Name + " " + m.Transitions[a.Trans].Name
	case ActDiscard:
		return fmt.Sprintf("%s discards from %s", s.Machines[a.Machine].Name, s.Channels[a.Channel].Name)
	case ActDrop:
		return "network drops on " + s.Channels[a.Channel].Name
	}
	return fmt.Sprintf("network %s %s", a.Kind, s.Channels[a.Channel].Name)
}

// Describe explains action a taken in world pre, which led to post.
func (s *System) Describe(pre, post World, a Action) Step {
	st := Step{Actor: "network", Kind: a.Kind.String()}
	if !a.Kind.ByNetwork() {
		st.Actor = s.Machines[a.Machine].Name
	}
	if a.Slot >= 0 {
		ch := s.Channels[a.Channel]
		st.Channel = ch.Name
		st.Message = s.FormatMessage(s.decodeMsg(s.slot(pre, ch, a.Slot)))
		st.Duplicate = a.Keep
	} else if a.Kind.ByNetwork() {
		st.Channel = s.Channels[a.Channel].Name
	}
	if a.Kind == ActFire {
		s.describeFire(&st, pre, a)
	}
	st.Changes = s.changes(pre, post)
	return st
}

func (s *System) describeFire(st *Step, pre World, a Action) {
	t := s.Machines[a.Machine].Transitions[a.Trans]
	st.Kind, st.Transition, st.Event = t.Trigger.String(), t.Name, t.Event
	for i, v := range t.ChoiceValues(a.Choice) {
		st.Choices = append(st.Choices, fmt.Sprintf("%s=%d", t.Choices[i].Name, v))
	}
	stp := s.NewStepper()
	stp.rec = &stepRecord{}
	var sent []sentMsg
	_, _, _ = stp.find(pre, func(b *Action, _ []byte) bool {
		if *b == a {
			sent = append(sent, stp.rec.sent...)
			return true
		}
		return false
	})
	for _, m := range sent {
		out := Sent{Channel: s.Channels[m.ch].Name, Message: s.FormatMessage(m.msg)}
		switch m.outcome {
		case lostFull:
			out.Lost = "channel full"
		case lostLinkDown:
			out.Lost = "link down"
		}
		st.Sent = append(st.Sent, out)
	}
}

// changes lists every machine state and variable that differs.
func (s *System) changes(pre, post World) []Change {
	var out []Change
	for _, m := range s.Machines {
		if a, b := s.State(pre, m.ID), s.State(post, m.ID); a != b {
			out = append(out, Change{What: m.Name, From: m.States[a], To: m.States[b]})
		}
		for i, v := range m.Vars {
			if a, b := s.Value(pre, m.ID, i), s.Value(post, m.ID, i); a != b {
				out = append(out, Change{What: m.Name + "." + v.Name, From: v.Format(a), To: v.Format(b)})
			}
		}
	}
	return out
}

// String writes a step on one line:
//
//	client  recv SYN_ACK(seq=0, ack=1) from server->client; sent ACK(ack=1); client SYN_SENT→ESTABLISHED
func (st Step) String() string {
	var b strings.Builder
	switch st.Kind {
	case "recv":
		fmt.Fprintf(&b, "recv %s on %s", st.Message, st.Channel)
		if st.Duplicate {
			b.WriteString(" (duplicate: a copy stays in flight)")
		}
	case "discard":
		fmt.Fprintf(&b, "discards %s from %s (no transition accepts it)", st.Message, st.Channel)
	case "drop":
		fmt.Fprintf(&b, "loses %s on %s", st.Message, st.Channel)
	case "link-down", "link-up":
		fmt.Fprintf(&b, "%s %s", st.Kind, st.Channel)
	default:
		b.WriteString(st.Kind)
		if st.Event != "" {
			b.WriteString(" " + st.Event)
		}
	}
	if len(st.Choices) > 0 {
		fmt.Fprintf(&b, " [%s]", strings.Join(st.Choices, ", "))
	}
	for _, m := range st.Sent {
		fmt.Fprintf(&b, "; send %s", m.Message)
		if m.Lost != "" {
			fmt.Fprintf(&b, " (lost: %s)", m.Lost)
		}
	}
	for _, c := range st.Changes {
		fmt.Fprintf(&b, "; %s %s→%s", c.What, c.From, c.To)
	}
	return b.String()
}
