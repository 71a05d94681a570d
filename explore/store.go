package explore

import (
	"hash/maphash"
	"slices"
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
// width. Only the writer calls it.
func (a *arena) put(id uint32, s []byte) {
	chunks := *a.chunks.Load()
	k, off := int(id>>a.chunkShift), int(id&a.chunkMask)*a.width
	if k == len(chunks) || off == len(chunks[k]) {
		chunks = a.grow(chunks, k)
	}
	copy(chunks[k][off:off+a.width], s)
}

// grow returns the chunk list with room for record n, which starts at
// chunk k, and publishes it.
func (a *arena) grow(chunks [][]byte, k int) [][]byte {
	out := slices.Clone(chunks)
	switch {
	case k == 0 && len(out) == 0:
		out = append(out, make([]byte, min(a.chunkBytes, 64*a.width)))
	case k == len(out):
		out = append(out, make([]byte, a.chunkBytes))
	default: // the first chunk is full but small
		out[0] = append(out[0], make([]byte, min(a.chunkBytes, 2*len(out[0]))-len(out[0]))...)
	}
	a.chunks.Store(&out)
	return out
}

// release drops the chunks whose records all precede end, and returns
// their number. Only the writer calls it, and only in compact mode, where
// nobody reads a record once its state is expanded.
func (a *arena) release(end uint32) int {
	chunks := *a.chunks.Load()
	n := 0
	for n < len(chunks) && uint32(n+1)<<a.chunkShift <= end {
		n++
	}
	if n == 0 || chunks[n-1] == nil {
		return 0
	}
	out := slices.Clone(chunks)
	for k := range n {
		out[k] = nil
	}
	a.chunks.Store(&out)
	return n
}

func (a *arena) bytes() int64 {
	chunks := *a.chunks.Load()
	var n int64
	for _, c := range chunks {
		n += int64(cap(c))
	}
	return n + int64(cap(chunks))*24
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
	for i := range s.tables {
		t := newTable(16)
		s.tables[i].Store(t)
		s.fills[i].limit = t.limit()
	}
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

// insert stores x, whose hash is h, reached from parent as its k-th
// successor, unless it is already there. It returns the ID of x and
// whether x is new; in compact mode the ID of a state already there is
// unknown, and 0 is returned. Only the writer calls it.
func (s *store) insert(h uint64, x []byte, parent, k uint32) (uint32, bool) {
	t := s.table(h)
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
	s.parent = appendParent(s.parent, parent)
	atomic.StoreUint64(&t.slots[i], uint64(tag)<<32|uint64(id+1))
	s.fills[shardOf(h)].count++
	return id, true
}

// table returns the table of the shard of h, grown first if it is full.
func (s *store) table(h uint64) *table {
	p, f := &s.tables[shardOf(h)], &s.fills[shardOf(h)]
	t := p.Load()
	if f.count >= f.limit {
		t = t.grown()
		p.Store(t)
		f.limit = t.limit()
	}
	return t
}

// insertFP is insert in compact mode.
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
	s.parent = appendParent(s.parent, parent)
	s.succ = appendParent(s.succ, k)
	atomic.StoreUint64(&t.slots[i], fp)
	s.fills[shardOf(h)].count++
	return id, true
}

// appendParent appends p. Unlike append, which grows a large slice by a
// quarter at a time, it doubles the capacity, so that the copies add up
// to at most the final size.
func appendParent(parent []uint32, p uint32) []uint32 {
	if len(parent) == cap(parent) {
		out := make([]uint32, len(parent), max(64, 2*cap(parent)))
		copy(out, parent)
		parent = out
	}
	return append(parent, p)
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
	if s.release(end) > 0 {
		s.peak = max(s.peak, b)
	}
}

// dropAll drops, in compact mode, every record: the search is over.
func (s *store) dropAll() {
	if s.compact {
		s.peak = max(s.peak, s.arena.bytes())
		s.chunks.Store(new([][]byte))
	}
}

// bytes returns the memory held by s; in compact mode, with the arena at
// its peak.
func (s *store) bytes() int64 {
	n := max(s.arena.bytes(), s.peak) + int64(cap(s.parent)+cap(s.succ))*4
	for i := range s.tables {
		n += int64(cap(s.tables[i].Load().slots)) * 8
	}
	return n
}
