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
	act    Action
	rec    *stepRecord
	// yieldSucc (Next) or yieldAct (Successors) receives the successors.
	yieldSucc func(succ []byte)
	yieldAct  func(a *Action, succ []byte)
	// local and view are scratch space for computing one step; building,
	// when set, collects the steps of a machine for the cache.
	local    localStep
	view     []byte
	building *[]localStep
	cache    []machineCache
	keyBuf   []byte
	zeros    []byte
	// sentVals collects, when trackSends is set, the message values the
	// step being computed sends (see TrackSends in compile_fair.go).
	sentVals   []int
	trackSends bool
	// idle is, per machine, what its idle transitions wait for (idle.go).
	idle []idleScope
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
	st := &Stepper{
		s:      s,
		buf:    make([]byte, s.width),
		env:    env{choice: make([]int64, maxChoices)},
		vals:   make([]int64, maxAssigns),
		msgBuf: make([]byte, s.msgWidth),
		view:   make([]byte, s.width),
		zeros:  make([]byte, s.msgWidth),
	}
	st.initCache()
	return st
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

func (st *Stepper) evalErr(t *Transition) error {
	if st.env.err == nil {
		return nil
	}
	err := st.env.err
	st.env.err = nil
	if _, ok := err.(*EvalError); ok {
		return err // it names the expression and its key in the transition
	}
	return fmt.Errorf("%s: transition %s: %w", t.Pos, t.Name, err)
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
