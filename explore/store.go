package explore

import "hash/maphash"

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

// An arena holds fixed-width state records back to back in chunks of a
// power-of-two number of records. Chunks never move once full, so growth
// costs no copying beyond the first chunk, which starts small so that tiny
// graphs stay tiny.
type arena struct {
	width      int
	chunkShift uint32 // log2 of records per chunk
	chunkMask  uint32 // records per chunk - 1
	chunkBytes int
	chunks     [][]byte
}

func newArena(width int) arena {
	shift := uint32(0)
	for (2<<shift)*width <= chunkTarget {
		shift++
	}
	return arena{width: width, chunkShift: shift, chunkMask: 1<<shift - 1, chunkBytes: (1 << shift) * width}
}

// at returns record id. The slice's capacity ends with the record, so an
// append by the caller cannot overwrite the next one.
func (a *arena) at(id uint32) []byte {
	c := a.chunks[id>>a.chunkShift]
	off := int(id&a.chunkMask) * a.width
	return c[off : off+a.width : off+a.width]
}

// push appends a record; s must have the arena's width.
func (a *arena) push(s []byte) {
	n := len(a.chunks)
	if n == 0 || len(a.chunks[n-1]) == a.chunkBytes {
		size := a.chunkBytes
		if n == 0 {
			size = min(size, 64*a.width)
		}
		a.chunks = append(a.chunks, make([]byte, 0, size))
		n++
	}
	a.chunks[n-1] = append(a.chunks[n-1], s...)
}

// extend makes room for records up to n (exclusive), to be written
// through at, possibly in parallel. The records are zero until written.
func (a *arena) extend(n int) {
	per := 1 << a.chunkShift
	for k := len(a.chunks); n > (k-1)*per || k == 0; k = len(a.chunks) {
		if k == 0 || len(a.chunks[k-1]) == a.chunkBytes {
			if n <= k*per {
				return
			}
			a.chunks = append(a.chunks, make([]byte, 0, a.chunkBytes))
			continue
		}
		last := &a.chunks[k-1]
		want := min(n-(k-1)*per, per) * a.width
		if want <= len(*last) {
			return
		}
		if want > cap(*last) {
			*last = append(make([]byte, 0, a.chunkBytes), *last...)
		}
		*last = (*last)[:want]
	}
}

func (a *arena) bytes() int64 {
	var n int64
	for _, c := range a.chunks {
		n += int64(cap(c))
	}
	return n + int64(cap(a.chunks))*24
}

// A table is an open-addressing hash set of state IDs with linear probing.
// A slot packs the high 32 bits of the state's hash (the tag) above ID+1;
// zero is an empty slot. The tag settles almost every mismatch without
// touching the arena, and it alone determines the home slot, so a table
// grows without rehashing a single state.
//
// The visited set is split into shards by the top bits of the tag, so that
// the insertion phase of a BFS level can run in parallel, one shard per
// goroutine at a time; the remaining tag bits give the home slot.
type table struct {
	slots []uint64
	shift uint32 // 32 - log2(len(slots))
	count int    // occupied slots
	limit int    // grow when count reaches limit
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

func (t *table) init(size int) {
	log := uint32(0)
	for 1<<log < size {
		log++
	}
	t.slots = make([]uint64, 1<<log)
	t.shift = 32 - log
	t.limit = len(t.slots) / loadDen * loadNum
}

// home returns the first slot to probe for tag.
func (t *table) home(tag uint32) uint32 { return tag << shardBits >> t.shift }

// reserve grows t, in one step, until it can take n more states.
func (t *table) reserve(n int) {
	if t.count+n <= t.limit {
		return
	}
	size := 2 * len(t.slots)
	for (t.count+n)*loadDen > size*loadNum {
		size *= 2
	}
	t.grow(size)
}

// grow rehashes t into size slots.
func (t *table) grow(size int) {
	old := t.slots
	t.init(size)
	m := uint32(len(t.slots) - 1)
	for _, v := range old {
		if v == 0 {
			continue
		}
		i := t.home(uint32(v >> 32))
		for t.slots[i] != 0 {
			i = (i + 1) & m
		}
		t.slots[i] = v
	}
}

// A store is the visited set: records, their index and their parents.
type store struct {
	arena
	tables [shards]table
	parent []uint32 // parent[id] is the state id was first reached from
}

func newStore(width int) store {
	s := store{arena: newArena(width)}
	for i := range s.tables {
		s.tables[i].init(16)
	}
	return s
}

// lookup finds x, whose hash is h. It only reads, so any number of
// goroutines may call it while nobody inserts.
func (s *store) lookup(h uint64, x []byte) (uint32, bool) {
	t := &s.tables[shardOf(h)]
	tag := uint32(h >> 32)
	m := uint32(len(t.slots) - 1)
	for i := t.home(tag); ; i = (i + 1) & m {
		v := t.slots[i]
		if v == 0 {
			return 0, false
		}
		if uint32(v>>32) == tag && string(s.at(uint32(v)-1)) == string(x) {
			return uint32(v) - 1, true
		}
	}
}

// insert stores x, whose hash is h, reached from parent, unless it is
// already there. It returns the ID of x and whether x is new.
func (s *store) insert(h uint64, x []byte, parent uint32) (uint32, bool) {
	t := &s.tables[shardOf(h)]
	t.reserve(1)
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
	t.slots[i] = uint64(tag)<<32 | uint64(id+1)
	t.count++
	s.push(x)
	s.parent = append(s.parent, parent)
	return id, true
}

func (s *store) bytes() int64 {
	n := s.arena.bytes() + int64(cap(s.parent))*4
	for i := range s.tables {
		n += int64(cap(s.tables[i].slots)) * 8
	}
	return n
}
