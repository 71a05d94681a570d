package liveness

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// conKind is the shape of a fairness constraint on an infinite run.
type conKind uint8

const (
	_ conKind = iota
	// conWeak: if transition t is enabled in every world from some point
	// on, t is taken infinitely often.
	conWeak
	// conStrong: if t is enabled in infinitely many worlds of the run, t is
	// taken infinitely often.
	conStrong
	// conChannel: if a message m (a type and field values) is sent on
	// channel c infinitely often, m is delivered (received or discarded)
	// from c infinitely often. This is a fair-lossy channel, per pair p =
	// (c, m): the fair-loss link of Cachin, Guerraoui and Rodrigues.
	conChannel
	// conDup: if a message m is delivered from a duplicating channel c
	// infinitely often by steps that leave it in c (model.Action.Keep),
	// m is sent on c infinitely often. This is the fair-loss link's finite
	// duplication, per pair: a message sent finitely often is delivered
	// finitely often. It is conChannel's Streett pair with the roles
	// reversed: keeping deliveries trigger it, sends take it.
	conDup
)

// A constraint is one fairness assumption. Declared constraints come from
// the spec; the others are hypotheses, checked only to explain whether a
// counterexample is fair (see [Checker.Check]).
type constraint struct {
	kind     conKind
	trans    int // conWeak, conStrong: the global transition index
	pair     int // conChannel, conDup: channel*MsgValues() + message value
	declared bool
}

// A fairSet is a list of constraints compiled to bit masks indexed by
// constraint: for each transition, the weak and strong constraints its steps
// take (row t+1, so that -1, a step of the network, is the all-zero row 0);
// for each pair, the channel constraint on it (pairCon[p+1], or -1) and the
// duplication constraint on it (dupCon[p+1], or -1). A pair is delivered by
// a step that takes its channel constraint and sent by one that triggers
// it; a keeping delivery triggers its duplication constraint and a send
// takes it.
type fairSet struct {
	cons    []constraint
	words   int
	tTake   []uint64
	pairCon []int32
	dupCon  []int32
	weak    []uint64
	strng   []uint64
}

// newFairSet compiles cons over nTrans transitions and nPair pairs.
func newFairSet(nTrans, nPair int, cons []constraint) *fairSet {
	w := max(1, (len(cons)+63)/64)
	f := &fairSet{cons: cons, words: w, tTake: make([]uint64, (nTrans+1)*w), pairCon: noCons(nPair + 1),
		dupCon: noCons(nPair + 1), weak: make([]uint64, w), strng: make([]uint64, w)}
	for i, c := range cons {
		word, bit := i/64, uint64(1)<<(i%64)
		switch c.kind {
		case conWeak:
			f.tTake[(c.trans+1)*w+word] |= bit
			f.weak[word] |= bit
		case conStrong:
			f.tTake[(c.trans+1)*w+word] |= bit
			f.strng[word] |= bit
		case conChannel:
			f.pairCon[c.pair+1] = int32(i)
		case conDup:
			f.dupCon[c.pair+1] = int32(i)
		}
	}
	return f
}

// noCons returns a per-pair index table of n entries, all -1 (no
// constraint).
func noCons(n int) []int32 {
	t := make([]int32, n)
	for i := range t {
		t[i] = -1
	}
	return t
}

// setBit adds constraint c to mask m, unless c is -1.
func setBit(m []uint64, c int32) {
	if c >= 0 {
		m[c/64] |= 1 << (c % 64)
	}
}

// has reports whether some constraint of f is of kind k.
func (f *fairSet) has(k conKind) bool {
	for _, c := range f.cons {
		if c.kind == k {
			return true
		}
	}
	return false
}

// row returns the mask row i of a table.
func (f *fairSet) row(table []uint64, i int) []uint64 { return table[i*f.words : (i+1)*f.words] }

// enabled sets out to the weak and strong constraints whose transition is
// enabled in v: some edge of v, in the whole graph, fires it.
func (f *fairSet) enabled(g *lgraph, v uint32, out []uint64) {
	clear(out)
	lo, hi := g.edges(v)
	for e := lo; e < hi; e++ {
		orInto(out, f.row(f.tTake, g.trans(e)+1))
	}
}

// obliges reports whether a weak or strong constraint of f is enabled in
// v, so that a run may not stay in v without a step.
func (f *fairSet) obliges(g *lgraph, v uint32) bool {
	en := make([]uint64, f.words)
	f.enabled(g, v, en)
	for i, x := range en {
		if x&(f.weak[i]|f.strng[i]) != 0 {
			return true
		}
	}
	return false
}

// step adds to taken the constraints edge e takes (its transition, its
// delivery's channel constraint, its sends' duplication constraints) and to
// trig those it triggers (its sends' channel constraints and, when it keeps
// the message it delivers, that pair's duplication constraint).
func (f *fairSet) step(g *lgraph, e int, taken, trig []uint64) {
	orInto(taken, f.row(f.tTake, g.trans(e)+1))
	p := g.pair(e)
	setBit(taken, f.pairCon[p+1])
	if p >= 0 && g.kept(e) {
		setBit(trig, f.dupCon[p+1])
	}
	if g.snd[e] != 0 {
		g.sent(e, func(p int) {
			setBit(trig, f.pairCon[p+1])
			setBit(taken, f.dupCon[p+1])
		})
	}
}

