package model

// A step of a machine is computed in two phases.
//
//  1. Its local effect (this file): the machine's view after the step and
//     the messages it sends. A transition reads only its own machine's
//     view, the delivered message, its choices and the parameters, so the
//     local effects of a machine in a world are a function of its view and
//     of the messages it may receive: the head of each incoming channel.
//     The stepper memoizes them (next_cache.go).
//  2. Its application to the world (next_apply.go): deliver or keep the
//     received message, write the view, and put each message into its
//     channel, which may be full (the step blocks or the message is lost)
//     or down.

// localStep is the local effect of one step of a machine.
type localStep struct {
	act   Action
	view  []byte      // the machine's view after the step; nil: unchanged
	sends []byte      // the messages sent, msgWidth bytes each, in order
	chans []ChannelID // the channel of each message
	// err is a model error met while computing the step (a value outside
	// its domain, a division by zero). It happens after the messages in
	// sends were sent: a send before it that blocks disables the step
	// instead, exactly as when the sends are made one by one.
	err error
}

// clone copies ls into memory of its own.
func (ls *localStep) clone() localStep {
	out := *ls
	if ls.view != nil {
		out.view = append([]byte(nil), ls.view...)
	}
	out.sends = append([]byte(nil), ls.sends...)
	out.chans = append([]ChannelID(nil), ls.chans...)
	return out
}

// effect computes the local effect of transition t of m in w for the
// choice and message already in st.env, into ls.
func (st *Stepper) effect(w []byte, m *Machine, t *Transition, ls *localStep) {
	ls.view, ls.sends, ls.chans, ls.err = nil, ls.sends[:0], ls.chans[:0], nil
	for k, a := range t.assigns {
		st.vals[k] = a.value(&st.env)
	}
	if ls.err = st.evalErr(t); ls.err != nil {
		return
	}
	view := st.view[:1+len(m.Vars)]
	copy(view, w[m.off:])
	if !t.Stay {
		view[0] = byte(t.To)
	}
	for k, a := range t.assigns {
		x := st.vals[k]
		if x < a.v.Lo || x > a.v.Hi {
			ls.err = &RangeError{Pos: a.src.Pos, Machine: m.Name, Var: a.v.Name, Value: x, Lo: a.v.Lo, Hi: a.v.Hi, Trans: t.Name}
			return
		}
		view[a.v.off-m.off] = byte(x - a.v.Lo)
	}
	ls.view = view
	for _, sd := range t.sends {
		if ls.err = st.message(t, sd, ls); ls.err != nil {
			return
		}
	}
}

// message appends the message sd sends to ls.
func (st *Stepper) message(t *Transition, sd send, ls *localStep) error {
	mt := st.s.Messages[sd.msg]
	n := len(ls.sends)
	ls.sends = append(ls.sends, make([]byte, st.s.msgWidth)...)
	msg := ls.sends[n:]
	msg[0] = byte(sd.msg) + 1
	for k, f := range sd.fields {
		x := f(&st.env)
		fd := mt.Fields[k]
		if x < fd.Lo || x > fd.Hi {
			ls.sends = ls.sends[:n]
			return &RangeError{Pos: sd.src.Pos, Msg: mt.Name, Var: fd.Name, Value: x, Lo: fd.Lo, Hi: fd.Hi, Trans: t.Name}
		}
		msg[1+k] = byte(x - fd.Lo)
	}
	if err := st.evalErr(t); err != nil {
		ls.sends = ls.sends[:n]
		return err
	}
	ls.chans = append(ls.chans, sd.ch)
	return nil
}

// machine computes the steps of m in w in order, each transition in spec
// order, then its discards, and hands each to emit. It stops at the first
// error emit returns.
func (st *Stepper) machine(w []byte, m *Machine) error {
	for _, t := range m.byState[w[m.off]] {
		var err error
		switch {
		case t.Trigger == OnRecv:
			err = st.recv(w, m, t)
		case t.Trigger == OnIdle && !st.quiet(w, m):
			// not enabled: see idle.go
		default:
			err = st.fireAll(w, m, t, nil, 0)
		}
		if err != nil {
			return err
		}
	}
	if m.Discard {
		return st.discards(w, m)
	}
	return nil
}

// fireAll emits t once per choice of values whose guard holds, and once
// more keeping the message when its channel duplicates. c is the channel
// of the received message (slot i), or nil.
func (st *Stepper) fireAll(w []byte, m *Machine, t *Transition, c *Channel, i int) error {
	if c != nil && st.duplicateOfPrev(w, c, i) {
		return nil
	}
	st.env.msg = nil
	if c != nil {
		st.env.msg = st.s.slot(w, c, i)
	}
	ls := &st.local
	for k := 0; k < t.nChoice; k++ {
		t.decodeChoice(k, st.env.choice)
		if !t.guard(&st.env) && st.env.err == nil {
			continue // a guard that fails to evaluate is a model error
		}
		ls.act = Action{Kind: ActFire, Machine: m.ID, Trans: t.Index, Choice: k, Slot: -1}
		if c != nil {
			ls.act.Channel, ls.act.Slot = c.ID, i
		}
		if err := st.evalErr(t); err != nil {
			ls.view, ls.sends, ls.chans, ls.err = nil, ls.sends[:0], ls.chans[:0], err
		} else {
			st.effect(w, m, t, ls)
		}
		if err := st.emit(w, m, ls); err != nil {
			return err
		}
		if c != nil && c.Dup {
			ls.act.Keep = true
			if err := st.emit(w, m, ls); err != nil {
				return err
			}
		}
	}
	return nil
}

// discards emits, for each deliverable message that no transition of m
// accepts in w, the step of consuming it.
func (st *Stepper) discards(w []byte, m *Machine) error {
	ls := &st.local
	for _, cid := range m.in {
		c := st.s.Channels[cid]
		for i := range st.deliverable(w, c) {
			if st.duplicateOfPrev(w, c, i) || st.accepted(w, m, c, i) {
				continue
			}
			ls.view, ls.sends, ls.chans, ls.err = nil, ls.sends[:0], ls.chans[:0], nil
			ls.act = Action{Kind: ActDiscard, Machine: m.ID, Channel: c.ID, Slot: i}
			if err := st.emit(w, m, ls); err != nil {
				return err
			}
		}
	}
	return nil
}
