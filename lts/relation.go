package lts

import (
	"fmt"
	"sort"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// A Relation is the successor relation of an explored graph with a label
// on every edge, in compressed sparse row form: the edges of world v are
// Out(v) = off[v]:off[v+1], in the order the stepper yields them, so that
// edge off[v]+k is the k-th action of v and a path of edges can be turned
// back into actions ([Relation.Action]). Worlds that were not expanded (a
// limit stopped the search) have no edges. A Relation is immutable and
// safe for concurrent use.
//
// A label says what an action is, as far as fairness, coverage and the
// pictures need: which transition fired (a global index over every
// machine's transitions, then one pseudo-transition per machine for its
// discards; see [Relation.Trans]), which pair it delivered (a channel and
// a message value, channel*MsgValues() + value; see [Relation.Pair]), and
// for a step of the network its kind and channel. The pairs a step sent
// and whether a delivery keeps its message (a duplicating channel's
// model.Action.Keep) are kept beside it.
type Relation struct {
	sys    *model.System
	g      *explore.Graph
	base   []int // global index of each machine's first transition; last: the total
	n      int
	nInit  int
	nTrans int // transitions over every machine, then one discard per machine
	nPair  int // (channel, message value) pairs
	off    []int
	dst    []uint32
	lab    []uint32 // code*(nPair+1) + (pair+1); see codeOf
	snd    []uint32 // 0 for none, k+1 for the one pair k, or multiSend|i for multi[i]
	multi  [][]int
	keep   []uint64 // edges that deliver and keep their message, or nil
	stuck  []uint64 // expanded worlds with no successor
	quiet  []uint64 // worlds with steps, every one a user call
}

const multiSend = 1 << 31

// Label codes: 0 is unused, 1+t is transition (or discard) t, and
// 1+nTrans+k*channels+c is the network's action of kind ActDrop+k on
// channel c.
const netKinds = int(model.ActLinkUp-model.ActDrop) + 1

// Len returns the number of worlds, which is the Len of the explored graph.
func (r *Relation) Len() int { return r.n }

// Initials returns the number of initial worlds: they are 0 to Initials()-1.
func (r *Relation) Initials() int { return r.nInit }

// Edges returns the number of edges.
func (r *Relation) Edges() int { return len(r.dst) }

// Transitions returns the number of global transition indices: every
// machine's transitions, then one discard pseudo-transition per machine.
func (r *Relation) Transitions() int { return r.nTrans }

// Pairs returns the number of (channel, message value) pairs.
func (r *Relation) Pairs() int { return r.nPair }

// Base returns, for each machine, the global index of its first
// transition; the last entry is the number of (real) transitions, and the
// discard pseudo-transition of machine i is Base()[last]+i. The caller
// must not modify it.
func (r *Relation) Base() []int { return r.base }

// Out returns the edges of world v: lo to hi-1.
func (r *Relation) Out(v uint32) (lo, hi int) { return r.off[v], r.off[v+1] }

// To returns the world edge e leads to.
func (r *Relation) To(e int) uint32 { return r.dst[e] }

// Source returns the world edge e leaves.
func (r *Relation) Source(e int) uint32 {
	return uint32(sort.Search(r.n, func(v int) bool { return r.off[v+1] > e }))
}

// code returns the label code of edge e.
func (r *Relation) code(e int) int { return int(r.lab[e]) / (r.nPair + 1) }

// Trans returns the global transition index edge e fires (a discard's
// pseudo-transition included), or -1 for a step of the network.
func (r *Relation) Trans(e int) int {
	if c := r.code(e); c >= 1 && c <= r.nTrans {
		return c - 1
	}
	return -1
}

// Pair returns the (channel, message value) pair edge e delivers, or -1.
func (r *Relation) Pair(e int) int { return int(r.lab[e])%(r.nPair+1) - 1 }

// Sent calls f with each pair edge e sends.
func (r *Relation) Sent(e int, f func(p int)) {
	switch s := r.snd[e]; {
	case s == 0:
	case s&multiSend != 0:
		for _, p := range r.multi[s&^multiSend] {
			f(p)
		}
	default:
		f(int(s) - 1)
	}
}

// Kept reports whether edge e delivers its pair and leaves a copy in the
// channel.
func (r *Relation) Kept(e int) bool { return r.keep != nil && has(r.keep, e) }

// Stuck reports whether world v was expanded and has no successor.
func (r *Relation) Stuck(v uint32) bool { return has(r.stuck, int(v)) }

// Quiet reports whether world v has successors and every step it takes
// is a user call: the users may stop calling, so a run may stay there.
func (r *Relation) Quiet(v uint32) bool { return has(r.quiet, int(v)) }

// Step returns what edge e does as far as its label tells: Kind, Machine,
// Trans and Channel, the fields that [model.System.Label] reads. Choice,
// Slot and Keep are not filled in; [Relation.Action] gives the whole
// action.
func (r *Relation) Step(e int) model.Action {
	c, nm := r.code(e), len(r.base)-1
	switch {
	case c <= r.base[nm]: // a transition
		t := c - 1
		m := sort.Search(nm, func(i int) bool { return r.base[i+1] > t })
		return model.Action{Kind: model.ActFire, Machine: model.MachineID(m), Trans: t - r.base[m], Slot: -1}
	case c <= r.nTrans: // a discard
		ch := r.Pair(e) / r.sys.MsgValues()
		return model.Action{Kind: model.ActDiscard, Machine: model.MachineID(c - 1 - r.base[nm]), Channel: model.ChannelID(ch), Slot: -1}
	}
	k := c - 1 - r.nTrans
	nc := len(r.sys.Channels)
	return model.Action{Kind: model.ActDrop + model.ActionKind(k/nc), Channel: model.ChannelID(k % nc), Slot: -1}
}

// Label returns the label of edge e, as [model.System.Label] writes it.
func (r *Relation) Label(e int) string { return r.sys.Label(r.Step(e)) }

// Action returns the whole action of edge e, a step of world v, by
// expanding v once more with st (a stepper of the system, for the
// caller's goroutine).
func (r *Relation) Action(st *model.Stepper, v uint32, e int) (model.Action, error) {
	return actionAt(st, model.World(r.g.State(explore.StateID(v))), e-r.off[v])
}

// actionAt returns the k-th action the stepper yields in w.
func actionAt(st *model.Stepper, w model.World, k int) (model.Action, error) {
	var out model.Action
	i := 0
	err := st.Successors(w, func(a *model.Action, _ []byte) {
		if i == k {
			out = *a
		}
		i++
	})
	if err == nil && i <= k {
		err = fmt.Errorf("lts: world has %d actions, not %d", i, k+1)
	}
	return out, err
}

// CSR is the storage of a Relation, for the algorithms that walk it in
// hot loops (package properties' liveness). Its slices are the
// relation's own: read only. Lab[e] packs a code and a pair as
// code*(NPair+1) + pair+1, where code 1+t is transition t (t < NTrans) and
// any other code a step of the network; Snd[e] is 0 for no pair sent, k+1
// for the one pair k, or MultiSend|i for the pairs Multi[i]. Keep, Stuck
// and Quiet are bit sets (bit i of word i/64), Keep nil when no edge keeps.
type CSR struct {
	N, NInit, NTrans, NPair int
	Off                     []int
	Dst, Lab, Snd           []uint32
	Multi                   [][]int
	Keep, Stuck, Quiet      []uint64
}

// MultiSend marks a CSR.Snd entry that indexes CSR.Multi.
const MultiSend = multiSend

// CSR returns the relation's storage.
func (r *Relation) CSR() CSR {
	return CSR{N: r.n, NInit: r.nInit, NTrans: r.nTrans, NPair: r.nPair, Off: r.off, Dst: r.dst, Lab: r.lab,
		Snd: r.snd, Multi: r.multi, Keep: r.keep, Stuck: r.stuck, Quiet: r.quiet}
}

func has(b []uint64, i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

func set(b []uint64, i int) { b[i>>6] |= 1 << (uint(i) & 63) }

func newBits(n int) []uint64 { return make([]uint64, (n+63)/64) }
