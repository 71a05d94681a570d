package liveness

// This file finds the fair strongly connected components of a region of an
// lgraph: the sets of worlds on which an infinite run can stay forever while
// meeting every fairness constraint. Tarjan's algorithm runs with an
// explicit stack (gonum's topo.TarjanSCC recurses once per world, which a
// million-world chain would overflow), and components are refined in the
// manner of Emerson and Lei: a component that violates a constraint loses
// the worlds or edges that trigger it, and what remains is split again.

// refiner holds the state of one fair-component search. comp[v] is v's
// current component label, or -1 when v is in none (outside the region,
// trivial, or removed); dead marks edges removed by refinement; ok[l] says
// that component l was accepted as fair.
type refiner struct {
	poll *poller // stops the refinement early, leaving it meaningless
	g    *lgraph
	f    *fairSet
	comp []int32
	dead bitset
	ok   []bool
	// any stops the refinement at the first fair component accepted.
	any, found bool

	index, low []int32 // Tarjan numbering; 0 means unvisited
	onStack    bitset
	stack      []uint32
	frames     []frame
	counter    int32
}

// frame is one world on Tarjan's explicit call stack: e is its next edge.
type frame struct {
	v uint32
	e int
}

// component is a candidate component: its label and worlds.
type component struct {
	label   int32
	members []uint32
}

func newRefiner(g *lgraph, f *fairSet, poll *poller) *refiner {
	r := &refiner{poll: poll, g: g, f: f, comp: make([]int32, g.n), dead: newBitset(len(g.dst)),
		index: make([]int32, g.n), low: make([]int32, g.n), onStack: newBitset(g.n)}
	for i := range r.comp {
		r.comp[i] = -1
	}
	return r
}

// internal reports whether edge e stays inside component lab and is alive.
func (r *refiner) internal(e int, lab int32) bool {
	return r.comp[r.g.dst[e]] == lab && !r.dead.has(e)
}

// refine finds the fair components within region. Afterwards comp and ok
// tell, for every world, whether it lies in one.
func (r *refiner) refine(region []uint32) {
	lab := r.newLabel()
	for _, v := range region {
		r.comp[v] = lab
	}
	work := r.split(region, lab)
	for len(work) > 0 && !(r.any && r.found) && !r.poll.stop() {
		c := work[len(work)-1]
		work = work[:len(work)-1]
		if sub, changed := r.judge(c); changed {
			work = append(work, r.split(sub, c.label)...)
		}
	}
}

func (r *refiner) newLabel() int32 {
	r.ok = append(r.ok, false)
	return int32(len(r.ok) - 1)
}

// judge decides component c. A fair component is accepted. One that
// violates a weak constraint is rejected whole: every sub-run keeps the
// transition enabled and never takes it. Otherwise the worlds enabling an
// unmet strong constraint, and the edges triggering an unmet channel or
// duplication constraint, are removed; judge then returns the remaining
// worlds and true.
func (r *refiner) judge(c component) ([]uint32, bool) {
	f, w := r.f, r.f.words
	all, some, en := ones(w), make([]uint64, w), make([]uint64, w)
	taken, trig := make([]uint64, w), make([]uint64, w)
	for _, v := range c.members {
		f.enabled(r.g, v, en)
		andInto(all, en)
		orInto(some, en)
		lo, hi := r.g.edges(v)
		for e := lo; e < hi; e++ {
			if r.internal(e, c.label) {
				f.step(r.g, e, taken, trig)
			}
		}
	}
	bad := f.unmet(all, some, taken, trig)
	switch {
	case !anySet(bad):
		r.ok[c.label], r.found = true, true
		return nil, false
	case intersects(bad, f.weak):
		r.drop(c.members)
		return nil, false
	}
	return r.prune(c, bad), true
}

