package properties

// Knowledge operators.
//
// A machine's view of a world is its own control state and local variables:
// nothing of its peers, the channels or the network (observational
// semantics, as in MCMAS). Then:
//
//   - knows(m, φ) holds at world w iff φ holds at every reachable world w′
//     where m's view is the same as at w;
//   - everyone_knows(φ) holds at w iff every machine knows φ at w;
//   - common_knowledge(φ) holds at w iff φ holds at every world reachable
//     from w through any chain of "some machine cannot tell them apart",
//     that is, throughout w's connected component of the union of the
//     machines' indistinguishability relations.
//
// Knowledge is evaluated after exploration, bottom-up: each subformula
// becomes a set of world IDs, and knows is decided once per group of worlds
// with the same view. Only complete searches are used: a world the search
// did not reach could be the one that refutes knowledge.

import (
	"fmt"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// The knowledge operators of the property language.
const (
	opKnows    = "knows"
	opEveryone = "everyone_knows"
	opCommon   = "common_knowledge"
)

func isEpistemic(name string) bool {
	return name == opKnows || name == opEveryone || name == opCommon
}

// hasKnowledge reports whether e uses a knowledge operator.
func hasKnowledge(e expr.Expr) bool {
	found := false
	expr.Walk(e, func(n expr.Expr) bool {
		if c, ok := n.(*expr.Call); ok && isEpistemic(c.Fun.Name) {
			found = true
		}
		return !found
	})
	return found
}

// setExpr is a condition evaluated to the set of worlds where it holds.
type setExpr interface {
	String() string
}

type (
	// leaf is a subformula without knowledge, compiled per world.
	leaf struct {
		cond *model.Cond
		src
	}
	notSet struct {
		x setExpr
		src
	}
	binSet struct {
		op   expr.Op
		x, y setExpr
		src
	}
	// knowsSet is knows(agent, x), everyone_knows(x) (agents = all) or
	// common_knowledge(x) (common = true).
	knowsSet struct {
		name   string
		agents []model.MachineID
		common bool
		x      setExpr
		src
	}
)

// src is a subformula as written, for explanations, and where.
type src struct {
	text string
	at   syntax.Pos
}

func (s src) String() string { return s.text }

// srcOf returns e as written and its position in t.
func srcOf(e expr.Expr, t syntax.Text) src { return src{text: e.String(), at: t.At(e.Pos())} }

// knowledgeCompiler turns a parsed condition with knowledge operators into
// a setExpr.
type knowledgeCompiler struct {
	sys  *model.System
	text syntax.Text
	path string
	errs syntax.ErrorList
	// split compiles every boolean connective to a set operation, not only
	// those above a knowledge operator, so that each atom is a leaf of its
	// own (for vacuity).
	split bool
}

func (kc *knowledgeCompiler) errorf(n expr.Node, format string, args ...any) {
	kc.errs.Add(kc.text.At(n.Pos()), kc.path, format, args...)
}

func (kc *knowledgeCompiler) compile(e expr.Expr) setExpr {
	if !hasKnowledge(e) && !(kc.split && isConnective(e)) {
		c, err := kc.sys.CompileExpr(e, kc.text, kc.path)
		if err != nil {
			kc.errs = append(kc.errs, err.(syntax.ErrorList)...)
			return nil
		}
		return &leaf{cond: c, src: srcOf(e, kc.text)}
	}
	switch e := e.(type) {
	case *expr.Paren:
		return kc.compile(e.X)
	case *expr.Unary:
		if e.Op == expr.OpNot {
			return &notSet{x: kc.compile(e.X), src: srcOf(e, kc.text)}
		}
	case *expr.Binary:
		if isConnective(e) {
			return &binSet{op: e.Op, x: kc.compile(e.X), y: kc.compile(e.Y), src: srcOf(e, kc.text)}
		}
	case *expr.Call:
		if isEpistemic(e.Fun.Name) {
			return kc.knows(e)
		}
	}
	kc.errorf(e, "%s: knowledge operators combine only with and, or, not and implies", e.String())
	return nil
}

// isConnective reports whether e is and, or, not or implies (or one of them
// in parentheses).
func isConnective(e expr.Expr) bool {
	switch e := e.(type) {
	case *expr.Paren:
		return isConnective(e.X)
	case *expr.Unary:
		return e.Op == expr.OpNot
	case *expr.Binary:
		return e.Op == expr.OpAnd || e.Op == expr.OpOr || e.Op == expr.OpImplies
	}
	return false
}

func (kc *knowledgeCompiler) knows(e *expr.Call) setExpr {
	k := &knowsSet{name: e.Fun.Name, src: srcOf(e, kc.text), common: e.Fun.Name == opCommon}
	args := e.Args
	if e.Fun.Name == opKnows {
		if len(args) != 2 {
			kc.errorf(e, "knows takes a machine and a condition: knows(client, φ)")
			return nil
		}
		m, err := kc.sys.MachineOf(args[0], kc.text, kc.path)
		if err != nil || m == nil {
			kc.errorf(args[0], "knows: %s is not a machine or an instance such as client[0]", args[0].String())
			return nil
		}
		k.agents, args = []model.MachineID{m.ID}, args[1:]
	} else {
		if len(args) != 1 {
			kc.errorf(e, "%s takes one condition", e.Fun.Name)
			return nil
		}
		for _, m := range kc.sys.Machines {
			k.agents = append(k.agents, m.ID)
		}
	}
	k.x = kc.compile(args[0])
	return k
}

// compileKnowledge compiles a condition with knowledge operators: its
// quantifiers over instances (all i: knows(client[i], …)) are unrolled
// first, then each knowledge operator becomes a set computation. Errors go
// to errs; the result is nil when there are any.
func compileKnowledge(sys *model.System, e expr.Expr, t syntax.Text, path string, errs *syntax.ErrorList) setExpr {
	e, err := sys.ExpandQuantifiers(e, t, path)
	if err != nil {
		*errs = append(*errs, err.(syntax.ErrorList)...)
		return nil
	}
	kc := &knowledgeCompiler{sys: sys, text: t, path: path}
	s := kc.compile(e)
	*errs = append(*errs, kc.errs...)
	if len(kc.errs) > 0 {
		return nil
	}
	return s
}

// knowledgeCtx evaluates setExprs over a complete graph, caching the view
// groups of each machine and the common-knowledge components. Its loops
// stop early once poll says the context ended; what they leave is then
// well-formed (no index out of range) but meaningless.
type knowledgeCtx struct {
	poll   *poller
	sys    *model.System
	g      *explore.Graph
	n      int
	groups map[model.MachineID]*viewGroups
	comp   []int32 // common-knowledge component of each world, once computed
	memo   map[setExpr]bitset
	bad    map[badKey][2][]int32
	// undefined is the first world found where a condition has no value
	// (a division by zero, an overflow), as a model error, or nil.
	undefined error
}

func newKnowledgeCtx(sys *model.System, g *explore.Graph) *knowledgeCtx {
	return &knowledgeCtx{sys: sys, g: g, n: g.Len(), groups: map[model.MachineID]*viewGroups{}, memo: map[setExpr]bitset{}, bad: map[badKey][2][]int32{}}
}

// viewGroups numbers the distinct views of one machine and gives each world
// its view's number. Views are looked up as map keys without allocating; only
// distinct views (few) are stored.
type viewGroups struct {
	of    []int32 // group of each world
	count int
	first []int32 // the first (lowest-ID) world of each group
}

func (kx *knowledgeCtx) viewsOf(m model.MachineID) *viewGroups {
	if vg, ok := kx.groups[m]; ok {
		return vg
	}
	off, width := kx.sys.ViewRange(m)
	ids := map[string]int32{}
	vg := &viewGroups{of: make([]int32, kx.n)}
	for w := 0; w < kx.n; w++ {
		if kx.poll.stop() {
			vg.stopAt(w)
			return vg // not kept: it is incomplete
		}
		view := kx.g.State(explore.StateID(w))[off : off+width]
		id, ok := ids[string(view)]
		if !ok {
			id = int32(len(ids))
			ids[string(view)] = id
			vg.first = append(vg.first, int32(w))
		}
		vg.of[w] = id
	}
	vg.count = len(ids)
	kx.groups[m] = vg
	return vg
}

// stopAt ends a grouping cut short at world w: the worlds from w on form
// one more group, so that every world has a group.
func (vg *viewGroups) stopAt(w int) {
	vg.count = len(vg.first)
	if w == len(vg.of) {
		return
	}
	for v := w; v < len(vg.of); v++ {
		vg.of[v] = int32(vg.count)
	}
	vg.first = append(vg.first, int32(w))
	vg.count++
}

// eval returns the set of worlds where s holds.
func (kx *knowledgeCtx) eval(s setExpr) bitset {
	if b, ok := kx.memo[s]; ok {
		return b
	}
	var b bitset
	switch s := s.(type) {
	case *leaf:
		b = kx.leaf(s.cond)
	case *notSet:
		b = kx.eval(s.x).complement(kx.n)
	case *binSet:
		b = kx.binary(s)
	case *knowsSet:
		b = kx.knows(s)
	default:
		panic(fmt.Sprintf("properties: unknown set expression %T", s))
	}
	kx.memo[s] = b
	return b
}

// leaf returns the set of worlds where c holds. A world where c has no
// value (see [model.Cond.Eval]) is recorded in kx.undefined, the first such
// world of the first condition that fails.
func (kx *knowledgeCtx) leaf(c *model.Cond) bitset {
	b := newBitset(kx.n)
	c = c.Clone()
	for w := 0; w < kx.n && !kx.poll.stop(); w++ {
		v, err := c.Eval(model.World(kx.g.State(explore.StateID(w))))
		if err != nil && kx.undefined == nil {
			kx.undefined = undefinedAt(explore.StateID(w), err)
		}
		if v {
			b.set(w)
		}
	}
	return b
}

func (kx *knowledgeCtx) binary(s *binSet) bitset {
	return kx.combine(s.op, kx.eval(s.x), kx.eval(s.y))
}

// combine applies a connective to the sets of its operands.
func (kx *knowledgeCtx) combine(op expr.Op, x, y bitset) bitset {
	switch op {
	case expr.OpAnd:
		return x.and(y)
	case expr.OpOr:
		return x.or(y)
	}
	return x.complement(kx.n).or(y)
}

func (kx *knowledgeCtx) knows(s *knowsSet) bitset {
	return kx.knowsOver(s, kx.eval(s.x))
}

// knowsOver is s's knowledge operator applied to the set inner.
func (kx *knowledgeCtx) knowsOver(s *knowsSet, inner bitset) bitset {
	if s.common {
		return groupAll(inner, kx.components(), kx.n, kx.poll)
	}
	out := newBitset(kx.n).complement(kx.n)
	for _, m := range s.agents {
		out = out.and(groupAll(inner, kx.viewsOf(m).of, kx.n, kx.poll))
	}
	return out
}

// groupAll returns the worlds whose whole group lies inside in, or stops
// early when poll says so.
func groupAll(in bitset, group []int32, n int, poll *poller) bitset {
	ngroups := int32(0)
	for _, g := range group {
		ngroups = max(ngroups, g+1)
	}
	bad := make([]bool, ngroups)
	for w := 0; w < n && !poll.stop(); w++ {
		if !in.has(w) {
			bad[group[w]] = true
		}
	}
	out := newBitset(n)
	for w := 0; w < n && !poll.stop(); w++ {
		if !bad[group[w]] {
			out.set(w)
		}
	}
	return out
}

// components returns, for each world, its component under the union of
// every machine's indistinguishability relation.
func (kx *knowledgeCtx) components() []int32 {
	if kx.comp == nil {
		var groupings [][]int32
		for _, m := range kx.sys.Machines {
			groupings = append(groupings, kx.viewsOf(m.ID).of)
		}
		comp := unionComponents(kx.n, groupings, kx.poll)
		if kx.poll.stop() {
			return comp // not kept: it is incomplete
		}
		kx.comp = comp
	}
	return kx.comp
}

// unionComponents joins worlds that share a group in any of the groupings
// (union-find with path halving) and returns a component label per world:
// the lowest world ID of its component. When poll stops it, some
// components are left unjoined.
func unionComponents(n int, groupings [][]int32, poll *poller) []int32 {
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, group := range groupings {
		rep := map[int32]int32{}
		for w, g := range group {
			if poll.stop() {
				break
			}
			r, ok := rep[g]
			if !ok {
				rep[g] = int32(w)
				continue
			}
			a, b := find(int32(w)), find(r)
			if a < b {
				a, b = b, a
			}
			parent[a] = b // the smaller ID stays the root
		}
	}
	out := make([]int32, n)
	for w := range out {
		out[w] = find(int32(w))
	}
	return out
}
