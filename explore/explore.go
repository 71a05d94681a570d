package explore

import (
	"context"
	"fmt"
	"math"
	"runtime"
)

// Explore enumerates the states of m reachable from its initial states.
//
// It returns the graph in every case. The error is nil if the search
// finished; [ErrStateLimit], [ErrDepthLimit] or [ErrMemoryLimit] if a
// limit of opt stopped it; [ErrStopped] if a hook did; ctx.Err() if ctx
// was cancelled; a *[ModelError] if the model failed at a stored state,
// whose [Graph.Path] is then the trace to the failure; or an error
// wrapping one from m.Init. A partial graph is consistent:
// every state in it is reachable along its Path, and [Graph.Expanded]
// tells which states had all their successors stored.
//
// With BFS the graph, IDs included, is the same whatever opt.Workers, and
// a limit, a hook or a model error stops the search where a sequential
// search would stop; only cancellation stops it at an unpredictable
// place, and the memory limit when the working buffers pass their reserve
// (see [Options.MaxMemory]).
func Explore(ctx context.Context, m Model, opt Options) (*Graph, error) {
	w := m.Width()
	if w <= 0 {
		return newGraph(1), fmt.Errorf("explore: state width %d is not positive", w)
	}
	g := newGraph(w)
	g.st.compact = opt.Compact
	mem := newBudget(opt)
	mem.graph.Store(g.st.mem.graph.Load())
	g.st.mem = mem
	mt := startMeter(opt, g)
	err := search(ctx, g, m, opt, mt)
	g.stopped = err != nil
	g.finish()
	g.st.dropAll()
	mt.stop(g)
	return g, err
}

// search fills g: initial states, then the search proper.
func search(ctx context.Context, g *Graph, m Model, opt Options, mt *meter) error {
	if opt.Order > DFS {
		return fmt.Errorf("explore: unknown order %d", opt.Order)
	}
	if opt.Order == DFS && (opt.Compact || opt.Check != nil || opt.Deadlock != nil) {
		return fmt.Errorf("explore: Compact, Check and Deadlock need BFS")
	}
	if opt.Order == DFS {
		g.depth = []uint32{}
	}
	if err := g.init(m, stateLimit(opt), opt.Check); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	mt.graph(g)
	if opt.Order == DFS {
		d := newDFS(ctx, g, m, opt, mt)
		err := d.run()
		if testWork != nil {
			testWork(g.st.mem.work.Load(), d.workBytes())
		}
		return err
	}
	return newBFS(ctx, g, m, opt, mt).run()
}

// init stores the initial states, merging duplicates, up to limit, and
// calls check, if not nil, for each until it returns true.
func (g *Graph) init(m Model, limit int, check func(StateID, []byte) bool) error {
	var bad, full, noMemory, stop bool
	k := uint32(0)
	err := m.Init(func(s []byte) {
		defer func() { k++ }()
		switch {
		case len(s) != g.st.width:
			bad = true
		case noMemory:
		case len(g.st.parent) < limit:
			id, isNew, ok := g.st.add(hash(s), s, noParent, k, g.depthGrowth())
			noMemory = !ok
			if isNew && g.depth != nil {
				g.appendDepth(0)
			}
			stop = stop || isNew && check != nil && check(StateID(id), s)
		case !full:
			_, found := g.st.lookup(hash(s), s)
			full = !found
		}
	})
	g.nInit = g.Len()
	if g.nInit > 0 {
		g.appendLevel(0)
	}
	switch {
	case err != nil:
		return fmt.Errorf("explore: init: %w", err)
	case bad:
		return fmt.Errorf("explore: init: initial state is not %d bytes wide", g.st.width)
	case noMemory:
		return ErrMemoryLimit
	case full:
		return ErrStateLimit
	case stop:
		return ErrStopped
	}
	return nil
}

// stateLimit returns the effective bound on stored states.
func stateLimit(opt Options) int {
	if opt.MaxStates <= 0 || opt.MaxStates > maxIDs {
		return maxIDs
	}
	return opt.MaxStates
}

// depthLimit returns the depth of states that are not expanded.
func depthLimit(opt Options) int {
	if opt.MaxDepth <= 0 {
		return math.MaxInt
	}
	return opt.MaxDepth
}

func workerCount(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// cancelled polls done without blocking; unlike ctx.Err it takes no lock.
func cancelled(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
