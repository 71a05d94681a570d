package model

import (
	"fmt"

	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// This file compiles the expressions that name instances: client[1],
// client[1].snd, len(client[i]->server[i]), the quantifiers all i: ... and
// some i: ..., and self, the index of the instance a transition belongs to.
// Instance indexes are constants: parameters, literals and quantified
// names, so every reference resolves to one machine at compile time, and a
// quantifier unrolls into one condition per value.

// instanceIndex evaluates the index of x, an instance of group g, and
// checks it.
func (sc *scope) instanceIndex(g *Group, x *expr.Index) (int, bool) {
	if g.Count == 0 {
		sc.errorf(x, "%s is a single machine, declared without count: write %s", g.Name, g.Name)
		return 0, false
	}
	k := &scope{c: sc.c, text: sc.text, path: sc.path}
	f, ok := k.intExpr(x.Index)
	if !ok {
		return 0, false
	}
	en := &env{}
	i := f(en)
	switch {
	case en.err != nil:
		sc.errorf(x.Index, "%v", en.err)
		return 0, false
	case i < 0 || i >= int64(g.Count):
		sc.errorf(x, "%s has instances 0..%d; index %d is out of range", g.Name, g.Count-1, i)
		return 0, false
	}
	return int(i), true
}

// machineOf resolves a machine reference in a property: a machine declared
// without count, or an instance client[e].
func (sc *scope) machineOf(e expr.Expr) (*Machine, bool) {
	switch x := e.(type) {
	case *expr.Ident:
		if g := sc.c.sys.Group(x.Name); g != nil && g.Count > 0 {
			sc.errorf(x, "%s", sc.countedHint(g))
			return nil, false
		}
		if m := sc.c.sys.Machine(x.Name); m != nil {
			return m, true
		}
		sc.errorf(x, "unknown machine %q%s", x.Name, syntax.Suggest(x.Name, sc.c.groupNames()))
	case *expr.Index:
		g := sc.c.sys.Group(x.X.Name)
		if g == nil {
			sc.errorf(x.X, "unknown machine %q%s", x.X.Name, syntax.Suggest(x.X.Name, sc.c.groupNames()))
			return nil, false
		}
		if i, ok := sc.instanceIndex(g, x); ok {
			return sc.c.sys.Machines[g.Machines[i]], true
		}
	default:
		sc.errorf(e, "expected a machine, or an instance such as client[0], found %s", e.String())
	}
	return nil, false
}

// countedHint explains that a group's instances must be named one by one.
func (sc *scope) countedHint(g *Group) string {
	return fmt.Sprintf("%s has %d instances (count: %d): name one, as in %s, or quantify, as in all i: %s[i] ...",
		g.Name, g.Count, g.Count, InstanceName(g.Name, 0), g.Name)
}

// instanceState compiles client[i] as a value: the instance's control state.
func (sc *scope) instanceState(x *expr.Index) (value, bool) {
	if !sc.global {
		sc.errorf(x, "%s: a transition reads only its own machine, not other instances", x.String())
		return value{}, false
	}
	m, ok := sc.machineOf(x)
	if !ok {
		return value{}, false
	}
	off := m.off
	return value{typ{kind: tState, m: m}, func(en *env) int64 { return int64(en.w[off]) }}, true
}

// self is the index of the instance whose transition reads it.
func (sc *scope) self() (value, bool) {
	if sc.m == nil || sc.m.Instance < 0 {
		return value{}, false
	}
	return constValue(int64(sc.m.Instance)), true
}

// quant unrolls all i: body into body[i:=0] and body[i:=1] and ..., and
// some i: body into a disjunction.
func (sc *scope) quant(q *expr.Quant) (value, bool) {
	lo, hi, ok := sc.quantRange(q)
	if !ok {
		return value{}, false
	}
	var parts []func(*env) int64
	for v := lo; v <= hi; v++ {
		if !sc.unroll(q) {
			return value{}, false
		}
		f, ok := sc.boolExpr(substitute(q.Body, q.Var.Name, v))
		if !ok {
			return value{}, false
		}
		parts = append(parts, f)
	}
	all := q.All
	return value{typ{kind: tBool}, func(en *env) int64 {
		for _, f := range parts {
			if (f(en) != 0) != all {
				return b2i(!all)
			}
		}
		return b2i(all)
	}}, true
}

// quantRange returns the values of a quantified name: its range as written,
// or else 0..K-1 for the K instances of the groups the body indexes with it.
func (sc *scope) quantRange(q *expr.Quant) (lo, hi int64, ok bool) {
	name := q.Var.Name
	if sc.c.sys.Group(name) != nil || sc.isParam(name) {
		sc.errorf(q.Var, "%s %s: %s already names a machine or a parameter; choose another name", q.Word(), name, name)
		return 0, 0, false
	}
	if q.Range != nil {
		k := &scope{c: sc.c, text: sc.text, path: sc.path}
		l, ok1 := k.intExpr(q.Range.Lo)
		h, ok2 := k.intExpr(q.Range.Hi)
		if !ok1 || !ok2 {
			return 0, 0, false
		}
		lo, hi = l(&env{}), h(&env{})
		if hi-lo >= maxQuantValues {
			sc.errorf(q.Range, "%s %s ranges over %d values; at most %d", q.Word(), name, hi-lo+1, maxQuantValues)
			return 0, 0, false
		}
		return lo, hi, true
	}
	counts := indexedCounts(sc.c.sys, q.Body, name)
	switch {
	case len(counts) == 0:
		sc.errorf(q, "cannot tell the values of %s: index an instance with it, as in client[%s], or give them: %s %s in 0..K-1: ...", name, name, q.Word(), name)
		return 0, 0, false
	case len(counts) > 1:
		sc.errorf(q, "%s indexes groups of different sizes %v: give its values, as in %s %s in 0..K-1: ...", name, counts, q.Word(), name)
		return 0, 0, false
	}
	return 0, int64(counts[0]) - 1, true
}

// maxQuantValues bounds the values of a quantified name: each is a copy of
// the body.
const maxQuantValues = 1 << 12

// maxUnrolled bounds the copies of quantifier bodies in one compilation,
// which nested quantifiers multiply.
const maxUnrolled = 1 << 16

// unroll counts one more copy of q's body, and reports false (once, with
// an error) past maxUnrolled.
func (sc *scope) unroll(q *expr.Quant) bool {
	sc.c.unrolled++
	if sc.c.unrolled == maxUnrolled+1 {
		sc.errorf(q, "quantifiers unroll into more than %d copies of their bodies; nest fewer or narrow their ranges", maxUnrolled)
	}
	return sc.c.unrolled <= maxUnrolled
}

func (sc *scope) isParam(name string) bool {
	for _, p := range sc.c.sys.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

// indexedCounts returns the distinct counts of the groups that e indexes
// with exactly the name, as in client[i], ignoring nested quantifiers that
// rebind it.
func indexedCounts(s *System, e expr.Expr, name string) []int {
	var out []int
	expr.Walk(e, func(n expr.Expr) bool {
		switch x := n.(type) {
		case *expr.Quant:
			return x.Var.Name != name
		case *expr.Index:
			id, ok := unparen(x.Index).(*expr.Ident)
			g := s.Group(x.X.Name)
			if ok && id.Name == name && g != nil && g.Count > 0 && !containsInt(out, g.Count) {
				out = append(out, g.Count)
			}
		}
		return true
	})
	return out
}

func unparen(e expr.Expr) expr.Expr {
	for {
		p, ok := e.(*expr.Paren)
		if !ok {
			return e
		}
		e = p.X
	}
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
