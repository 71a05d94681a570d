package explore

import (
	"sync"
	"sync/atomic"
	"time"
)

// Progress is a snapshot of a running search.
type Progress struct {
	States      int64         // distinct states stored
	Transitions int64         // successors generated so far
	Depth       int           // depth of the states being expanded
	Frontier    int           // states waiting to be expanded: stored and not yet taken by a worker (BFS), or on the stack (DFS)
	Elapsed     time.Duration // since the search started
	// Bytes is the memory the search holds, as [Options.MaxMemory]
	// counts it: the graph and the working buffers (the candidates of the
	// chunks being expanded, the DFS stack). The last report gives
	// [Stats.Bytes], the graph's.
	Bytes int64
}

// A meter publishes the progress of a search through atomics, so that the
// search never waits for the reporter, and calls Options.Progress from its
// own goroutine.
type meter struct {
	states      atomic.Int64
	transitions atomic.Int64
	depth       atomic.Int64
	frontier    atomic.Int64
	mem         *budget
	start       time.Time
	report      func(Progress)
	quit        chan struct{}
	wg          sync.WaitGroup
}

// startMeter starts the reporter if opt asks for one.
func startMeter(opt Options, g *Graph) *meter {
	mt := &meter{start: time.Now(), report: opt.Progress, mem: g.st.mem}
	if mt.report == nil {
		return mt
	}
	every := opt.ProgressInterval
	if every <= 0 {
		every = time.Second
	}
	mt.quit = make(chan struct{})
	mt.wg.Go(func() { mt.loop(every) })
	return mt
}

func (mt *meter) loop(every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-mt.quit:
			return
		case <-t.C:
			mt.report(mt.snapshot())
		}
	}
}

func (mt *meter) snapshot() Progress {
	return Progress{
		States:      mt.states.Load(),
		Transitions: mt.transitions.Load(),
		Depth:       int(mt.depth.Load()),
		Frontier:    int(mt.frontier.Load()),
		Elapsed:     time.Since(mt.start),
		Bytes:       mt.mem.held(),
	}
}

// level records that the search is at depth d with n states waiting.
func (mt *meter) level(d, n int) {
	mt.depth.Store(int64(d))
	mt.frontier.Store(int64(n))
}

// graph records the size of g. Only the goroutine writing g calls it.
func (mt *meter) graph(g *Graph) {
	if mt.report == nil {
		return
	}
	mt.states.Store(int64(g.Len()))
}

// stop ends the reporter and makes the final report, from g's statistics.
func (mt *meter) stop(g *Graph) {
	if mt.report == nil {
		return
	}
	close(mt.quit)
	mt.wg.Wait()
	s := g.Stats()
	mt.report(Progress{States: s.States, Transitions: s.Transitions, Depth: s.MaxDepth,
		Elapsed: time.Since(mt.start), Bytes: s.Bytes})
}
