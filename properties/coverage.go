package properties

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// TransitionUse is how often one transition of the spec fires in an
// explored graph: the number of edges that fire it, over every instance
// of its machine.
type TransitionUse struct {
	Machine string // the machine, or the group its instances form
	Name    string
	Pos     syntax.Pos
	Fired   int64
}

// Coverage is the use of every transition of a spec, in declaration order,
// as SPIN reports the unreached code of a proctype: a transition that never
// fires is dead code in the model, or a sign that the faults or parameters
// never bring about what it handles.
type Coverage []TransitionUse

// Unfired returns the transitions that never fire.
func (c Coverage) Unfired() []TransitionUse {
	var out []TransitionUse
	for _, u := range c {
		if u.Fired == 0 {
			out = append(out, u)
		}
	}
	return out
}

// coverageChunk is how many worlds a worker takes at a time.
const coverageChunk = 4096

// CoverageOf counts, for every transition, the edges of g that fire it, by
// expanding every expanded world of g again (in parallel). Worlds a limit
// left unexpanded contribute nothing.
func CoverageOf(ctx context.Context, sys *model.System, g *explore.Graph) (Coverage, error) {
	base := transBase(sys)
	total := make([]int64, base[len(sys.Machines)])
	var mu sync.Mutex
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, runtime.GOMAXPROCS(0))
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			local, err := countFired(ctx, sys, g, base, &next)
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			for i, n := range local {
				total[i] += n
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	return byTransition(sys, base, total), ctx.Err()
}

// countFired expands the chunks of worlds it takes from next and counts the
// firings of each transition (by global index).
func countFired(ctx context.Context, sys *model.System, g *explore.Graph, base []int, next *atomic.Int64) ([]int64, error) {
	st := sys.NewStepper()
	local := make([]int64, base[len(sys.Machines)])
	yield := func(a *model.Action, _ []byte) {
		if a.Kind == model.ActFire {
			local[base[a.Machine]+a.Trans]++
		}
	}
	for ctx.Err() == nil {
		lo := int(next.Add(coverageChunk) - coverageChunk)
		if lo >= g.Len() {
			break
		}
		for v := lo; v < min(lo+coverageChunk, g.Len()); v++ {
			id := explore.StateID(v)
			if !g.Expanded(id) {
				continue
			}
			if err := st.Successors(g.State(id), yield); err != nil {
				return nil, err
			}
		}
	}
	return local, nil
}

// byTransition folds the counts of a group's instances into one entry per
// transition of the spec.
func byTransition(sys *model.System, base []int, fired []int64) Coverage {
	var out Coverage
	first := map[string]int{} // group -> index of its first entry in out
	for i, m := range sys.Machines {
		if at, seen := first[m.Group]; seen {
			for k := range m.Transitions {
				out[at+k].Fired += fired[base[i]+k]
			}
			continue
		}
		first[m.Group] = len(out)
		for k, t := range m.Transitions {
			out = append(out, TransitionUse{Machine: m.Group, Name: t.Name, Pos: t.Pos, Fired: fired[base[i]+k]})
		}
	}
	return out
}
