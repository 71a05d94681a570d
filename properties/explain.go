package properties

import (
	"fmt"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/expr"
)

// alternative is the evidence that some machine does not know a fact at a
// world w: another reachable world it cannot tell apart from w, where the
// fact is false.
type alternative struct {
	world int
	note  string
	// factHolds is whether the fact holds at w itself: then the machine
	// fails to know something true, the telling kind of counterexample.
	factHolds bool
}

// explainFalse finds, for a world w where s is false, a knowledge
// operator responsible for it and the indistinguishable world that refutes
// it. ok is false when the falsity has nothing to do with knowledge.
func (kx *knowledgeCtx) explainFalse(s setExpr, w int) (alternative, bool) {
	switch s := s.(type) {
	case *notSet:
		return kx.explainTrue(s.x, w)
	case *binSet:
		x, y := kx.eval(s.x).has(w), kx.eval(s.y).has(w)
		switch {
		case s.op == expr.OpImplies:
			return kx.explainFalse(s.y, w)
		case s.op == expr.OpAnd && !x:
			return kx.explainFalse(s.x, w)
		case s.op == expr.OpAnd && !y:
			return kx.explainFalse(s.y, w)
		case s.op == expr.OpOr:
			if a, ok := kx.explainFalse(s.x, w); ok {
				return a, ok
			}
			return kx.explainFalse(s.y, w)
		}
	case *knowsSet:
		return kx.explainKnows(s, w)
	}
	return alternative{}, false
}

// explainTrue looks for the knowledge behind a true subformula under a
// negation: only disjunctions and conjunctions can hide one.
func (kx *knowledgeCtx) explainTrue(s setExpr, w int) (alternative, bool) {
	switch s := s.(type) {
	case *notSet:
		return kx.explainFalse(s.x, w)
	case *binSet:
		if s.op == expr.OpImplies {
			return kx.explainFalse(s.x, w)
		}
		if kx.eval(s.x).has(w) {
			if a, ok := kx.explainTrue(s.x, w); ok {
				return a, ok
			}
		}
		return kx.explainTrue(s.y, w)
	}
	return alternative{}, false
}

// explainKnows finds a world, indistinguishable from w for an agent who
// does not know, where the inner fact fails: preferably not w itself (w may
// falsify the fact, which shows less than a second world the agent confuses
// with it), and the lowest-ID one, so that its trace is short.
func (kx *knowledgeCtx) explainKnows(s *knowsSet, w int) (alternative, bool) {
	inner := kx.eval(s.x)
	if s.common {
		return kx.explainCommon(s, inner, w)
	}
	for _, m := range s.agents {
		bad := kx.badWorlds(s, m, inner)
		g := kx.viewsOf(m).of[w]
		v := bad[0][g]
		if v == int32(w) || v < 0 {
			v = bad[1][g]
		}
		if v < 0 && bad[0][g] >= 0 {
			v = bad[0][g]
		}
		if v >= 0 {
			name := kx.sys.Machines[m].Name
			return alternative{world: int(v), factHolds: inner.has(w), note: fmt.Sprintf(
				"%s cannot tell the last worlds of these two runs apart (same state and variables), and in the second %s is false", name, s.x)}, true
		}
	}
	return alternative{}, false
}

// badWorlds returns, for each view group of m, the two lowest-ID worlds
// where inner is false (-1 where there are fewer).
func (kx *knowledgeCtx) badWorlds(s *knowsSet, m model.MachineID, inner bitset) [2][]int32 {
	key := badKey{s, m}
	if b, ok := kx.bad[key]; ok {
		return b
	}
	vg := kx.viewsOf(m)
	b := [2][]int32{make([]int32, vg.count), make([]int32, vg.count)}
	for g := range b[0] {
		b[0][g], b[1][g] = -1, -1
	}
	for w := 0; w < kx.n; w++ {
		if inner.has(w) {
			continue
		}
		g := vg.of[w]
		switch {
		case b[0][g] < 0:
			b[0][g] = int32(w)
		case b[1][g] < 0:
			b[1][g] = int32(w)
		}
	}
	kx.bad[key] = b
	return b
}

type badKey struct {
	s *knowsSet
	m model.MachineID
}

// explainCommon finds, by breadth-first search over "some machine cannot
// tell them apart", the nearest world where the fact fails, and reports the
// chain of machines that links it to w: the two generals' argument.
func (kx *knowledgeCtx) explainCommon(s *knowsSet, inner bitset, w int) (alternative, bool) {
	from := map[int32]hop{int32(w): {prev: -1}}
	queue := []int32{int32(w)}
	members := kx.groupMembers()
	for len(queue) > 0 && !kx.poll.stop() {
		v := queue[0]
		queue = queue[1:]
		if !inner.has(int(v)) {
			return alternative{world: int(v), factHolds: inner.has(w), note: kx.chainNote(v, from, s)}, true
		}
		for _, m := range kx.sys.Machines {
			for _, u := range members[m.ID][kx.viewsOf(m.ID).of[v]] {
				if _, seen := from[u]; !seen {
					from[u] = hop{prev: v, agent: m.ID}
					queue = append(queue, u)
				}
			}
		}
	}
	return alternative{}, false
}

// hop is one link of an indistinguishability chain: the world it came
// from and the machine that cannot tell the two apart.
type hop struct {
	prev  int32
	agent model.MachineID
}

func (kx *knowledgeCtx) chainNote(v int32, from map[int32]hop, s *knowsSet) string {
	var names []string
	for h := from[v]; h.prev >= 0; h = from[h.prev] {
		names = append([]string{kx.sys.Machines[h.agent].Name}, names...)
	}
	return fmt.Sprintf("a chain of %d indistinguishable worlds (%v cannot tell each step apart) leads to the second world, where %s is false: it is not common knowledge",
		len(names)+1, names, s.x)
}

// groupMembers lists the worlds of each view group of each machine.
func (kx *knowledgeCtx) groupMembers() map[model.MachineID][][]int32 {
	out := map[model.MachineID][][]int32{}
	for _, m := range kx.sys.Machines {
		vg := kx.viewsOf(m.ID)
		lists := make([][]int32, vg.count)
		for w := 0; w < kx.n; w++ {
			lists[vg.of[w]] = append(lists[vg.of[w]], int32(w))
		}
		out[m.ID] = lists
	}
	return out
}
