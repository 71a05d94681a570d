package tcpcheck

import (
	"context"
	"errors"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/properties"
)

// TestCheckStopped: once the command's context has ended (a timeout, a
// signal), the worlds a search reached are still scanned for a while, so
// that the invariant they violate is reported with its counterexample;
// the rest is unknown with the cause, never holds.
func TestCheckStopped(t *testing.T) {
	sys, err := Compile("specs/three_way.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	props, err := properties.Compile(sys)
	if err != nil {
		t.Fatal(err)
	}
	g, err := lts.Search(context.Background(), sys, explore.Options{MaxStates: 200})
	if !errors.Is(err, explore.ErrStateLimit) {
		t.Fatalf("search: %v", err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("interrupted by SIGINT"))
	r := &Report{System: sys}
	got, err := r.decide(ctx, lts.New(sys, g), props, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := properties.Check(context.Background(), sys, g, props)
	if err != nil {
		t.Fatal(err)
	}
	decided := 0
	for i, res := range got {
		switch {
		case res.Property.Kind.IsLiveness():
			if res.Verdict != properties.Unknown || res.Note != "not decided: interrupted by SIGINT" {
				t.Errorf("%s: %s (%s), want unknown: interrupted", res.Property.Name, res.Verdict, res.Note)
			}
		case res.Verdict != want[i].Verdict || res.Trace.Len() != want[i].Trace.Len():
			t.Errorf("%s: %s, want %s as without the interruption", res.Property.Name, res.Verdict, want[i].Verdict)
		case res.Verdict != properties.Unknown:
			decided++
		}
	}
	if decided == 0 {
		t.Error("no verdict was found in the worlds reached")
	}
}
