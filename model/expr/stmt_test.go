package expr

import (
	"strings"
	"testing"
)

func TestParseAssign(t *testing.T) {
	tests := []struct {
		src, name string
		op        Op
		value     string
	}{
		{"x = 1", "x", OpAssign, "1"},
		{"retries += 1", "retries", OpAddAssign, "1"},
		{"wnd -= len", "wnd", OpSubAssign, "len"},
		{"snd_nxt = (iss + 1) % SEQ", "snd_nxt", OpAssign, "(% (+ iss 1) SEQ)"},
		{"ack=msg.seq+1", "ack", OpAssign, "(+ msg.seq 1)"},
		{"x = if a then 1 else 2", "x", OpAssign, "(if a 1 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			a, err := ParseAssign(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if a.Name.Name != tt.name || a.Op != tt.op || sexpr(a.Value) != tt.value {
				t.Errorf("got %s %s %s, want %s %s %s", a.Name.Name, a.Op, sexpr(a.Value), tt.name, tt.op, tt.value)
			}
			if a.Pos() != 0 || a.End() != len(tt.src) {
				t.Errorf("span [%d,%d), want [0,%d)", a.Pos(), a.End(), len(tt.src))
			}
			if tt.src[a.OpAt:a.OpAt+len(a.Op.String())] != a.Op.String() {
				t.Errorf("OpAt %d does not point at %s", a.OpAt, a.Op)
			}
			back, err := ParseAssign(a.String())
			if err != nil || back.String() != a.String() {
				t.Errorf("round trip of %q: %v, %v", a.String(), back, err)
			}
		})
	}
}

func TestParseSend(t *testing.T) {
	tests := []struct{ src, want string }{
		{"SYN", "SYN"},
		{"SYN()", "SYN"},
		{"SYN to server", "SYN to server"},
		{"SYN(seq = iss)", "SYN(seq = iss)"},
		{"SYN_ACK(seq = iss, ack = msg.seq + 1) to client", "SYN_ACK(seq = iss, ack = msg.seq + 1) to client"},
		{"ACK( seq=x,ack=y )to  client", "ACK(seq = x, ack = y) to client"},
		{"RST(seq = if a then 1 else 2)", "RST(seq = if a then 1 else 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			s, err := ParseSend(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if s.Pos() != 0 || s.End() != len(strings.TrimRight(tt.src, " ")) {
				t.Errorf("span [%d,%d) of %q", s.Pos(), s.End(), tt.src)
			}
			for _, f := range s.Fields {
				checkSpans(t, tt.src, f.Value)
			}
		})
	}
	s, _ := ParseSend("SYN_ACK(seq = iss, ack = 1) to client")
	if s.Type.Name != "SYN_ACK" || len(s.Fields) != 2 || s.Fields[1].Name.Name != "ack" || s.To.Name != "client" {
		t.Errorf("fields: %+v", s)
	}
	if s, _ := ParseSend("SYN"); s.To != nil || s.Fields != nil {
		t.Errorf("bare SYN: %+v", s)
	}
}

func TestParseTrigger(t *testing.T) {
	tests := []struct {
		src  string
		kind TriggerKind
		name string // "" for none
		any  bool
		from string
		want string
	}{
		{"call open", TriggerCall, "open", false, "", "call open"},
		{"recv SYN", TriggerRecv, "SYN", false, "", "recv SYN"},
		{"recv SYN from client", TriggerRecv, "SYN", false, "client", "recv SYN from client"},
		{"recv SYN(seq = x) from client", TriggerRecv, "SYN", false, "client", "recv SYN(seq = x) from client"},
		{"recv ACK(ack = snd_nxt)", TriggerRecv, "ACK", false, "", "recv ACK(ack = snd_nxt)"},
		{"recv *", TriggerRecv, "", true, "", "recv *"},
		{"recv * from server", TriggerRecv, "", true, "server", "recv * from server"},
		{"timeout", TriggerTimeout, "", false, "", "timeout"},
		{"timeout retransmit", TriggerTimeout, "retransmit", false, "", "timeout retransmit"},
		{"internal", TriggerInternal, "", false, "", "internal"},
		{" internal  crash ", TriggerInternal, "crash", false, "", "internal crash"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			tr, err := ParseTrigger(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			name, from := "", ""
			if tr.Name != nil {
				name = tr.Name.Name
			}
			if tr.From != nil {
				from = tr.From.Name
			}
			if tr.Kind != tt.kind || name != tt.name || tr.Any != tt.any || from != tt.from {
				t.Errorf("got %s %q any=%v from %q", tr.Kind, name, tr.Any, from)
			}
			if got := tr.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := tt.src[tr.Pos():tr.End()]; got != strings.TrimSpace(tt.src) {
				t.Errorf("span text %q", got)
			}
		})
	}
}

func TestParseRange(t *testing.T) {
	tests := []struct{ src, lo, hi, str string }{
		{"0..3", "0", "3", "0..3"},
		{"0..SEQ-1", "0", "(- SEQ 1)", "0..SEQ - 1"},
		{"-1 .. N*2", "(- 1)", "(* N 2)", "-1..N * 2"},
		{"(a)..(b or c)", "a", "(or b c)", "(a)..(b or c)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			r, err := ParseRange(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if sexpr(r.Lo) != tt.lo || sexpr(r.Hi) != tt.hi || r.String() != tt.str {
				t.Errorf("got %s..%s %q", sexpr(r.Lo), sexpr(r.Hi), r.String())
			}
			if r.Pos() != 0 || r.End() != len(tt.src) {
				t.Errorf("span [%d,%d)", r.Pos(), r.End())
			}
		})
	}
}

func TestKindStrings(t *testing.T) {
	if OpBitAnd.String() != "&" || OpImplies.String() != "implies" || Op(0).String() != "Op(0)" || Op(200).String() != "Op(200)" {
		t.Error("Op.String")
	}
	if TriggerRecv.String() != "recv" || TriggerKind(0).String() != "TriggerKind(0)" {
		t.Error("TriggerKind.String")
	}
	// package model converts TriggerKind by value: call, recv, timeout,
	// internal are 1..4.
	if TriggerCall != 1 || TriggerRecv != 2 || TriggerTimeout != 3 || TriggerInternal != 4 {
		t.Error("TriggerKind values changed")
	}
}
