package liveness

import "fmt"

// A looper builds the loop of a lasso inside one accepted fair component:
// a closed walk from the loop's start that is itself fair. It starts with
// a shortest cycle through the start and, while the walk leaves some
// constraint unmet, adds a visit to a witness of that constraint (a step
// that takes it, or for a weak one a world where it is disabled), each
// reached by breadth-first search inside the component. Every constraint is
// added at most once, and a witness once visited keeps its constraint met,
// so this ends after at most len(constraints)+1 rounds.
type looper struct {
	r     *refiner
	lab   int32
	gen   uint32
	stamp []uint32 // stamp[v] == gen: v was reached by the current search
	par   []int    // the edge that reached v
	prev  []uint32 // the world it left
	queue []uint32
	work  int // edges looked at, over every search
}

func newLooper(r *refiner) *looper {
	return &looper{r: r, stamp: make([]uint32, r.g.n), par: make([]int, r.g.n), prev: make([]uint32, r.g.n)}
}

// loop returns the edges of a fair closed walk from start, which must lie
// in an accepted component.
func (lp *looper) loop(start uint32) []int {
	lp.lab = lp.r.comp[start]
	var targets []int // constraint indices
	for range len(lp.r.f.cons) + 1 {
		edges := lp.walk(start, targets)
		if lp.r.poll.stop() {
			return edges // meaningless: the caller discards it
		}
		bad := unmetOn(lp.r.g, lp.r.f, start, edges)
		if !anySet(bad) {
			return edges
		}
		targets = append(targets, members(bad)...)
	}
	panic("properties: no fair loop in an accepted component")
}

// walk goes from start through a witness of each target, in order, and
// back to start.
func (lp *looper) walk(start uint32, targets []int) []int {
	var edges []int
	cur := start
	for _, i := range targets {
		p := lp.search(cur, lp.witness(i))
		edges = append(edges, p...)
		if len(p) > 0 {
			cur = lp.r.g.dst[p[len(p)-1]]
		}
	}
	if cur != start || len(edges) == 0 {
		back := func(v uint32, e int) bool { return e >= 0 && lp.r.g.dst[e] == start }
		edges = append(edges, lp.search(cur, back)...)
	}
	return edges
}

// witness returns the goal of a search for constraint i: an internal edge
// that takes it, or, for a weak one, a world where it is not enabled.
func (lp *looper) witness(i int) func(v uint32, e int) bool {
	f, word, bit := lp.r.f, i/64, uint64(1)<<(i%64)
	taken, trig, en := make([]uint64, f.words), make([]uint64, f.words), make([]uint64, f.words)
	weak := f.cons[i].kind == conWeak
	return func(v uint32, e int) bool {
		if e < 0 {
			if !weak {
				return false
			}
			f.enabled(lp.r.g, v, en)
			return en[word]&bit == 0
		}
		clear(taken)
		f.step(lp.r.g, e, taken, trig)
		return taken[word]&bit != 0
	}
}

// search returns a shortest path of internal edges from v to a goal: a
// world where goal(w, -1) holds (reached, no more edges), or an edge e
// where goal(source, e) holds (taken as the last edge).
func (lp *looper) search(from uint32, goal func(v uint32, e int) bool) []int {
	g := lp.r.g
	lp.gen++
	lp.stamp[from] = lp.gen
	lp.queue = append(lp.queue[:0], from)
	for h := 0; h < len(lp.queue); h++ {
		if lp.r.poll.stop() {
			return nil
		}
		v := lp.queue[h]
		if goal(v, -1) {
			return lp.path(from, v)
		}
		lo, hi := g.edges(v)
		lp.work += hi - lo
		for e := lo; e < hi; e++ {
			if !lp.r.internal(e, lp.lab) {
				continue
			}
			if goal(v, e) {
				return append(lp.path(from, v), e)
			}
			if w := g.dst[e]; lp.stamp[w] != lp.gen {
				lp.stamp[w] = lp.gen
				lp.par[w], lp.prev[w] = e, v
				lp.queue = append(lp.queue, w)
			}
		}
	}
	panic(fmt.Sprintf("properties: no witness reachable from world %d in its fair component", from))
}

// path returns the edges of the search tree from from to v.
func (lp *looper) path(from, v uint32) []int {
	var out []int
	for v != from {
		out = append(out, lp.par[v])
		v = lp.prev[v]
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// unmetOn returns the constraints of f that the run repeating forever the
// closed walk edges, from world start, violates. An empty walk is a run
// stuttering in a world with no successor, which violates none.
func unmetOn(g *lgraph, f *fairSet, start uint32, edges []int) []uint64 {
	w := f.words
	all, some, en := ones(w), make([]uint64, w), make([]uint64, w)
	taken, trig := make([]uint64, w), make([]uint64, w)
	if len(edges) == 0 {
		clear(all)
	}
	v := start
	for _, e := range edges {
		f.enabled(g, v, en)
		v = g.dst[e]
		andInto(all, en)
		orInto(some, en)
		f.step(g, e, taken, trig)
	}
	return f.unmet(all, some, taken, trig)
}
