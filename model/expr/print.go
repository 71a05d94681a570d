package expr

import (
	"strconv"
	"strings"
)

// The printer writes the canonical form: single spaces around binary
// operators and keywords, ", " between list items, and parentheses only where
// the tree has a Paren or where a built tree needs them to keep its shape.
// For a tree from Parse it adds none, so Parse(e.String()) equals e.

// String returns the name.
func (x *Ident) String() string { return x.Name }

// String returns the value in decimal.
func (x *Int) String() string { return strconv.FormatInt(x.Value, 10) }

// String returns "true" or "false".
func (x *Bool) String() string { return strconv.FormatBool(x.Value) }

// String returns "x.sel".
func (x *Selector) String() string { return str(x) }

// String returns "not x" or "-x".
func (x *Unary) String() string { return str(x) }

// String returns "x op y".
func (x *Binary) String() string { return str(x) }

// String returns "x in {a, b}", "x in a" or "x in lo..hi".
func (x *In) String() string { return str(x) }

// String returns "f(a, b)".
func (x *Call) String() string { return str(x) }

// String returns "from->to".
func (x *ChanRef) String() string { return str(x) }

// String returns "if c then a else b".
func (x *Cond) String() string { return str(x) }

// String returns "(x)".
func (x *Paren) String() string { return str(x) }

func str(e Expr) string {
	var b strings.Builder
	write(&b, e, 0, true)
	return b.String()
}

// prec is the precedence of e as an operand. A Cond binds loosest unless it
// ends its context (right), since its else branch would swallow whatever
// follows it.
func prec(e Expr, right bool) int {
	switch e := e.(type) {
	case *Binary:
		return binaryPrec(e.Op)
	case *In:
		return precCmp
	case *Unary:
		if e.Op == OpNot {
			return precNot
		}
		return precNeg
	case *Cond, *Quant:
		if !right {
			return 0
		}
	}
	return precPrimary
}

// write prints e in a context that needs precedence at least min. right tells
// whether e ends its context: nothing that could continue an expression
// follows it.
func write(b *strings.Builder, e Expr, min int, right bool) {
	if e == nil {
		b.WriteString("<nil>")
		return
	}
	if prec(e, right) < min {
		b.WriteByte('(')
		write(b, e, 0, true)
		b.WriteByte(')')
		return
	}
	switch e := e.(type) {
	case *Ident, *Int, *Bool:
		b.WriteString(e.String())
	case *Selector:
		write(b, e.X, precPrimary, false)
		b.WriteString("." + e.Sel.Name)
	case *ChanRef:
		write(b, e.From, precPrimary, false)
		b.WriteString("->")
		write(b, e.To, precPrimary, false)
	case *Index:
		writeIndex(b, e)
	case *Quant:
		writeQuant(b, e, right)
	case *Unary:
		writeUnary(b, e, right)
	case *Binary:
		writeBinary(b, e, right)
	case *In:
		writeIn(b, e, right)
	case *Call:
		b.WriteString(e.Fun.Name)
		writeList(b, "(", e.Args, ")")
	case *Cond:
		b.WriteString("if ")
		write(b, e.If, 0, true)
		b.WriteString(" then ")
		write(b, e.Then, 0, true)
		b.WriteString(" else ")
		write(b, e.Else, 0, right)
	case *Paren:
		b.WriteByte('(')
		write(b, e.X, 0, true)
		b.WriteByte(')')
	}
}

func writeUnary(b *strings.Builder, e *Unary, right bool) {
	if e.Op == OpNot {
		b.WriteString("not ")
		write(b, e.X, precNot, right)
		return
	}
	b.WriteString(e.Op.String())
	write(b, e.X, precNeg, right)
}

// writeBinary prints a binary operation. The operators are left-associative
// except implies (right) and the comparisons (not associative).
func writeBinary(b *strings.Builder, e *Binary, right bool) {
	p := binaryPrec(e.Op)
	lmin, rmin := p, p+1
	switch p {
	case precImplies:
		lmin, rmin = p+1, p
	case precCmp:
		lmin = p + 1
	}
	write(b, e.X, lmin, false)
	b.WriteString(" " + e.Op.String() + " ")
	write(b, e.Y, rmin, right)
}

func writeIn(b *strings.Builder, e *In, right bool) {
	write(b, e.X, precCmp+1, false)
	b.WriteString(" in ")
	switch {
	case e.Range != nil:
		writeRange(b, e.Range, right)
	case e.Braced || len(e.Set) != 1:
		writeList(b, "{", e.Set, "}")
	default:
		write(b, e.Set[0], precBitOr, right)
	}
}

func writeRange(b *strings.Builder, r *Range, right bool) {
	write(b, r.Lo, precBitOr, true)
	b.WriteString("..")
	write(b, r.Hi, precBitOr, right)
}

func writeList(b *strings.Builder, open string, list []Expr, close string) {
	b.WriteString(open)
	for i, x := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		write(b, x, 0, true)
	}
	b.WriteString(close)
}
