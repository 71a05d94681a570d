package explore

// A committer stores the candidates of chunk after chunk, in ID order of
// their parents, as the sequential search would store the successors of
// state after state: it is the visited set's only writer. One worker at a
// time commits (see bfs.go); the next one to commit finds here where the
// last one stopped.
type committer struct {
	_ [cacheLine]byte // keeps the fields written below off others' lines
	b *bfs
	// depth is the depth of the states whose candidates are committed:
	// IDs grow with depth, so it only ever increases.
	depth int
	// touched keeps touch's loads from being optimized away.
	touched uint64
	// check and deadlock are Options.Check and Options.Deadlock; stopped
	// is set once one of them returned true.
	check, deadlock func(StateID, []byte) bool
	stopped         bool
	_               [cacheLine]byte
}

// chunk stores c's candidates and marks c's states expanded, state after
// state as the sequential search would: the candidates of a state, then
// its mark, then the Deadlock hook. A stop therefore leaves the graph of
// the sequential search at that point, whatever the chunks were. It
// returns ErrStateLimit if the state limit left a candidate out,
// ErrStopped if a hook stopped the search, and c's model error if it has
// one, or ErrMemoryLimit if the memory budget, or c's, stopped it.
func (cm *committer) chunk(c *chunk) error {
	g := cm.b.g
	w := cm.b.width
	i := 0 // the next candidate
	for id := c.lo; id < c.end; id++ {
		n := c.yields[id-c.lo]
		if !g.roomToMark(id, n) {
			return ErrMemoryLimit
		}
		for ; i < len(c.parents) && c.parents[i] == id; i++ {
			if i%batchSize == 0 {
				cm.touch(c.hashes[i:min(i+batchSize, len(c.hashes))])
			}
			if err := cm.store(c.states[i*w:(i+1)*w], c.hashes[i], id, c.index[i]); err != nil {
				return err
			}
		}
		g.markExpanded(id, n)
		if g.st.compact {
			g.st.releaseExpanded(id + 1)
		}
		if n == 0 && cm.onDeadlock(id) {
			return ErrStopped
		}
	}
	if c.err == ErrMemoryLimit {
		return ErrMemoryLimit
	}
	if c.err != nil {
		return &ModelError{State: StateID(c.end), Err: c.err}
	}
	return nil
}

// touch loads the home slots of the next candidates, whose hashes are
// hs, so that their cache misses overlap (see batch.go).
func (cm *committer) touch(hs []uint64) {
	st := &cm.b.g.st
	var sum uint64
	for _, h := range hs {
		t := st.tables[shardOf(h)].Load()
		sum += t.slot(t.home(uint32(h >> 32)))
	}
	cm.touched += sum
}

// store stores s, whose hash is h, reached from p as its k-th successor,
// unless it is stored. It returns ErrStateLimit if s is new but the state
// limit is reached, ErrMemoryLimit if s is new but the memory budget
// forbids storing it, and ErrStopped if Options.Check stopped the search at
// s, which is then stored.
func (cm *committer) store(s []byte, h uint64, p, k uint32) error {
	g, st := cm.b.g, &cm.b.g.st
	if g.Len() >= cm.b.maxStates {
		if _, ok := st.lookup(h, s); !ok {
			return ErrStateLimit
		}
		return nil
	}
	for d := cm.depth + 1; d < len(g.levels) && p >= g.levels[d]; d++ {
		cm.depth = d
	}
	var id uint32
	var isNew bool
	if extra := g.levelGrowth(cm.depth); extra == 0 && !st.needsGrowth(h) {
		id, isNew = st.insertRoom(h, s, p, k) // the usual case: nothing to allocate
	} else {
		var ok bool
		if id, isNew, ok = st.add(h, s, p, k, extra); !ok {
			return ErrMemoryLimit
		}
	}
	if !isNew {
		return nil
	}
	if cm.depth+1 == len(g.levels) {
		g.appendLevel(id)
	}
	if cm.check != nil && !cm.stopped && cm.check(StateID(id), s) {
		cm.stopped = true
		return ErrStopped
	}
	return nil
}

// onDeadlock calls Options.Deadlock for id, which has no successor, and
// reports whether it stopped the search.
func (cm *committer) onDeadlock(id uint32) bool {
	if cm.deadlock == nil || cm.stopped {
		return false
	}
	cm.stopped = cm.deadlock(StateID(id), cm.b.g.st.at(id))
	return cm.stopped
}

// avail returns the end of the states that may be expanded: those stored,
// except at the depth limit.
func (cm *committer) avail() uint32 {
	g := cm.b.g
	if len(g.levels) > cm.b.maxDepth {
		return g.levels[cm.b.maxDepth]
	}
	return uint32(g.Len())
}

// end returns the search's result once every state below avail is
// expanded: ErrDepthLimit if states at the depth limit were left.
func (cm *committer) end() error {
	if int(cm.avail()) < cm.b.g.Len() {
		return ErrDepthLimit
	}
	return nil
}
