package explore

// Looking a successor up in the visited set costs one or two cache misses
// in a large search: its hash-table slot, then the stored state to compare.
// Successors are therefore looked up in batches, in three passes: load the
// first slot of each, then the stored state that slot names (if its tag
// matches), then the lookups proper, which now mostly hit the cache. The
// loads of one pass do not depend on each other, so the processor
// overlaps their misses. Candidates still enter their chunk in order.

// batchSize is the number of successors looked up together.
const batchSize = 32

// A batch holds successors awaiting their lookup.
type batch struct {
	states  []byte
	hashes  []uint64
	parents []uint32
	first   [batchSize]uint64 // the first slot probed for each
}

func (b *batch) push(s []byte, h uint64, parent uint32) {
	b.states = append(b.states, s...)
	b.hashes = append(b.hashes, h)
	b.parents = append(b.parents, parent)
}

func (b *batch) full() bool { return len(b.hashes) == batchSize }

// flush looks up the batched successors and keeps the new ones as
// candidates of the worker's chunk, in order.
func (w *worker) flush() {
	b, st, width := &w.batch, &w.b.g.st, w.b.width
	for i, h := range b.hashes {
		t := &st.tables[shardOf(h)]
		b.first[i] = t.slots[t.home(uint32(h>>32))]
	}
	var touch byte
	for i, v := range b.first[:len(b.hashes)] {
		if v != 0 && uint32(v>>32) == uint32(b.hashes[i]>>32) {
			touch += st.at(uint32(v) - 1)[0]
		}
	}
	w.touched += touch
	for i, h := range b.hashes {
		s := b.states[i*width : (i+1)*width]
		if _, ok := st.lookup(h, s); ok {
			continue
		}
		if w.local.add(w.c, h, s) {
			w.c.add(s, h, b.parents[i])
		}
	}
	b.states, b.hashes, b.parents = b.states[:0], b.hashes[:0], b.parents[:0]
}

// candidatesBefore returns the number of c's candidates whose parent
// precedes id.
func (c *chunk) candidatesBefore(id uint32) int {
	n := len(c.parents)
	for n > 0 && c.parents[n-1] >= id {
		n--
	}
	return n
}
