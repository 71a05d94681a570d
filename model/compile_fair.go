package model

import "github.com/tcpcheck/tcpcheck/model/syntax"

// This file compiles the fairness a spec declares. Fairness changes no world
// and no step: the search explores the same graph with or without it. It
// only says which infinite runs a liveness property quantifies over, and
// package properties applies it.

// Fairness is the assumption made about a transition on infinite runs.
//
// A machine's fair key applies to its receives, timeouts, internal steps
// and discards, but not to its user calls: the user of an endpoint may
// leave it alone forever (never call close). A call is fair only when its
// own transition says so.
type Fairness uint8

// The fairness assumptions. The zero value assumes nothing.
const (
	// Unfair: a run may leave the transition enabled forever and never take it.
	Unfair Fairness = iota
	// WeakFair: a run on which the transition is enabled in every world from
	// some point on takes it infinitely often ("continuously enabled").
	WeakFair
	// StrongFair: a run on which the transition is enabled infinitely often
	// takes it infinitely often ("repeatedly enabled").
	StrongFair
)

var fairnessNames = [...]string{Unfair: "none", WeakFair: "weak", StrongFair: "strong"}

// String returns the spec keyword of f: none, weak or strong.
func (f Fairness) String() string {
	if int(f) < len(fairnessNames) {
		return fairnessNames[f]
	}
	return "?"
}

// parseFairness reads a fair: key; ok is false for an unknown value.
func parseFairness(src string) (Fairness, bool) {
	for i, n := range fairnessNames {
		if n == src {
			return Fairness(i), true
		}
	}
	return Unfair, false
}

// maxMsgValues bounds the distinct messages that fair-lossy channels tell
// apart. Beyond it, they tell apart only message types.
const maxMsgValues = 1 << 20

// MsgValues returns the number of distinct messages: each type with each
// combination of field values (or each type alone, when that number would
// exceed 2^20). Fair-lossy channels apply per message value.
func (s *System) MsgValues() int { return s.valBase[len(s.Messages)] }

// MsgValueAt returns the index, below [System.MsgValues], of the message in
// slot i of channel c in w.
func (s *System) MsgValueAt(w World, c ChannelID, i int) int {
	return s.msgValue(s.slot(w, s.Channels[c], i))
}

// msgValue returns the index of an encoded message: type, then fields.
func (s *System) msgValue(b []byte) int {
	t := int(b[0]) - 1
	v := 0
	if s.valFields {
		for i, f := range s.Messages[t].Fields {
			v = v*int(f.Hi-f.Lo+1) + int(b[1+i])
		}
	}
	return s.valBase[t] + v
}

// FormatMsgValue writes the message of index v, e.g. SYN(seq=1), or only
// its type when values are not told apart.
func (s *System) FormatMsgValue(v int) string {
	t := len(s.Messages) - 1
	for s.valBase[t] > v {
		t--
	}
	mt := s.Messages[t]
	if !s.valFields {
		return mt.Name
	}
	m := Message{Type: mt.ID, Fields: make([]int64, len(mt.Fields))}
	v -= s.valBase[t]
	for i := len(mt.Fields) - 1; i >= 0; i-- {
		n := int(mt.Fields[i].Hi - mt.Fields[i].Lo + 1)
		m.Fields[i] = mt.Fields[i].Lo + int64(v%n)
		v /= n
	}
	return s.FormatMessage(m)
}

// TrackSends makes st record the messages each step sends; see
// [Stepper.Sent].
func (st *Stepper) TrackSends() { st.trackSends = true }

// Sent returns, while an ActFire step is being yielded by a stepper that
// tracks sends, each message it sent (lost on the way or not) as
// channel*MsgValues() + message index. The slice is reused.
func (st *Stepper) Sent() []int { return st.sentVals }

// msgValues numbers the messages: each type's values follow the previous
// type's.
func (c *compiler) msgValues() {
	s := c.sys
	s.valFields = true
	for pass := 0; pass < 2; pass++ {
		s.valBase = make([]int, len(s.Messages)+1)
		for i, mt := range s.Messages {
			n := 1
			for _, f := range mt.Fields {
				if s.valFields {
					n *= int(f.Hi - f.Lo + 1)
				}
				n = min(n, maxMsgValues+1)
			}
			s.valBase[i+1] = min(s.valBase[i]+n, maxMsgValues+1)
		}
		if s.valBase[len(s.Messages)] <= maxMsgValues {
			return
		}
		s.valFields = false
	}
}

// fairness sets Machine.Fair from the machine's fair key, Transition.Fair
// from the transition's, or else its machine's unless it is a user call,
// and Channel.Fair from the channel's.
func (c *compiler) fairness() {
	c.msgValues()
	for _, ms := range c.machSpecs {
		m := c.sys.Machine(ms.Name)
		if m == nil || m.Pos != ms.Pos {
			continue // a duplicate, already reported
		}
		def := c.fairKey(ms.Fair, "machines."+ms.Name+".fair")
		m.Fair = def
		if len(m.Transitions) != len(ms.Transitions) {
			continue // some transition failed to compile, already reported
		}
		for i, ts := range ms.Transitions {
			t := m.Transitions[i]
			switch {
			case ts.Fair.Src != "":
				t.Fair = c.fairKey(ts.Fair, ts.Path+".fair")
			case t.Trigger != OnCall:
				t.Fair = def // a user is never obliged to call: see Fairness
			}
		}
	}
	for _, cs := range c.chanSpecs {
		from, to := c.sys.Machine(cs.From.Src), c.sys.Machine(cs.To.Src)
		if from == nil || to == nil {
			continue
		}
		if ch := c.sys.ChannelBetween(from.ID, to.ID); ch != nil && ch.Pos == cs.Pos {
			ch.Fair = cs.Fair
		}
	}
}

func (c *compiler) fairKey(t syntax.Text, path string) Fairness {
	if t.Src == "" {
		return Unfair
	}
	f, ok := parseFairness(t.Src)
	if !ok {
		c.errs.Add(t.Pos, path, "expected weak (taken if continuously enabled), strong (taken if repeatedly enabled) or none, found %q%s",
			t.Src, syntax.Suggest(t.Src, fairnessNames[:]))
	}
	return f
}
