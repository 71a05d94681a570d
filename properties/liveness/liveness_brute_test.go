package liveness

import (
	"math/rand/v2"
	"testing"
)

// This file checks the SCC-based liveness search against a brute-force one
// on thousands of tiny random graphs. The brute force uses the definitions
// directly: a counterexample exists if and only if a stuck world, or a
// nonempty strongly connected set of edges that is fair, lies in the region
// of worlds reachable from a starting world without visiting the goal. (A
// run visits infinitely often exactly such a set of edges; every world of
// the random graphs is reachable from world 0, so every world of the region
// is reachable in phase 1.) Fairness is judged from the edges themselves,
// not from the compiled masks: weak, strong, fair-lossy and finite
// duplication constraints, over edges some of which keep the message they
// deliver.

// randomCase is a random graph, fairness, goal and trigger.
type randomCase struct {
	tg      tgraph
	cons    []constraint
	goal    bitset
	trigger bitset
}

func newRandomCase(r *rand.Rand) randomCase {
	n := 1 + r.IntN(5)
	tg := tgraph{nTrans: 3, nPair: 2, adj: make([][]ledge, n), sends: make([][]int, 3), calls: make([]bool, 3)}
	for t := range tg.calls {
		tg.calls[t] = r.IntN(3) == 0
	}
	for t := range tg.sends {
		for p := range 2 {
			if r.IntN(3) == 0 {
				tg.sends[t] = append(tg.sends[t], p)
			}
		}
	}
	edge := func() ledge { return ledge{r.IntN(n), r.IntN(4) - 1, r.IntN(3) - 1} }
	for v := 1; v < n; v++ { // a spanning tree from 0: everything reachable
		e := edge()
		e.to = v
		from := r.IntN(v)
		tg.adj[from] = append(tg.adj[from], e)
	}
	for range r.IntN(6) {
		v := r.IntN(n)
		tg.adj[v] = append(tg.adj[v], edge())
	}
	tg.kept = randomKeeps(r, tg.adj)
	c := randomCase{tg: tg, goal: newBitset(n)}
	for v := range n {
		if r.IntN(3) == 0 {
			c.goal.set(v)
		}
	}
	switch r.IntN(3) {
	case 1:
		c.trigger = newBitset(n).complement(n)
	case 2:
		c.trigger = newBitset(n)
		for v := range n {
			if r.IntN(2) == 0 {
				c.trigger.set(v)
			}
		}
	}
	for t := range 3 {
		switch r.IntN(3) {
		case 1:
			c.cons = append(c.cons, weak(t))
		case 2:
			c.cons = append(c.cons, strong(t))
		}
	}
	for p := range 2 {
		if r.IntN(2) == 0 {
			c.cons = append(c.cons, fairCh(p))
		}
		if r.IntN(2) == 0 {
			c.cons = append(c.cons, finDup(p))
		}
	}
	return c
}

// randomKeeps marks about half of the delivering edges as keeping their
// message in the channel.
func randomKeeps(r *rand.Rand, adj [][]ledge) map[[2]int]bool {
	kept := map[[2]int]bool{}
	for v, es := range adj {
		for k, e := range es {
			if e.p >= 0 && r.IntN(2) == 0 {
				kept[[2]int{v, k}] = true
			}
		}
	}
	return kept
}

// flat lists the edges of g as (from, index) pairs.
func flat(g *lgraph) (from []int) {
	for v := range g.n {
		lo, hi := g.edges(uint32(v))
		for range hi - lo {
			from = append(from, v)
		}
	}
	return from
}

// bruteFair reports whether repeating exactly the edges es forever is fair.
func bruteFair(g *lgraph, sends [][]int, cons []constraint, es []int) bool {
	from := flat(g)
	visits := map[int]bool{}
	for _, e := range es {
		visits[from[e]] = true
	}
	enabled := func(v, t int) bool {
		lo, hi := g.edges(uint32(v))
		for e := lo; e < hi; e++ {
			if g.trans(e) == t {
				return true
			}
		}
		return false
	}
	takes := func(pred func(e int) bool) bool {
		for _, e := range es {
			if pred(e) {
				return true
			}
		}
		return false
	}
	for _, c := range cons {
		fires := takes(func(e int) bool { return g.trans(e) == c.trans })
		switch c.kind {
		case conWeak, conStrong:
			count := 0
			for v := range visits {
				if enabled(v, c.trans) {
					count++
				}
			}
			if c.kind == conWeak && count == len(visits) && len(visits) > 0 && !fires {
				return false
			}
			if c.kind == conStrong && count > 0 && !fires {
				return false
			}
		case conChannel:
			if takes(sender(g, sends, c.pair)) && !takes(func(e int) bool { return g.pair(e) == c.pair }) {
				return false
			}
		case conDup:
			if takes(func(e int) bool { return g.pair(e) == c.pair && g.kept(e) }) && !takes(sender(g, sends, c.pair)) {
				return false
			}
		}
	}
	return true
}

// sender returns the predicate "edge e sends pair p".
func sender(g *lgraph, sends [][]int, p int) func(e int) bool {
	return func(e int) bool { return g.trans(e) >= 0 && contains(sends[g.trans(e)], p) }
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// bruteRegion is the region of a query, computed naively.
func bruteRegion(g *lgraph, c randomCase) map[int]bool {
	in := map[int]bool{}
	var stack []int
	for v := range g.n {
		start := (c.trigger == nil && v == 0) || (c.trigger != nil && c.trigger.has(v))
		if start && !c.goal.has(v) {
			in[v] = true
			stack = append(stack, v)
		}
	}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		lo, hi := g.edges(uint32(v))
		for e := lo; e < hi; e++ {
			if w := int(g.dst[e]); !in[w] && !c.goal.has(w) {
				in[w] = true
				stack = append(stack, w)
			}
		}
	}
	return in
}

