package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// compileSrc parses and compiles an inline spec or fails the test.
func compileSrc(t *testing.T, src string) *System {
	t.Helper()
	spec, err := Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	sys, err := Compile(spec, nil)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return sys
}

// steps lists each successor of w as "label | world on one line".
func steps(t *testing.T, sys *System, w World) []string {
	t.Helper()
	var out []string
	err := sys.NewStepper().Successors(w, func(a *Action, succ []byte) {
		line := strings.ReplaceAll(strings.TrimSpace(sys.Format(World(succ))), "\n", "; ")
		out = append(out, sys.Describe(w, World(succ), *a).String()+" | "+line)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// after runs the labelled step of w whose description starts with prefix.
func after(t *testing.T, sys *System, w World, prefix string) World {
	t.Helper()
	var next World
	var all []string
	_ = sys.NewStepper().Successors(w, func(a *Action, succ []byte) {
		d := sys.Describe(w, World(succ), *a)
		all = append(all, d.Actor+": "+d.String())
		if next == nil && strings.HasPrefix(d.Actor+": "+d.String(), prefix) {
			next = World(succ).Clone()
		}
	})
	if next == nil {
		t.Fatalf("no step %q from\n%s\nsteps: %q", prefix, sys.Format(w), all)
	}
	return next
}

const pingSpec = `
name: ping
messages:
  PING: { n: 0..3 }
machines:
  a:
    states: [IDLE, SENT]
    init: IDLE
    vars: { n: 0..3 }
    transitions:
      - { from: IDLE, on: call go, choose: { v: 1..2 }, do: [n = v], send: PING(n = v), to: SENT }
      - { from: SENT, on: timeout, when: n < 3, do: [n += 1], send: PING(n = n + 1) }
  b:
    states: [WAIT, GOT]
    init: WAIT
    vars: { last: 0..3 }
    transitions:
      - { from: "*", on: recv PING(n = 2), do: [last = msg.n], to: GOT }
channels:
  - { from: a, to: b, capacity: 2, %s }
`

func pingSys(t *testing.T, opts string) *System {
	return compileSrc(t, strings.Replace(pingSpec, "%s", opts, 1))
}

func TestNext_ActionKinds(t *testing.T) {
	tests := []struct {
		name string
		opts string
		path []string // steps taken from the initial world, by description prefix
		want []string // descriptions of the successors of the last world
	}{
		{
			name: "call with choices",
			opts: "loss: false",
			want: []string{"call go [v=1]; send PING(n=1); a IDLE→SENT; a.n 0→1", "call go [v=2]; send PING(n=2); a IDLE→SENT; a.n 0→2"},
		},
		{
			name: "timeout and unmatched discard",
			opts: "loss: false",
			path: []string{"a: call go [v=1]"},
			want: []string{"timeout; send PING(n=2); a.n 1→2", "discards PING(n=1) from a->b (no transition accepts it)"},
		},
		{
			name: "loss drops any message",
			opts: "loss: true",
			path: []string{"a: call go [v=1]", "a: timeout"},
			want: []string{"discards PING(n=1) from a->b (no transition accepts it)", "loses PING(n=1) on a->b", "loses PING(n=2) on a->b"},
		},
		{
			name: "loss head drops only the oldest",
			opts: "loss: head",
			path: []string{"a: call go [v=1]", "a: timeout"},
			want: []string{"discards PING(n=1) from a->b (no transition accepts it)", "loses PING(n=1) on a->b"},
		},
		{
			name: "reorder delivers any message",
			opts: "reorder: true",
			path: []string{"a: call go [v=1]", "a: timeout"},
			want: []string{"recv PING(n=2) on a->b; b WAIT→GOT; b.last 0→2", "discards PING(n=1) from a->b (no transition accepts it)"},
		},
		{
			name: "dup delivers and keeps a copy",
			opts: "dup: true",
			path: []string{"a: call go [v=2]"},
			want: []string{"timeout; send PING(n=3); a.n 2→3", "recv PING(n=2) on a->b; b WAIT→GOT; b.last 0→2", "recv PING(n=2) on a->b (duplicate: a copy stays in flight); b WAIT→GOT; b.last 0→2"},
		},
		{
			name: "full channel blocks the sender",
			opts: "full: block",
			path: []string{"a: call go [v=1]", "a: timeout"},
			want: []string{"discards PING(n=1) from a->b (no transition accepts it)"},
		},
		{
			name: "full channel drops the message",
			opts: "full: drop",
			path: []string{"a: call go [v=1]", "a: timeout"},
			want: []string{"timeout; send PING(n=3) (lost: channel full); a.n 2→3", "discards PING(n=1) from a->b (no transition accepts it)"},
		},
		{
			name: "flaky link goes down and loses sends",
			opts: "flaky: true",
			path: []string{"network: link-down a->b"},
			want: []string{"call go [v=1]; send PING(n=1) (lost: link down); a IDLE→SENT; a.n 0→1", "call go [v=2]; send PING(n=2) (lost: link down); a IDLE→SENT; a.n 0→2", "link-up a->b"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sys := pingSys(t, tc.opts)
			w := sys.Init()
			for _, p := range tc.path {
				w = after(t, sys, w, p)
			}
			var got []string
			for _, s := range steps(t, sys, w) {
				got = append(got, s[:strings.Index(s, " | ")])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("successors of\n%s\ngot  %q\nwant %q", sys.Format(w), got, tc.want)
			}
		})
	}
}

func TestNext_ReorderIsCanonical(t *testing.T) {
	// Two orders of sending the same multiset must give the same world.
	sys := compileSrc(t, `
name: multiset
messages: { M: { v: 0..3 } }
machines:
  a:
    states: [S]
    init: S
    transitions:
      - { from: S, on: internal one, when: true, send: M(v = 1) }
      - { from: S, on: internal two, send: M(v = 2) }
  b: { states: [S], init: S, unmatched: block }
channels:
  - { from: a, to: b, capacity: 2, reorder: true }
`)
	w := sys.Init()
	ab := after(t, sys, after(t, sys, w, "a: internal one"), "a: internal two")
	ba := after(t, sys, after(t, sys, w, "a: internal two"), "a: internal one")
	if ab.Key() != ba.Key() {
		t.Errorf("multiset encodings differ:\n%x\n%x", ab, ba)
	}
}

func TestNext_RangeErrorIsModelError(t *testing.T) {
	sys := compileSrc(t, `
name: overflow
machines:
  a:
    states: [S]
    init: S
    vars: { n: 0..1 }
    transitions:
      - { from: S, on: internal, do: [n += 1] }
`)
	w := after(t, sys, sys.Init(), "a: internal")
	err := sys.NewStepper().Next(w, func([]byte) {})
	re, ok := err.(*RangeError)
	if !ok || re.Value != 2 || re.Var != "n" {
		t.Fatalf("got %v, want a RangeError for n = 2", err)
	}
	if !strings.Contains(err.Error(), "test.yaml:") {
		t.Errorf("error %q has no position", err)
	}
}

func TestNext_SimultaneousAssignment(t *testing.T) {
	sys := compileSrc(t, `
name: swap
machines:
  a:
    states: [S]
    init: S
    vars:
      x: { domain: 0..3, init: 1 }
      y: { domain: 0..3, init: 2 }
    transitions:
      - { from: S, on: internal, do: [x = y, y = x] }
`)
	w := after(t, sys, sys.Init(), "a: internal")
	if x, y := sys.Value(w, 0, 0), sys.Value(w, 0, 1); x != 2 || y != 1 {
		t.Errorf("after swap x=%d y=%d, want 2 1", x, y)
	}
}

// TestNext_MatchesSuccessors: Next, which hands the search the world
// itself for a step that changes nothing, yields exactly the successors of
// Successors, in order, on every spec of the suite and on the TCP
// benchmark model (whose duplicate deliveries into full channels are such
// steps).
func TestNext_MatchesSuccessors(t *testing.T) {
	forEachSpec(t, func(t *testing.T, sys *System) {
		want := successorsOf(t, sys, sys.NewStepper(), 20000)
		got := nextOf(sys, sys.NewStepper(), 20000)
		if len(got) != len(want) {
			t.Fatalf("Next: %d steps, Successors: %d", len(got), len(want))
		}
		for i, g := range got {
			w := want[i]
			if !strings.HasPrefix(w, "error ") {
				w = w[strings.LastIndexByte(w, ' ')+1:] // the successor, after the action
			}
			if g != w {
				t.Fatalf("step %d: Next %s, Successors %s", i, g, want[i])
			}
		}
	})
}

// nextOf is successorsOf through Next, which yields no actions.
func nextOf(sys *System, st *Stepper, limit int) []string {
	return walk(sys, limit, func(w World, visit func(string, []byte)) error {
		return st.Next(w, func(succ []byte) { visit(fmt.Sprintf("%x", succ), succ) })
	})
}
