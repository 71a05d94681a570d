package expr

import (
	"strings"
	"testing"
)

func TestInstances(t *testing.T) {
	tests := []struct{ src, want string }{
		{"client[1] in ESTABLISHED", "(in client[1] ESTABLISHED)"},
		{"client[i].iss + 1", "(+ client[i].iss 1)"},
		{"client[K - 1].iss", "client[K - 1].iss"},
		{"len(client[0]->server[i + 1])", "(call len {client[0]->server[i + 1]})"},
		{"len(client->server[1])", "(call len {client->server[1]})"},
		{"f(a[1] + 2)", "(call f {(+ a[1] 2)})"},
		{"a[b[c]]", "a[b[c]]"},
		{"all i: client[i] in A implies server[i] in B",
			"(all i (implies (in client[i] A) (in server[i] B)))"},
		{"some j in 0..K-1: x[j].v == 1 and y", "(some j 0..(- K 1) (and (== x[j].v 1) y))"},
		{"a and all i: b[i]", "(and a (all i b[i]))"},
		{"(all i: a[i]) and b", "(and (all i a[i]) b)"},
		{"all i: all j: a[i] == a[j]", "(all i (all j (== a[i] a[j])))"},
		{"all + some", "(+ all some)"},
		{"x in {all, some}", "(in x {all some})"},
	}
	for _, tt := range tests {
		e := mustParse(t, tt.src)
		if got := sexpr(e); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.src, got, tt.want)
		}
		checkSpans(t, tt.src, e)
		checkRoundTrip(t, tt.src, e)
	}
}

func TestInstancesBuiltString(t *testing.T) {
	body := &Binary{Op: OpAnd, X: &Ident{Name: "a"}, Y: &Ident{Name: "b"}}
	q := &Quant{All: true, Var: &Ident{Name: "i"}, Body: body}
	e := &Binary{Op: OpOr, X: q, Y: &Ident{Name: "c"}}
	if got, want := e.String(), "(all i: a and b) or c"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestInstancesErrors(t *testing.T) {
	tests := []struct {
		src  string
		off  int
		want string
	}{
		{"a[", 2, `an operand after "["`},
		{"a[1", 3, `"]" to close a[`},
		{"all i", 5, `":" after all i`},
		{"all i in 0: x", 10, `".." in the range of i`},
		{"f(a[1]->)", 8, `a machine name after "->"`},
		{"x := 1", 2, `":=" is not an operator`},
		{"a: b", 1, `found ":"`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		pe, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: got %v, want an *Error", tt.src, err)
			continue
		}
		if pe.Offset != tt.off || !strings.Contains(pe.Msg, tt.want) {
			t.Errorf("%q: got %d %q, want %d %q", tt.src, pe.Offset, pe.Msg, tt.off, tt.want)
		}
	}
}

func TestWalkInstances(t *testing.T) {
	e := mustParse(t, "all i in 0..K: len(a[i]->b) > c[i + 1].v")
	var seen []string
	Walk(e, func(x Expr) bool {
		seen = append(seen, x.String())
		return true
	})
	want := []string{
		"all i in 0..K: len(a[i]->b) > c[i + 1].v", "0", "K",
		"len(a[i]->b) > c[i + 1].v", "len(a[i]->b)", "a[i]->b", "a[i]", "i",
		"c[i + 1].v", "c[i + 1]", "i + 1", "i", "1",
	}
	if strings.Join(seen, " | ") != strings.Join(want, " | ") {
		t.Errorf("Walk order:\n got %q\nwant %q", seen, want)
	}
	if Equal(mustParse(t, "a[1].v"), mustParse(t, "a.v")) || Equal(mustParse(t, "len(a[1]->b)"), mustParse(t, "len(a->b[1])")) {
		t.Error("Equal ignores indexes")
	}
	if !Equal(mustParse(t, "all i: a[i]"), mustParse(t, "all i:a[i]")) || Equal(mustParse(t, "all i: a[i]"), mustParse(t, "some i: a[i]")) {
		t.Error("Equal on quantifiers")
	}
}
