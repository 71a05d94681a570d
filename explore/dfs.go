package explore

import (
	"context"
	"slices"
)

// A dfs is a depth-first search on one goroutine, with an explicit stack.
// A state is pushed once, when it is first stored, and expanded when
// popped; its new successors are pushed in reverse so that the first one
// is expanded next. Its parent is the state it was first reached from, so
// paths replay but are not shortest.
//
// With MaxDepth, a state first reached along a long path is not expanded
// even if a shorter path to it exists, so DFS may store fewer states than
// BFS under the same bound.
type dfs struct {
	g         *Graph
	ctx       context.Context
	exp       Expander
	yield     func([]byte) // d.onSucc, bound once
	maxStates int
	maxDepth  uint32
	meter     *meter
	stack     []uint32
	succ      []byte // successors of the state being expanded, back to back
	n         uint32 // their number
	bad       error  // set if one of them has the wrong width
	mem       *budget
}

func newDFS(ctx context.Context, g *Graph, m Model, opt Options, mt *meter) *dfs {
	d := &dfs{g: g, ctx: ctx, exp: m.NewExpander(), maxStates: stateLimit(opt), meter: mt,
		maxDepth: uint32(min(depthLimit(opt), int(^uint32(0))))}
	d.yield = d.onSucc
	d.mem = g.st.mem
	return d
}

func (d *dfs) run() error {
	done := d.ctx.Done()
	if !d.roomToPush(d.g.nInit) {
		return ErrMemoryLimit
	}
	for id := d.g.nInit - 1; id >= 0; id-- {
		d.stack = append(d.stack, uint32(id))
	}
	cut := false
	for steps := 0; len(d.stack) > 0; steps++ {
		if cancelled(done) {
			return d.ctx.Err()
		}
		if steps%256 == 0 {
			d.report()
		}
		id := d.stack[len(d.stack)-1]
		d.stack = d.stack[:len(d.stack)-1]
		if d.g.depth[id] >= d.maxDepth {
			cut = true
			continue
		}
		if err := d.expand(id); err != nil {
			return err
		}
	}
	if cut {
		return ErrDepthLimit
	}
	return nil
}

// workBytes returns the bytes of the working buffers, from their
// capacities.
func (d *dfs) workBytes() int64 { return int64(4*cap(d.stack) + cap(d.succ)) }

// expand stores the successors of id and pushes the new ones. They are
// buffered while Next runs, so that a failing Next stores none.
func (d *dfs) expand(id uint32) error {
	d.n, d.bad, d.succ = 0, nil, d.succ[:0]
	err := d.exp.Next(d.g.st.at(id), d.yield)
	if err == nil {
		err = d.bad
	}
	if err == ErrMemoryLimit {
		return ErrMemoryLimit
	}
	if err != nil {
		return &ModelError{State: StateID(id), Err: err}
	}
	if !d.roomToPush(len(d.succ)/d.g.st.width) || !d.g.roomToMark(id, d.n) {
		return ErrMemoryLimit
	}
	fresh := len(d.stack)
	if err := d.store(id); err != nil {
		return err
	}
	d.g.markExpanded(id, d.n)
	slices.Reverse(d.stack[fresh:])
	return nil
}

// store inserts the buffered successors of id and pushes the new ones. It
// returns ErrStateLimit or ErrMemoryLimit if a limit left one out.
func (d *dfs) store(id uint32) error {
	st := &d.g.st
	w := st.width
	dep := d.g.depth[id] + 1
	for i := 0; i < len(d.succ); i += w {
		s := d.succ[i : i+w]
		h := hash(s)
		if len(st.parent) >= d.maxStates {
			if _, ok := st.lookup(h, s); !ok {
				return ErrStateLimit
			}
			continue
		}
		fresh, isNew, ok := st.add(h, s, id, 0, d.g.depthGrowth())
		if !ok {
			return ErrMemoryLimit
		}
		if isNew {
			d.g.appendDepth(dep)
			d.g.maxDepth = max(d.g.maxDepth, int(dep))
			d.stack = append(d.stack, fresh)
		}
	}
	return nil
}

// roomToPush makes room on the stack for n more states, if the memory
// budget allows, and reports whether it did.
func (d *dfs) roomToPush(n int) bool {
	if len(d.stack)+n <= cap(d.stack) {
		return true
	}
	c := max(grownCap(cap(d.stack)), len(d.stack)+n)
	if !d.mem.growWork(int64(c)*4, int64(cap(d.stack))*4) {
		return false
	}
	out := make([]uint32, len(d.stack), c)
	copy(out, d.stack)
	d.stack = out
	return true
}

func (d *dfs) onSucc(s []byte) {
	d.n++
	if len(s) != d.g.st.width {
		if d.bad == nil {
			d.bad = errWidth{got: len(s), want: d.g.st.width}
		}
		return
	}
	if d.bad != nil {
		return
	}
	if len(d.succ)+len(s) > cap(d.succ) {
		c := max(grownCap(cap(d.succ)), len(d.succ)+len(s))
		if !d.mem.growWork(int64(c), int64(cap(d.succ))) {
			d.bad = ErrMemoryLimit
			return
		}
		out := make([]byte, len(d.succ), c)
		copy(out, d.succ)
		d.succ = out
	}
	d.succ = append(d.succ, s...)
}

func (d *dfs) report() {
	d.meter.level(d.g.maxDepth, len(d.stack))
	d.meter.transitions.Store(d.g.transitions)
	d.meter.graph(d.g)
}
