package explore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// An Adjacency is the successor relation of a [Graph] in compressed sparse
// row form. It is immutable and safe for concurrent use.
type Adjacency struct {
	offsets []int64 // successors of id are targets[offsets[id]:offsets[id+1]]
	targets []StateID
}

// Len returns the number of states, which is the Len of the Graph.
func (a *Adjacency) Len() int { return len(a.offsets) - 1 }

// Out returns the successors of id in the order Next yielded them,
// duplicates and self-loops included. It is empty for a state that was not
// expanded. The caller must not modify it.
func (a *Adjacency) Out(id StateID) []StateID {
	return a.targets[a.offsets[id]:a.offsets[id+1]:a.offsets[id+1]]
}

// edgeChunk is a range of states and the successors found for them.
type edgeChunk struct {
	lo, hi  uint32
	counts  []uint32 // successors of each state
	targets []StateID
	err     error
}

// edgeChunkSize is the number of states per unit of parallel work.
const edgeChunkSize = 1024

// Edges computes the successors of every expanded state of g by calling
// m's Next again, in parallel on workers goroutines (0 means
// runtime.GOMAXPROCS(0)), and looking them up in g. The search does not
// store edges, so that it needs less memory; analyses that need them, such
// as strongly connected components, pay for them here.
//
// m must be the model that built g; a compact graph has no states to
// expand, and Edges returns [ErrCompact]. If Next fails, or yields a state that
// is not in g, Edges returns a *[ModelError].
func (g *Graph) Edges(ctx context.Context, m Model, workers int) (*Adjacency, error) {
	if g.st.compact {
		return nil, ErrCompact
	}
	if w := m.Width(); w != g.st.width {
		return nil, fmt.Errorf("explore: edges: model width %d, graph width %d", w, g.st.width)
	}
	var chunks []*edgeChunk
	for lo := 0; lo < g.Len(); lo += edgeChunkSize {
		chunks = append(chunks, &edgeChunk{lo: uint32(lo), hi: uint32(min(lo+edgeChunkSize, g.Len()))})
	}
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(workerCount(workers), max(len(chunks), 1)) {
		e := &edger{g: g, exp: m.NewExpander(), next: &next, failed: &failed}
		e.yield = e.onSucc
		wg.Go(func() { e.run(ctx.Done(), chunks) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return join(chunks)
}

// join concatenates the chunks' successors, or returns the first error.
func join(chunks []*edgeChunk) (*Adjacency, error) {
	if len(chunks) == 0 {
		return &Adjacency{offsets: []int64{0}}, nil
	}
	var total int
	for _, c := range chunks {
		if c.err != nil {
			return nil, c.err
		}
		total += len(c.targets)
	}
	a := &Adjacency{offsets: make([]int64, 1, int(chunks[len(chunks)-1].hi)+1), targets: make([]StateID, 0, total)}
	for _, c := range chunks {
		for _, n := range c.counts {
			a.offsets = append(a.offsets, a.offsets[len(a.offsets)-1]+int64(n))
		}
		a.targets = append(a.targets, c.targets...)
	}
	return a, nil
}

// An edger computes the successors of chunks with its own Expander.
type edger struct {
	g       *Graph
	next    *atomic.Int64 // the next chunk to take
	failed  *atomic.Bool  // set when a chunk fails: stop taking more
	exp     Expander
	yield   func([]byte) // e.onSucc, bound once
	c       *edgeChunk
	missing bool // a successor was not in the graph
	bad     bool // a successor had the wrong width
}

func (e *edger) run(done <-chan struct{}, chunks []*edgeChunk) {
	for !cancelled(done) && !e.failed.Load() {
		i := int(e.next.Add(1) - 1)
		if i >= len(chunks) {
			return
		}
		if !e.expand(chunks[i]) {
			e.failed.Store(true)
		}
	}
}

// expand fills c. It returns false, having set c.err, on failure.
func (e *edger) expand(c *edgeChunk) bool {
	e.c = c
	for id := c.lo; id < c.hi; id++ {
		mark := len(c.targets)
		if e.g.Expanded(StateID(id)) {
			e.missing, e.bad = false, false
			err := e.exp.Next(e.g.st.at(id), e.yield)
			if err = e.check(err); err != nil {
				c.err = &ModelError{State: StateID(id), Err: err}
				return false
			}
		}
		c.counts = append(c.counts, uint32(len(c.targets)-mark))
	}
	return true
}

func (e *edger) check(err error) error {
	switch {
	case err != nil:
		return err
	case e.bad:
		return fmt.Errorf("explore: successor is not %d bytes wide", e.g.st.width)
	case e.missing:
		return fmt.Errorf("explore: successor is not in the graph")
	}
	return nil
}

func (e *edger) onSucc(s []byte) {
	if len(s) != e.g.st.width {
		e.bad = true
		return
	}
	id, ok := e.g.st.lookup(hash(s), s)
	if !ok {
		e.missing = true
		return
	}
	e.c.targets = append(e.c.targets, StateID(id))
}