// prune removes from c the worlds that enable a constraint in bad (strong
// ones) and kills the internal edges that trigger one (channel ones: the
// sends of the pair; duplication ones: its keeping deliveries). It returns
// the worlds left.
func (r *refiner) prune(c component, bad []uint64) []uint32 {
	f, w := r.f, r.f.words
	en, none, trig := make([]uint64, w), make([]uint64, w), make([]uint64, w)
	left := c.members[:0]
	for _, v := range c.members {
		f.enabled(r.g, v, en)
		if intersects(en, bad) {
			r.comp[v] = -1
			continue
		}
		left = append(left, v)
	}
	for _, v := range left {
		lo, hi := r.g.edges(v)
		for e := lo; e < hi; e++ {
			clear(trig)
			f.step(r.g, e, none, trig)
			if r.internal(e, c.label) && intersects(trig, bad) {
				r.dead.set(e)
			}
		}
	}
	return left
}

func (r *refiner) drop(vs []uint32) {
	for _, v := range vs {
		r.comp[v] = -1
	}
}

// split runs Tarjan's algorithm on the worlds vs, all labelled lab, over
// their alive edges within lab. Each strongly connected component gets a
// fresh label; those with at least one internal edge are returned, the
// others are dropped.
func (r *refiner) split(vs []uint32, lab int32) []component {
	var out []component
	for _, root := range vs {
		if r.poll.stop() {
			break
		}
		if r.index[root] == 0 && r.comp[root] == lab {
			out = r.tarjan(root, lab, out)
		}
	}
	for _, v := range vs {
		r.index[v], r.low[v] = 0, 0
	}
	return out
}

// tarjan visits everything reachable from root within lab, iteratively.
func (r *refiner) tarjan(root uint32, lab int32, out []component) []component {
	r.push(root)
	for len(r.frames) > 0 {
		if r.poll.stop() {
			r.frames, r.stack = r.frames[:0], r.stack[:0]
			return out
		}
		top := &r.frames[len(r.frames)-1]
		v := top.v
		if _, hi := r.g.edges(v); top.e < hi {
			e := top.e
			top.e++
			if !r.internal(e, lab) {
				continue
			}
			switch x := r.g.dst[e]; {
			case r.index[x] == 0:
				r.push(x)
			case r.onStack.has(int(x)):
				r.low[v] = min(r.low[v], r.index[x])
			}
			continue
		}
		r.frames = r.frames[:len(r.frames)-1]
		if r.low[v] == r.index[v] {
			out = r.pop(v, lab, out)
		}
		if n := len(r.frames); n > 0 {
			p := r.frames[n-1].v
			r.low[p] = min(r.low[p], r.low[v])
		}
	}
	return out
}

func (r *refiner) push(v uint32) {
	r.counter++
	r.index[v], r.low[v] = r.counter, r.counter
	r.stack = append(r.stack, v)
	r.onStack.set(int(v))
	r.frames = append(r.frames, frame{v: v, e: r.g.off[v]})
}

// pop takes the component rooted at v off the stack and labels it.
func (r *refiner) pop(v uint32, lab int32, out []component) []component {
	i := len(r.stack) - 1
	for r.stack[i] != v {
		i--
	}
	top := r.stack[i:]
	r.stack = r.stack[:i]
	for _, x := range top {
		r.onStack.clearBit(int(x))
	}
	if !r.hasEdge(top, lab) {
		r.drop(top)
		return out
	}
	scc := append([]uint32(nil), top...)
	nl := r.newLabel()
	for _, x := range scc {
		r.comp[x] = nl
	}
	return append(out, component{label: nl, members: scc})
}

// hasEdge reports whether some alive edge joins two worlds of scc (still
// labelled lab): a single world needs a self-loop.
func (r *refiner) hasEdge(scc []uint32, lab int32) bool {
	if len(scc) > 1 {
		return true
	}
	lo, hi := r.g.edges(scc[0])
	for e := lo; e < hi; e++ {
		if r.g.dst[e] == scc[0] && r.internal(e, lab) {
			return true
		}
	}
	return false
}

func ones(w int) []uint64 {
	out := make([]uint64, w)
	for i := range out {
		out[i] = ^uint64(0)
	}
	return out
}

func intersects(a, b []uint64) bool {
	for i := range a {
		if a[i]&b[i] != 0 {
			return true
		}
	}
	return false
}

func (b bitset) clearBit(i int) { b[i>>6] &^= 1 << (uint(i) & 63) }
