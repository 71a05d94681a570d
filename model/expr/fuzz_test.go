package expr

import (
	"errors"
	"testing"
)

var exprSeeds = []string{
	"", "a", "a or b and c", "not a and b", "a implies b implies c", "x + 1 % SEQ",
	"client in {A,B} and y", "client in ESTABLISHED", "x in 0..SEQ-1",
	"delivered(client->server) and len(server->client) == 0",
	"inflight(client->server, SYN) > 0", "knows(client, delivered(client->server) and x)",
	"if a then b else c + 1", "(if a then b else c) * 2", "-(-x)", "a.b + c.d",
	"a && b", "a = b", "f(a->)", "((((a))))", "x in {if a then 1 else 2, 3}",
	"x in if c then 1 else 2..if d then 3 else 4", "007 | 1 & 2", "a\n\tand b",
	"99999999999999999999", "é", "\xff", "a < b < c",
	"client[1] in ESTABLISHED", "client[i].iss + 1", "len(client[0]->server[K-1])",
	"all i: client[i] in A implies server[i] in B", "some j in 0..K-1: x[j].v == 1 and y",
	"all i: all j: a[i] == a[j]", "f(a[1]->)", "a[", "a[1", "all i", "all i in 0..: x",
	"all", "some + 1", "x[if a then 1 else 2]", "(all i: a[i]) and b", "a[b[c]]",
}

// checkError checks that err is an *Error with an offset inside src.
func checkError(t *testing.T, src string, err error) {
	t.Helper()
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("%q: error %v is %T, not *Error", src, err, err)
	}
	if pe.Offset < 0 || pe.Offset > len(src) || pe.Msg == "" {
		t.Fatalf("%q: error offset %d outside [0,%d] or empty message %q", src, pe.Offset, len(src), pe.Msg)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range exprSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			checkError(t, src, err)
			return
		}
		checkSpans(t, src, e)
		checkRoundTrip(t, src, e)
	})
}

func FuzzParseSend(f *testing.F) {
	for _, s := range []string{
		"SYN", "SYN()", "SYN to server", "SYN_ACK(seq = iss, ack = msg.seq + 1) to client",
		"SYN(seq == 1)", "SYN(seq = 1,)", "SYN(seq = if a then 1 else 2) to x", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := ParseSend(src)
		if err != nil {
			checkError(t, src, err)
			return
		}
		checkNode(t, src, s)
		for _, fd := range s.Fields {
			checkNode(t, src, fd)
			checkSpans(t, src, fd.Value)
		}
		checkStable(t, s.String(), func(s string) (stringer, error) { return ParseSend(s) })
	})
}

func FuzzParseTrigger(f *testing.F) {
	for _, s := range []string{
		"call open", "recv SYN", "recv SYN(seq = x) from client", "recv *", "recv * from server",
		"timeout", "timeout rto", "internal", "internal crash", "recv from", "recv SYN(", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tr, err := ParseTrigger(src)
		if err != nil {
			checkError(t, src, err)
			return
		}
		checkNode(t, src, tr)
		for _, fd := range tr.Fields {
			checkNode(t, src, fd)
			checkSpans(t, src, fd.Value)
		}
		checkStable(t, tr.String(), func(s string) (stringer, error) { return ParseTrigger(s) })
	})
}

func FuzzParseAssign(f *testing.F) {
	for _, s := range []string{"x = 1", "x += y * 2", "x -= 1", "x == 1", "a.b = 1", "x = 1, y = 2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		a, err := ParseAssign(src)
		if err != nil {
			checkError(t, src, err)
			return
		}
		checkNode(t, src, a)
		checkSpans(t, src, a.Value)
		checkStable(t, a.String(), func(s string) (stringer, error) { return ParseAssign(s) })
	})
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"0..3", "0..SEQ-1", "-1..N*2", "0...3", "(a)..(b or c)", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		r, err := ParseRange(src)
		if err != nil {
			checkError(t, src, err)
			return
		}
		checkNode(t, src, r)
		checkSpans(t, src, r.Lo)
		checkSpans(t, src, r.Hi)
		checkStable(t, r.String(), func(s string) (stringer, error) { return ParseRange(s) })
	})
}

type stringer interface{ String() string }

// checkNode checks that n's span lies within src.
func checkNode(t *testing.T, src string, n Node) {
	t.Helper()
	if n.Pos() < 0 || n.Pos() > n.End() || n.End() > len(src) {
		t.Fatalf("%q: %T span [%d,%d) outside [0,%d]", src, n, n.Pos(), n.End(), len(src))
	}
}

// checkStable checks that the canonical text s parses and prints as itself.
func checkStable(t *testing.T, s string, parse func(string) (stringer, error)) {
	t.Helper()
	back, err := parse(s)
	if err != nil {
		t.Fatalf("canonical %q does not parse: %v", s, err)
	}
	if back.String() != s {
		t.Fatalf("canonical %q prints back as %q", s, back.String())
	}
}
