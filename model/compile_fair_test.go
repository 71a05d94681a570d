package model

import (
	"strings"
	"testing"
)

// fairSpec declares fairness at every level: the client machine is weakly
// fair (but its user call is not), one server transition is strongly fair,
// and one channel is fair-lossy.
const fairSpec = `name: fair
messages:
  SYN: { seq: 0..1 }
  ACK: {}
machines:
  client:
    fair: weak
    states: [CLOSED, SYN_SENT, DONE]
    init: CLOSED
    transitions:
      - { from: CLOSED, on: call open, send: SYN(seq = 1), to: SYN_SENT }
      - { from: SYN_SENT, on: timeout, send: SYN(seq = 0) }
      - { from: SYN_SENT, on: recv ACK, to: DONE, fair: none }
  server:
    states: [LISTEN, DONE]
    init: LISTEN
    transitions:
      - { from: LISTEN, on: recv SYN, send: ACK, to: DONE, fair: strong }
      - { from: DONE, on: recv SYN }
channels:
  - { from: client, to: server, capacity: 2, loss: true, fair: true }
  - { from: server, to: client, capacity: 1, loss: true }
`

func TestCompile_Fairness(t *testing.T) {
	sys := compileSrc(t, fairSpec)
	c, s := sys.Machine("client"), sys.Machine("server")
	got := []Fairness{c.Fair, c.Transitions[0].Fair, c.Transitions[1].Fair, c.Transitions[2].Fair,
		s.Fair, s.Transitions[0].Fair, s.Transitions[1].Fair}
	want := []Fairness{WeakFair, Unfair, WeakFair, Unfair, Unfair, StrongFair, Unfair}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("fairness %d: got %v, want %v", i, got[i], want[i])
		}
	}
	if !sys.Channels[0].Fair || sys.Channels[1].Fair {
		t.Errorf("channel fairness %v %v, want true false", sys.Channels[0].Fair, sys.Channels[1].Fair)
	}
}

// TestCompile_MsgValues: messages are numbered per type and field values,
// the numbering round-trips through FormatMsgValue, and a stepper that
// tracks sends reports what each step sent, in the same numbering.
func TestCompile_MsgValues(t *testing.T) {
	sys := compileSrc(t, fairSpec)
	if got := sys.MsgValues(); got != 3 {
		t.Fatalf("%d message values, want 3 (SYN(seq=0), SYN(seq=1), ACK)", got)
	}
	var names []string
	for v := range sys.MsgValues() {
		names = append(names, sys.FormatMsgValue(v))
	}
	if got := strings.Join(names, " "); got != "SYN(seq=0) SYN(seq=1) ACK" {
		t.Errorf("values %s", got)
	}
	st := sys.NewStepper()
	st.TrackSends()
	var sent []string
	var w World
	_ = st.Successors(sys.Init(), func(a *Action, succ []byte) {
		for _, p := range st.Sent() {
			sent = append(sent, sys.Channels[p/3].Name+" "+sys.FormatMsgValue(p%3))
		}
		w = World(succ).Clone()
	})
	if got := strings.Join(sent, ","); got != "client->server SYN(seq=1)" {
		t.Errorf("sent %q", got)
	}
	if v := sys.MsgValueAt(w, 0, 0); sys.FormatMsgValue(v) != "SYN(seq=1)" {
		t.Errorf("in flight: %s", sys.FormatMsgValue(v))
	}
}

func TestCompile_FairnessErrors(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"fair: weak\n", "fair: wek\n", `test.yaml:7:11: machines.client.fair: expected weak (taken if continuously enabled), strong (taken if repeatedly enabled) or none, found "wek" (did you mean "weak"?)`},
		{"fair: strong }", "fair: always }", `machines.server.transitions[0].fair: expected weak`},
		{"loss: true, fair: true }", "loss: true, fair: maybe }", `channels[0].fair: expected true, false or a condition over the parameters, found "maybe"`},
	}
	for _, tc := range tests {
		spec, err := Parse("test.yaml", []byte(strings.Replace(fairSpec, tc.old, tc.new, 1)))
		if err == nil {
			_, err = Compile(spec, nil)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.new, err, tc.want)
		}
	}
}
