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

// Coverage is what an explored graph uses of a spec, as SPIN reports the
// unreached code of a proctype: how often every transition fires, and what
// never changes — the values each variable takes, the control states
// entered and the message types sent. A transition that never fires is
// dead code in the model, or a sign that the faults or parameters never
// bring about what it handles; a variable that keeps one value makes every
// property about it say less than it seems to.
//
// For a machine declared with count the facts are those of its group: a
// transition fires, a value is taken, a state entered if it is so for some
// instance.
type Coverage struct {
	// Transitions is every transition of the spec, in declaration order.
	Transitions []TransitionUse
	// Vars is every variable of the spec, in declaration order.
	Vars []VarUse
	// States is every control state of every machine, in declaration order.
	States []StateUse
	// Messages is every message type, in declaration order.
	Messages []MsgUse
	// Worlds is the number of reached worlds the facts are about (the
	// values, states and messages), zero when coverage was not computed.
	Worlds int
}

// VarUse is the values one variable takes in the reached worlds.
type VarUse struct {
	Machine string     // the machine, or the group its instances form
	Var     *model.Var // the declaration (its first instance's)
	Taken   []int64    // the values taken, ascending
}

// StateUse says whether a control state is the state of its machine in some
// reached world.
type StateUse struct {
	Machine string
	Name    string
	Entered bool
}

// MsgUse says whether a message type is sent and whether it is ever in
// flight. A type is sent when a transition that sends it fires; it is in
// flight when some channel holds it in some reached world. A sent message
// can be lost at once (its link is down, or its channel full and dropping),
// so a type may be sent and never in flight.
type MsgUse struct {
	Name     string
	Sent     bool
	InFlight bool
}

// Constant reports whether the variable keeps one value in every reached
// world.
func (u VarUse) Constant() bool { return len(u.Taken) == 1 }

// Whole reports whether the variable takes every value of its domain.
func (u VarUse) Whole() bool { return int64(len(u.Taken)) == u.Var.Hi-u.Var.Lo+1 }

// Never returns the values of the variable's domain it never takes,
// ascending.
func (u VarUse) Never() []int64 {
	var out []int64
	k := 0
	for x := u.Var.Lo; x <= u.Var.Hi; x++ {
		if k < len(u.Taken) && u.Taken[k] == x {
			k++
			continue
		}
		out = append(out, x)
	}
	return out
}

// Unfired returns the transitions that never fire.
func (c Coverage) Unfired() []TransitionUse {
	var out []TransitionUse
	for _, u := range c.Transitions {
		if u.Fired == 0 {
			out = append(out, u)
		}
	}
	return out
}

// Narrow returns the variables that do not take every value of their
// domain, constant ones among them.
func (c Coverage) Narrow() []VarUse {
	var out []VarUse
	for _, u := range c.Vars {
		if !u.Whole() {
			out = append(out, u)
		}
	}
	return out
}

// Constants returns the variables that keep one value.
func (c Coverage) Constants() []VarUse {
	var out []VarUse
	for _, u := range c.Vars {
		if u.Constant() {
			out = append(out, u)
		}
	}
	return out
}

// Unentered returns the control states never entered.
func (c Coverage) Unentered() []StateUse {
	var out []StateUse
	for _, u := range c.States {
		if !u.Entered {
			out = append(out, u)
		}
	}
	return out
}

// Unsent returns the message types no firing transition sends.
func (c Coverage) Unsent() []MsgUse {
	var out []MsgUse
	for _, u := range c.Messages {
		if !u.Sent {
			out = append(out, u)
		}
	}
	return out
}

// Lost returns the message types that are sent but never in flight.
func (c Coverage) Lost() []MsgUse {
	var out []MsgUse
	for _, u := range c.Messages {
		if u.Sent && !u.InFlight {
			out = append(out, u)
		}
	}
	return out
}

// coverageChunk is how many worlds a worker takes at a time.
const coverageChunk = 4096

// byteSet is a set of byte values.
type byteSet [4]uint64

func (b *byteSet) add(x byte)      { b[x>>6] |= 1 << (x & 63) }
func (b *byteSet) has(x byte) bool { return b[x>>6]&(1<<(x&63)) != 0 }
func (b *byteSet) union(o *byteSet) {
	b[0], b[1], b[2], b[3] = b[0]|o[0], b[1]|o[1], b[2]|o[2], b[3]|o[3]
}

// tally is what one pass over worlds collects: the firings of each
// transition (by global index) and, for each byte of a world, the values it
// holds in some world.
type tally struct {
	fired []int64
	bytes []byteSet
}

func newTally(sys *model.System, base []int) *tally {
	return &tally{fired: make([]int64, base[len(sys.Machines)]), bytes: make([]byteSet, sys.Width())}
}

func (t *tally) merge(o *tally) {
	for i, n := range o.fired {
		t.fired[i] += n
	}
	for i := range o.bytes {
		t.bytes[i].union(&o.bytes[i])
	}
}

