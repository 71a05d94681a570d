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
// successor slice is reused between calls of yield.
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
