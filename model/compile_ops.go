package model

import (
	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

func (sc *scope) unary(e *expr.Unary) (value, bool) {
	switch e.Op {
	case expr.OpNot:
		x, ok := sc.boolExpr(e.X)
		return value{typ{kind: tBool}, func(en *env) int64 { return 1 - x(en) }}, ok
	case expr.OpSub:
		x, ok := sc.intOperand(e.X)
		if !ok {
			return value{}, false
		}
		return sc.negate(e, x)
	}
	sc.errorf(e, "unsupported operator %s", e.Op)
	return value{}, false
}

func (sc *scope) binary(e *expr.Binary) (value, bool) {
	switch e.Op {
	case expr.OpAnd, expr.OpOr, expr.OpImplies:
		return sc.logic(e)
	case expr.OpEq, expr.OpNe:
		return sc.equality(e)
	case expr.OpLt, expr.OpLe, expr.OpGt, expr.OpGe:
		return sc.order(e)
	}
	return sc.arith(e)
}

func (sc *scope) logic(e *expr.Binary) (value, bool) {
	x, ok1 := sc.boolExpr(e.X)
	y, ok2 := sc.boolExpr(e.Y)
	bt := typ{kind: tBool}
	if !ok1 || !ok2 {
		return value{}, false
	}
	switch e.Op {
	case expr.OpAnd:
		return value{bt, func(en *env) int64 {
			if x(en) == 0 {
				return 0
			}
			return y(en)
		}}, true
	case expr.OpOr:
		return value{bt, func(en *env) int64 {
			if x(en) != 0 {
				return 1
			}
			return y(en)
		}}, true
	}
	return value{bt, func(en *env) int64 {
		if x(en) == 0 {
			return 1
		}
		return y(en)
	}}, true
}

// equality compares two values of one type. A bare name on one side of a
// comparison with an enum or state is read as one of its values, so that
// client.mode == FAST and client == ESTABLISHED work.
func (sc *scope) equality(e *expr.Binary) (value, bool) {
	x, y, ok := sc.pair(e.X, e.Y)
	if !ok {
		return value{}, false
	}
	if !x.t.same(y.t) {
		sc.errorf(e, "cannot compare %s with %s", x.t, y.t)
		return value{}, false
	}
	fx, fy := x.f, y.f
	if e.Op == expr.OpEq {
		return value{typ{kind: tBool}, func(en *env) int64 { return b2i(fx(en) == fy(en)) }}, true
	}
	return value{typ{kind: tBool}, func(en *env) int64 { return b2i(fx(en) != fy(en)) }}, true
}

// pair compiles the two sides of a comparison, resolving a bare constant on
// either side against the other side's enum type.
func (sc *scope) pair(a, b expr.Expr) (value, value, bool) {
	if id, ok := a.(*expr.Ident); ok && sc.isConstantOf(id, b) {
		y, ok := sc.compile(b)
		x, ok2 := sc.constantOf(y.t, id)
		return x, y, ok && ok2
	}
	x, ok := sc.compile(a)
	if !ok {
		return value{}, value{}, false
	}
	if id, isID := b.(*expr.Ident); isID && (x.t.kind == tEnum || x.t.kind == tState) {
		y, ok := sc.constantOf(x.t, id)
		return x, y, ok
	}
	y, ok := sc.compile(b)
	return x, y, ok
}

// isConstantOf reports whether id is not a name in scope, so that it may be a
// constant of the other operand's type.
func (sc *scope) isConstantOf(id *expr.Ident, other expr.Expr) bool {
	_, isID := other.(*expr.Ident)
	if isID {
		return false
	}
	for _, n := range sc.names() {
		if n == id.Name {
			return false
		}
	}
	return true
}

// constantOf resolves a bare name as a value of an enum or state type.
func (sc *scope) constantOf(t typ, id *expr.Ident) (value, bool) {
	var names []string
	switch t.kind {
	case tEnum:
		names = t.v.Enum
	case tState:
		names = t.m.States
	default:
		return sc.compile(id)
	}
	for i, n := range names {
		if n == id.Name {
			x := int64(i)
			return value{t, func(*env) int64 { return x }}, true
		}
	}
	sc.errorf(id, "%q is not %s%s", id.Name, t, syntax.Suggest(id.Name, names))
	return value{}, false
}

func (sc *scope) order(e *expr.Binary) (value, bool) {
	x, ok1 := sc.intExpr(e.X)
	y, ok2 := sc.intExpr(e.Y)
	if !ok1 || !ok2 {
		return value{}, false
	}
	bt := typ{kind: tBool}
	switch e.Op {
	case expr.OpLt:
		return value{bt, func(en *env) int64 { return b2i(x(en) < y(en)) }}, true
	case expr.OpLe:
		return value{bt, func(en *env) int64 { return b2i(x(en) <= y(en)) }}, true
	case expr.OpGt:
		return value{bt, func(en *env) int64 { return b2i(x(en) > y(en)) }}, true
	}
	return value{bt, func(en *env) int64 { return b2i(x(en) >= y(en)) }}, true
}

func (sc *scope) arith(e *expr.Binary) (value, bool) {
	x, ok1 := sc.intOperand(e.X)
	y, ok2 := sc.intOperand(e.Y)
	if !ok1 || !ok2 {
		return value{}, false
	}
	if _, ok := arithOps[e.Op]; !ok {
		sc.errorf(e, "unsupported operator %s", e.Op)
		return value{}, false
	}
	return sc.checked(e, x, y)
}

// in compiles membership: x in {a, b}, x in lo..hi, and client in STATE.
func (sc *scope) in(e *expr.In) (value, bool) {
	x, ok := sc.compile(e.X)
	if !ok {
		return value{}, false
	}
	if e.Range != nil {
		return sc.inRange(e, x)
	}
	var members []func(*env) int64
	for _, m := range e.Set {
		var y value
		if id, isID := m.(*expr.Ident); isID && (x.t.kind == tEnum || x.t.kind == tState) {
			y, ok = sc.constantOf(x.t, id)
		} else {
			y, ok = sc.compile(m)
		}
		if !ok {
			return value{}, false
		}
		if !y.t.same(x.t) {
			sc.errorf(m, "%s is %s, but %s is %s", m.String(), y.t, e.X.String(), x.t)
			return value{}, false
		}
		members = append(members, y.f)
	}
	fx := x.f
	return value{typ{kind: tBool}, func(en *env) int64 {
		v := fx(en)
		for _, m := range members {
			if m(en) == v {
				return 1
			}
		}
		return 0
	}}, true
}

func (sc *scope) inRange(e *expr.In, x value) (value, bool) {
	if x.t.kind != tInt {
		sc.errorf(e.X, "%s is %s; a range needs an integer", e.X.String(), x.t)
		return value{}, false
	}
	lo, ok1 := sc.intExpr(e.Range.Lo)
	hi, ok2 := sc.intExpr(e.Range.Hi)
	fx := x.f
	return value{typ{kind: tBool}, func(en *env) int64 {
		v := fx(en)
		return b2i(lo(en) <= v && v <= hi(en))
	}}, ok1 && ok2
}
