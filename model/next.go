package model

import (
	"fmt"
)

// env is what compiled expressions read: the world before the step, the
// message being received, and the transition's chosen values. Every
// expression of a transition reads the world as it was before the
// transition: assignments are simultaneous, as with TLA+'s primed variables.
type env struct {
	w      []byte
	msg    []byte
	choice []int64
	err    error // the first evaluation error (division by zero)
}

// Stepper computes successors. It holds scratch buffers, so each goroutine
// needs its own: see [System.NewStepper].
type Stepper struct {
	s      *System
	buf    []byte
	env    env
	vals   []int64
	msgBuf []byte
	yield  func(a *Action, succ []byte)
	act    Action
	rec    *stepRecord
}

// NewStepper returns a successor generator for one goroutine.
func (s *System) NewStepper() *Stepper {
	maxChoices, maxAssigns := 0, 0
	for _, m := range s.Machines {
		for _, t := range m.Transitions {
			maxChoices = max(maxChoices, len(t.Choices))
			maxAssigns = max(maxAssigns, len(t.assigns))
		}
	}
	return &Stepper{
		s:      s,
		buf:    make([]byte, s.width),
		env:    env{choice: make([]int64, maxChoices)},
		vals:   make([]int64, maxAssigns),
		msgBuf: make([]byte, s.msgWidth),
	}
}

// Next calls yield with every successor of w, in a deterministic order. It
// implements the explore package's Expander. The successor slice is reused
// between calls of yield.
func (st *Stepper) Next(w []byte, yield func(succ []byte)) error {
	return st.Successors(w, func(_ *Action, succ []byte) { yield(succ) })
}

// Successors calls yield with every action enabled in w and the world it
// leads to, in a deterministic order: machines in declaration order (each
// machine's transitions in spec order, then its discards), then the network,
// channel by channel. Neither argument may be retained.
func (st *Stepper) Successors(w []byte, yield func(a *Action, succ []byte)) error {
	st.yield = yield
	st.env.w = w
	for _, m := range st.s.Machines {
		if err := st.machine(w, m); err != nil {
			return err
		}
	}
	for _, c := range st.s.Channels {
		st.network(w, c)
	}
	return nil
}

func (st *Stepper) machine(w []byte, m *Machine) error {
	for _, t := range m.byState[w[m.off]] {
		var err error
		if t.Trigger == OnRecv {
			err = st.recv(w, m, t)
		} else {
			err = st.fireAll(w, m, t, nil, 0)
		}
		if err != nil {
			return err
		}
	}
	if m.Discard {
		st.discards(w, m)
	}
	return nil
}

// recv tries t on every deliverable message of every channel it reads.
func (st *Stepper) recv(w []byte, m *Machine, t *Transition) error {
	for _, cid := range t.FromCh {
		c := st.s.Channels[cid]
		for i := range st.deliverable(w, c) {
			slot := st.s.slot(w, c, i)
			if !t.AnyMsg && slot[0] != byte(t.Msg)+1 {
				continue
			}
			if err := st.fireAll(w, m, t, c, i); err != nil {
				return err
			}
		}
	}
	return nil
}

// deliverable returns how many leading slots to try (FIFO: only the head;
// reordering: all) or 0 when the link is down. For a reordering channel,
// slots equal to their predecessor are skipped by the caller's dedup in
// distinctSlot.
func (st *Stepper) deliverable(w []byte, c *Channel) int {
	n := int(w[c.off])
	if n == 0 || (c.Flaky && w[c.linkOff] != 0) {
		return 0
	}
	if !c.Reorder {
		return 1
	}
	return n
}

// duplicateOfPrev reports whether slot i of a (sorted) reordering channel
// holds the same message as slot i-1: delivering either gives the same world,
// so only the first is a distinct action.
func (st *Stepper) duplicateOfPrev(w []byte, c *Channel, i int) bool {
	if i == 0 {
		return false
	}
	a, b := st.s.slot(w, c, i-1), st.s.slot(w, c, i)
	return string(a) == string(b)
}

// fireAll fires t once per choice of values whose guard holds. c is the
// channel of the received message (slot i), or nil.
func (st *Stepper) fireAll(w []byte, m *Machine, t *Transition, c *Channel, i int) error {
	if c != nil && st.duplicateOfPrev(w, c, i) {
		return nil
	}
	st.env.msg = nil
	if c != nil {
		st.env.msg = st.s.slot(w, c, i)
	}
	for k := 0; k < t.nChoice; k++ {
		t.decodeChoice(k, st.env.choice)
		if !t.guard(&st.env) {
			continue
		}
		if err := st.evalErr(t); err != nil {
			return err
		}
		st.act = Action{Kind: ActFire, Machine: m.ID, Trans: t.Index, Choice: k, Slot: -1}
		if c != nil {
			st.act.Channel, st.act.Slot = c.ID, i
		}
		if err := st.fire(w, m, t, c, i, false); err != nil {
			return err
		}
		if c != nil && c.Dup {
			st.act.Keep = true
			if err := st.fire(w, m, t, c, i, true); err != nil {
				return err
			}
		}
	}
	return nil
}

func (st *Stepper) evalErr(t *Transition) error {
	if st.env.err == nil {
		return nil
	}
	err := st.env.err
	st.env.err = nil
	return fmt.Errorf("%s: transition %s: %w", t.Pos, t.Name, err)
}

