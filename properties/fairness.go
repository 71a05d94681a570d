package properties

import (
	"fmt"
	"math/bits"
	"slices"

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
)

// A constraint is one fairness assumption. Declared constraints come from
// the spec; the others are hypotheses, checked only to explain whether a
// counterexample is fair (see [liveCtx.explain]).
type constraint struct {
	kind     conKind
	trans    int // conWeak, conStrong: the global transition index
	pair     int // conChannel: channel*MsgValues() + message value
	declared bool
}

// A fairSet is a list of constraints compiled to bit masks indexed by
// constraint: for each transition, the weak and strong constraints its steps
// take (row t+1, so that -1, a step of the network, is the all-zero row 0);
// for each pair, the channel constraint on it (pairCon[p+1], or -1). A pair
// is delivered by a step that takes its constraint and sent by one that
// triggers it.
type fairSet struct {
	cons    []constraint
	words   int
	tTake   []uint64
	pairCon []int32
	weak    []uint64
	strng   []uint64
}

// newFairSet compiles cons over nTrans transitions and nPair pairs.
func newFairSet(nTrans, nPair int, cons []constraint) *fairSet {
	w := max(1, (len(cons)+63)/64)
	f := &fairSet{cons: cons, words: w, tTake: make([]uint64, (nTrans+1)*w), pairCon: make([]int32, nPair+1),
		weak: make([]uint64, w), strng: make([]uint64, w)}
	for i := range f.pairCon {
		f.pairCon[i] = -1
	}
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
		}
	}
	return f
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

// step adds to taken the constraints edge e takes (its transition, its
// delivery) and to trig those it triggers (its sends).
func (f *fairSet) step(g *lgraph, e int, taken, trig []uint64) {
	orInto(taken, f.row(f.tTake, g.trans(e)+1))
	if c := f.pairCon[g.pair(e)+1]; c >= 0 {
		taken[c/64] |= 1 << (c % 64)
	}
	if g.snd[e] != 0 {
		g.sent(e, func(p int) {
			if c := f.pairCon[p+1]; c >= 0 {
				trig[c/64] |= 1 << (c % 64)
			}
		})
	}
}

// unmet returns the constraints an infinite run violates that visits
// exactly the worlds whose enabled masks are folded into all (AND) and some
// (OR) and takes the edges folded into taken and trig: weak ones enabled
// everywhere and never taken, strong ones enabled somewhere and never taken,
// channel ones triggered and never taken.
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
// every other machine's discards, and fair-lossy for every other pair
// (channel, message value) that some step of g sends. A machine's fair key
// covers its discards too: a fair machine does not leave an unmatched
// message in front of it forever.
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
	// Declared ones first, so that they form a prefix (see liveCtx.fairSets).
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
// discards" or "SYN(seq=0) on client->server".
func describe(sys *model.System, c constraint) string {
	if c.kind == conChannel {
		return fmt.Sprintf("%s on %s", sys.FormatMsgValue(c.pair%sys.MsgValues()), pairChannel(sys, c.pair).Name)
	}
	base := transBase(sys)
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
	var out []int
	for p := range g.nPair {
		if seen.has(p) {
			out = append(out, p)
		}
	}
	return out
}