// bruteRests reports whether a run may stop in v: every edge of v fires a
// user call, and no weak or strong constraint names one of them.
func bruteRests(g *lgraph, c randomCase, v int) bool {
	lo, hi := g.edges(uint32(v))
	if lo == hi {
		return false
	}
	for e := lo; e < hi; e++ {
		t := g.trans(e)
		if t < 0 || !c.tg.calls[t] {
			return false
		}
		for _, k := range c.cons {
			if (k.kind == conWeak || k.kind == conStrong) && k.trans == t {
				return false
			}
		}
	}
	return true
}

// bruteViolated enumerates every subset of the region's edges.
func bruteViolated(g *lgraph, c randomCase, sends [][]int) bool {
	in := bruteRegion(g, c)
	for v := range in {
		if g.stuck.has(v) || bruteRests(g, c, v) {
			return true
		}
	}
	from := flat(g)
	var inner []int
	for e := range g.dst {
		if in[from[e]] && in[int(g.dst[e])] {
			inner = append(inner, e)
		}
	}
	for mask := 1; mask < 1<<len(inner); mask++ {
		var es []int
		for i, e := range inner {
			if mask&(1<<i) != 0 {
				es = append(es, e)
			}
		}
		if stronglyConnected(g, from, es) && bruteFair(g, sends, c.cons, es) {
			return true
		}
	}
	return false
}

// stronglyConnected reports whether the edges es connect their worlds
// strongly: from the first edge's source every endpoint is reachable and
// every endpoint reaches it back.
func stronglyConnected(g *lgraph, from []int, es []int) bool {
	reach := func(forward bool) map[int]bool {
		seen := map[int]bool{from[es[0]]: true}
		for changed := true; changed; {
			changed = false
			for _, e := range es {
				a, b := from[e], int(g.dst[e])
				if !forward {
					a, b = b, a
				}
				if seen[a] && !seen[b] {
					seen[b], changed = true, true
				}
			}
		}
		return seen
	}
	fw, bw := reach(true), reach(false)
	for _, e := range es {
		for _, v := range []int{from[e], int(g.dst[e])} {
			if !fw[v] || !bw[v] {
				return false
			}
		}
	}
	return true
}

// bruteCases is how many random cases TestLiveness_BruteForce checks.
const bruteCases = 10000

func TestLiveness_BruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	found, byDup := 0, 0
	for i := range bruteCases {
		c := newRandomCase(r)
		g := c.tg.build()
		l, got := (&query{g: g, f: c.tg.fair(c.cons...), trigger: c.trigger, goal: c.goal}).find()
		want := bruteViolated(g, c, c.tg.sends)
		if got != want {
			t.Fatalf("case %d: SCC search says %v, brute force %v\ngraph %+v kept %v\ncons %+v goal %v trigger %v", i, got, want, c.tg.adj, c.tg.kept, c.cons, c.goal, c.trigger)
		}
		if got {
			found++
			checkLasso(t, g, c, l)
		} else if excludedByDup(g, c) {
			byDup++
		}
	}
	t.Logf("%d of %d random cases have a counterexample; in %d more, only finite duplication excludes every one", found, bruteCases, byDup)
	if byDup == 0 {
		t.Error("no random case depends on finite duplication")
	}
}

// excludedByDup reports whether c has a counterexample once its finite
// duplication constraints are dropped.
func excludedByDup(g *lgraph, c randomCase) bool {
	var rest []constraint
	for _, k := range c.cons {
		if k.kind != conDup {
			rest = append(rest, k)
		}
	}
	if len(rest) == len(c.cons) {
		return false
	}
	c.cons = rest
	return bruteViolated(g, c, c.tg.sends)
}

// checkLasso checks a lasso against the definitions: the prefix is a path
// from world 0, the loop returns to its start, from some starting world on
// no goal world is visited, and the loop is fair (or the run stops where
// it may).
func checkLasso(t *testing.T, g *lgraph, c randomCase, l *lasso) {
	t.Helper()
	from := flat(g)
	walk := []int{int(l.init)}
	for _, e := range append(append([]int(nil), l.prefix...), l.loop...) {
		if from[e] != walk[len(walk)-1] {
			t.Fatalf("lasso %+v: edge %d does not leave world %d", l, e, walk[len(walk)-1])
		}
		walk = append(walk, int(g.dst[e]))
	}
	if l.init != 0 || walk[len(l.prefix)] != int(l.start) || walk[len(walk)-1] != int(l.start) {
		t.Fatalf("lasso %+v: walk %v is not a lasso from 0 through %d", l, walk, l.start)
	}
	if len(l.loop) == 0 && !g.stuck.has(int(l.start)) && !bruteRests(g, c, int(l.start)) {
		t.Fatalf("lasso %+v: empty loop at a world whose steps the run owes", l)
	}
	ok := false
	for i := len(walk) - 1; i >= 0 && !c.goal.has(walk[i]); i-- {
		start := (c.trigger == nil && walk[i] == 0) || (c.trigger != nil && c.trigger.has(walk[i]))
		ok = ok || start
	}
	if !ok {
		t.Fatalf("lasso %+v: walk %v has no starting world after its last goal world", l, walk)
	}
	if !bruteFair(g, c.tg.sends, c.cons, l.loop) {
		t.Fatalf("lasso %+v: the loop is unfair", l)
	}
}
