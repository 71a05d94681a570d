package model

import (
	"strings"
	"testing"
)

// parseErrors parses src and returns its errors one per line.
func parseErrors(t *testing.T, src string) []string {
	t.Helper()
	_, err := Parse("f.yaml", []byte(src))
	if err == nil {
		t.Fatalf("no error for\n%s", src)
	}
	return strings.Split(err.Error(), "\n")
}

// checkErrors compares errors with the expected prefixes, in order.
func checkErrors(t *testing.T, got []string, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d:\ngot  %s\nwant %s...", i, got[i], want[i])
		}
	}
}

func TestStatesMustBeAList(t *testing.T) {
	got := parseErrors(t, "name: a\nmachines:\n  a:\n    states: LISTEN, SYN_SENT\n    init: LISTEN\n    transitions:\n      - { from: LISTEN, to: SYN_SENT }\n")
	checkErrors(t, got, `f.yaml:4:13: machines.a.states: expected a list of states in [ ], e.g. states: [LISTEN, SYN_SENT], found "LISTEN, SYN_SENT"`)
}

// A missing states list must not hide the other errors of the file, nor
// make every use of a state an error.
func TestMissingStatesHidesNothing(t *testing.T) {
	src := `name: a
messages:
  PING:
machines:
  a:
    init: S
    vars: { n: 0..3 }
    transitions:
      - { from: S, on: internal, when: m > 1, send: PING, to: T }
  b:
    states: [R]
    transitions:
      - { from: R, on: recv PONG, to: R }
channels:
  - { from: a, to: b, capacity: 0 }
`
	checkErrors(t, parseErrors(t, src),
		`f.yaml:5:3: machines.a: missing key "states"`,
		`f.yaml:10:3: machines.b: missing key "init"`,
		`f.yaml:15:33: channels[0].capacity: capacity 0 out of range`,
		`f.yaml:9:40: machines.a.transitions[0].when: unknown name "m"`,
		`f.yaml:13:29: machines.b.transitions[0].on: unknown message type "PONG"`)
}

// Root causes come first: the channel's unknown machine, then the sends and
// receives that lack a channel because of it.
func TestRootCauseFirst(t *testing.T) {
	src := `name: a
messages:
  PING:
machines:
  a:
    states: [S]
    init: S
    transitions:
      - { from: S, on: internal, send: PING }
  b:
    states: [R]
    init: R
    transitions:
      - { from: R, on: recv PING }
channels:
  - { from: a, to: bb }
`
	checkErrors(t, parseAndCompileErrors(t, src),
		`f.yaml:16:20: channels[0].to: unknown machine "bb"`,
		`f.yaml:9:40: machines.a.transitions[0].send: a sends, but no channel leaves it`,
		`f.yaml:14:24: machines.b.transitions[0].on: b receives, but no channel leads to it`)
}

// A broken section that everything uses is reported alone, not with an
// error for every use of it.
func TestBrokenMachinesNotCompiled(t *testing.T) {
	checkErrors(t, parseErrors(t, "name: a\nmachines: [a, b]\nchannels:\n  - { from: a, to: b }\n"),
		`f.yaml:2:11: machines: expected a mapping, found a list`)
}

func parseAndCompileErrors(t *testing.T, src string) []string {
	t.Helper()
	spec, err := Parse("f.yaml", []byte(src))
	if err == nil {
		_, err = Compile(spec, nil)
	}
	if err == nil {
		t.Fatalf("no error for\n%s", src)
	}
	return strings.Split(err.Error(), "\n")
}

func TestDuplicateTransitionNames(t *testing.T) {
	src := `name: a
machines:
  a:
    states: [S, T, U]
    init: S
    transitions:
      - { name: go, from: S, to: T }
      - { name: go, from: T, to: U }
      - { name: go, from: [U, T], to: S }
      - { name: stay, from: S }
      - name: stay
        from: "*"
`
	checkErrors(t, parseErrors(t, src),
		`f.yaml:9:17: machines.a.transitions[2].name: transition name "go" used twice in machine a, both from state T: first at machines.a.transitions[1] (line 8, column 17)`,
		`f.yaml:11:15: machines.a.transitions[4].name: transition name "stay" used twice in machine a, both from state S: first at machines.a.transitions[3] (line 10, column 17)`)
}
