package properties

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// An lgraph is the successor relation of an explored graph with a label on
// every edge, in compressed sparse row form: the edges of world v are
// off[v]:off[v+1], in the order the stepper yields them, so that edge
// off[v]+k is the k-th action of v and a path of edges can be turned back
// into actions. Package explore stores no edges; liveness rebuilds them here.
//
// A label says what fairness needs to know of a step: which transition
// fired (t, a global index over every machine's transitions, then one
// pseudo-transition per machine for its discards; -1 for a step of the
// network) and which pair it delivered (p, or -1), where a pair is a
// channel and a message value: channel*MsgValues() + value. It is packed as
// (t+1)*(nPair+1) + (p+1). A discard delivers its message; a network loss
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

const multiSend = 1 << 31

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

// trans returns the transition an edge fires, or -1.
func (g *lgraph) trans(e int) int { return int(g.lab[e])/(g.nPair+1) - 1 }

// pair returns the (channel, message type) pair an edge delivers, or -1.
func (g *lgraph) pair(e int) int { return int(g.lab[e])%(g.nPair+1) - 1 }

// label packs a transition and a delivered pair, each possibly -1.
func (g *lgraph) label(t, p int) uint32 { return uint32((t+1)*(g.nPair+1) + p + 1) }

// source returns the world an edge leaves.
func (g *lgraph) source(e int) uint32 {
	return uint32(sort.Search(g.n, func(v int) bool { return g.off[v+1] > e }))
}

// lgraphChunk is the edges of a range of worlds, built by one worker.
type lgraphChunk struct {
	lo, hi int
	count  []uint32
	dst    []uint32
	lab    []uint32
	snd    []uint32
	multi  [][]int  // indexed by snd&^multiSend within the chunk
	keep   []uint32 // the chunk's edges (counted from its first) that keep
	err    error
}

const lgraphChunkSize = 4096

