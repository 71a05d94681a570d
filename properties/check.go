package properties

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// Result is the verdict on one property, with its evidence.
type Result struct {
	Property *Property
	Verdict  Verdict
	// Trace is the counterexample of a violated invariant or deadlock, or
	// the witness of a reachable property that holds. It is empty otherwise.
	Trace model.Trace
	// Note explains an Unknown verdict or a suspicious one.
	Note string
	// Alt is, for a property that fails because some machine does not know
	// a fact, a run to a world that machine cannot tell apart from the last
	// world of Trace, where the fact is false. AltNote says who cannot tell
	// them apart, and Diverge is the first step at which the runs differ.
	Alt     model.Trace
	AltNote string
	Diverge int
	// LoopStart is, for a violated liveness property (see [Result.Lasso]),
	// the index in Trace.Worlds where the loop begins: the last action
	// returns to Trace.Worlds[LoopStart], and the run repeats the steps from
	// there forever. LoopStart == Trace.Len() means the last world has no
	// successor and the run stays in it.
	LoopStart int
	// Vacuous lists, for a property that holds, why it proves less than it
	// says: the subformulas it does not need (vacuity.go). Empty when it
	// holds for the reasons it states, and for every other verdict.
	Vacuous []Vacuity
}

// OK reports whether the verdict is the one the spec expects. Unknown is
// never OK: it is neither a confirmation nor a refutation.
func (r Result) OK() bool { return r.Verdict == r.Property.Expect }

// Check decides every property over g, the graph explored from sys. A graph
// cut short by a limit gives Unknown wherever deciding needs every world.
// Check honours ctx: once it ends (a timeout, an interruption), the property
// being decided and those after it are Unknown, with context.Cause(ctx) in
// their note, and Check returns promptly with a result for every property.
// The error is for what stops checking altogether (a trace that cannot be
// rebuilt: a bug).
//
// A compact graph keeps no worlds to check: use a [Monitor] instead.
func Check(ctx context.Context, sys *model.System, g *explore.Graph, props []*Property) ([]Result, error) {
	return CheckGraph(ctx, lts.New(sys, g), props)
}

