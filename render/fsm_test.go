package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/model"
)

func TestFSMGolden(t *testing.T) {
	tests := []struct {
		golden string
		spec   string
		opt    FSMOptions
	}{
		{"three_way.fsm.dot", "testdata/three_way.yaml", FSMOptions{}},
		{"two_way.server.detail.fsm.dot", "testdata/two_way.yaml", FSMOptions{Machines: []model.MachineID{1}, Detail: true}},
		{"faults.fsm.dot", "testdata/faults.yaml", FSMOptions{Final: [][]bool{{false, false, false, true}, {false, true}}}},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := FSM(&b, loadSystem(t, tc.spec), tc.opt); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.golden, b.Bytes())
		})
	}
}

// TestFSMLabels checks the RFC 9293 Figure 5 style: "trigger [guard]" and
// "/ sends", parallel transitions merged into one edge.
func TestFSMLabels(t *testing.T) {
	var b bytes.Buffer
	if err := FSM(&b, loadSystem(t, "testdata/three_way.yaml"), FSMOptions{}); err != nil {
		t.Fatal(err)
	}
	dot := b.String()
	for _, want := range []string{
		`m0s0 -> m0s1 [label="call open\n/ SYN"`,
		`m0s1 -> m0s0 [label="timeout [retries == RETRIES]"`,
		`m1s1 -> m1s1 [label="recv SYN\n/ SYN_ACK\n\ntimeout [retries < RETRIES]\n/ SYN_ACK"`,
		`m0s2 [label="ESTABLISHED", peripheries="2"]`,
		`m0s0 [label="CLOSED", penwidth="1.8"]`,
		`m0start -> m0s0`,
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s\n%s", want, dot)
		}
	}
}

func TestFSMUnknownMachine(t *testing.T) {
	err := FSM(&bytes.Buffer{}, loadSystem(t, "testdata/two_way.yaml"), FSMOptions{Machines: []model.MachineID{7}})
	if err == nil || !strings.Contains(err.Error(), "no machine 7") {
		t.Fatalf("got %v, want an error naming machine 7", err)
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{`plain`, `"plain"`},
		{`say "hi"`, `"say \"hi\""`},
		{"two\nlines", `"two\nlines"`},
		{`left\l`, `"left\l"`},
		{`back\slash`, `"back\\slash"`},
		{`end\`, `"end\\"`},
	}
	for _, tc := range tests {
		if got := quote(tc.in); got != tc.want {
			t.Errorf("quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestAttrsSorted(t *testing.T) {
	a := attrs{{"zeta", "1"}, {"alpha", "2"}}.set("mid", "3").set("zeta", "4")
	if got, want := a.String(), ` [alpha="2", mid="3", zeta="4"]`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
