package properties

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// liveSpec is a lossy retransmission loop: the client resends SYN until
// the server takes one.
const liveSrc = `name: live
messages: { SYN: {} }
machines:
  client:
    states: [SENDING]
    init: SENDING
    transitions:
      - { from: SENDING, on: timeout, send: SYN }
  server:
    states: [LISTEN, DONE]
    init: LISTEN
    transitions:
      - { from: LISTEN, on: recv SYN, to: DONE }
channels:
  - { from: client, to: server, capacity: 1, loss: true }
properties:
  - { name: p, leads_to: "server in LISTEN ~> server in DONE" }
`

func compileProps(src string) ([]*Property, *model.System, error) {
	spec, err := model.Parse("test.yaml", []byte(src))
	if err != nil {
		return nil, nil, err
	}
	sys, err := model.Compile(spec, nil)
	if err != nil {
		return nil, nil, err
	}
	props, err := Compile(sys)
	return props, sys, err
}

func TestLiveness_CompileErrors(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{`leads_to: "server in LISTEN ~> server in DONE"`, `leads_to: "server in DONE"`,
			`test.yaml:17:27: properties[p].leads_to: expected "P ~> Q"`},
		{`leads_to: "server in LISTEN ~> server in DONE"`, `leads_to: "server in LISTEN ~> server in DON"`,
			`test.yaml:17:57: properties[p].leads_to: "DON" is not a state of server`},
		{`leads_to: "server in LISTEN ~> server in DONE" }`, `eventually: server in DONE, fairness: some }`,
			`properties[p].fairness: expected declared (the spec's fair keys, the default) or none`},
		{`leads_to: "server in LISTEN ~> server in DONE" }`, `invariant: server in DONE, fairness: none }`,
			`properties[p].fairness: fairness applies only to eventually, leads_to and always_eventually`},
	}
	for _, tc := range tests {
		_, _, err := compileProps(strings.Replace(liveSrc, tc.old, tc.new, 1))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.new, err, tc.want)
		}
	}
}

func checkSrc(t *testing.T, src string, opt explore.Options) []Result {
	t.Helper()
	props, sys, err := compileProps(src)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := lts.Search(context.Background(), sys, opt)
	res, err := Check(context.Background(), sys, g, props)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestLiveness_Notes: the verdicts and notes on the retransmission loop,
// with and without a fair-lossy channel, and with a vacuous leads_to.
func TestLiveness_Notes(t *testing.T) {
	tests := []struct {
		name, old, new string
		verdict        Verdict
		note           string
	}{
		{"unfair", "", "", Violated, "unfair: only the network's losses keep it from progressing — the loop sends SYN on client->server forever and delivers none; declare fair: true on the channels (client->server)"},
		{"fair-lossy", "loss: true }", "loss: true, fair: true }", Holds, ""},
		{"fairness none", "DONE\" }", "DONE\", fairness: none }", Violated, "unfair: only the network's losses"},
		{"vacuous", "server in LISTEN ~>", "server in DONE and server in LISTEN ~>", Holds, "vacuous: no reachable world satisfies the left side of ~>"},
		// Once DONE, the server leaves every SYN in the channel, which is
		// fair-lossy: every run then sends forever and delivers nothing.
		{"no fair run", "capacity: 1, loss: true }", "capacity: 1, loss: true, full: drop, fair: true }", Holds, "vacuous: under the declared fairness no run is fair"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(liveSrc, tc.old, tc.new, 1)
			if tc.name == "no fair run" {
				src = strings.Replace(src, "    states: [LISTEN, DONE]", "    unmatched: block\n    states: [LISTEN, DONE]", 1)
			}
			r := checkSrc(t, src, explore.Options{})[0]
			note := r.Note
			if len(r.Vacuous) > 0 {
				note = "vacuous: " + r.Vacuous[0].Why
			}
			if r.Verdict != tc.verdict || !strings.HasPrefix(note, tc.note) {
				t.Errorf("got %v %q, want %v %q", r.Verdict, r.Note, tc.verdict, tc.note)
			}
		})
	}
}

// TestLiveness_Limit: a search cut short decides nothing it has not seen:
// "holds" becomes unknown, while a counterexample found is reported.
func TestLiveness_Limit(t *testing.T) {
	src, err := os.ReadFile("../specs/three_way_retransmit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range checkSrc(t, string(src), explore.Options{MaxStates: 40}) {
		switch r.Property.Name {
		case "established":
			if r.Verdict != Unknown {
				t.Errorf("%s: %v, want unknown", r.Property.Name, r.Verdict)
			}
		case "established_unfair":
			if r.Verdict != Violated || !strings.Contains(r.Note, "before the search stopped at a limit") {
				t.Errorf("%s: %v %q, want violated before the limit", r.Property.Name, r.Verdict, r.Note)
			}
		}
	}
}

// FuzzCompileLeadsTo: a leads_to property never panics the compiler, and
// its errors are positioned inside the text.
func FuzzCompileLeadsTo(f *testing.F) {
	for _, s := range []string{"client in SYN_SENT ~> client in ESTABLISHED", "~>", "a ~> b ~> c",
		"client in SYN_SENT\n~> knows(client, server in ESTABLISHED)", "~> client in CLOSED", "x ~>"} {
		f.Add(s)
	}
	src, err := os.ReadFile("../specs/three_way.yaml")
	if err != nil {
		f.Fatal(err)
	}
	_, sys, _ := compileProps(string(src))
	f.Fuzz(func(t *testing.T, s string) {
		ps := &syntax.PropertySpec{Name: "p", Path: "properties[p]", Kind: syntax.Text{Src: "leads_to"},
			Expr: &syntax.Text{Src: s, Pos: syntax.Pos{File: "f.yaml", Line: 3, Col: 5}}}
		sys.Properties = []*syntax.PropertySpec{ps}
		_, err := Compile(sys)
		if list, ok := err.(syntax.ErrorList); ok {
			for _, e := range list {
				if e.Pos.Line < 3 || e.Pos.Line > 3+strings.Count(s, "\n") {
					t.Fatalf("error outside the text: %v", e)
				}
			}
		} else if err != nil {
			t.Fatalf("error %T is not an ErrorList: %v", err, err)
		}
	})
}
