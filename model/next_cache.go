package model

// The local effects of a machine's steps depend only on its view and on
// the heads of its incoming channels (next_local.go), and a search meets the
// same few combinations again and again: in the TCP benchmark model, some
// thousands of them for millions of worlds. A stepper therefore memoizes
// them per machine, keyed by those bytes, and a search evaluates each guard,
// assignment and send once per combination instead of once per world.
//
// A machine that receives from a reordering channel, which may deliver any
// message in flight, is not memoized: its key would be the channel's whole
// contents. A stepper that records sends for traces does not use the cache.

// maxCached bounds the memoized combinations per machine and stepper; past
// it, new combinations are computed every time.
const maxCached = 1 << 18

// machineCache holds the memoized steps of one machine: in a keyTable when
// its keys pack into 64 bits, else in a map.
type machineCache struct {
	usable  bool // the machine receives from no reordering channel
	packed  bool
	layout  packedKey
	table   keyTable
	entries map[string][]localStep
}

func (st *Stepper) initCache() {
	st.cache = make([]machineCache, len(st.s.Machines))
	for i, m := range st.s.Machines {
		mc := &st.cache[i]
		mc.usable = true
		for _, cid := range m.in {
			if st.s.Channels[cid].Reorder {
				mc.usable = false
			}
		}
		if m.hasIdle() {
			mc.usable = false // an idle step depends on the peers (idle.go)
		}
		mc.layout, mc.packed = st.s.packing(m)
		if mc.usable && !mc.packed {
			mc.entries = map[string][]localStep{}
		}
	}
}

// cached returns the steps of m in w, computing and memoizing them on the
// first meeting of m's view and channel heads. It returns false when m is
// not memoized.
func (st *Stepper) cached(w []byte, m *Machine) ([]localStep, bool) {
	mc := &st.cache[m.ID]
	if !mc.usable || st.rec != nil {
		return nil, false
	}
	if mc.packed {
		k := st.packedKey(w, &mc.layout)
		steps, ok := mc.table.get(k)
		if !ok {
			steps = st.build(w, m)
			if len(mc.table.steps) < maxCached {
				mc.table.put(k, steps)
			}
		}
		return steps, true
	}
	key := st.key(w, m)
	if steps, ok := mc.entries[string(key)]; ok {
		return steps, true
	}
	steps := st.build(w, m)
	if len(mc.entries) < maxCached {
		mc.entries[string(key)] = steps
	}
	return steps, true
}

// build computes the steps of m in w for the cache.
func (st *Stepper) build(w []byte, m *Machine) []localStep {
	var steps []localStep
	st.building = &steps
	_ = st.machine(w, m) // an error is the last step recorded
	st.building = nil
	return steps
}

// key returns m's view in w followed by the deliverable head of each of its
// incoming channels (zeros when there is none).
func (st *Stepper) key(w []byte, m *Machine) []byte {
	k := append(st.keyBuf[:0], w[m.off:m.off+1+len(m.Vars)]...)
	width := st.s.msgWidth
	for _, cid := range m.in {
		c := st.s.Channels[cid]
		if st.deliverable(w, c) > 0 {
			k = append(k, st.s.slot(w, c, 0)...)
		} else {
			k = append(k, st.zeros[:width]...)
		}
	}
	st.keyBuf = k
	return k
}
