package liveness

import (
	"context"
	"sort"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// An lgraph is the successor relation of an explored graph with a label on
// every edge, in compressed sparse row form: the edges of world v are
// off[v]:off[v+1], in the order the stepper yields them, so that edge
// off[v]+k is the k-th action of v and a path of edges can be turned back
// into actions. It is a view of the relation package lts builds once per
// explored graph (see [fromRelation]), in the form liveness walks.
//
// A label says what fairness needs to know of a step: which transition
// fired (t, a global index over every machine's transitions, then one
// pseudo-transition per machine for its discards; -1 for a step of the
// network) and which pair it delivered (p, or -1), where a pair is a
// channel and a message value: channel*MsgValues() + value. It is packed as
// (t+1)*(nPair+1) + (p+1), where a t of nTrans or more is a step of the
// network, as t = -1 is (package lts says which). A discard delivers its message; a network loss
// delivers nothing. snd gives the pairs a step sent: 0 for none, k+1 for
// the one pair k, or multiSend|i for the pairs multi[i]. keep marks the
// deliveries that leave the message in its channel (a duplicating channel's
// model.Action.Keep); it is nil when no edge does.
type lgraph struct {
	n      int
	nInit  int
	nTrans int // transitions over every machine, then one discard per machine
	nPair  int // (channel, message type) pairs
	off    []int
	dst    []uint32
	lab    []uint32
	snd    []uint32
	multi  [][]int
	keep   bitset // edges that deliver and keep their message, or nil
	stuck  bitset // expanded worlds with no successor: runs stutter there
	// quiet marks the worlds whose every step is a user call: the users may
	// stop calling, so a run may stutter there unless a fairness constraint
	// (a call declared fair) obliges a step.
	quiet bitset
}

const multiSend = lts.MultiSend

// sent calls f with each pair edge e sends.
func (g *lgraph) sent(e int, f func(p int)) {
	switch s := g.snd[e]; {
	case s == 0:
	case s&multiSend != 0:
		for _, p := range g.multi[s&^multiSend] {
			f(p)
		}
	default:
		f(int(s) - 1)
	}
}

// kept reports whether edge e delivers its pair and leaves a copy in the
// channel.
func (g *lgraph) kept(e int) bool { return g.keep != nil && g.keep.has(e) }

// edges returns the edge indices of v.
func (g *lgraph) edges(v uint32) (lo, hi int) { return g.off[v], g.off[v+1] }

// trans returns the transition an edge fires, or -1. Codes beyond the
// transitions are the network's steps (see [lts.CSR]).
func (g *lgraph) trans(e int) int {
	if t := int(g.lab[e])/(g.nPair+1) - 1; t < g.nTrans {
		return t
	}
	return -1
}

// pair returns the (channel, message type) pair an edge delivers, or -1.
func (g *lgraph) pair(e int) int { return int(g.lab[e])%(g.nPair+1) - 1 }

// label packs a transition and a delivered pair, each possibly -1.
func (g *lgraph) label(t, p int) uint32 { return uint32((t+1)*(g.nPair+1) + p + 1) }

// source returns the world an edge leaves.
func (g *lgraph) source(e int) uint32 {
	return uint32(sort.Search(g.n, func(v int) bool { return g.off[v+1] > e }))
}

// fromRelation views the relation r as an lgraph. The slices are r's own.
func fromRelation(r *lts.Relation) *lgraph {
	c := r.CSR()
	return &lgraph{n: c.N, nInit: c.NInit, nTrans: c.NTrans, nPair: c.NPair, off: c.Off, dst: c.Dst, lab: c.Lab,
		snd: c.Snd, multi: c.Multi, keep: c.Keep, stuck: c.Stuck, quiet: c.Quiet}
}

// labelled returns the labelled edges of g, built by package lts.
func labelled(ctx context.Context, sys *model.System, g *explore.Graph) (*lgraph, error) {
	r, err := lts.New(sys, g).Relation(ctx)
	if err != nil {
		return nil, err
	}
	return fromRelation(r), nil
}

// rests reports whether a run may stay in v forever under f: v has no
// successor, or only user calls and none of them is owed a step by f.
func (lg *lgraph) rests(f *fairSet, v uint32) bool {
	if lg.stuck.has(int(v)) {
		return true
	}
	return lg.quiet != nil && lg.quiet.has(int(v)) && !f.obliges(lg, v)
}
