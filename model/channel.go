package model

import (
	"bytes"
	"fmt"

	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// remove deletes the message in slot i of c in b, shifting the later ones
// down and zeroing the freed slot, so the encoding stays canonical. Removal
// keeps a reordering channel sorted.
func (s *System) remove(b []byte, c *Channel, i int) {
	n := int(b[c.off])
	start := c.off + 1 + i*s.msgWidth
	end := c.off + 1 + n*s.msgWidth
	copy(b[start:], b[start+s.msgWidth:end])
	clear(b[end-s.msgWidth : end])
	b[c.off] = byte(n - 1)
}

// insert adds msg to c in b, which must have room: at the tail of a FIFO
// channel, or at its sorted position in a reordering channel, whose contents
// are a multiset and so must have one canonical order.
func (s *System) insert(b []byte, c *Channel, msg []byte) {
	n := int(b[c.off])
	pos := n
	if c.Reorder {
		for pos > 0 && bytes.Compare(s.slot(b, c, pos-1), msg) > 0 {
			pos--
		}
		start := c.off + 1 + pos*s.msgWidth
		copy(b[start+s.msgWidth:], b[start:c.off+1+n*s.msgWidth])
	}
	copy(s.slot(b, c, pos), msg)
	b[c.off] = byte(n + 1)
}

// setGhosts records in b that a message of type code-1 was delivered on c.
func (s *System) setGhosts(b []byte, c ChannelID, code byte) {
	for _, g := range s.ghosts {
		if g.ch == c && (g.msg == anyMsg || g.msg == int(code)-1) {
			b[g.off] = 1
		}
	}
}

// sendOutcome is what became of one message a transition sent.
type sendOutcome uint8

const (
	sentOK       sendOutcome = iota + 1
	lostFull                 // the channel was full and drops on overflow
	lostLinkDown             // the link was down
)

// stepRecord collects what a step sent, for describing it in traces. Only
// steppers used for traces have one; the search leaves it nil.
type stepRecord struct {
	sent []sentMsg
}

type sentMsg struct {
	ch      ChannelID
	msg     Message
	outcome sendOutcome
}

func (st *Stepper) record(ch ChannelID, o sendOutcome) {
	if st.trackSends {
		st.sentVals = append(st.sentVals, int(ch)*st.s.MsgValues()+st.s.msgValue(st.msgBuf))
	}
	if st.rec != nil {
		st.rec.sent = append(st.rec.sent, sentMsg{ch, st.s.decodeMsg(st.msgBuf), o})
	}
}

// RangeError reports a value outside its declared domain: an assignment to
// a variable, or a field of a sent message. It is an error in the model, found
// during the search; the caller shows the trace that reaches it.
type RangeError struct {
	Pos     syntax.Pos
	Machine string // the assigning machine, or "" for a message field
	Msg     string // the message type, for a field
	Var     string // the variable or field
	Value   int64
	Lo, Hi  int64
	Trans   string
}

// Error describes the out-of-range value and where it was produced.
func (e *RangeError) Error() string {
	what := e.Machine + "." + e.Var
	if e.Msg != "" {
		what = e.Msg + "." + e.Var
	}
	return fmt.Sprintf("%s: transition %s sets %s = %d, outside its domain %d..%d", e.Pos, e.Trans, what, e.Value, e.Lo, e.Hi)
}
