package explore

// Looking a successor up in the visited set costs one or two cache misses
// in a large search: its hash-table slot, then the stored state to compare.
// Successors are therefore looked up in batches, in three passes: load the
// home slot of each; then, within the cache line just loaded, find the
// first slot that is empty or whose tag matches, and load the stored state
// it names; then the lookups proper, which continue from there and now
// mostly hit the cache. The loads of one pass do not depend on each other,
// so the processor overlaps their misses. Candidates still enter their
// chunk in order.

// batchSize is the number of successors looked up together.
const batchSize = 32

// slotsPerLine is the number of table slots in a cache line.
const slotsPerLine = 8

// A batch holds successors awaiting their lookup: their indexes in the
// worker's localSet, their parents, and where their probes stand.
type batch struct {
	n       int
	local   [batchSize]uint32
	parents [batchSize]uint32
	index   [batchSize]uint32 // which successor of its parent each is
	tables  [batchSize]*table
	pos     [batchSize]uint32 // the next slot to probe
}

func (b *batch) push(k, parent, index uint32) {
	b.local[b.n], b.parents[b.n], b.index[b.n] = k, parent, index
	b.n++
}

func (b *batch) full() bool { return b.n == batchSize }

// flush looks up the batched successors and keeps the new ones as
// candidates of the worker's chunk, in order.
func (w *worker) flush() {
	b, st, l := &w.batch, w.st, &w.local
	var touch uint64
	for i, k := range b.local[:b.n] {
		h := l.hashes[k]
		t := st.tables[shardOf(h)].Load()
		b.tables[i], b.pos[i] = t, t.home(uint32(h>>32))
		touch += t.slot(b.pos[i])
	}
	// A stored state of more than a few bytes usually straddles two cache
	// lines: load both ends. A compact table has no states to load.
	last := st.width - 1
	for i, k := range b.local[:b.n] {
		if id, ok := b.advance(i, uint32(l.hashes[k]>>32)); ok && !st.compact {
			s := st.at(id)
			touch += uint64(s[0] + s[last])
		}
	}
	w.touched += byte(touch)
	for i, k := range b.local[:b.n] {
		s, h := l.state(k), l.hashes[k]
		if _, ok := st.probe(b.tables[i], b.pos[i], h, s); ok || w.full && b.parents[i] >= w.fullAt {
			continue
		}
		if w.c.full() && !w.c.grow(st.width, st.mem) {
			w.fail(b.parents[i])
			continue
		}
		w.c.add(s, h, b.parents[i], b.index[i])
	}
	b.n = 0
}

// advance moves the probe of successor i, whose tag is tag, past the
// slots of its cache line that hold other tags. It returns the ID in the
// slot where it stops, if that slot's tag matches.
func (b *batch) advance(i int, tag uint32) (uint32, bool) {
	t, j := b.tables[i], b.pos[i]
	m := uint32(len(t.slots) - 1)
	for {
		v := t.slot(j)
		switch {
		case v == 0:
		case uint32(v>>32) == tag:
			b.pos[i] = j
			return uint32(v) - 1, true
		case (j+1)%slotsPerLine != 0:
			j = (j + 1) & m
			continue
		}
		b.pos[i] = j
		return 0, false
	}
}