// fire computes the world after t and yields it, unless a send blocks on a
// full channel. keep leaves the received message in its channel.
func (st *Stepper) fire(w []byte, m *Machine, t *Transition, c *Channel, i int, keep bool) error {
	for k, a := range t.assigns {
		st.vals[k] = a.value(&st.env)
	}
	if err := st.evalErr(t); err != nil {
		return err
	}
	if st.rec != nil {
		st.rec.sent = st.rec.sent[:0]
	}
	b := st.buf
	copy(b, w)
	if c != nil {
		st.s.setGhosts(b, c.ID, w[c.off+1+i*st.s.msgWidth])
		if !keep {
			st.s.remove(b, c, i)
		}
	}
	if !t.Stay {
		b[m.off] = byte(t.To)
	}
	for k, a := range t.assigns {
		x := st.vals[k]
		if x < a.v.Lo || x > a.v.Hi {
			return &RangeError{Pos: a.src.Pos, Machine: m.Name, Var: a.v.Name, Value: x, Lo: a.v.Lo, Hi: a.v.Hi, Trans: t.Name}
		}
		b[a.v.off] = byte(x - a.v.Lo)
	}
	ok, err := st.sends(b, t)
	if err != nil || !ok {
		return err
	}
	st.yield(&st.act, b)
	return nil
}

// sends appends t's messages to their channels in b. It returns false when a
// blocking channel is full: the transition is then not enabled.
func (st *Stepper) sends(b []byte, t *Transition) (bool, error) {
	for _, sd := range t.sends {
		c := st.s.Channels[sd.ch]
		msg := st.msgBuf
		clear(msg)
		msg[0] = byte(sd.msg) + 1
		for k, f := range sd.fields {
			x := f(&st.env)
			fd := st.s.Messages[sd.msg].Fields[k]
			if x < fd.Lo || x > fd.Hi {
				return false, &RangeError{Pos: sd.src.Pos, Msg: st.s.Messages[sd.msg].Name, Var: fd.Name, Value: x, Lo: fd.Lo, Hi: fd.Hi, Trans: t.Name}
			}
			msg[1+k] = byte(x - fd.Lo)
		}
		if err := st.evalErr(t); err != nil {
			return false, err
		}
		switch {
		case c.Flaky && b[c.linkOff] != 0:
			st.record(sd.ch, lostLinkDown)
		case int(b[c.off]) < c.Cap:
			st.s.insert(b, c, msg)
			st.record(sd.ch, sentOK)
		case c.DropFull:
			st.record(sd.ch, lostFull)
		default:
			return false, nil
		}
	}
	return true, nil
}

// discards yields, for each deliverable message that no transition of m
// accepts in w, the action of consuming it.
func (st *Stepper) discards(w []byte, m *Machine) {
	for _, cid := range m.in {
		c := st.s.Channels[cid]
		for i := range st.deliverable(w, c) {
			if st.duplicateOfPrev(w, c, i) || st.accepted(w, m, c, i) {
				continue
			}
			b := st.buf
			copy(b, w)
			// The message reached m, which ignores it: it was delivered.
			st.s.setGhosts(b, c.ID, w[c.off+1+i*st.s.msgWidth])
			st.s.remove(b, c, i)
			st.act = Action{Kind: ActDiscard, Machine: m.ID, Channel: c.ID, Slot: i}
			st.yield(&st.act, b)
		}
	}
}

// accepted reports whether some recv transition of m is enabled for the
// message in slot i of c (by trigger, type and guard; a send that would block
// does not make it unaccepted).
func (st *Stepper) accepted(w []byte, m *Machine, c *Channel, i int) bool {
	slot := st.s.slot(w, c, i)
	st.env.msg = slot
	for _, t := range m.byState[w[m.off]] {
		if t.Trigger != OnRecv || !t.readsFrom(c.ID) || (!t.AnyMsg && slot[0] != byte(t.Msg)+1) {
			continue
		}
		for k := 0; k < t.nChoice; k++ {
			t.decodeChoice(k, st.env.choice)
			if t.guard(&st.env) {
				st.env.err = nil
				return true
			}
		}
	}
	st.env.err = nil
	return false
}

func (t *Transition) readsFrom(c ChannelID) bool {
	for _, x := range t.FromCh {
		if x == c {
			return true
		}
	}
	return false
}

// network yields the network's actions on channel c: losing a message, and
// taking a flaky link down or up.
func (st *Stepper) network(w []byte, c *Channel) {
	n := int(w[c.off])
	if c.Loss != NoLoss {
		last := n
		if c.Loss == LossHead {
			last = min(n, 1)
		}
		for i := 0; i < last; i++ {
			if st.duplicateOfPrev(w, c, i) {
				continue // losing either of two equal messages is one action
			}
			b := st.buf
			copy(b, w)
			st.s.remove(b, c, i)
			st.act = Action{Kind: ActDrop, Channel: c.ID, Slot: i}
			st.yield(&st.act, b)
		}
	}
	if c.Flaky {
		b := st.buf
		copy(b, w)
		b[c.linkOff] ^= 1
		st.act = Action{Kind: ActLinkDown, Channel: c.ID, Slot: -1}
		if w[c.linkOff] != 0 {
			st.act.Kind = ActLinkUp
		}
		st.yield(&st.act, b)
	}
}
