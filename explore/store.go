package explore

import (
	"hash/maphash"
	"sync/atomic"
)

// seed is fixed for the life of the process. State IDs never depend on hash
// values, so a per-process seed costs no determinism and keeps adversarial
// collisions out of reach.
var seed = maphash.MakeSeed()

// hash returns the 64-bit hash of an encoded state.
func hash(s []byte) uint64 { return maphash.Bytes(seed, s) }

// noParent is the parent of an initial state.
const noParent = ^uint32(0)

// maxIDs bounds the number of states: IDs are uint32 and a table slot
// stores ID+1, so that zero can mean empty.
const maxIDs = 1<<32 - 2

// chunkTarget is the preferred size in bytes of one arena chunk.
const chunkTarget = 1 << 20

// The visited set has one writer, the goroutine committing new states
// (see bfs.go), and any number of readers looking states up at the same
// time. A reader may miss a state stored after it started looking: it
// then reports a candidate that the writer recognizes. What it must never
// see is a half-built structure, so everything a reader follows is
// published atomically, after what it points to is written: the arena's
// chunk list, each shard's table, each slot of a table.

// An arena holds fixed-width state records back to back in chunks of a
// power-of-two number of records. Chunks never move once full, so growth
// costs no copying beyond the first chunk, which starts small so that tiny
// graphs stay tiny.
type arena struct {
	width      int
	chunkShift uint32 // log2 of records per chunk
	chunkMask  uint32 // records per chunk - 1
	chunkBytes int
	room       uint32 // the records the chunks can hold
	// chunks is replaced, never modified, when a chunk is added or the
	// first one grows; a record is written before any reader learns its
	// ID, and never changes after.
	chunks atomic.Pointer[[][]byte]
}

func (a *arena) init(width int) {
	shift := uint32(0)
	for (2<<shift)*width <= chunkTarget {
		shift++
	}
	a.width, a.chunkShift, a.chunkMask, a.chunkBytes = width, shift, 1<<shift-1, (1<<shift)*width
	a.chunks.Store(new([][]byte))
}

// at returns record id. The slice's capacity ends with the record, so an
// append by the caller cannot overwrite the next one.
func (a *arena) at(id uint32) []byte {
	c := (*a.chunks.Load())[id>>a.chunkShift]
	off := int(id&a.chunkMask) * a.width
	return c[off : off+a.width : off+a.width]
}

// put writes record id, the one after the last; s must have the arena's
// width, and the arena room for it (see growth). Only the writer calls
// it.
func (a *arena) put(id uint32, s []byte) {
	c := (*a.chunks.Load())[id>>a.chunkShift]
	off := int(id&a.chunkMask) * a.width
	copy(c[off:off+a.width], s)
}

// growth returns the bytes grow allocates to make room for record id,
// the one after the last: 0 if there is room.
func (a *arena) growth(id uint32) int64 {
	if id < a.room {
		return 0
	}
	chunks := *a.chunks.Load()
	list := int64(len(chunks)+1) * sliceHeader
	switch {
	case len(chunks) == 0:
		return list + int64(min(a.chunkBytes, 64*a.width))
	case int(id>>a.chunkShift) == len(chunks):
		return list + int64(a.chunkBytes)
	}
	return list - sliceHeader + int64(min(a.chunkBytes, 2*len(chunks[0])))
}

// grow makes room for record id, the one after the last, and publishes
// the new chunk list. It returns the bytes it allocated and those it let
// go.
func (a *arena) grow(id uint32) (alloc, freed int64) {
	chunks := *a.chunks.Load()
	k := int(id >> a.chunkShift)
	var out [][]byte
	switch {
	case k == len(chunks):
		n := a.chunkBytes
		if k == 0 {
			n = min(a.chunkBytes, 64*a.width)
		}
		out = cloneChunks(chunks, len(chunks)+1)
		out[k] = make([]byte, n)
		alloc = int64(n)
	default: // the first chunk is full but small
		out = cloneChunks(chunks, len(chunks))
		out[0] = make([]byte, min(a.chunkBytes, 2*len(chunks[0])))
		copy(out[0], chunks[0])
		alloc, freed = int64(len(out[0])), int64(len(chunks[0]))
	}
	last := len(out) - 1
	a.room = uint32(last)<<a.chunkShift + uint32(len(out[last])/a.width)
	a.chunks.Store(&out)
	return alloc + int64(cap(out))*sliceHeader, freed + int64(cap(chunks))*sliceHeader
}

