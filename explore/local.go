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
func (l *localSet) reset(width, n int) {
	size := 1024
	for size < 16*n {
		size *= 2
	}
	if len(l.slots) != size {
		l.slots = make([]uint32, size)
	} else {
		clear(l.slots)
	}
	l.width = width
	l.states, l.hashes = l.states[:0], l.hashes[:0]
}

// add records x, whose hash is h, unless the set holds it. It returns the
// index of x and whether x is new.
func (l *localSet) add(h uint64, x []byte) (uint32, bool) {
	if 2*(len(l.hashes)+1) > len(l.slots) {
		l.grow()
	}
	w := l.width
	m := uint32(len(l.slots) - 1)
	for j := uint32(h) & m; ; j = (j + 1) & m {
		v := l.slots[j]
		if v == 0 {
			l.slots[j] = uint32(len(l.hashes)) + 1
			l.states = append(l.states, x...)
			l.hashes = append(l.hashes, h)
			return uint32(len(l.hashes) - 1), true
		}
		k := int(v - 1)
		if l.hashes[k] == h && string(l.states[k*w:(k+1)*w]) == string(x) {
			return uint32(k), false
		}
	}
}

// state returns successor k.
func (l *localSet) state(k uint32) []byte {
	i := int(k) * l.width
	return l.states[i : i+l.width : i+l.width]
}

// grow doubles the set, rehashing from the stored hashes.
func (l *localSet) grow() {
	l.slots = make([]uint32, 2*len(l.slots))
	m := uint32(len(l.slots) - 1)
	for k, h := range l.hashes {
		j := uint32(h) & m
		for l.slots[j] != 0 {
			j = (j + 1) & m
		}
		l.slots[j] = uint32(k) + 1
	}
}
