package lts

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// chunk is the edges of a range of worlds, built by one worker.
type chunk struct {
	lo, hi int
	count  []uint32
	dst    []uint32
	lab    []uint32
	snd    []uint32
	multi  [][]int  // indexed by snd&^multiSend within the chunk
	keep   []uint32 // the chunk's edges (counted from its first) that keep
	err    error
}

const chunkSize = 4096

// build expands every expanded world of g once more, in parallel, and
// records its edges with their labels. A compact graph has no worlds to
// expand: it returns explore.ErrCompact.
func build(ctx context.Context, sys *model.System, g *explore.Graph) (*Relation, error) {
	if g.Compact() {
		return nil, explore.ErrCompact
	}
	r := &Relation{sys: sys, g: g, n: g.Len(), nInit: len(g.Initial()), nPair: len(sys.Channels) * sys.MsgValues()}
	r.base = Base(sys)
	r.nTrans = r.base[len(sys.Machines)] + len(sys.Machines)
	if (r.nTrans+1+netKinds*len(sys.Channels))*(r.nPair+1) >= 1<<32 {
		return nil, fmt.Errorf("lts: too many transitions and messages to label the edges")
	}
	var chunks []*chunk
	for lo := 0; lo < r.n; lo += chunkSize {
		chunks = append(chunks, &chunk{lo: lo, hi: min(lo+chunkSize, r.n)})
	}
	perWorld := 1 + int(g.Stats().Transitions/int64(max(r.n, 1)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(chunks), 1)) {
		f := &filler{r: r, st: sys.NewStepper(), nVal: sys.MsgValues()}
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
	if err := r.join(chunks); err != nil {
		return nil, err
	}
	r.markQuiet(callTransitions(sys))
	return r, nil
}

// Base returns, for each machine of sys, the global index of its first
// transition; the last entry is the total. Global transition indices
// number the transitions of every machine in order, as [Relation.Trans]
// does.
func Base(sys *model.System) []int {
	base := make([]int, len(sys.Machines)+1)
	for i, m := range sys.Machines {
		base[i+1] = base[i] + len(m.Transitions)
	}
	return base
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
func (r *Relation) markQuiet(call []bool) {
	r.quiet = newBits(r.n)
	for v := range r.n {
		lo, hi := r.Out(uint32(v))
		q := hi > lo
		for e := lo; e < hi && q; e++ {
			t := r.Trans(e)
			q = t >= 0 && call[t]
		}
		if q {
			set(r.quiet, v)
		}
	}
}

// A filler computes labelled edges with its own stepper, for one goroutine.
// yield is its onStep method, bound once so that no closure is allocated
// per world.
type filler struct {
	r     *Relation
	st    *model.Stepper
	nVal  int
	yield func(*model.Action, []byte)
	c     *chunk
	v     int
	w     model.World
}

// fill computes the labelled edges of one chunk, expecting about perWorld
// edges per world.
func (f *filler) fill(c *chunk, perWorld int) {
	f.c = c
	g := f.r.g
	n := (c.hi - c.lo) * perWorld
	c.dst, c.lab, c.snd = make([]uint32, 0, n), make([]uint32, 0, n), make([]uint32, 0, n)
	for f.v = c.lo; f.v < c.hi; f.v++ {
		mark := len(c.dst)
		if id := explore.StateID(f.v); g.Expanded(id) {
			f.w = model.World(g.State(id))
			if err := f.st.Successors(f.w, f.yield); err != nil && c.err == nil {
				c.err = err
			}
		}
		c.count = append(c.count, uint32(len(c.dst)-mark))
	}
}

// onStep records one edge of world f.v: its target and its labels.
func (f *filler) onStep(a *model.Action, succ []byte) {
	c, r := f.c, f.r
	to, ok := r.g.Lookup(succ)
	if !ok {
		c.err = fmt.Errorf("lts: a successor of world %d is not in the graph", f.v)
		return
	}
	code, p := 0, -1
	switch a.Kind {
	case model.ActFire:
		code = 1 + r.base[a.Machine] + a.Trans
	case model.ActDiscard:
		code = 1 + r.base[len(r.base)-1] + int(a.Machine)
	default:
		code = 1 + r.nTrans + int(a.Kind-model.ActDrop)*len(r.sys.Channels) + int(a.Channel)
	}
	if (a.Kind == model.ActFire || a.Kind == model.ActDiscard) && a.Slot >= 0 {
		p = int(a.Channel)*f.nVal + r.sys.MsgValueAt(f.w, a.Channel, a.Slot)
	}
	if a.Keep && p >= 0 {
		c.keep = append(c.keep, uint32(len(c.dst)))
	}
	c.dst = append(c.dst, uint32(to))
	c.lab = append(c.lab, uint32(code*(r.nPair+1)+p+1))
	c.snd = append(c.snd, c.sends(a, f.st))
}

// sends encodes the pairs a step sent, as Relation.snd does (multi
// indices are local to the chunk until join).
func (c *chunk) sends(a *model.Action, st *model.Stepper) uint32 {
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
func (r *Relation) join(chunks []*chunk) error {
	total, kept := 0, 0
	for _, c := range chunks {
		if c.err != nil {
			return c.err
		}
		total += len(c.dst)
		kept += len(c.keep)
	}
	if kept > 0 {
		r.keep = newBits(total)
	}
	r.off = make([]int, 1, r.n+1)
	r.dst = make([]uint32, 0, total)
	r.lab = make([]uint32, 0, total)
	r.snd = make([]uint32, 0, total)
	for _, c := range chunks {
		for _, e := range c.keep {
			set(r.keep, len(r.dst)+int(e))
		}
		for _, k := range c.count {
			r.off = append(r.off, r.off[len(r.off)-1]+int(k))
		}
		r.dst = append(r.dst, c.dst...)
		r.lab = append(r.lab, c.lab...)
		base := uint32(len(r.multi))
		for _, s := range c.snd {
			if s&multiSend != 0 {
				s += base
			}
			r.snd = append(r.snd, s)
		}
		r.multi = append(r.multi, c.multi...)
	}
	r.stuck = newBits(r.n)
	for _, id := range r.g.Deadlocks() {
		set(r.stuck, int(id))
	}
	return nil
}
