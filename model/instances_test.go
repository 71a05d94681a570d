package model

import (
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// pairsSpec is K client/server pairs, each a one-shot request and reply.
const pairsSpec = `
name: pairs
params: { K: 2, CAP: 1 }
messages:
  REQ: { id: 0..7 }
  REP: { id: 0..7 }
machines:
  client:
    count: K
    states: &states [IDLE, WAIT, DONE]
    init: IDLE
    vars: { got: 0..7 }
    transitions:
      - &send { from: IDLE, on: call go, send: REQ(id = self), to: WAIT }
      - { from: WAIT, on: recv REP from server, do: [got = msg.id], to: DONE }
  server:
    count: K
    states: *states
    init: IDLE
    transitions:
      - { from: IDLE, on: recv REQ, send: REP(id = msg.id + 1) to client, to: DONE }
channels:
  - { from: client, to: server, capacity: CAP, loss: true }
  - { from: server, to: client, capacity: CAP, dup: CAP == 1 }
`

func compileWith(t *testing.T, src string, set map[string]int64) *System {
	t.Helper()
	spec, err := Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	sys, err := Compile(spec, set)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return sys
}

func TestInstances_Expand(t *testing.T) {
	sys := compileWith(t, pairsSpec, nil)
	var names, chans []string
	for _, m := range sys.Machines {
		names = append(names, m.Name)
	}
	for _, c := range sys.Channels {
		chans = append(chans, c.Name)
		if c.Dup != (sys.Machines[c.From].Group == "server") {
			t.Errorf("%s: dup: CAP == 1 not applied", c.Name)
		}
	}
	if got := strings.Join(names, " "); got != "client[0] client[1] server[0] server[1]" {
		t.Errorf("machines %s", got)
	}
	if got := strings.Join(chans, " "); got != "client[0]->server[0] client[1]->server[1] server[0]->client[0] server[1]->client[1]" {
		t.Errorf("channels %s", got)
	}
	if g := sys.Group("client"); g == nil || g.Count != 2 || len(g.Machines) != 2 || sys.Machines[g.Machines[1]].Instance != 1 {
		t.Errorf("group %+v", g)
	}
	if m := sys.Machines[3]; m.Group != "server" || m.Instance != 1 || len(m.Transitions) != 1 {
		t.Errorf("server[1] = %+v", m)
	}
}

// K independent pairs have exactly the K-th power of one pair's worlds.
func TestInstances_ProductOfPairs(t *testing.T) {
	count := func(k int64) int {
		sys := compileWith(t, pairsSpec, map[string]int64{"K": k})
		return len(reachable(t, sys))
	}
	one, two, three := count(1), count(2), count(3)
	if two != one*one || three != one*one*one {
		t.Errorf("worlds: K=1 %d, K=2 %d, K=3 %d", one, two, three)
	}
}

func reachable(t *testing.T, sys *System) map[string]bool {
	t.Helper()
	seen := map[string]bool{string(sys.Init()): true}
	queue := []World{sys.Init()}
	st := sys.NewStepper()
	for len(queue) > 0 {
		w := queue[0]
		queue = queue[1:]
		if err := st.Next(w, func(s []byte) {
			if !seen[string(s)] {
				seen[string(s)] = true
				queue = append(queue, World(s).Clone())
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	return seen
}

func TestInstances_SelfAndProperties(t *testing.T) {
	sys := compileWith(t, pairsSpec, map[string]int64{"K": 3})
	worlds := reachable(t, sys)
	conds := map[string]bool{ // condition: holds in some reachable world
		"client[2] in DONE and client[2].got == 3":                     true,
		"client[1] in DONE and client[1].got != 2":                     false,
		"all i: client[i] in DONE":                                     true,
		"all i: client[i] in DONE implies client[i].got == i + 1":      false, // negated below
		"some i in 0..K-1: len(client[i]->server[i]) > 0 and i == 2":   true,
		"(some i: server[i] in DONE) and all j: client[j] in IDLE":     false,
		"len(server[K - 1]->client[K - 1]) == 1 and client[2] in WAIT": true,
	}
	for src, want := range conds {
		c, err := sys.CompileText(syntax.Text{Src: src}, "test")
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		holds, fails := false, false
		for w := range worlds {
			if c.Holds(World(w)) {
				holds = true
			} else {
				fails = true
			}
		}
		if strings.Contains(src, "implies") {
			if fails {
				t.Errorf("%s fails in some world", src)
			}
			continue
		}
		if holds != want {
			t.Errorf("%s: holds somewhere = %v, want %v", src, holds, want)
		}
	}
}

func TestInstances_FanIn(t *testing.T) {
	sys := compileWith(t, `
name: fan_in
messages: { HELLO: }
machines:
  client:
    count: 3
    states: [A, B]
    init: A
    transitions: [{ from: A, on: call hello, send: HELLO, to: B }]
  log:
    states: [S]
    init: S
    vars: { n: 0..3 }
    transitions: [{ from: S, on: recv HELLO from client, when: n < 3, do: [n += 1] }]
channels:
  - { from: client, to: log, capacity: 1 }
`, nil)
	if len(sys.Channels) != 3 || sys.Channels[2].Name != "client[2]->log" {
		t.Fatalf("channels %v", sys.Channels)
	}
	if got := len(sys.Machines[3].Transitions[0].FromCh); got != 3 {
		t.Errorf("log receives from %d channels", got)
	}
	c, err := sys.CompileText(syntax.Text{Src: "log.n == 3 and all i: client[i] in B"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for w := range reachable(t, sys) {
		found = found || c.Holds(World(w))
	}
	if !found {
		t.Error("the log never hears all three clients")
	}
}

func TestInstances_Errors(t *testing.T) {
	base := pairsSpec
	tests := []struct{ name, old, new, want string }{
		{"bad count", "count: K\n    states: &states", "count: K - 5\n    states: &states",
			"test.yaml:9:12: machines.client.count: count -3 out of range: expected 1..255"},
		{"count not constant", "count: K\n    states: &states", "count: got\n    states: &states",
			`unknown name "got"`},
		{"unequal counts", "  server:\n    count: K", "  server:\n    count: 3",
			"client has 2 instances and server has 3: a channel between two groups connects them index-wise"},
		{"instance out of range", "{ from: client, to: server,", "{ from: \"client[2]\", to: \"server[0]\",",
			"client has instances 0..1; index 2 is out of range"},
		{"unknown group", "{ from: client, to: server,", "{ from: clent, to: server,",
			`unknown machine "clent" (did you mean "client"?)`},
		{"unquoted instance", "{ from: client, to: server,", "{ from: client[0], to: server,",
			"inside { }, quote a value that contains [ ] { } or a comma"},
		{"capacity expression", "capacity: CAP, loss", "capacity: CAP * 100, loss",
			"capacity 100 out of range: expected 1..64"},
	}
	for _, tt := range tests {
		src := strings.Replace(base, tt.old, tt.new, 1)
		if src == base {
			t.Fatalf("%s: %q not in the spec", tt.name, tt.old)
		}
		err := compileErr(src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v\nwant %s", tt.name, err, tt.want)
		}
	}
}

func TestInstances_PropertyErrors(t *testing.T) {
	sys := compileWith(t, pairsSpec, nil)
	tests := []struct{ src, want string }{
		{"client in DONE", "test.yaml:1:1: test: unknown name \"client\": client has 2 instances (count: 2): name one, as in client[0]"},
		{"client[2] in DONE", "1:1: test: client has instances 0..1; index 2 is out of range"},
		{"client[0].got == server[0].got", `machine server[0] has no variable "got"`},
		{"all i: got == 1", "cannot tell the values of i"},
		{"all K: client[K] in DONE", "K already names a machine or a parameter"},
		{"len(client[0]->server[1]) == 0", "there is no channel client[0]->server[1]"},
		{"all i in 0..5: client[i] in DONE", "index 2 is out of range"},
		{"client[0.5]", "not an integer"},
	}
	for _, tt := range tests {
		_, err := sys.CompileText(syntax.Text{Src: tt.src, Pos: syntax.Pos{File: "test.yaml", Line: 1, Col: 1}}, "test")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestInstances_ExpandQuantifiers(t *testing.T) {
	sys := compileWith(t, pairsSpec, map[string]int64{"K": 3})
	e, err := sys.ExpandQuantifiers(mustParseExpr(t, "all i: some j in 0..1: client[i].got == j"), syntax.Text{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	want := "(some j in 0..1: client[0].got == j) and (some j in 0..1: client[1].got == j) and (some j in 0..1: client[2].got == j)"
	if strings.Count(e.String(), "client[") != 6 || !strings.Contains(e.String(), "(client[2].got == 1)") {
		t.Errorf("got %s\nwant the expansion of %s", e, want)
	}
	m, err := sys.MachineOf(mustParseExpr(t, "server[K - 1]"), syntax.Text{}, "test")
	if err != nil || m.Name != "server[2]" {
		t.Errorf("MachineOf: %v %v", m, err)
	}
}

func mustParseExpr(t *testing.T, src string) expr.Expr {
	t.Helper()
	e, err := expr.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestInstances_UnrollBudget(t *testing.T) {
	sys := compileWith(t, pairsSpec, nil)
	src := "all i in 0..4000: all j in 0..4000: client[0].got == i + j"
	_, err := sys.CompileText(syntax.Text{Src: src}, "test")
	if err == nil || !strings.Contains(err.Error(), "quantifiers unroll into more than 65536 copies") {
		t.Errorf("got %v", err)
	}
}
