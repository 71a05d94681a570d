package liveness

import (
	"math"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// A query asks for a fair run that, once it is in a trigger world, never
// again visits a goal world. Every liveness kind is such a query:
//
//	eventually Q:        trigger = the initial worlds, goal = Q
//	P ~> Q (leads_to):   trigger = P,                  goal = Q
//	always_eventually Q: trigger = every world,        goal = Q
type query struct {
	g       *lgraph
	f       *fairSet
	trigger bitset // nil means the initial worlds
	goal    bitset
	poll    *poller // stops the searches early (see Check)
}

// A lasso is a counterexample run: prefix leads from initial world init to
// start, and loop leads from start back to start and repeats forever. An
// empty loop means the run stutters in start: it has no successor, or
// only user calls that the users need not make (lgraph.rests).
type lasso struct {
	init   uint32
	prefix []int // edges
	start  uint32
	loop   []int // edges
}

// starts reports whether the obligation begins (and is not yet met) in v.
func (q *query) starts(v uint32) bool {
	if q.goal.has(int(v)) {
		return false
	}
	if q.trigger == nil {
		return int(v) < q.g.nInit
	}
	return q.trigger.has(int(v))
}

// find returns a lasso whose suffix from a starting world avoids goal and
// is fair, or false if there is none. Among the first candidates met by a
// breadth-first search it keeps the shortest in total (prefix plus loop):
// the nearest fair component may need a long loop from where the prefix
// enters it, while a world a few steps further in has a short one.
func (q *query) find() (*lasso, bool) {
	region := q.region()
	if len(region) == 0 {
		return nil, false
	}
	r := newRefiner(q.g, q.f, q.poll)
	r.refine(region)
	lp := newLooper(r)
	loopAt := func(v uint32) ([]int, bool) {
		if q.g.rests(q.f, v) {
			return nil, true
		}
		if c := r.comp[v]; c >= 0 && r.ok[c] {
			return lp.loop(v), true
		}
		return nil, false
	}
	return q.shortest(loopAt, func() bool { return lp.work > 2*len(q.g.dst) })
}

// maxCandidates bounds the loops find computes before keeping the best.
const maxCandidates = 16

// region returns the worlds reachable from a starting world through worlds
// outside goal: where the suffix of a counterexample can be.
func (q *query) region() []uint32 {
	seen := newBitset(q.g.n)
	var queue []uint32
	for v := 0; v < q.g.n; v++ {
		if q.starts(uint32(v)) {
			seen.set(v)
			queue = append(queue, uint32(v))
		}
	}
	for h := 0; h < len(queue) && !q.poll.stop(); h++ {
		lo, hi := q.g.edges(queue[h])
		for e := lo; e < hi; e++ {
			if w := q.g.dst[e]; !seen.has(int(w)) && !q.goal.has(int(w)) {
				seen.set(int(w))
				queue = append(queue, w)
			}
		}
	}
	return queue
}

// shortest searches breadth-first, from the initial worlds, the product of
// the graph with a phase bit: phase 0 before the violated obligation starts
// (any world), phase 1 after (goal worlds forbidden). The phase may switch
// at any starting world, not only the first: for P ~> Q, a run may meet
// one P and its Q, and fail a later P. At each phase-1 world where loopAt
// finds a fair loop, it has a candidate lasso; it stops when no later world
// can give a shorter one, after maxCandidates, or when tired says so.
func (q *query) shortest(loopAt func(uint32) ([]int, bool), tired func() bool) (*lasso, bool) {
	b := q.newProductBFS()
	var best *lasso
	bestLen, tries := math.MaxInt, 0
	depth, levelEnd := 0, len(b.queue)
	for h := 0; h < len(b.queue) && tries < maxCandidates && !q.poll.stop(); h++ {
		if h == levelEnd {
			depth, levelEnd = depth+1, len(b.queue)
		}
		if depth >= bestLen {
			break
		}
		x := b.queue[h]
		v, ph := x>>1, x&1
		if ph == 1 {
			if loop, ok := loopAt(v); ok {
				tries++
				if depth+len(loop) < bestLen {
					best, bestLen = q.rebuild(x, b.par), depth+len(loop)
					best.loop = loop
				}
				if tired() {
					break
				}
			}
		}
		q.expand(v, ph, b.visit)
	}
	return best, best != nil
}

// productBFS is the state of the breadth-first search of shortest: the
// product nodes v<<1|phase seen, the queue, and for each node the edge
// that reached it with the phase of its source (edge<<1|phase), or -1.
type productBFS struct {
	seen  bitset
	par   []int64
	queue []uint32
}

// newProductBFS starts a search from the initial worlds, in phase 0 and,
// where the obligation may start there, in phase 1.
func (q *query) newProductBFS() *productBFS {
	b := &productBFS{seen: newBitset(2 * q.g.n), par: make([]int64, 2*q.g.n)}
	for v := uint32(0); int(v) < q.g.nInit; v++ {
		b.visit(v, 0, -1)
		if q.starts(v) {
			b.visit(v, 1, -1)
		}
	}
	return b
}

func (b *productBFS) visit(v, ph uint32, from int64) {
	if x := v<<1 | ph; !b.seen.has(int(x)) {
		b.seen.set(int(x))
		b.par[x] = from
		b.queue = append(b.queue, x)
	}
}

// expand visits the product successors of world v in phase ph.
func (q *query) expand(v, ph uint32, visit func(uint32, uint32, int64)) {
	lo, hi := q.g.edges(v)
	for e := lo; e < hi; e++ {
		w, from := q.g.dst[e], int64(e)<<1|int64(ph)
		switch {
		case ph == 0:
			visit(w, 0, from)
			if q.starts(w) {
				visit(w, 1, from)
			}
		case !q.goal.has(int(w)):
			visit(w, 1, from)
		}
	}
}

// rebuild follows par back from product node x to an initial world.
func (q *query) rebuild(x uint32, par []int64) *lasso {
	l := &lasso{start: x >> 1}
	for par[x] >= 0 {
		e := int(par[x] >> 1)
		l.prefix = append(l.prefix, e)
		x = q.g.source(e)<<1 | uint32(par[x]&1)
	}
	l.init = x >> 1
	for i, j := 0, len(l.prefix)-1; i < j; i, j = i+1, j-1 {
		l.prefix[i], l.prefix[j] = l.prefix[j], l.prefix[i]
	}
	return l
}

// trace turns l into a run of sys: the worlds and the actions of its edges.
// It returns the trace and the index of the loop's first world.
func (l *lasso) trace(sys *model.System, g *explore.Graph, rel *lts.Relation) (model.Trace, int, error) {
	st := sys.NewStepper()
	v := l.init
	tr := model.Trace{Worlds: []model.World{model.World(g.State(explore.StateID(v)))}}
	for _, e := range append(append([]int(nil), l.prefix...), l.loop...) {
		a, err := rel.Action(st, v, e)
		if err != nil {
			return tr, 0, err
		}
		v = rel.To(e)
		tr.Actions = append(tr.Actions, a)
		tr.Worlds = append(tr.Worlds, model.World(g.State(explore.StateID(v))))
	}
	return tr, len(l.prefix), nil
}
