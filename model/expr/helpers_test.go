package expr

import (
	"fmt"
	"strings"
	"testing"
)

// sexpr prints e fully parenthesised in prefix form, ignoring Paren nodes,
// so that tests can state the grouping the parser chose.
func sexpr(e Expr) string {
	switch e := e.(type) {
	case *Ident, *Int, *Bool, *Selector, *ChanRef, *Index:
		return e.String()
	case *Quant:
		if e.Range != nil {
			return fmt.Sprintf("(%s %s %s..%s %s)", e.Word(), e.Var.Name, sexpr(e.Range.Lo), sexpr(e.Range.Hi), sexpr(e.Body))
		}
		return fmt.Sprintf("(%s %s %s)", e.Word(), e.Var.Name, sexpr(e.Body))
	case *Paren:
		return sexpr(e.X)
	case *Unary:
		return fmt.Sprintf("(%s %s)", e.Op, sexpr(e.X))
	case *Binary:
		return fmt.Sprintf("(%s %s %s)", e.Op, sexpr(e.X), sexpr(e.Y))
	case *In:
		if e.Range != nil {
			return fmt.Sprintf("(in %s %s..%s)", sexpr(e.X), sexpr(e.Range.Lo), sexpr(e.Range.Hi))
		}
		return fmt.Sprintf("(in %s %s)", sexpr(e.X), list(e.Set, e.Braced))
	case *Call:
		return fmt.Sprintf("(call %s %s)", e.Fun.Name, list(e.Args, true))
	case *Cond:
		return fmt.Sprintf("(if %s %s %s)", sexpr(e.If), sexpr(e.Then), sexpr(e.Else))
	}
	return fmt.Sprintf("?%T", e)
}

func list(es []Expr, braced bool) string {
	parts := make([]string, len(es))
	for i, x := range es {
		parts[i] = sexpr(x)
	}
	if !braced {
		return strings.Join(parts, " ")
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// nodes lists every node of e, including the identifiers inside selectors,
// channels and calls, and the ranges of In.
func nodes(e Expr) []Node {
	var out []Node
	Walk(e, func(x Expr) bool {
		out = append(out, x)
		switch x := x.(type) {
		case *Selector:
			out = append(out, x.X, x.Sel)
		case *ChanRef:
			out = append(out, x.From, x.To)
		case *Call:
			out = append(out, x.Fun)
		case *Index:
			out = append(out, x.X)
		case *Quant:
			out = append(out, x.Var)
			if x.Range != nil {
				out = append(out, x.Range)
			}
		case *In:
			if x.Range != nil {
				out = append(out, x.Range)
			}
		}
		return true
	})
	return out
}

// checkSpans checks that every node's span lies within src and that each
// child's span lies within its parent's. Pos and End recurse down a chain
// such as a + b + c, so checking every node costs time quadratic in the
// length of a chain; beyond 4 KiB of source only the root is checked.
func checkSpans(t *testing.T, src string, e Expr) {
	t.Helper()
	if len(src) > 4096 {
		if e.Pos() < 0 || e.Pos() > e.End() || e.End() > len(src) {
			t.Fatalf("root span [%d,%d) outside [0,%d]", e.Pos(), e.End(), len(src))
		}
		return
	}
	for _, n := range nodes(e) {
		if n.Pos() < 0 || n.Pos() > n.End() || n.End() > len(src) {
			t.Fatalf("%q: node %T %v has span [%d,%d) outside [0,%d]", src, n, n, n.Pos(), n.End(), len(src))
		}
	}
	Walk(e, func(x Expr) bool {
		for _, c := range children(x) {
			if c.Pos() < x.Pos() || c.End() > x.End() {
				t.Fatalf("%q: child %v [%d,%d) outside parent %v [%d,%d)", src, c, c.Pos(), c.End(), x, x.Pos(), x.End())
			}
		}
		return true
	})
}

// checkRoundTrip checks that e's String parses back to an equal tree and is
// a fixed point.
func checkRoundTrip(t *testing.T, src string, e Expr) {
	t.Helper()
	s := e.String()
	e2, err := Parse(s)
	if err != nil {
		t.Fatalf("%q: String() = %q does not parse: %v", src, s, err)
	}
	if !Equal(e, e2) {
		t.Fatalf("%q: String() = %q parses to a different tree:\n%s\n%s", src, s, sexpr(e), sexpr(e2))
	}
	if s2 := e2.String(); s2 != s {
		t.Fatalf("%q: String() not a fixed point: %q then %q", src, s, s2)
	}
}

func mustParse(t *testing.T, src string) Expr {
	t.Helper()
	e, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return e
}