// sliceHeader is the size of a []byte in the chunk list.
const sliceHeader = 24

// cloneChunks returns a copy of chunks of length n, whose capacity is n,
// so that the bytes it holds are known exactly.
func cloneChunks(chunks [][]byte, n int) [][]byte {
	out := make([][]byte, n)
	copy(out, chunks)
	return out
}

// release drops the chunks whose records all precede end, and returns
// the bytes it let go and allocated (0 and 0 if there was none to drop).
// Only the writer calls it, and only in compact mode, where nobody reads a
// record once its state is expanded.
func (a *arena) release(end uint32) (freed, alloc int64) {
	chunks := *a.chunks.Load()
	n := 0
	for n < len(chunks) && uint32(n+1)<<a.chunkShift <= end {
		n++
	}
	if n == 0 || chunks[n-1] == nil {
		return 0, 0
	}
	out := cloneChunks(chunks, len(chunks))
	for k := range n {
		freed += int64(cap(out[k]))
		out[k] = nil
	}
	a.chunks.Store(&out)
	return freed + int64(cap(chunks))*sliceHeader, int64(cap(out)) * sliceHeader
}

func (a *arena) bytes() int64 {
	chunks := *a.chunks.Load()
	var n int64
	for _, c := range chunks {
		n += int64(cap(c))
	}
	return n + int64(cap(chunks))*sliceHeader
}

// A table is an open-addressing hash set of state IDs with linear probing.
// A slot packs the high 32 bits of the state's hash (the tag) above ID+1;
// zero is an empty slot. The tag settles almost every mismatch without
// touching the arena, and it alone determines the home slot, so a table
// grows without rehashing a single state.
//
// The visited set is split into shards by the top bits of the tag, so
// that no table is ever large enough for its growth to stall the search;
// the remaining tag bits give the home slot. A table that grows is
// replaced by a new one: readers still probing the old one see an older,
// consistent visited set.
//
// Readers load the slice and shift of a table at every lookup, so nothing
// else in it changes: the writer keeps the number of occupied slots apart
// (see store), where its updates do not take the cache line away from
// the readers.
type table struct {
	slots []uint64
	shift uint32 // 32 - log2(len(slots))
}

// A tableFill is how full the writer has made a table.
type tableFill struct {
	count int // occupied slots
	limit int // grow when count reaches limit
}

const (
	shardBits = 6
	shards    = 1 << shardBits
	// Growth keeps the load factor at most 3/4; with tags in the slots a
	// probe is one 8-byte load, so long clusters stay cheap.
	loadNum = 3
	loadDen = 4
)

// shardOf returns the shard of a state whose hash is h.
func shardOf(h uint64) uint32 { return uint32(h >> (64 - shardBits)) }

func newTable(size int) *table {
	log := uint32(0)
	for 1<<log < size {
		log++
	}
	return &table{slots: make([]uint64, 1<<log), shift: 32 - log}
}

// limit returns the number of states t takes before it grows.
func (t *table) limit() int { return len(t.slots) / loadDen * loadNum }

// home returns the first slot to probe for tag.
func (t *table) home(tag uint32) uint32 { return tag << shardBits >> t.shift }

// slot returns slot i. Readers and the writer use it alike.
func (t *table) slot(i uint32) uint64 { return atomic.LoadUint64(&t.slots[i]) }

// grown returns a copy of t twice the size.
func (t *table) grown() *table {
	nt := newTable(2 * len(t.slots))
	m := uint32(len(nt.slots) - 1)
	for i := range t.slots {
		v := t.slot(uint32(i))
		if v == 0 {
			continue
		}
		j := nt.home(uint32(v >> 32))
		for nt.slots[j] != 0 {
			j = (j + 1) & m
		}
		nt.slots[j] = v
	}
	return nt
}

// A store is the visited set: records, their index and their parents.
//
// Its first fields are loaded by every reader at every lookup and change
// rarely; the writer's, which change at every insertion, are kept on
// other cache lines, so that the writer does not take from the readers
// the lines they keep loading (false sharing).
type store struct {
	arena
	tables [shards]atomic.Pointer[table]
	_      [cacheLine]byte
	fills  [shards]tableFill
	parent []uint32 // parent[id] is the state id was first reached from
	// In compact mode (Options.Compact) the slots hold fingerprints, and
	// succ[id] is the index, among the successors its parent yielded (or
	// among the initial states), of the one that stored id.
	compact bool
	succ    []uint32
	peak    int64 // the most bytes the arena held, in compact mode
	// mem accounts the bytes s holds, and those of its Graph.
	mem *budget
}

