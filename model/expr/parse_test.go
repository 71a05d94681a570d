package expr

import (
	"strings"
	"testing"
)

func TestPrecedence(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a or b and c", "(or a (and b c))"},
		{"a and b or c", "(or (and a b) c)"},
		{"not a and b", "(and (not a) b)"},
		{"not a == b", "(not (== a b))"},
		{"not not a", "(not (not a))"},
		{"a implies b implies c", "(implies a (implies b c))"},
		{"a or b implies c or d", "(implies (or a b) (or c d))"},
		{"a or b or c", "(or (or a b) c)"},
		{"x + 1 % SEQ", "(+ x (% 1 SEQ))"},
		{"a - b - c", "(- (- a b) c)"},
		{"a * b + c * d", "(+ (* a b) (* c d))"},
		{"a | b & c", "(| a (& b c))"},
		{"a & b + c", "(& a (+ b c))"},
		{"a | b == c", "(== (| a b) c)"},
		{"-a * b", "(* (- a) b)"},
		{"- -a", "(- (- a))"},
		{"a - -1", "(- a (- 1))"},
		{"(a + b) * c", "(* (+ a b) c)"},
		{"client in {A,B} and y", "(and (in client {A B}) y)"},
		{"client in ESTABLISHED", "(in client ESTABLISHED)"},
		{"x in {1, 2}", "(in x {1 2})"},
		{"x in 0..SEQ-1", "(in x 0..(- SEQ 1))"},
		{"x + 1 in a..b | c", "(in (+ x 1) a..(| b c))"},
		{"not x in S or y", "(or (not (in x S)) y)"},
		{"a < b and b <= c", "(and (< a b) (<= b c))"},
		{"client.iss + 1 == msg.ack", "(== (+ client.iss 1) msg.ack)"},
		{"true or false", "(or true false)"},
		{"f()", "(call f {})"},
		{"delivered(client->server)", "(call delivered {client->server})"},
		{"inflight(client->server, SYN) > 0", "(> (call inflight {client->server SYN}) 0)"},
		{"knows(client, delivered(client->server) and x)", "(call knows {client (and (call delivered {client->server}) x)})"},
		{"if a then b else c", "(if a b c)"},
		{"if a then b else c and d", "(if a b (and c d))"},
		{"x + if c then 1 else 2 * 3", "(+ x (if c 1 (* 2 3)))"},
		{"(if c then 1 else 2) * 3", "(* (if c 1 2) 3)"},
		{"if if a then b else c then d else e", "(if (if a b c) d e)"},
		{"if a then if b then c else d else e", "(if a (if b c d) e)"},
		{"x in if c then 1 else 2..5", "(in x (if c 1 2)..5)"},
		{"-if c then 1 else 2", "(- (if c 1 2))"},
		{"a\n and\tb", "(and a b)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e := mustParse(t, tt.src)
			if got := sexpr(e); got != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.src, got, tt.want)
			}
			checkSpans(t, tt.src, e)
			checkRoundTrip(t, tt.src, e)
		})
	}
}

func TestString(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a  or(b)", "a or (b)"},
		{"client in {A,B}", "client in {A, B}"},
		{"x in 0 .. SEQ-1", "x in 0..SEQ - 1"},
		{"f( a->b ,c )", "f(a->b, c)"},
		{"007", "7"},
		{"-(-a)", "-(-a)"},
		{"x+if c then 1 else 2", "x + if c then 1 else 2"},
		{"not(a)", "not (a)"},
		{"a.b", "a.b"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			if got := mustParse(t, tt.src).String(); got != tt.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestStringBuilt checks that String adds the parentheses a hand-built tree
// needs, so that it still parses to the same grouping.
func TestStringBuilt(t *testing.T) {
	a, b, c := &Ident{Name: "a"}, &Ident{Name: "b"}, &Ident{Name: "c"}
	cond := &Cond{If: c, Then: a, Else: b}
	tests := []struct {
		e    Expr
		want string
	}{
		{&Binary{Op: OpMul, X: &Binary{Op: OpAdd, X: a, Y: b}, Y: c}, "(a + b) * c"},
		{&Binary{Op: OpSub, X: a, Y: &Binary{Op: OpSub, X: b, Y: c}}, "a - (b - c)"},
		{&Binary{Op: OpImplies, X: &Binary{Op: OpImplies, X: a, Y: b}, Y: c}, "(a implies b) implies c"},
		{&Binary{Op: OpEq, X: &Binary{Op: OpLt, X: a, Y: b}, Y: c}, "(a < b) == c"},
		{&Binary{Op: OpAdd, X: a, Y: &Unary{Op: OpNot, X: b}}, "a + (not b)"},
		{&Unary{Op: OpSub, X: &Binary{Op: OpAdd, X: a, Y: b}}, "-(a + b)"},
		{&Binary{Op: OpAdd, X: cond, Y: a}, "(if c then a else b) + a"},
		{&Binary{Op: OpAdd, X: a, Y: cond}, "a + if c then a else b"},
		{&Binary{Op: OpMul, X: &Binary{Op: OpAdd, X: a, Y: cond}, Y: c}, "(a + if c then a else b) * c"},
		{&Binary{Op: OpAdd, X: &Binary{Op: OpAdd, X: a, Y: cond}, Y: c}, "a + (if c then a else b) + c"},
		{&In{X: cond, Set: []Expr{a}}, "(if c then a else b) in a"},
		{&In{X: a, Set: []Expr{&Binary{Op: OpOr, X: b, Y: c}}}, "a in (b or c)"},
		{&In{X: a, Set: []Expr{&Binary{Op: OpOr, X: b, Y: c}}, Braced: true}, "a in {b or c}"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.e.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			back := mustParse(t, tt.want)
			if sexpr(back) != sexpr(tt.e) {
				t.Errorf("%q parses to %s, want %s", tt.want, sexpr(back), sexpr(tt.e))
			}
		})
	}
}

func TestDepthLimit(t *testing.T) {
	n := 100000
	inputs := map[string]string{
		"parens": strings.Repeat("(", n) + "a" + strings.Repeat(")", n),
		"open":   strings.Repeat("(", n),
		"not":    strings.Repeat("not ", n) + "a",
		"neg":    strings.Repeat("-", n) + "a",
		"calls":  strings.Repeat("f(", n),
		"sets":   strings.Repeat("x in {", n),
		"ifs":    strings.Repeat("if ", n),
	}
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(src)
			if err == nil {
				t.Fatal("Parse succeeded")
			}
			pe := err.(*Error)
			if pe.Offset < 0 || pe.Offset > len(src) {
				t.Fatalf("offset %d outside [0,%d]", pe.Offset, len(src))
			}
			if pe.Msg != "expression nested too deeply (more than 1000 levels)" {
				t.Errorf("message %q", pe.Msg)
			}
		})
	}
	ok := strings.Repeat("(", 900) + "a" + strings.Repeat(")", 900)
	if _, err := Parse(ok); err != nil {
		t.Errorf("900 levels: %v", err)
	}
}

func TestLongChain(t *testing.T) {
	src := "a" + strings.Repeat(" + a", 50000)
	e := mustParse(t, src)
	if e.String() != src {
		t.Error("long chain does not print back")
	}
}