// CheckGraph is [Check] over x, whose labelled successor relation it
// builds only if a property needs it (liveness, deadlock_free's vacuity),
// and shares with whatever else uses x afterwards ([CoverageOf], the
// pictures).
func CheckGraph(ctx context.Context, x *lts.Graph, props []*Property) ([]Result, error) {
	sys, g := x.System(), x.Explored()
	if g.Compact() {
		return nil, fmt.Errorf("properties: %w: check with a Monitor during the search", explore.ErrCompact)
	}
	out := make([]Result, 0, len(props))
	kx := newKnowledgeCtx(sys, g)
	kx.poll = newPoller(ctx)
	lx := newLiveCtx(kx, x)
	for _, p := range props {
		if ctx.Err() != nil {
			out = append(out, cancelled(ctx, p))
			continue
		}
		var r Result
		var err error
		if p.live != nil {
			r, err = lx.check(ctx, p)
		} else {
			r, err = checkOne(ctx, sys, g, kx, p)
		}
		if ctx.Err() != nil {
			// The loops that noticed it stopped early: whatever they
			// left is no verdict.
			r, err = cancelled(ctx, p), nil
		}
		if err == nil && kx.undefined == nil {
			err = vacuityOf(ctx, kx, lx, p, &r)
		}
		if err == nil && kx.undefined != nil {
			err = kx.undefined
		}
		if err != nil {
			return out, fmt.Errorf("property %s: %w", p.Name, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// undefinedAt is the model error of a condition that has no value in world
// id (a division by zero, an overflow): the search's own kind of model
// error, so that the caller reports it with the trace to that world.
func undefinedAt(id explore.StateID, err error) error {
	return &explore.ModelError{State: id, Err: err}
}

func checkOne(ctx context.Context, sys *model.System, g *explore.Graph, kx *knowledgeCtx, p *Property) (Result, error) {
	if p.epi != nil {
		return checkKnowledge(sys, g, kx, p)
	}
	switch p.Kind {
	case Invariant:
		return firstWorld(ctx, sys, g, p, false)
	case Reachable:
		return firstWorld(ctx, sys, g, p, true)
	case DeadlockFree:
		return deadlock(sys, g, kx.poll, p)
	}
	return Result{}, fmt.Errorf("unknown kind %v", p.Kind)
}

// firstWorld scans the worlds in ID order, which is BFS order, for the first
// where the condition equals want: the counterexample of an invariant
// (want=false) or the witness of a reachable property (want=true). The first
// in BFS order has a shortest trace. A cancelled ctx stops the scan early,
// and its answer is then meaningless (see Check).
//
// A world where the condition has no value decides too: the property is
// checked world by world in that order, as a [Monitor] checks it during
// the search, and the first world that violates it (or, for reachable,
// satisfies it) or where it cannot be evaluated is the answer.
func firstWorld(ctx context.Context, sys *model.System, g *explore.Graph, p *Property, want bool) (Result, error) {
	sid, ok := scanFirst(ctx.Done(), g, p.cond, want)
	if ok && p.cond.MayFail() {
		if _, err := p.cond.Clone().Eval(model.World(g.State(sid))); err != nil {
			return Result{}, undefinedAt(sid, err)
		}
	}
	return worldResult(sys, g, p, want, sid, ok)
}

// worldResult is the verdict of firstWorld, given the first world sid
// where the condition equals want, if found.
func worldResult(sys *model.System, g *explore.Graph, p *Property, want bool, sid explore.StateID, found bool) (Result, error) {
	if found {
		tr, err := lts.Path(sys, g, sid)
		v := Violated
		if want {
			v = Holds
		}
		return Result{Property: p, Verdict: v, Trace: tr}, err
	}
	switch {
	case !g.Complete():
		return Result{Property: p, Verdict: Unknown, Note: "the search stopped at a limit before every world was seen"}, nil
	case want:
		return Result{Property: p, Verdict: Violated, Note: "no reachable world satisfies it"}, nil
	}
	return Result{Property: p, Verdict: Holds}, nil
}

// scanBlock is the number of worlds a goroutine of scanFirst takes at a
// time.
const scanBlock = 1 << 14

// scanFirst returns the smallest world ID where cond equals want or, if
// cond may fail, has no value, if there is one. A property that holds is checked in every world, which on a large
// graph takes a noticeable part of a verify run, so the worlds are scanned
// on every core: blocks of IDs are taken in order, and a block is skipped
// once a smaller ID is known to qualify. Once done is closed, no block is
// taken.
func scanFirst(done <-chan struct{}, g *explore.Graph, cond *model.Cond, want bool) (explore.StateID, bool) {
	n := int64(g.Len())
	var next, first atomic.Int64
	first.Store(n)
	hit := func(c *model.Cond, w model.World) bool { return c.Holds(w) == want }
	if cond.MayFail() {
		hit = func(c *model.Cond, w model.World) bool {
			v, err := c.Eval(w)
			return err != nil || v == want
		}
	}
	scan := func() {
		c := cond.Clone()
		for lo := next.Add(scanBlock) - scanBlock; lo < first.Load() && !closed(done); lo = next.Add(scanBlock) - scanBlock {
			for id := lo; id < min(lo+scanBlock, n); id++ {
				if hit(c, model.World(g.State(explore.StateID(id)))) {
					lowerTo(&first, id)
					break
				}
			}
		}
	}
	if n <= scanBlock {
		scan()
	} else {
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(scan)
		}
		wg.Wait()
	}
	return explore.StateID(first.Load()), first.Load() < n
}

// closed polls done without blocking.
func closed(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// lowerTo sets x to v if v is smaller.
func lowerTo(x *atomic.Int64, v int64) {
	for old := x.Load(); v < old && !x.CompareAndSwap(old, v); old = x.Load() {
	}
}

// deadlock reports the first world (in BFS order) with no successor that the
// spec does not declare final.
func deadlock(sys *model.System, g *explore.Graph, poll *poller, p *Property) (Result, error) {
	var final *model.Cond
	if sys.Final != nil {
		final = sys.Final.Clone()
	}
	for _, id := range g.Deadlocks() {
		if poll.stop() {
			break
		}
		if final == nil {
			return deadlockResult(sys, g, p, id, true)
		}
		isFinal, err := final.Eval(model.World(g.State(id)))
		if err != nil {
			return Result{}, undefinedAt(id, err)
		}
		if !isFinal {
			return deadlockResult(sys, g, p, id, true)
		}
	}
	return deadlockResult(sys, g, p, 0, false)
}

// deadlockResult is the verdict of deadlock, given the first world id that
// has no successor and is not final, if found.
func deadlockResult(sys *model.System, g *explore.Graph, p *Property, id explore.StateID, found bool) (Result, error) {
	if found {
		tr, err := lts.Path(sys, g, id)
		return Result{Property: p, Verdict: Violated, Trace: tr, Note: "no action is enabled in the last world, and it is not final"}, err
	}
	if !g.Complete() {
		return Result{Property: p, Verdict: Unknown, Note: "the search stopped at a limit before every world was expanded"}, nil
	}
	return Result{Property: p, Verdict: Holds}, nil
}
