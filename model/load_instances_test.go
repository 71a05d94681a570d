package model

import (
	"strings"
	"testing"
)

// A list of transitions may include a list shared through a YAML anchor.
func TestLoad_SharedTransitions(t *testing.T) {
	spec, err := Parse("test.yaml", []byte(`
name: shared
machines:
  a:
    states: &states [X, Y]
    init: X
    transitions:
      - &common
        - { from: X, on: internal, to: Y }
        - - { from: Y, on: internal, to: X }
      - { from: X, on: call only_a }
  b:
    states: *states
    init: Y
    transitions: [*common]
`))
	if err != nil {
		t.Fatal(err)
	}
	a, b := spec.Machines[0], spec.Machines[1]
	if len(a.Transitions) != 3 || len(b.Transitions) != 2 || len(b.States) != 2 {
		t.Fatalf("a: %d transitions, b: %d transitions, %d states", len(a.Transitions), len(b.Transitions), len(b.States))
	}
	if p := b.Transitions[1].Path; p != "machines.b.transitions[0][1][0]" {
		t.Errorf("path %s", p)
	}
	if _, err := Compile(spec, nil); err != nil {
		t.Fatal(err)
	}
}

func TestLoad_ChannelExpressions(t *testing.T) {
	spec, err := Parse("test.yaml", []byte(`
name: x
params: { N: 3 }
machines:
  a: { states: [S], init: S }
  b: { states: [S], init: S }
channels:
  - { from: a, to: b, capacity: N + 1, dup: N > 2 }
  - { from: b, to: a, capacity: 7, dup: maybe }
`))
	if err != nil {
		t.Fatal(err)
	}
	ch := spec.Channels[0]
	if ch.CapExpr == nil || ch.CapExpr.Src != "N + 1" || ch.Conds["dup"].Src == "" || spec.Channels[1].Capacity != 7 {
		t.Fatalf("%+v", ch)
	}
	_, err = Compile(spec, nil)
	if err == nil || !strings.Contains(err.Error(), `channels[1].dup: expected true, false or a condition over the parameters, found "maybe"`) {
		t.Errorf("got %v", err)
	}
}

// Every fault key of a channel may be a condition over the parameters, so
// that one spec runs under several fault configurations (--set, matrix).
func TestCompile_FaultConditions(t *testing.T) {
	src := `
name: x
params: { LOSS: 1, REORDER: 0, FLAKY: 1 }
machines:
  a: { states: [S], init: S }
  b: { states: [S], init: S }
channels:
  - { from: a, to: b, loss: LOSS == 1, reorder: REORDER == 1, flaky: FLAKY > 0, fair: LOSS == 1 }
  - { from: b, to: a, loss: head, reorder: true }
`
	spec, err := Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		set                  map[string]int64
		loss                 LossMode
		reorder, flaky, fair bool
	}{
		{nil, LossAny, false, true, true},
		{map[string]int64{"LOSS": 0, "REORDER": 1, "FLAKY": 0}, NoLoss, true, false, false},
	} {
		sys, err := Compile(spec, tc.set)
		if err != nil {
			t.Fatal(err)
		}
		c, d := sys.Channels[0], sys.Channels[1]
		if c.Loss != tc.loss || c.Reorder != tc.reorder || c.Flaky != tc.flaky || c.Fair != tc.fair {
			t.Errorf("set %v: got loss %v reorder %v flaky %v fair %v", tc.set, c.Loss, c.Reorder, c.Flaky, c.Fair)
		}
		if d.Loss != LossHead || !d.Reorder {
			t.Errorf("set %v: the literal keys of the second channel changed: %+v", tc.set, d)
		}
	}
	spec, err = Parse("test.yaml", []byte(strings.Replace(src, "loss: LOSS == 1,", "loss: LOS == 1,", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err = Compile(spec, nil); err == nil || !strings.Contains(err.Error(), `channels[0].loss: unknown name "LOS" (did you mean "LOSS"?)`) {
		t.Errorf("got %v", err)
	}
}
