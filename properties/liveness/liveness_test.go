package liveness

import (
	"testing"
	"time"
)

// ledge is an edge of a literal test graph: its target, the transition it
// fires (-1: none, e.g. a network loss) and the pair it delivers (-1: none).
type ledge struct{ to, t, p int }

// tgraph is a literal graph for liveness tests: world 0 is initial, sends[t]
// lists the pairs transition t sends, worlds with no edges are stuck, and
// kept[{v, k}] says that the k-th edge of world v delivers its pair and
// leaves a copy in the channel (a duplicating channel's receive); calls[t]
// marks transition t as a user call.
type tgraph struct {
	nTrans, nPair int
	sends         [][]int
	adj           [][]ledge
	kept          map[[2]int]bool
	calls         []bool
}

func (tg tgraph) build() *lgraph {
	g := &lgraph{n: len(tg.adj), nInit: 1, nTrans: tg.nTrans, nPair: tg.nPair, off: []int{0}, stuck: newBitset(len(tg.adj))}
	if len(tg.kept) > 0 {
		total := 0
		for _, es := range tg.adj {
			total += len(es)
		}
		g.keep = newBitset(total)
	}
	for v, es := range tg.adj {
		for k, e := range es {
			if tg.kept[[2]int{v, k}] {
				g.keep.set(len(g.dst))
			}
			g.dst = append(g.dst, uint32(e.to))
			g.lab = append(g.lab, g.label(e.t, e.p))
			var sent []int
			if e.t >= 0 && e.t < len(tg.sends) {
				sent = tg.sends[e.t]
			}
			switch len(sent) {
			case 0:
				g.snd = append(g.snd, 0)
			case 1:
				g.snd = append(g.snd, uint32(sent[0])+1)
			default:
				g.snd = append(g.snd, multiSend|uint32(len(g.multi)))
				g.multi = append(g.multi, sent)
			}
		}
		g.off = append(g.off, len(g.dst))
		if len(es) == 0 {
			g.stuck.set(v)
		}
	}
	g.markQuiet(append(append([]bool(nil), tg.calls...), make([]bool, tg.nTrans)...))
	return g
}

func (tg tgraph) fair(cons ...constraint) *fairSet {
	return newFairSet(tg.nTrans, tg.nPair, cons)
}

func wset(n int, vs ...int) bitset {
	b := newBitset(n)
	for _, v := range vs {
		b.set(v)
	}
	return b
}

func weak(t int) constraint   { return constraint{kind: conWeak, trans: t, declared: true} }
func strong(t int) constraint { return constraint{kind: conStrong, trans: t, declared: true} }
func fairCh(p int) constraint { return constraint{kind: conChannel, pair: p, declared: true} }
func finDup(p int) constraint { return constraint{kind: conDup, pair: p, declared: true} }

// retransmit is the shape of a handshake over a lossy channel: in world 0
// the sender may send (transition 0, sending pair 0), giving world 1 with
// the message in flight; the network may lose it (back to 0), or the
// receiver may take it (transition 1, delivering pair 0) and reach world 2,
// the goal, where it stays.
var retransmit = tgraph{nTrans: 2, nPair: 1, sends: [][]int{{0}}, adj: [][]ledge{
	0: {{1, 0, -1}},
	1: {{0, -1, -1}, {2, 1, 0}},
	2: {{2, -1, -1}},
}}

func TestLiveness_FairLossy(t *testing.T) {
	g := retransmit.build()
	goal := wset(3, 2)
	cases := []struct {
		name string
		f    *fairSet
		want bool // a counterexample exists
	}{
		{"no fairness: every copy lost", retransmit.fair(), true},
		{"fair-lossy channel", retransmit.fair(fairCh(0)), false},
		{"weak fairness of the receive", retransmit.fair(weak(1)), true}, // not continuously enabled
		{"strong fairness of the receive", retransmit.fair(strong(1)), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, found := (&query{g: g, f: tc.f, goal: goal}).find()
			if found != tc.want {
				t.Fatalf("found %v, want %v", found, tc.want)
			}
			if found && (len(l.loop) != 2 || l.start != 0 || len(l.prefix) != 0) {
				t.Errorf("lasso %+v, want the loop 0→1→0 from the initial world", l)
			}
		})
	}
}

