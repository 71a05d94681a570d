package model

import "math/bits"

// Most machines' cache keys fit in 64 bits once each byte is given only the
// bits its domain needs (the TCP model's: 17 and 13 bits). Such keys are
// packed into a uint64 and looked up in an open-addressing table, which
// costs a few instructions where a map of strings hashes and compares
// bytes.

// packedKey says how to pack a machine's key: where each byte comes from
// and where its bits go.
type packedKey struct {
	view  []keyBits  // the view's bytes: world offset and shift
	chans []chanBits // each incoming channel's head
}

type keyBits struct {
	off   int
	shift uint8
}

type chanBits struct {
	c      *Channel
	shifts []uint8 // of each byte of the head slot
}

// packing returns m's key layout, or false when it needs more than 64 bits.
func (s *System) packing(m *Machine) (packedKey, bool) {
	var pk packedKey
	total := 0
	add := func(max int64) uint8 {
		sh := uint8(total)
		total += bits.Len64(uint64(max))
		return sh
	}
	pk.view = append(pk.view, keyBits{m.off, add(int64(len(m.States) - 1))})
	for _, v := range m.Vars {
		pk.view = append(pk.view, keyBits{v.off, add(v.Hi - v.Lo)})
	}
	slotMax := s.slotMax()
	for _, cid := range m.in {
		cb := chanBits{c: s.Channels[cid]}
		for _, x := range slotMax {
			cb.shifts = append(cb.shifts, add(x))
		}
		pk.chans = append(pk.chans, cb)
	}
	return pk, total <= 64
}

// slotMax returns the largest value of each byte of a message slot.
func (s *System) slotMax() []int64 {
	out := make([]int64, s.msgWidth)
	out[0] = int64(len(s.Messages))
	for _, mt := range s.Messages {
		for k, f := range mt.Fields {
			out[1+k] = max(out[1+k], f.Hi-f.Lo)
		}
	}
	return out
}

// packedKey returns m's key in w under layout pk.
func (st *Stepper) packedKey(w []byte, pk *packedKey) uint64 {
	var k uint64
	for _, b := range pk.view {
		k |= uint64(w[b.off]) << b.shift
	}
	for i := range pk.chans {
		cb := &pk.chans[i]
		if st.deliverable(w, cb.c) == 0 {
			continue
		}
		slot := w[cb.c.off+1 : cb.c.off+1+len(cb.shifts)]
		for j, sh := range cb.shifts {
			k |= uint64(slot[j]) << sh
		}
	}
	return k
}

// keyTable maps packed keys to memoized steps.
type keyTable struct {
	keys  []uint64
	idx   []int32 // index+1 into steps; 0: empty
	steps [][]localStep
}

func (t *keyTable) home(k uint64) int {
	return int((k * 0x9E3779B97F4A7C15) >> (64 - bits.Len(uint(len(t.keys)-1))))
}

func (t *keyTable) get(k uint64) ([]localStep, bool) {
	if len(t.keys) == 0 {
		return nil, false
	}
	mask := len(t.keys) - 1
	for i := t.home(k); ; i = (i + 1) & mask {
		switch {
		case t.idx[i] == 0:
			return nil, false
		case t.keys[i] == k:
			return t.steps[t.idx[i]-1], true
		}
	}
}

func (t *keyTable) put(k uint64, steps []localStep) {
	if 2*(len(t.steps)+1) > len(t.keys) {
		t.grow()
	}
	t.steps = append(t.steps, steps)
	t.insert(k, int32(len(t.steps)))
}

func (t *keyTable) insert(k uint64, idx int32) {
	mask := len(t.keys) - 1
	i := t.home(k)
	for t.idx[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.idx[i] = k, idx
}

func (t *keyTable) grow() {
	keys, idx := t.keys, t.idx
	n := max(2*len(keys), 1024)
	t.keys, t.idx = make([]uint64, n), make([]int32, n)
	for i, x := range idx {
		if x != 0 {
			t.insert(keys[i], x)
		}
	}
}
