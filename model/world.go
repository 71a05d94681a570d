package model

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// World is one global state, encoded in the fixed layout of its System:
// for each machine its control state and variables, for each channel its
// length and message slots (and link status if flaky), then ghost history
// flags. Equal worlds have equal bytes. A World handed out by this package
// must not be modified; [World.Clone] it first.
type World []byte

// Key returns w as a map key.
func (w World) Key() string { return string(w) }

// Clone returns a copy of w.
func (w World) Clone() World { return bytes.Clone(w) }

// State returns machine m's control state in w.
func (s *System) State(w World, m MachineID) StateID {
	return StateID(w[s.Machines[m].off])
}

// Value returns the value of variable v of machine m in w.
func (s *System) Value(w World, m MachineID, v int) int64 {
	x := s.Machines[m].Vars[v]
	return x.Lo + int64(w[x.off])
}

// View returns what machine m observes of w: its control state and
// variables, nothing of its peers, the channels or the network. Two worlds
// look the same to m if and only if their views are equal. The slice aliases
// w.
func (s *System) View(w World, m MachineID) []byte {
	mm := s.Machines[m]
	return w[mm.off : mm.off+1+len(mm.Vars)]
}

// ViewRange returns the byte range of machine m's view within a world.
func (s *System) ViewRange(m MachineID) (off, n int) {
	mm := s.Machines[m]
	return mm.off, 1 + len(mm.Vars)
}

// Len returns the number of messages in flight on channel c in w.
func (s *System) Len(w World, c ChannelID) int { return int(w[s.Channels[c].off]) }

// Message is a decoded message: its type and field values.
type Message struct {
	Type   MsgID
	Fields []int64
}

// InFlight decodes the messages in flight on channel c, oldest first for a
// FIFO channel.
func (s *System) InFlight(w World, c ChannelID) []Message {
	ch := s.Channels[c]
	out := make([]Message, 0, s.Len(w, c))
	for i := 0; i < s.Len(w, c); i++ {
		out = append(out, s.decodeMsg(s.slot(w, ch, i)))
	}
	return out
}

func (s *System) slot(w []byte, ch *Channel, i int) []byte {
	o := ch.off + 1 + i*s.msgWidth
	return w[o : o+s.msgWidth]
}

func (s *System) decodeMsg(b []byte) Message {
	t := s.Messages[b[0]-1]
	m := Message{Type: t.ID, Fields: make([]int64, len(t.Fields))}
	for i, f := range t.Fields {
		m.Fields[i] = f.Lo + int64(b[1+i])
	}
	return m
}

// FormatMessage writes m as the spec writes a send: SYN_ACK(seq=1, ack=2).
func (s *System) FormatMessage(m Message) string {
	t := s.Messages[m.Type]
	if len(t.Fields) == 0 {
		return t.Name
	}
	var b strings.Builder
	b.WriteString(t.Name)
	b.WriteByte('(')
	for i, f := range t.Fields {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s=%d", f.Name, m.Fields[i])
	}
	b.WriteByte(')')
	return b.String()
}

// LinkDown reports whether flaky channel c is down in w.
func (s *System) LinkDown(w World, c ChannelID) bool {
	ch := s.Channels[c]
	return ch.Flaky && w[ch.linkOff] != 0
}

// Format writes w for people, one part per line:
//
//	client: SYN_SENT iss=1 retries=0
//	client->server: [SYN(seq=1)]
func (s *System) Format(w World) string {
	var b strings.Builder
	for _, m := range s.Machines {
		b.WriteString(s.FormatLocal(w, m.ID))
		b.WriteByte('\n')
	}
	for _, c := range s.Channels {
		fmt.Fprintf(&b, "%s: %s\n", c.Name, s.FormatChannel(w, c.ID))
	}
	return b.String()
}

// FormatLocal writes machine m's control state and variables in w.
func (s *System) FormatLocal(w World, m MachineID) string {
	mm := s.Machines[m]
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", mm.Name, mm.States[s.State(w, m)])
	for i, v := range mm.Vars {
		fmt.Fprintf(&b, " %s=%s", v.Name, v.Format(s.Value(w, m, i)))
	}
	return b.String()
}

// FormatChannel writes the messages in flight on channel c, and "(down)"
// when its link is down.
func (s *System) FormatChannel(w World, c ChannelID) string {
	msgs := s.InFlight(w, c)
	parts := make([]string, len(msgs))
	for i, m := range msgs {
		parts[i] = s.FormatMessage(m)
	}
	out := "[" + strings.Join(parts, ", ") + "]"
	if s.LinkDown(w, c) {
		out += " (down)"
	}
	return out
}

func formatValue(k VarKind, enum []string, x int64) string {
	switch k {
	case VarBool:
		return strconv.FormatBool(x != 0)
	case VarEnum:
		if x >= 0 && int(x) < len(enum) {
			return enum[x]
		}
	}
	return strconv.FormatInt(x, 10)
}

// Init returns the initial world: every machine in its initial state with
// its variables at their initial values, every channel empty and up.
func (s *System) Init() World {
	w := make(World, s.width)
	for _, m := range s.Machines {
		w[m.off] = byte(m.Init)
		for _, v := range m.Vars {
			w[v.off] = byte(v.Init - v.Lo)
		}
	}
	return w
}