// TestLiveness_SubComponent: the maximal component {0,1,2} enables the
// strongly fair transition 1 in world 2 without taking it inside, so it is
// unfair as a whole, but the sub-component {0,1} avoids world 2 and is fair.
// Checking maximal components only would miss it.
func TestLiveness_SubComponent(t *testing.T) {
	tg := tgraph{nTrans: 2, adj: [][]ledge{
		0: {{1, 0, -1}},
		1: {{0, 0, -1}, {2, 0, -1}},
		2: {{1, 0, -1}, {3, 1, -1}},
		3: {{3, -1, -1}},
	}}
	l, found := (&query{g: tg.build(), f: tg.fair(strong(1)), goal: wset(4, 3)}).find()
	if !found {
		t.Fatal("no counterexample; the loop 0↔1 is fair")
	}
	if len(l.loop) != 2 {
		t.Errorf("loop of %d steps, want 0→1→0", len(l.loop))
	}
}

// TestLiveness_ChannelSubCycle: the component sends on pair 0 and never
// delivers, so its send edges are removed; what remains, world 0's idle
// self-loop, is a fair sub-cycle.
func TestLiveness_ChannelSubCycle(t *testing.T) {
	tg := tgraph{nTrans: 3, nPair: 1, sends: [][]int{{0}}, adj: [][]ledge{
		0: {{1, 0, -1}, {0, 2, -1}},
		1: {{0, -1, -1}, {2, 1, 0}},
		2: {{2, -1, -1}},
	}}
	g := tg.build()
	l, found := (&query{g: g, f: tg.fair(fairCh(0)), goal: wset(3, 2)}).find()
	if !found || len(l.loop) != 1 || g.trans(l.loop[0]) != 2 {
		t.Fatalf("found %v, lasso %+v; want world 0's self-loop", found, l)
	}
	if _, found := (&query{g: g, f: tg.fair(fairCh(0), weak(0)), goal: wset(3, 2)}).find(); found {
		t.Error("with transition 0 weakly fair, idling in world 0 forever is unfair")
	}
}

// dupLoop is a receive over a duplicating channel: in world 0 the sender
// sends (transition 0, sending pair 0), giving world 1 with the message in
// flight. The receiver takes it (transition 1, delivering pair 0) and reaches
// the goal, world 2; or it takes it and leaves a copy in flight
// (transition 1 again, kept), reaching world 3, where it may take the copy
// again, keeping it, forever, without ever reaching the goal. Weak fairness
// of the receiver and a fair-lossy channel do not exclude that loop: it
// delivers pair 0 and fires transition 1 infinitely often.
var dupLoop = tgraph{nTrans: 2, nPair: 1, sends: [][]int{{0}}, adj: [][]ledge{
	0: {{1, 0, -1}},
	1: {{2, 1, 0}, {3, 1, 0}},
	2: {{2, -1, -1}},
	3: {{3, 1, 0}},
}, kept: map[[2]int]bool{{1, 1}: true, {3, 0}: true}}

func TestLiveness_FiniteDuplication(t *testing.T) {
	g := dupLoop.build()
	goal := wset(4, 2)
	l, found := (&query{g: g, f: dupLoop.fair(weak(1), fairCh(0)), goal: goal}).find()
	if !found || l.start != 3 || len(l.loop) != 1 || !g.kept(l.loop[0]) {
		t.Fatalf("found %v, lasso %+v; want world 3's loop of kept deliveries", found, l)
	}
	if bad := unmetOn(g, dupLoop.fair(finDup(0)), l.start, l.loop); !anySet(bad) {
		t.Error("the loop delivers copies of pair 0 and never sends it: finite duplication is unmet")
	}
	if _, found := (&query{g: g, f: dupLoop.fair(weak(1), fairCh(0), finDup(0)), goal: goal}).find(); found {
		t.Error("with finite duplication the copy cannot be delivered forever without a send")
	}
}

// TestLiveness_DuplicationResent: finite duplication does not exclude a
// loop that keeps delivering a message its own steps send again: world 0
// sends pair 0 (transition 0) and the receiver delivers it keeping a copy
// (transition 1), back to world 0, forever.
func TestLiveness_DuplicationResent(t *testing.T) {
	tg := tgraph{nTrans: 3, nPair: 1, sends: [][]int{{0}}, adj: [][]ledge{
		0: {{1, 0, -1}},
		1: {{0, 1, 0}, {2, 2, -1}},
		2: {},
	}, kept: map[[2]int]bool{{1, 0}: true}}
	if _, found := (&query{g: tg.build(), f: tg.fair(fairCh(0), finDup(0)), goal: wset(3, 2)}).find(); !found {
		t.Error("the loop sends pair 0 each time it delivers a copy: it meets finite duplication")
	}
}