// CoverageOf computes the coverage of x in one parallel pass over its
// worlds: every byte of every reached world is recorded in the set of
// values that byte takes, from which the values of variables, the control
// states and the messages in flight are read, and the firings of each
// transition are counted. They are read off x's labelled successor
// relation if something (liveness, vacuity) built it; otherwise each
// expanded world is expanded once more to count them, which costs less
// than building the relation that nothing else needs. Worlds a limit left
// unexpanded contribute their values but no firings.
//
// A compact graph keeps no worlds: CoverageOf returns explore.ErrCompact.
func CoverageOf(ctx context.Context, x *lts.Graph) (Coverage, error) {
	sys := x.System()
	if x.Explored().Compact() {
		return Coverage{}, fmt.Errorf("properties: coverage: %w", explore.ErrCompact)
	}
	var rel *lts.Relation
	if x.Built() {
		var err error
		if rel, err = x.Relation(ctx); err != nil {
			return Coverage{}, err
		}
	}
	base := lts.Base(sys)
	total := newTally(sys, base)
	var mu sync.Mutex
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, runtime.GOMAXPROCS(0))
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			c := &counter{sys: sys, g: x.Explored(), rel: rel, base: base, local: newTally(sys, base)}
			if err := c.run(ctx, &next); err != nil {
				errs <- err
				return
			}
			mu.Lock()
			total.merge(c.local)
			mu.Unlock()
		})
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return Coverage{}, err
	}
	c := Coverage{Transitions: byTransition(sys, base, total.fired), Worlds: x.Explored().Len()}
	c.Vars, c.States = localUse(sys, total.bytes)
	c.Messages = msgUse(sys, base, total)
	return c, ctx.Err()
}

// A counter tallies the worlds of the chunks it takes, for one goroutine:
// their bytes, and the firings on their edges, from rel or, if it is nil,
// from a stepper of its own.
type counter struct {
	sys   *model.System
	g     *explore.Graph
	rel   *lts.Relation
	base  []int
	local *tally
}

// run takes chunks of worlds from next until there are none.
func (c *counter) run(ctx context.Context, next *atomic.Int64) error {
	var st *model.Stepper
	yield := func(a *model.Action, _ []byte) {
		if a.Kind == model.ActFire {
			c.local.fired[c.base[a.Machine]+a.Trans]++
		}
	}
	if c.rel == nil {
		st = c.sys.NewStepper()
	}
	for ctx.Err() == nil {
		lo := int(next.Add(coverageChunk) - coverageChunk)
		if lo >= c.g.Len() {
			break
		}
		for v := lo; v < min(lo+coverageChunk, c.g.Len()); v++ {
			id := explore.StateID(v)
			w := c.g.State(id)
			for i, b := range w {
				c.local.bytes[i].add(b)
			}
			switch {
			case c.rel != nil:
				c.fromRelation(uint32(v))
			case c.g.Expanded(id):
				if err := st.Successors(w, yield); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// fromRelation counts the firings on the edges of world v.
func (c *counter) fromRelation(v uint32) {
	lo, hi := c.rel.Out(v)
	for e := lo; e < hi; e++ {
		if t := c.rel.Trans(e); t >= 0 && t < len(c.local.fired) {
			c.local.fired[t]++
		}
	}
}

// byTransition folds the counts of a group's instances into one entry per
// transition of the spec.
func byTransition(sys *model.System, base []int, fired []int64) []TransitionUse {
	var out []TransitionUse
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

// localUse reads, for every group, the values its variables take and the
// control states it enters, over all its instances, from the byte sets.
func localUse(sys *model.System, bytes []byteSet) ([]VarUse, []StateUse) {
	var vars []VarUse
	var states []StateUse
	for _, grp := range sys.Groups() {
		first := sys.Machines[grp.Machines[0]]
		seen := make([]byteSet, 1+len(first.Vars)) // state, then each variable
		for _, id := range grp.Machines {
			off, n := sys.ViewRange(id)
			for i := range n {
				seen[i].union(&bytes[off+i])
			}
		}
		for k, name := range first.States {
			states = append(states, StateUse{Machine: grp.Name, Name: name, Entered: seen[0].has(byte(k))})
		}
		for i, v := range first.Vars {
			u := VarUse{Machine: grp.Name, Var: v}
			for x := v.Lo; x <= v.Hi; x++ {
				if seen[1+i].has(byte(x - v.Lo)) {
					u.Taken = append(u.Taken, x)
				}
			}
			vars = append(vars, u)
		}
	}
	return vars, states
}

// msgUse reads which message types are in flight from the type bytes of
// every channel's slots, and which are sent from the sends of the
// transitions that fire.
func msgUse(sys *model.System, base []int, t *tally) []MsgUse {
	var inFlight byteSet // type codes: t+1 for type t
	for _, ch := range sys.Channels {
		for _, off := range sys.SlotTypeOffsets(ch.ID) {
			inFlight.union(&t.bytes[off])
		}
	}
	sent := make([]bool, len(sys.Messages))
	for i, m := range sys.Machines {
		for k, tr := range m.Transitions {
			if t.fired[base[i]+k] == 0 {
				continue
			}
			for _, s := range tr.Sends() {
				sent[s.Msg] = true
			}
		}
	}
	out := make([]MsgUse, len(sys.Messages))
	for i, mt := range sys.Messages {
		out[i] = MsgUse{Name: mt.Name, Sent: sent[i], InFlight: inFlight.has(byte(i + 1))}
	}
	return out
}