// unmet returns the constraints an infinite run violates that visits
// exactly the worlds whose enabled masks are folded into all (AND) and some
// (OR) and takes the edges folded into taken and trig: weak ones enabled
// everywhere and never taken, strong ones enabled somewhere and never taken,
// channel and duplication ones triggered and never taken.
func (f *fairSet) unmet(all, some, taken, trig []uint64) []uint64 {
	out := make([]uint64, f.words)
	for i := range out {
		out[i] = (f.weak[i]&all[i] | f.strng[i]&some[i] | trig[i]) &^ taken[i]
	}
	return out
}

func orInto(dst, src []uint64) {
	for i, x := range src {
		dst[i] |= x
	}
}

func andInto(dst, src []uint64) {
	for i, x := range src {
		dst[i] &= x
	}
}

func anySet(m []uint64) bool {
	for _, x := range m {
		if x != 0 {
			return true
		}
	}
	return false
}

// members returns the indices of the set bits of m.
func members(m []uint64) []int {
	var out []int
	for i, x := range m {
		for x != 0 {
			out = append(out, i*64+bits.TrailingZeros64(x))
			x &= x - 1
		}
	}
	return out
}

// fairnessOf returns the spec's declared constraints (none when declared
// is false: the property says fairness: none) followed by the hypotheses:
// weak fairness for every other transition that is not a user call and for
// every other machine's discards, fair-lossy for every other pair
// (channel, message value) that some step of g sends, and finite
// duplication for every other pair that some step of g delivers and keeps.
// A machine's fair key covers its discards too: a fair machine does not
// leave an unmatched message in front of it forever. A channel's covers
// both of its pairs' constraints.
func fairnessOf(sys *model.System, g *lgraph, declared bool) []constraint {
	var cs []constraint
	add := func(c constraint, ok bool) {
		if ok {
			cs = append(cs, c)
		}
	}
	t := 0
	for _, m := range sys.Machines {
		for _, tr := range m.Transitions {
			add(transFairness(t, tr.Fair, declared, tr.Trigger == model.OnCall))
			t++
		}
	}
	for _, m := range sys.Machines {
		if m.Discard {
			add(transFairness(t+int(m.ID), m.Fair, declared, false))
		}
	}
	for _, p := range g.sentPairs() {
		fair := declared && pairChannel(sys, p).Fair
		cs = append(cs, constraint{kind: conChannel, pair: p, declared: fair})
	}
	for _, p := range g.keptPairs() {
		fair := declared && pairChannel(sys, p).Fair
		cs = append(cs, constraint{kind: conDup, pair: p, declared: fair})
	}
	// Declared ones first, so that they form a prefix (see Checker.fairSets).
	slices.SortStableFunc(cs, func(a, b constraint) int {
		switch {
		case a.declared == b.declared:
			return 0
		case a.declared:
			return -1
		}
		return 1
	})
	return cs
}

// transFairness is the constraint on transition (or discard) t whose
// fairness is f: as declared, if the property takes the spec's fairness
// and the spec declares some; else a weak hypothesis, except for a user
// call, which gets none.
func transFairness(t int, f model.Fairness, declared, call bool) (constraint, bool) {
	switch {
	case declared && f == model.WeakFair:
		return constraint{kind: conWeak, trans: t, declared: true}, true
	case declared && f == model.StrongFair:
		return constraint{kind: conStrong, trans: t, declared: true}, true
	case call:
		return constraint{}, false
	}
	return constraint{kind: conWeak, trans: t}, true
}

// pairChannel returns the channel of a (channel, message value) pair
// index: pairs number channel × MsgValues + value.
func pairChannel(sys *model.System, p int) *model.Channel {
	return sys.Channels[p/sys.MsgValues()]
}

// describe names constraint c for notes: "client complete", "server's
// discards" or, for a channel or duplication constraint, "SYN(seq=0) on
// client->server".
func describe(sys *model.System, c constraint) string {
	if c.kind == conChannel || c.kind == conDup {
		return fmt.Sprintf("%s on %s", sys.FormatMsgValue(c.pair%sys.MsgValues()), pairChannel(sys, c.pair).Name)
	}
	base := lts.Base(sys)
	for i, m := range sys.Machines {
		if c.trans < base[i+1] {
			return m.Name + " " + m.Transitions[c.trans-base[i]].Name
		}
	}
	return sys.Machines[c.trans-base[len(sys.Machines)]].Name + "'s discards"
}

// sentPairs returns the pairs some edge sends, in increasing order.
func (g *lgraph) sentPairs() []int {
	seen := newBitset(g.nPair)
	for e, s := range g.snd {
		if s != 0 {
			g.sent(e, seen.set)
		}
	}
	return seen.list(g.nPair)
}

// keptPairs returns the pairs some edge delivers and keeps, in increasing
// order.
func (g *lgraph) keptPairs() []int {
	seen := newBitset(g.nPair)
	for e := range g.dst {
		if p := g.pair(e); p >= 0 && g.kept(e) {
			seen.set(p)
		}
	}
	return seen.list(g.nPair)
}