func TestLiveness_WeakContinuouslyEnabled(t *testing.T) {
	// Transition 1 (to the goal) is enabled in both worlds of the loop 0↔1.
	tg := tgraph{nTrans: 2, adj: [][]ledge{
		0: {{1, 0, -1}, {2, 1, -1}},
		1: {{0, 0, -1}, {2, 1, -1}},
		2: {},
	}}
	g := tg.build()
	if _, found := (&query{g: g, f: tg.fair(weak(1)), goal: wset(3, 2)}).find(); found {
		t.Error("weak fairness: a continuously enabled transition must be taken")
	}
	if _, found := (&query{g: g, f: tg.fair(), goal: wset(3, 2)}).find(); !found {
		t.Error("without fairness the loop 0↔1 is a counterexample")
	}
}

func TestLiveness_Stutter(t *testing.T) {
	// World 1 has no successor: the run stays there and never reaches 2.
	tg := tgraph{nTrans: 1, adj: [][]ledge{0: {{1, 0, -1}, {2, 0, -1}}, 1: {}, 2: {{2, 0, -1}}}}
	l, found := (&query{g: tg.build(), f: tg.fair(weak(0)), goal: wset(3, 2)}).find()
	if !found || l.start != 1 || len(l.loop) != 0 || len(l.prefix) != 1 {
		t.Fatalf("found %v, lasso %+v; want the stuck world 1 after one step", found, l)
	}
}

func TestLiveness_Kinds(t *testing.T) {
	// 0 → 1 → 2 → 1, and 1 is the only world where Q holds.
	tg := tgraph{nTrans: 1, adj: [][]ledge{0: {{1, 0, -1}}, 1: {{2, 0, -1}}, 2: {{1, 0, -1}}}}
	g, f, q := tg.build(), tg.fair(), wset(3, 1)
	all := newBitset(3).complement(3)
	if _, found := (&query{g: g, f: f, trigger: all, goal: q}).find(); found {
		t.Error("always_eventually: Q holds every other step")
	}
	if _, found := (&query{g: g, f: f, trigger: wset(3, 2), goal: wset(3, 0)}).find(); !found {
		t.Error("leads_to 2 ~> 0: 0 is never reached again")
	}
	// A P ~> Q run may meet a first P and its Q, then fail a later P:
	// here P = {0, 2}, Q = {1}; 0's obligation is met, 2's too. Holds.
	if _, found := (&query{g: g, f: f, trigger: wset(3, 0, 2), goal: q}).find(); found {
		t.Error("leads_to {0,2} ~> 1 holds")
	}
}

// TestLiveness_LaterTrigger: the first P world's obligation is met, a later
// one's is not. A search that starts the obligation at the first P only
// would pass through Q and miss it.
func TestLiveness_LaterTrigger(t *testing.T) {
	// 0 (P) → 1 (Q) → 2 (P) → 3 → 3 forever.
	tg := tgraph{nTrans: 1, adj: [][]ledge{0: {{1, 0, -1}}, 1: {{2, 0, -1}}, 2: {{3, 0, -1}}, 3: {{3, 0, -1}}}}
	l, found := (&query{g: tg.build(), f: tg.fair(), trigger: wset(4, 0, 2), goal: wset(4, 1)}).find()
	if !found || len(l.prefix) != 3 {
		t.Fatalf("found %v, lasso %+v; want the prefix 0→1→2→3", found, l)
	}
}

// TestLiveness_MillionWorlds: Tarjan, the prefix and the loop searches are
// iterative, so a cycle through a million worlds neither overflows the
// stack nor takes long.
func TestLiveness_MillionWorlds(t *testing.T) {
	const n = 1_000_000
	tg := tgraph{nTrans: 1, adj: make([][]ledge, n)}
	for v := range tg.adj {
		tg.adj[v] = []ledge{{(v + 1) % n, 0, -1}}
	}
	g := tg.build()
	start := time.Now()
	l, found := (&query{g: g, f: tg.fair(weak(0)), goal: newBitset(n)}).find()
	if !found || len(l.loop) != n {
		t.Fatalf("found %v, loop %d steps; want the whole cycle", found, len(l.loop))
	}
	chain := tgraph{nTrans: 1, adj: make([][]ledge, n)}
	for v := 0; v+1 < n; v++ {
		chain.adj[v] = []ledge{{v + 1, 0, -1}}
	}
	if _, found := (&query{g: chain.build(), f: chain.fair(), goal: wset(n, n-1)}).find(); found {
		t.Error("the chain ends in the goal")
	}
	t.Logf("a million-world cycle and chain in %v", time.Since(start))
}
