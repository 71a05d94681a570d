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

// chunk stores c's candidates and marks c's states expanded. It returns
// ErrStateLimit if the state limit left a candidate out, and c's model
// error if it has one.
func (cm *committer) chunk(c *chunk) error {
	g := cm.b.g
	end, err := c.end, error(nil)
	for i, h := range c.hashes {
		if i%batchSize == 0 {
			cm.touch(c.hashes[i:min(i+batchSize, len(c.hashes))])
		}
		p := c.parents[i]
		if err = cm.store(c.states[i*cm.b.width:(i+1)*cm.b.width], h, p, c.index[i]); err != nil {
			end = p
			break
		}
	}
	for i, n := range c.yields[:end-c.lo] {
		id := c.lo + uint32(i)
		g.markExpanded(id, n)
		if n == 0 && cm.onDeadlock(id) && err == nil {
			err = ErrStopped
		}
	}
	g.st.releaseExpanded(end)
	if err == nil && c.err != nil {
		err = &ModelError{State: StateID(c.end), Err: c.err}
	}
	return err
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
// limit is reached, and ErrStopped if Options.Check stopped the search at
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
	id, isNew := st.insert(h, s, p, k)
	if !isNew {
		return nil
	}
	if cm.depth+1 == len(g.levels) {
		g.levels = append(g.levels, id)
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
