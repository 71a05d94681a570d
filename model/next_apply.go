package model

// emit hands one computed step to the stepper: while a cache entry is
// being built it is recorded (and its error, if any, ends the machine's
// steps); otherwise it is applied to the world at once.
func (st *Stepper) emit(w []byte, m *Machine, ls *localStep) error {
	if st.building != nil {
		*st.building = append(*st.building, ls.clone())
		return ls.err
	}
	return st.apply(w, m, ls)
}

// apply makes step ls of machine m in w and yields the world it leads to,
// unless a send blocks on a full channel. It returns the step's model
// error, if it has one and no send blocked first.
func (st *Stepper) apply(w []byte, m *Machine, ls *localStep) error {
	if st.rec != nil {
		st.rec.sent = st.rec.sent[:0]
	}
	st.sentVals = st.sentVals[:0]
	if st.selfLoop(w, m, ls) {
		st.yieldSucc(w)
		return nil
	}
	b := st.buf
	copy(b, w)
	if a := &ls.act; a.Slot >= 0 {
		c := st.s.Channels[a.Channel]
		st.s.setGhosts(b, c.ID, w[c.off+1+a.Slot*st.s.msgWidth])
		if !a.Keep {
			st.s.remove(b, c, a.Slot)
		}
	}
	if ls.err != nil && len(ls.chans) == 0 {
		return ls.err
	}
	copy(b[m.off:], ls.view)
	width := st.s.msgWidth
	for k, cid := range ls.chans {
		c := st.s.Channels[cid]
		copy(st.msgBuf, ls.sends[k*width:(k+1)*width])
		switch {
		case c.Flaky && b[c.linkOff] != 0:
			st.record(cid, lostLinkDown)
		case int(b[c.off]) < c.Cap:
			st.s.insert(b, c, st.msgBuf)
			st.record(cid, sentOK)
		case c.DropFull:
			st.record(cid, lostFull)
		default:
			return nil // blocked: the step is not enabled
		}
	}
	if ls.err != nil {
		return ls.err
	}
	st.yield(&ls.act, b)
	return nil
}

// selfLoop reports whether step ls of m leaves w as it is, in a search
// (Next): it receives no message or keeps the one it receives, leaves m's
// view unchanged, and every message it sends is lost (its channel is full
// and drops, or its link is down). A duplicate delivery that the receiver
// ignores, or answers into a full channel, is such a step, and common; the
// search is then handed w itself, which it recognizes at once, without a
// copy of the world being built. Successors, whose caller sees the
// action and what became of each message, always builds the copy.
func (st *Stepper) selfLoop(w []byte, m *Machine, ls *localStep) bool {
	if st.yieldSucc == nil || st.rec != nil || ls.err != nil {
		return false
	}
	if a := &ls.act; a.Slot >= 0 && (!a.Keep || len(st.s.ghosts) > 0) {
		return false // the delivery changes the channel or a delivered flag
	}
	if ls.view != nil && string(ls.view) != string(w[m.off:m.off+len(ls.view)]) {
		return false
	}
	for _, cid := range ls.chans {
		c := st.s.Channels[cid]
		if !(c.Flaky && w[c.linkOff] != 0) && !(int(w[c.off]) >= c.Cap && c.DropFull) {
			return false // the message is sent, or the step blocks
		}
	}
	return true
}

// yield passes a successor to the caller of Next or Successors.
func (st *Stepper) yield(a *Action, b []byte) {
	if st.yieldSucc != nil {
		st.yieldSucc(b)
		return
	}
	st.yieldAct(a, b)
}

// Next calls yield with every successor of w, in the order of
// [Stepper.Successors]. It implements the explore package's Expander. The
// successor slice is reused between calls of yield, and it is w itself for
// a step that changes nothing.
func (st *Stepper) Next(w []byte, yield func(succ []byte)) error {
	st.yieldSucc, st.yieldAct = yield, nil
	return st.run(w)
}

// Successors calls yield with every action enabled in w and the world it
// leads to, in a deterministic order: machines in declaration order (each
// machine's transitions in spec order, then its discards), then the network,
// channel by channel. Neither argument may be retained.
func (st *Stepper) Successors(w []byte, yield func(a *Action, succ []byte)) error {
	st.yieldSucc, st.yieldAct = nil, yield
	return st.run(w)
}

func (st *Stepper) run(w []byte) error {
	st.env.w = w
	for _, m := range st.s.Machines {
		if steps, ok := st.cached(w, m); ok {
			for i := range steps {
				if err := st.apply(w, m, &steps[i]); err != nil {
					return err
				}
			}
			continue
		}
		if err := st.machine(w, m); err != nil {
			return err
		}
	}
	for _, c := range st.s.Channels {
		st.network(w, c)
	}
	return nil
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
