package model

import (
	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// substitute returns a copy of e in which the name, wherever it is used as
// a value, is the integer v: the body of a quantifier for one value of its
// name. Names that are parts of other nodes (client in client[i], iss in
// client.iss, a function's name) are not values and stay. A nested
// quantifier over the same name hides it.
func substitute(e expr.Expr, name string, v int64) expr.Expr {
	s := func(x expr.Expr) expr.Expr { return substitute(x, name, v) }
	switch e := e.(type) {
	case *expr.Ident:
		if e.Name != name {
			return e
		}
		if v < 0 {
			return &expr.Unary{At: e.At, Op: expr.OpSub, X: &expr.Int{At: e.At, Value: -v}}
		}
		return &expr.Int{At: e.At, Value: v}
	case *expr.Selector:
		return &expr.Selector{X: s(e.X), Sel: e.Sel}
	case *expr.Index:
		return &expr.Index{X: e.X, Lbrack: e.Lbrack, Index: s(e.Index), Rbrack: e.Rbrack}
	case *expr.ChanRef:
		return &expr.ChanRef{From: s(e.From), To: s(e.To)}
	case *expr.Unary:
		return &expr.Unary{At: e.At, Op: e.Op, X: s(e.X)}
	case *expr.Binary:
		return &expr.Binary{Op: e.Op, OpAt: e.OpAt, X: s(e.X), Y: s(e.Y)}
	case *expr.In:
		return substIn(e, s)
	case *expr.Call:
		args := make([]expr.Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = s(a)
		}
		return &expr.Call{Fun: e.Fun, Args: args, Rparen: e.Rparen}
	case *expr.Cond:
		return &expr.Cond{At: e.At, If: s(e.If), Then: s(e.Then), Else: s(e.Else)}
	case *expr.Paren:
		return &expr.Paren{Lparen: e.Lparen, X: s(e.X), Rparen: e.Rparen}
	case *expr.Quant:
		q := *e
		if q.Range != nil {
			q.Range = &expr.Range{Lo: s(q.Range.Lo), Hi: s(q.Range.Hi)}
		}
		if q.Var.Name != name {
			q.Body = s(q.Body)
		}
		return &q
	}
	return e // *expr.Int, *expr.Bool
}

func substIn(e *expr.In, s func(expr.Expr) expr.Expr) *expr.In {
	out := *e
	out.X = s(e.X)
	if e.Set != nil {
		out.Set = make([]expr.Expr, len(e.Set))
		for i, m := range e.Set {
			out.Set[i] = s(m)
		}
	}
	if e.Range != nil {
		out.Range = &expr.Range{Lo: s(e.Range.Lo), Hi: s(e.Range.Hi)}
	}
	return &out
}

// ExpandQuantifiers returns e with every quantifier unrolled: all i: φ
// becomes (φ[i:=0]) and (φ[i:=1]) and ..., some i: φ a disjunction (an
// empty range gives true or false). Callers that compile some operators
// themselves, such as knowledge, expand first and then meet only and, or,
// not and implies. t is the text e was parsed from, for positions; the
// error is a [syntax.ErrorList].
func (s *System) ExpandQuantifiers(e expr.Expr, t syntax.Text, path string) (expr.Expr, error) {
	c := &compiler{sys: s, spec: s.spec}
	sc := &scope{c: c, text: t, path: path, global: true}
	out := sc.expand(e)
	return out, c.errs.Err()
}

func (sc *scope) expand(e expr.Expr) expr.Expr {
	q, ok := e.(*expr.Quant)
	if !ok {
		return rebuild(e, sc.expand)
	}
	lo, hi, ok := sc.quantRange(q)
	if !ok {
		return e
	}
	op := expr.OpOr
	if q.All {
		op = expr.OpAnd
	}
	var out expr.Expr
	for v := lo; v <= hi; v++ {
		if !sc.unroll(q) {
			return e
		}
		part := &expr.Paren{Lparen: q.At, X: sc.expand(substitute(q.Body, q.Var.Name, v)), Rparen: q.Colon}
		if out == nil {
			out = part
		} else {
			out = &expr.Binary{Op: op, OpAt: q.At, X: out, Y: part}
		}
	}
	if out == nil {
		return &expr.Bool{At: q.At, Value: q.All}
	}
	return out
}

// rebuild applies f to the operands of the logical operators of e (the
// places where knowledge operators may appear), keeping the rest.
func rebuild(e expr.Expr, f func(expr.Expr) expr.Expr) expr.Expr {
	switch e := e.(type) {
	case *expr.Unary:
		return &expr.Unary{At: e.At, Op: e.Op, X: f(e.X)}
	case *expr.Binary:
		return &expr.Binary{Op: e.Op, OpAt: e.OpAt, X: f(e.X), Y: f(e.Y)}
	case *expr.Paren:
		return &expr.Paren{Lparen: e.Lparen, X: f(e.X), Rparen: e.Rparen}
	case *expr.Call:
		args := make([]expr.Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = f(a)
		}
		return &expr.Call{Fun: e.Fun, Args: args, Rparen: e.Rparen}
	}
	return e
}

// MachineOf resolves a machine named in a property, such as the agent of
// knows(client[1], φ): a machine declared without count, or an instance.
// The error is a [syntax.ErrorList].
func (s *System) MachineOf(e expr.Expr, t syntax.Text, path string) (*Machine, error) {
	c := &compiler{sys: s, spec: s.spec}
	sc := &scope{c: c, text: t, path: path, global: true}
	m, _ := sc.machineOf(e)
	return m, c.errs.Err()
}

// walkExpanded calls f on every node of e, with quantifiers unrolled and
// errors ignored: the ghost flags are found this way before the properties
// are compiled.
func (c *compiler) walkExpanded(e expr.Expr, f func(expr.Expr)) {
	sc := &scope{c: &compiler{sys: c.sys, spec: c.spec}, global: true}
	sc.walkExpanded(e, f)
}

func (sc *scope) walkExpanded(e expr.Expr, f func(expr.Expr)) {
	expr.Walk(e, func(n expr.Expr) bool {
		q, ok := n.(*expr.Quant)
		if !ok {
			f(n)
			return true
		}
		lo, hi, ok := sc.quantRange(q)
		for v := lo; ok && v <= hi && sc.unroll(q); v++ {
			sc.walkExpanded(substitute(q.Body, q.Var.Name, v), f)
		}
		return false
	})
}
