package model

import (
	"strings"
	"testing"
)

// idleSpec: a retransmits its FIN once (a timeout) until b acknowledges;
// b lingers in WAIT until an idle step. c and d are an unrelated pair whose
// traffic must not hold up b's idle step.
const idleSpec = `
name: idle
messages:
  FIN: {}
  ACK: {}
machines:
  a:
    states: [FIN_SENT, DONE]
    init: FIN_SENT
    vars: { retries: 0..1 }
    transitions:
      - { from: FIN_SENT, on: timeout, when: retries < 1, do: [retries += 1], send: FIN }
      - { from: FIN_SENT, on: recv ACK, to: DONE }
  b:
    states: [WAIT, CLOSED]
    init: WAIT
    transitions:
      - { from: WAIT, on: recv FIN, send: ACK }
      - { name: expire, from: WAIT, on: idle two_msl, to: CLOSED }
      - { from: CLOSED, on: call reopen, to: WAIT }
  c:
    states: [S]
    init: S
    transitions:
      - { from: S, on: internal, send: FIN }
  d:
    states: [S]
    init: S
    transitions:
      - { from: S, on: recv FIN }
channels:
  - { from: a, to: b, capacity: 1 }
  - { from: b, to: a, capacity: 1 }
  - { from: c, to: d, capacity: 1 }
`

func hasStep(ss []string, sub string) bool {
	for _, s := range ss {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func TestIdleWaitsForQuiet(t *testing.T) {
	sys := compileSrc(t, idleSpec)
	w := sys.Init()
	// a's retransmission timer is enabled: b may not expire yet.
	if ss := steps(t, sys, w); hasStep(ss, "idle") {
		t.Fatalf("idle step while a peer's timeout is enabled: %q", ss)
	}
	w = after(t, sys, w, "a: timeout")
	// A FIN in flight: still not quiet.
	if ss := steps(t, sys, w); hasStep(ss, "idle") {
		t.Fatalf("idle step while a message is in flight: %q", ss)
	}
	w = after(t, sys, w, "b: recv FIN")
	if ss := steps(t, sys, w); hasStep(ss, "idle") {
		t.Fatalf("idle step while the ACK is in flight: %q", ss)
	}
	w = after(t, sys, w, "a: recv ACK")
	// Now quiet around b, although c keeps sending to d.
	ss := steps(t, sys, w)
	if !hasStep(ss, "idle two_msl") {
		t.Fatalf("no idle step in a quiet world: %q", ss)
	}
	w = after(t, sys, w, "b: idle")
	if got := sys.Machines[1].States[sys.State(w, 1)]; got != "CLOSED" {
		t.Fatalf("b in %s after the idle step, want CLOSED", got)
	}
}

func TestIdleTriggerParses(t *testing.T) {
	sys := compileSrc(t, idleSpec)
	tr := sys.Machines[1].Transitions[1]
	if tr.Trigger != OnIdle || tr.Event != "two_msl" || tr.Trigger.String() != "idle" {
		t.Fatalf("trigger %v %q", tr.Trigger, tr.Event)
	}
}

// TestIdleNotMemoized: b's view and channel heads are the same in both
// worlds, but only the second is quiet. One stepper must tell them apart.
func TestIdleNotMemoized(t *testing.T) {
	sys := compileSrc(t, idleSpec)
	x := sys.Init() // a's timeout is enabled
	y := after(t, sys, after(t, sys, after(t, sys, x, "a: timeout"), "b: recv FIN"), "a: recv ACK")
	st := sys.NewStepper()
	for i, tc := range []struct {
		w    World
		idle bool
	}{{x, false}, {y, true}, {x, false}} {
		got := false
		if err := st.Successors(tc.w, func(a *Action, _ []byte) {
			if a.Kind == ActFire && sys.Machines[a.Machine].Transitions[a.Trans].Trigger == OnIdle {
				got = true
			}
		}); err != nil {
			t.Fatal(err)
		}
		if got != tc.idle {
			t.Errorf("world %d: idle step %v, want %v", i, got, tc.idle)
		}
	}
}