// fingerprint returns what a compact table stores for a state whose hash
// is h: the full hash, but never 0, which marks an empty slot. Its high
// 32 bits are the tag, so shards and home slots are those of exact mode.
func fingerprint(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// cacheLine is the size of a cache line, or more.
const cacheLine = 128

func (s *store) init(width int) {
	s.arena.init(width)
	s.mem = new(budget)
	for i := range s.tables {
		t := newTable(16)
		s.tables[i].Store(t)
		s.fills[i].limit = t.limit()
	}
	s.mem.addGraph(s.heldBytes())
}

// lookup finds x, whose hash is h. It only reads, so any number of
// goroutines may call it, also while the writer inserts.
func (s *store) lookup(h uint64, x []byte) (uint32, bool) {
	t := s.tables[shardOf(h)].Load()
	return s.probe(t, t.home(uint32(h>>32)), h, x)
}

// probe finds x, whose hash is h, in t, probing from slot i: its home slot,
// or a slot up to which the probe found only other states.
func (s *store) probe(t *table, i uint32, h uint64, x []byte) (uint32, bool) {
	if s.compact {
		return 0, s.probeFP(t, i, fingerprint(h))
	}
	tag := uint32(h >> 32)
	m := uint32(len(t.slots) - 1)
	for ; ; i = (i + 1) & m {
		v := t.slot(i)
		if v == 0 {
			return 0, false
		}
		if uint32(v>>32) == tag && string(s.at(uint32(v)-1)) == string(x) {
			return uint32(v) - 1, true
		}
	}
}

// probeFP reports whether the fingerprint fp is in t, probing from slot i.
// A compact table answers by fingerprint alone: it has no records.
func (s *store) probeFP(t *table, i uint32, fp uint64) bool {
	m := uint32(len(t.slots) - 1)
	for ; ; i = (i + 1) & m {
		switch t.slot(i) {
		case 0:
			return false
		case fp:
			return true
		}
	}
}

// add stores x, whose hash is h, reached from parent as its k-th
// successor, unless it is already there, if the memory budget allows: the
// bytes storing it needs, and extra bytes the caller will allocate if x
// is new. It returns the ID of x and whether x is new, as insert does,
// and ok = false, having stored nothing, if x is new and the budget
// forbids it. Only the writer calls it.
//
// When extra is 0 and needsGrowth(h) is false, add is insertRoom.
func (s *store) add(h uint64, x []byte, parent, k uint32, extra int64) (id uint32, isNew, ok bool) {
	need := extra
	if s.needsGrowth(h) {
		need += s.growth(h)
	}
	if need > 0 && !s.mem.fitsGraph(need) {
		id, found := s.lookup(h, x)
		return id, false, found
	}
	id, isNew = s.insert(h, x, parent, k)
	return id, isNew, true
}

// needsGrowth reports whether storing a new state whose hash is h
// allocates: its shard's table is full, or the arena or the parent links
// are.
func (s *store) needsGrowth(h uint64) bool {
	f := &s.fills[shardOf(h)]
	n := len(s.parent)
	return f.count >= f.limit || uint32(n) >= s.room || n == cap(s.parent)
}

// growth returns the bytes grow allocates for a state whose hash is h,
// counting the arrays it replaces as still held.
func (s *store) growth(h uint64) int64 {
	n := s.arena.growth(uint32(len(s.parent)))
	if f := &s.fills[shardOf(h)]; f.count >= f.limit {
		n += int64(len(s.tables[shardOf(h)].Load().slots)) * 16
	}
	if len(s.parent) == cap(s.parent) {
		c := int64(grownCap(cap(s.parent))) * 4
		n += c
		if s.compact {
			n += c
		}
	}
	return n
}

// grow makes room for a new state whose hash is h, and records the bytes
// it allocated and let go.
func (s *store) grow(h uint64) {
	var alloc, freed int64
	p, f := &s.tables[shardOf(h)], &s.fills[shardOf(h)]
	if f.count >= f.limit {
		t := p.Load()
		nt := t.grown()
		p.Store(nt)
		f.limit = nt.limit()
		alloc, freed = int64(len(nt.slots))*8, int64(len(t.slots))*8
	}
	if id := uint32(len(s.parent)); id >= s.room {
		a, fr := s.arena.grow(id)
		alloc, freed = alloc+a, freed+fr
	}
	if len(s.parent) == cap(s.parent) {
		old := int64(cap(s.parent)) * 4
		s.parent = growParents(s.parent)
		alloc, freed = alloc+int64(cap(s.parent))*4, freed+old
		if s.compact {
			s.succ = growParents(s.succ)
			alloc, freed = alloc+int64(cap(s.succ))*4, freed+old
		}
	}
	s.mem.addGraph(alloc - freed)
}

// insert stores x, whose hash is h, reached from parent as its k-th
// successor, unless it is already there, whatever the memory budget. It
// returns the ID of x and whether x is new; in compact mode the ID of a
// state already there is unknown, and 0 is returned. Only the writer
// calls it.
func (s *store) insert(h uint64, x []byte, parent, k uint32) (uint32, bool) {
	if s.needsGrowth(h) {
		s.grow(h)
	}
	return s.insertRoom(h, x, parent, k)
}

// insertRoom is insert with room made.
func (s *store) insertRoom(h uint64, x []byte, parent, k uint32) (uint32, bool) {
	t := s.tables[shardOf(h)].Load()
	if s.compact {
		return s.insertFP(t, h, x, parent, k)
	}
	tag := uint32(h >> 32)
	m := uint32(len(t.slots) - 1)
	i := t.home(tag)
	for ; t.slots[i] != 0; i = (i + 1) & m {
		v := t.slots[i]
		if uint32(v>>32) == tag && string(s.at(uint32(v)-1)) == string(x) {
			return uint32(v) - 1, false
		}
	}
	id := uint32(len(s.parent))
	s.put(id, x)
	s.parent = append(s.parent, parent)
	atomic.StoreUint64(&t.slots[i], uint64(tag)<<32|uint64(id+1))
	s.fills[shardOf(h)].count++
	return id, true
}

// insertFP is insert in compact mode, with room made.
func (s *store) insertFP(t *table, h uint64, x []byte, parent, k uint32) (uint32, bool) {
	fp := fingerprint(h)
	m := uint32(len(t.slots) - 1)
	i := t.home(uint32(h >> 32))
	for ; t.slots[i] != 0; i = (i + 1) & m {
		if t.slots[i] == fp {
			return 0, false
		}
	}
	id := uint32(len(s.parent))
	s.put(id, x)
	s.parent = append(s.parent, parent)
	s.succ = append(s.succ, k)
	atomic.StoreUint64(&t.slots[i], fp)
	s.fills[shardOf(h)].count++
	return id, true
}

// growParents returns parent with its capacity doubled. Unlike append,
// which grows a large slice by a quarter at a time, it doubles, so that
// the copies add up to at most the final size, and the capacity is known
// before the allocation.
func growParents(parent []uint32) []uint32 {
	out := make([]uint32, len(parent), grownCap(cap(parent)))
	copy(out, parent)
	return out
}

// releaseExpanded drops, in compact mode, the arena chunk that ends at
// end, if one does, noting the arena's peak size: the committer calls it
// as it marks each state expanded, in ID order, so every state below end
// is expanded, and the arena's size depends only on how far the commit
// went, not on the chunks the workers took.
func (s *store) releaseExpanded(end uint32) {
	if !s.compact || end&s.chunkMask != 0 {
		return
	}
	b := s.arena.bytes()
	if freed, alloc := s.release(end); freed > 0 {
		s.peak = max(s.peak, b)
		s.mem.addGraph(alloc - freed)
	}
}

// dropAll drops, in compact mode, every record: the search is over.
func (s *store) dropAll() {
	if s.compact {
		b := s.arena.bytes()
		s.peak = max(s.peak, b)
		s.chunks.Store(new([][]byte))
		s.mem.addGraph(-b)
	}
}

// heldBytes returns the memory held by s now.
func (s *store) heldBytes() int64 {
	n := s.arena.bytes() + int64(cap(s.parent)+cap(s.succ))*4
	for i := range s.tables {
		n += int64(cap(s.tables[i].Load().slots)) * 8
	}
	return n
}

// bytes returns the memory held by s; in compact mode, with the arena at
// its peak.
func (s *store) bytes() int64 {
	a := s.arena.bytes()
	return s.heldBytes() - a + max(a, s.peak)
}
