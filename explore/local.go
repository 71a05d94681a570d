package explore

// A localSet remembers every distinct successor a worker met while
// expanding one chunk, so that it looks each up in the visited set once.
// Repeats within a chunk are common: in an interleaving model, "a then b"
// and "b then a" lead from sibling states, which are usually in the same
// chunk, to one state; a state's successors often include its siblings'.
// In the TCP benchmark model a third of the lookups are such repeats.
// Catching them here, where the set is small and cache-resident, saves a
// cache miss or two in the visited set each, and it halves the work of the
// commit phase on a torus (the repeats of new states no longer reach it).
//
// It is an open-addressing set of indexes+1 into its own list of the
// successors, probed with the low bits of the hash (the visited set uses
// the high ones), and compared by the full hash before the bytes.
type localSet struct {
	slots  []uint32
	width  int
	states []byte // the distinct successors, back to back
	hashes []uint64
}

// reset empties the set, for the successors of n states of width bytes.
// It sizes the set for them, as clearing a large set for a few states
// would cost more than their lookups.
//
// It reports false, having changed nothing, if the set needs new slots
// and the memory budget forbids them.
func (l *localSet) reset(width, n int, mem *budget) bool {
	size := 1024
	for size < 16*n {
		size *= 2
	}
	if len(l.slots) != size {
		if !mem.growWork(int64(size)*4, int64(len(l.slots))*4) {
			return false
		}
		l.slots = make([]uint32, size)
	} else {
		clear(l.slots)
	}

	l.width = width
	l.states, l.hashes = l.states[:0], l.hashes[:0]
	return true
}

// add records x, whose hash is h, unless the set holds it. It returns the
// index of x and whether x is new, and ok = false if x is new and the
// set needed more room than the budget allows.
func (l *localSet) add(h uint64, x []byte, mem *budget) (k uint32, isNew, ok bool) {
	if (2*(len(l.hashes)+1) > len(l.slots) || len(l.hashes) == cap(l.hashes)) && !l.grow(mem) {
		if k, found := l.find(h, x); found {
			return k, false, true
		}
		return 0, false, false
	}
	w := l.width
	m := uint32(len(l.slots) - 1)
	for j := uint32(h) & m; ; j = (j + 1) & m {
		v := l.slots[j]
		if v == 0 {
			l.slots[j] = uint32(len(l.hashes)) + 1
			l.states = append(l.states, x...)
			l.hashes = append(l.hashes, h)
			return uint32(len(l.hashes) - 1), true, true
		}
		k := int(v - 1)
		if l.hashes[k] == h && string(l.states[k*w:(k+1)*w]) == string(x) {
			return uint32(k), false, true
		}
	}
}

// find returns the index of x, whose hash is h, if the set holds it.
func (l *localSet) find(h uint64, x []byte) (uint32, bool) {
	w := l.width
	m := uint32(len(l.slots) - 1)
	for j := uint32(h) & m; ; j = (j + 1) & m {
		v := l.slots[j]
		if v == 0 {
			return 0, false
		}
		k := int(v - 1)
		if l.hashes[k] == h && string(l.states[k*w:(k+1)*w]) == string(x) {
			return uint32(k), true
		}
	}
}

// state returns successor k.
func (l *localSet) state(k uint32) []byte {
	i := int(k) * l.width
	return l.states[i : i+l.width : i+l.width]
}

// grow makes room for one more successor, if the budget allows: it
// doubles the slots if the set is half full, and the list of successors
// if it is full. It reports whether it did.
func (l *localSet) grow(mem *budget) bool {
	slots, entries := len(l.slots), cap(l.hashes)
	if 2*(len(l.hashes)+1) > slots {
		slots *= 2
	}
	if len(l.hashes) == entries {
		entries = grownCap(entries)
	}
	var alloc, freed int64
	if slots != len(l.slots) {
		alloc, freed = int64(slots)*4, int64(len(l.slots))*4
	}
	if entries != cap(l.hashes) {
		per := int64(l.width + 8)
		alloc, freed = alloc+int64(entries)*per, freed+int64(cap(l.hashes))*per
	}
	if !mem.growWork(alloc, freed) {
		return false
	}
	if entries != cap(l.hashes) {
		states, hashes := make([]byte, len(l.states), entries*l.width), make([]uint64, len(l.hashes), entries)
		copy(states, l.states)
		copy(hashes, l.hashes)
		l.states, l.hashes = states, hashes
	}
	if slots != len(l.slots) {
		l.rehash(slots)
	}
	return true
}

// rehash replaces the slots by size slots, from the stored hashes.
func (l *localSet) rehash(size int) {
	l.slots = make([]uint32, size)
	m := uint32(len(l.slots) - 1)
	for k, h := range l.hashes {
		j := uint32(h) & m
		for l.slots[j] != 0 {
			j = (j + 1) & m
		}
		l.slots[j] = uint32(k) + 1
	}
}
