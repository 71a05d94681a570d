package explore

// A localSet remembers the candidates of one chunk, so that a worker keeps
// only the first copy of a new state within its chunk. Within-level
// duplicates are common: in an interleaving model, "a then b" and
// "b then a" lead from sibling states, which are usually in the same
// chunk, to one state. Dropping them here, where the set is small and
// cache-resident, halves the work of the commit phase on a torus.
//
// It is an open-addressing set of candidate indexes+1, probed with the low
// bits of the hash (the visited set uses the high ones), and compared by
// the full hash before the bytes.
type localSet struct {
	slots []uint32
	n     int
}

// reset empties the set for chunk c.
func (l *localSet) reset() {
	if l.slots == nil {
		l.slots = make([]uint32, 1024)
	}
	clear(l.slots)
	l.n = 0
}

// add reports whether x, whose hash is h, is not yet a candidate of c,
// and if so records it as the next one: the caller must then append it.
func (l *localSet) add(c *chunk, h uint64, x []byte) bool {
	if 2*(l.n+1) > len(l.slots) {
		l.grow(c)
	}
	w := len(x)
	m := uint32(len(l.slots) - 1)
	for j := uint32(h) & m; ; j = (j + 1) & m {
		v := l.slots[j]
		if v == 0 {
			l.slots[j] = uint32(len(c.hashes)) + 1
			l.n++
			return true
		}
		k := int(v - 1)
		if c.hashes[k] == h && string(c.states[k*w:(k+1)*w]) == string(x) {
			return false
		}
	}
}

// grow doubles the set, rehashing from the chunk's hashes.
func (l *localSet) grow(c *chunk) {
	old := l.slots
	l.slots = make([]uint32, 2*len(old))
	m := uint32(len(l.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		j := uint32(c.hashes[v-1]) & m
		for l.slots[j] != 0 {
			j = (j + 1) & m
		}
		l.slots[j] = v
	}
}

// siblings remembers the state being expanded and its successors so far,
// so that a worker looks up neither a self-loop nor a second edge to the
// same successor in the visited set. Both are common (a duplicate
// delivery that changes nothing, two actions with one effect), and the
// check costs a comparison in cache where a lookup costs a cache miss or
// two. It keeps at most maxSiblings successors per state.
type siblings struct {
	parent []byte
	width  int
	sums   []uint64
	states []byte
}

const maxSiblings = 32

func (sb *siblings) reset(parent []byte) {
	sb.parent, sb.width = parent, len(parent)
	sb.sums, sb.states = sb.sums[:0], sb.states[:0]
}

// self reports whether s is the state being expanded.
func (sb *siblings) self(s []byte) bool { return string(s) == string(sb.parent) }

// seen reports whether s, whose hash is h, is an earlier successor, and
// records it otherwise.
func (sb *siblings) seen(s []byte, h uint64) bool {
	for i, x := range sb.sums {
		if x == h && string(sb.states[i*sb.width:(i+1)*sb.width]) == string(s) {
			return true
		}
	}
	if len(sb.sums) < maxSiblings {
		sb.sums = append(sb.sums, h)
		sb.states = append(sb.states, s...)
	}
	return false
}