// labelled rebuilds the edges of g with their labels, in parallel. Worlds
// that were not expanded (a limit stopped the search) get no edges.
func labelled(ctx context.Context, sys *model.System, g *explore.Graph) (*lgraph, error) {
	lg := &lgraph{n: g.Len(), nInit: len(g.Initial()), nPair: len(sys.Channels) * sys.MsgValues()}
	base := transBase(sys)
	lg.nTrans = base[len(sys.Machines)] + len(sys.Machines)
	if (lg.nTrans+1)*(lg.nPair+1) >= 1<<32 {
		return nil, fmt.Errorf("liveness: too many transitions and messages to label the edges")
	}
	var chunks []*lgraphChunk
	for lo := 0; lo < lg.n; lo += lgraphChunkSize {
		chunks = append(chunks, &lgraphChunk{lo: lo, hi: min(lo+lgraphChunkSize, lg.n)})
	}
	perWorld := 1 + int(g.Stats().Transitions/int64(max(lg.n, 1)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers(), max(len(chunks), 1)) {
		f := &filler{lg: lg, sys: sys, g: g, st: sys.NewStepper(), base: base, nVal: sys.MsgValues()}
		f.st.TrackSends()
		f.yield = f.onStep
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(chunks) {
					return
				}
				f.fill(chunks[i], perWorld)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := lg.join(chunks, g); err != nil {
		return nil, err
	}
	lg.markQuiet(callTransitions(sys))
	return lg, nil
}

// callTransitions marks, by global transition index, the user calls.
func callTransitions(sys *model.System) []bool {
	var out []bool
	for _, m := range sys.Machines {
		for _, t := range m.Transitions {
			out = append(out, t.Trigger == model.OnCall)
		}
	}
	return append(out, make([]bool, len(sys.Machines))...) // discards
}

// markQuiet sets quiet for the worlds with steps, all of them user calls.
func (lg *lgraph) markQuiet(call []bool) {
	lg.quiet = newBitset(lg.n)
	for v := range lg.n {
		lo, hi := lg.edges(uint32(v))
		q := hi > lo
		for e := lo; e < hi && q; e++ {
			t := lg.trans(e)
			q = t >= 0 && call[t]
		}
		if q {
			lg.quiet.set(v)
		}
	}
}

// rests reports whether a run may stay in v forever under f: v has no
// successor, or only user calls and none of them is owed a step by f.
func (lg *lgraph) rests(f *fairSet, v uint32) bool {
	if lg.stuck.has(int(v)) {
		return true
	}
	return lg.quiet != nil && lg.quiet.has(int(v)) && !f.obliges(lg, v)
}

func workers() int { return runtime.GOMAXPROCS(0) }

// transBase returns, for each machine, the global index of its first
// transition; the last entry is the total.
func transBase(sys *model.System) []int {
	base := make([]int, len(sys.Machines)+1)
	for i, m := range sys.Machines {
		base[i+1] = base[i] + len(m.Transitions)
	}
	return base
}

// A filler computes labelled edges with its own stepper, for one goroutine.
// yield is its onStep method, bound once so that no closure is allocated
// per world.
type filler struct {
	lg    *lgraph
	sys   *model.System
	g     *explore.Graph
	st    *model.Stepper
	base  []int
	nVal  int
	yield func(*model.Action, []byte)
	c     *lgraphChunk
	v     int
	w     model.World
}

// fill computes the labelled edges of one chunk, expecting about perWorld
// edges per world.
func (f *filler) fill(c *lgraphChunk, perWorld int) {
	f.c = c
	n := (c.hi - c.lo) * perWorld
	c.dst, c.lab, c.snd = make([]uint32, 0, n), make([]uint32, 0, n), make([]uint32, 0, n)
	for f.v = c.lo; f.v < c.hi; f.v++ {
		mark := len(c.dst)
		if id := explore.StateID(f.v); f.g.Expanded(id) {
			f.w = model.World(f.g.State(id))
			if err := f.st.Successors(f.w, f.yield); err != nil && c.err == nil {
				c.err = err
			}
		}
		c.count = append(c.count, uint32(len(c.dst)-mark))
	}
}

// onStep records one edge of world f.v: its target and its labels.
func (f *filler) onStep(a *model.Action, succ []byte) {
	c := f.c
	to, ok := f.g.Lookup(succ)
	if !ok {
		c.err = fmt.Errorf("liveness: a successor of world %d is not in the graph", f.v)
		return
	}
	t, p := -1, -1
	switch a.Kind {
	case model.ActFire:
		t = f.base[a.Machine] + a.Trans
	case model.ActDiscard:
		t = f.base[len(f.base)-1] + int(a.Machine)
	}
	if (a.Kind == model.ActFire || a.Kind == model.ActDiscard) && a.Slot >= 0 {
		p = int(a.Channel)*f.nVal + f.sys.MsgValueAt(f.w, a.Channel, a.Slot)
	}
	if a.Keep && p >= 0 {
		c.keep = append(c.keep, uint32(len(c.dst)))
	}
	c.dst = append(c.dst, uint32(to))
	c.lab = append(c.lab, f.lg.label(t, p))
	c.snd = append(c.snd, c.sends(a, f.st))
}

// sends encodes the pairs a step sent, as lgraph.snd does (multi indices
// are local to the chunk until join).
func (c *lgraphChunk) sends(a *model.Action, st *model.Stepper) uint32 {
	if a.Kind != model.ActFire {
		return 0
	}
	switch sent := st.Sent(); len(sent) {
	case 0:
		return 0
	case 1:
		return uint32(sent[0]) + 1
	default:
		c.multi = append(c.multi, append([]int(nil), sent...))
		return multiSend | uint32(len(c.multi)-1)
	}
}

// join concatenates the chunks and finds the stuck worlds.
func (lg *lgraph) join(chunks []*lgraphChunk, g *explore.Graph) error {
	total, kept := 0, 0
	for _, c := range chunks {
		if c.err != nil {
			return c.err
		}
		total += len(c.dst)
		kept += len(c.keep)
	}
	if kept > 0 {
		lg.keep = newBitset(total)
	}
	lg.off = make([]int, 1, lg.n+1)
	lg.dst = make([]uint32, 0, total)
	lg.lab = make([]uint32, 0, total)
	lg.snd = make([]uint32, 0, total)
	for _, c := range chunks {
		for _, e := range c.keep {
			lg.keep.set(len(lg.dst) + int(e))
		}
		for _, k := range c.count {
			lg.off = append(lg.off, lg.off[len(lg.off)-1]+int(k))
		}
		lg.dst = append(lg.dst, c.dst...)
		lg.lab = append(lg.lab, c.lab...)
		base := uint32(len(lg.multi))
		for _, s := range c.snd {
			if s&multiSend != 0 {
				s += base
			}
			lg.snd = append(lg.snd, s)
		}
		lg.multi = append(lg.multi, c.multi...)
	}
	lg.stuck = newBitset(lg.n)
	for _, id := range g.Deadlocks() {
		lg.stuck.set(int(id))
	}
	return nil
}

// actionAt returns the k-th action the stepper yields in w: the action of
// edge off[v]+k of the world v encoded as w.
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
		err = fmt.Errorf("liveness: world has %d actions, not %d", i, k+1)
	}
	return out, err
}
