package properties

import (
	"context"
	"errors"
	"fmt"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// DepthTable says how deep the knowledge of a fact goes wherever a
// condition holds.
//
// With E⁰ = fact and Eᵏ = everyone_knows(Eᵏ⁻¹), machine m's depth is the
// largest d such that knows(m, Eᵈ⁻¹) holds in every reachable world where
// the condition holds (0 when even knows(m, fact) fails somewhere). With two
// machines, depth 2 for the client reads "the client knows that both know
// the fact". Everyone is the largest k with Eᵏ throughout the condition,
// and Common says whether the fact is common knowledge there.
type DepthTable struct {
	Machines []string
	Depth    []int // per machine, capped at Max
	Everyone int
	Common   bool
	Max      int  // the deepest level examined
	Worlds   int  // reachable worlds
	When     int  // worlds where the condition holds
	Fixpoint bool // Eᵏ stopped changing before Max, so deeper levels equal the last
}

// ErrIncomplete is returned when knowledge is asked of a search that did not
// reach every world.
var ErrIncomplete = errors.New("properties: knowledge needs every reachable world, and the search stopped at a limit")

// KnowledgeDepths computes the DepthTable of fact where when holds, both
// conditions written in the property language, examining at most max levels.
// A condition that has no value in some world (a division by zero, an
// overflow) gives an [explore.ModelError] naming the world.
// Once ctx ends it stops and returns context.Cause(ctx), never a table.
func KnowledgeDepths(ctx context.Context, sys *model.System, g *explore.Graph, fact, when syntax.Text, max int) (*DepthTable, error) {
	if !g.Complete() {
		return nil, ErrIncomplete
	}
	f, err := compileSet(sys, fact, "--fact")
	if err != nil {
		return nil, err
	}
	c, err := compileSet(sys, when, "--when")
	if err != nil {
		return nil, err
	}
	kx := newKnowledgeCtx(sys, g)
	kx.poll = newPoller(ctx)
	cond := kx.eval(c)
	t := &DepthTable{Max: max, Worlds: kx.n, When: cond.count(), Depth: make([]int, len(sys.Machines))}
	for _, m := range sys.Machines {
		t.Machines = append(t.Machines, m.Name)
	}
	t.levels(kx, f, cond)
	t.Common = covers(kx.eval(&knowsSet{common: true, agents: allAgents(sys), x: f, src: src{text: fact.Src, at: fact.Pos}}), cond, kx.n)
	if ctx.Err() != nil {
		return nil, context.Cause(ctx)
	}
	if kx.undefined != nil {
		return nil, kx.undefined
	}
	return t, nil
}

// levels walks E⁰, E¹, … up to Max, recording each machine's depth and
// the everyone depth.
func (t *DepthTable) levels(kx *knowledgeCtx, fact setExpr, cond bitset) {
	e := fact
	prev := kx.eval(fact)
	for d := 1; d <= t.Max && !kx.poll.stop(); d++ {
		var all setExpr
		for i, m := range kx.sys.Machines {
			k := &knowsSet{name: opKnows, agents: []model.MachineID{m.ID}, x: e, src: src{text: "knows(" + m.Name + ", …)"}}
			if t.Depth[i] == d-1 && covers(kx.eval(k), cond, kx.n) {
				t.Depth[i] = d
			}
			if all == nil {
				all = k
			} else {
				all = &binSet{op: expr.OpAnd, x: all, y: k}
			}
		}
		cur := kx.eval(all)
		if covers(cur, cond, kx.n) && t.Everyone == d-1 {
			t.Everyone = d
		}
		if equalSets(cur, prev) {
			t.Fixpoint = true
			return
		}
		e, prev = all, cur
	}
}

// covers reports whether every world of cond is in set.
func covers(set, cond bitset, n int) bool {
	return cond.and(set.complement(n)).first() < 0
}

func equalSets(a, b bitset) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func allAgents(sys *model.System) []model.MachineID {
	out := make([]model.MachineID, len(sys.Machines))
	for i, m := range sys.Machines {
		out[i] = m.ID
	}
	return out
}

// compileSet compiles a condition, with or without knowledge operators.
func compileSet(sys *model.System, t syntax.Text, path string) (setExpr, error) {
	e, err := expr.Parse(t.Src)
	if err != nil {
		var l syntax.ErrorList
		if pe, ok := err.(*expr.Error); ok {
			l.Add(t.At(pe.Offset), path, "%s", pe.Msg)
			return nil, l.Err()
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var errs syntax.ErrorList
	s := compileKnowledge(sys, e, t, path, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, fmt.Errorf("%s: cannot compile %q", path, t.Src)
	}
	return s, nil
}
