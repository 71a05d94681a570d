package expr

import (
	"strings"
	"testing"
)

func TestWalk(t *testing.T) {
	e := mustParse(t, "a + f(b->c, -d) > 0 and (e in {g, h} or i.j in 1..k)")
	var seen []string
	Walk(e, func(x Expr) bool {
		seen = append(seen, x.String())
		return true
	})
	want := []string{
		"a + f(b->c, -d) > 0 and (e in {g, h} or i.j in 1..k)",
		"a + f(b->c, -d) > 0", "a + f(b->c, -d)", "a", "f(b->c, -d)", "b->c", "-d", "d", "0",
		"(e in {g, h} or i.j in 1..k)", "e in {g, h} or i.j in 1..k",
		"e in {g, h}", "e", "g", "h", "i.j in 1..k", "i.j", "1", "k",
	}
	if strings.Join(seen, " | ") != strings.Join(want, " | ") {
		t.Errorf("Walk order:\n got %q\nwant %q", seen, want)
	}
}

func TestWalkPrune(t *testing.T) {
	e := mustParse(t, "delivered(client->server) and len(server->client) > x")
	var calls, idents int
	Walk(e, func(x Expr) bool {
		switch x.(type) {
		case *Call:
			calls++
			return false
		case *Ident:
			idents++
		}
		return true
	})
	if calls != 2 || idents != 1 {
		t.Errorf("calls %d, idents %d; want 2 and 1", calls, idents)
	}
	Walk(nil, func(Expr) bool { t.Error("called on nil"); return true })
}

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"a + b", "a+b", true},
		{"a + b", "b + a", false},
		{"a + b", "(a + b)", false},
		{"x in {A}", "x in A", false},
		{"x in {A, B}", "x in {A,B}", true},
		{"x in {A, B}", "x in {A, C}", false},
		{"x in {A, B}", "x in {A}", false},
		{"x in 1..2", "x in {1}", false},
		{"007", "7", true},
		{"f(a)", "f(a, b)", false},
		{"f(a)", "g(a)", false},
		{"f(a->b)", "f(a->c)", false},
		{"a.b", "a.c", false},
		{"a.b", "a", false},
		{"-a", "not a", false},
		{"true", "false", false},
		{"if a then b else c", "if a then b else d", false},
		{"a < b", "a <= b", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			if got := Equal(mustParse(t, tt.a), mustParse(t, tt.b)); got != tt.want {
				t.Errorf("Equal = %v, want %v", got, tt.want)
			}
		})
	}
	if !Equal(nil, nil) || Equal(nil, &Ident{Name: "a"}) || Equal(&Ident{Name: "a"}, nil) {
		t.Error("Equal with nil")
	}
}

// TestPositions checks the span of selected nodes by the text it covers.
func TestPositions(t *testing.T) {
	src := "not client.iss + 10 == (x) and f(a->b, -y) or z in {A, B} implies w in 0..N or if c then 1 else 2"
	e := mustParse(t, src)
	want := map[string]bool{
		"client.iss": false, "client": false, "iss": false, "10": false,
		"client.iss + 10": false, "client.iss + 10 == (x)": false, "(x)": false,
		"not client.iss + 10 == (x)": false, "f(a->b, -y)": false, "a->b": false,
		"-y": false, "z in {A, B}": false, "w in 0..N": false, "0..N": false,
		"if c then 1 else 2": false, "w in 0..N or if c then 1 else 2": false,
		src: false,
	}
	for _, n := range nodes(e) {
		if _, ok := want[src[n.Pos():n.End()]]; ok {
			want[src[n.Pos():n.End()]] = true
		}
	}
	for text, seen := range want {
		if !seen {
			t.Errorf("no node spans %q", text)
		}
	}
	checkSpans(t, src, e)
}

func TestOperatorPositions(t *testing.T) {
	src := "a  +  b == not_c and -d implies x in {e}"
	e := mustParse(t, src)
	Walk(e, func(x Expr) bool {
		switch x := x.(type) {
		case *Binary:
			if got := src[x.OpAt : x.OpAt+len(x.Op.String())]; got != x.Op.String() {
				t.Errorf("OpAt of %s points at %q", x.Op, got)
			}
		case *Unary:
			if src[x.At] != '-' {
				t.Errorf("Unary.At points at %q", src[x.At])
			}
		case *In:
			if src[x.InAt:x.InAt+2] != "in" || src[x.Lbrace] != '{' || src[x.Rbrace] != '}' {
				t.Errorf("In positions %d %d %d", x.InAt, x.Lbrace, x.Rbrace)
			}
		}
		return true
	})
}

func TestStatementPositions(t *testing.T) {
	src := "recv SYN(seq = x + 1) from client"
	tr, err := ParseTrigger(src)
	if err != nil {
		t.Fatal(err)
	}
	f := tr.Fields[0]
	if src[f.Pos():f.End()] != "seq = x + 1" || src[tr.Rparen] != ')' || src[tr.From.Pos():tr.From.End()] != "client" {
		t.Errorf("field span %q, rparen %d", src[f.Pos():f.End()], tr.Rparen)
	}
	star, _ := ParseTrigger("recv *")
	if star.End() != len("recv *") || star.Star != 5 {
		t.Errorf("recv * span ends at %d", star.End())
	}
	bare, _ := ParseTrigger("  timeout ")
	if bare.Pos() != 2 || bare.End() != 9 {
		t.Errorf("timeout span [%d,%d)", bare.Pos(), bare.End())
	}
	s, _ := ParseSend("SYN(seq = 1)")
	if s.End() != len("SYN(seq = 1)") {
		t.Errorf("send span ends at %d", s.End())
	}
}

func TestBuiltPositions(t *testing.T) {
	// Nodes built by hand, without Lit, still report sensible spans.
	i := &Int{At: 3, Value: 120}
	if i.End() != 6 {
		t.Errorf("Int.End() = %d", i.End())
	}
	in := &In{X: &Ident{Name: "x"}, InAt: 2}
	if in.End() != 4 {
		t.Errorf("empty In.End() = %d", in.End())
	}
	if b := (&Bool{At: 1}); b.End() != 6 {
		t.Errorf("Bool.End() = %d", b.End())
	}
}
