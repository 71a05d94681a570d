package properties

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

var errTestStop = errors.New("test: stopped")

// TestCheck_CancelledBeforehand: a context that has already ended decides
// nothing, and says why in every note.
func TestCheck_CancelledBeforehand(t *testing.T) {
	sys := loadSystem(t, "../specs/video_call.yaml", nil)
	props, err := Compile(sys)
	if err != nil {
		t.Fatal(err)
	}
	g := search(t, sys, explore.Options{})
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errTestStop)
	res, err := Check(ctx, sys, g, props)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(props) {
		t.Fatalf("%d results for %d properties", len(res), len(props))
	}
	for _, r := range res {
		if r.Verdict != Unknown || !strings.Contains(r.Note, errTestStop.Error()) {
			t.Errorf("%s: %s (%s), want unknown with the cause", r.Property.Name, r.Verdict, r.Note)
		}
	}
}

// TestCheck_CancelDuringAnalysis cancels the liveness and knowledge
// analyses of a graph of 450,569 worlds at several moments: Check must
// return promptly, and every verdict must be the one an uncancelled Check
// gives, or Unknown with the cause: never a verdict made up from a loop
// that stopped early.
func TestCheck_CancelDuringAnalysis(t *testing.T) {
	if testing.Short() {
		t.Skip("explores 450,569 worlds")
	}
	sys := loadSystem(t, "../specs/video_call.yaml", map[string]int64{"RETRIES": 2})
	props, err := Compile(sys)
	if err != nil {
		t.Fatal(err)
	}
	g := search(t, sys, explore.Options{})
	start := time.Now()
	want, err := Check(context.Background(), sys, g, props)
	if err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	unknown := 0
	for _, after := range []time.Duration{0, full / 20, full / 5, full / 2, full * 4 / 5} {
		ctx, cancel := context.WithCancelCause(context.Background())
		timer := time.AfterFunc(after, func() { cancel(errTestStop) })
		res, err := Check(ctx, sys, g, props)
		timer.Stop()
		cancel(nil)
		if err != nil {
			t.Fatalf("cancelled after %v: %v", after, err)
		}
		if len(res) != len(want) {
			t.Fatalf("cancelled after %v: %d results, want %d", after, len(res), len(want))
		}
		for i, r := range res {
			switch {
			case r.Verdict == Unknown && strings.Contains(r.Note, errTestStop.Error()):
				unknown++
			case r.Verdict != want[i].Verdict || r.Note != want[i].Note:
				t.Errorf("cancelled after %v: %s: %s (%s), want %s (%s) or unknown", after, r.Property.Name, r.Verdict, r.Note, want[i].Verdict, want[i].Note)
			}
		}
	}
	if unknown == 0 {
		t.Error("no cancellation left a property undecided")
	}
}

// TestCheck_StopsPromptly: once the context ends, Check returns within a
// small fraction of a second, wherever the analysis is.
func TestCheck_StopsPromptly(t *testing.T) {
	if testing.Short() {
		t.Skip("explores 450,569 worlds")
	}
	sys := loadSystem(t, "../specs/video_call.yaml", map[string]int64{"RETRIES": 2})
	props, err := Compile(sys)
	if err != nil {
		t.Fatal(err)
	}
	g := search(t, sys, explore.Options{})
	for _, after := range []time.Duration{5 * time.Millisecond, 50 * time.Millisecond, 200 * time.Millisecond} {
		ctx, cancel := context.WithCancelCause(context.Background())
		timer, at := cancelAfter(after, cancel)
		if _, err := Check(ctx, sys, g, props); err != nil {
			t.Fatal(err)
		}
		end := time.Now()
		timer.Stop()
		cancel(nil)
		if at, ok := at(); ok && end.Sub(at) > 250*time.Millisecond {
			t.Errorf("cancelled after %v: Check returned %v after the cancellation", after, end.Sub(at))
		}
	}
}

// TestKnowledgeDepths_Cancelled: a cancelled context gives its cause,
// never a table.
func TestKnowledgeDepths_Cancelled(t *testing.T) {
	sys := loadSystem(t, "../specs/two_generals.yaml", nil)
	g := search(t, sys, explore.Options{})
	fact := syntax.Text{Src: "true"}
	ctx, cancel := context.WithCancelCause(context.Background())
	if _, err := KnowledgeDepths(ctx, sys, g, fact, fact, 8); err != nil {
		t.Fatalf("not cancelled: %v", err)
	}
	cancel(errTestStop)
	tab, err := KnowledgeDepths(ctx, sys, g, fact, fact, 8)
	if !errors.Is(err, errTestStop) || tab != nil {
		t.Errorf("cancelled: %v, %v; want nil, %v", tab, err, errTestStop)
	}
}

// TestKnowledgeDepths_CancelledDuring: cancelled while it works over a
// graph of 450,569 worlds, KnowledgeDepths returns the cause promptly.
func TestKnowledgeDepths_CancelledDuring(t *testing.T) {
	if testing.Short() {
		t.Skip("explores 450,569 worlds")
	}
	sys := loadSystem(t, "../specs/video_call.yaml", map[string]int64{"RETRIES": 2})
	g := search(t, sys, explore.Options{})
	fact := syntax.Text{Src: "delivered(alice->bob) and delivered(bob->alice)"}
	when := syntax.Text{Src: "true"}
	start := time.Now()
	if _, err := KnowledgeDepths(context.Background(), sys, g, fact, when, 8); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	ctx, cancel := context.WithCancelCause(context.Background())
	timer, cancelledAt := cancelAfter(full/4, cancel)
	defer timer.Stop()
	tab, err := KnowledgeDepths(ctx, sys, g, fact, when, 8)
	end := time.Now()
	at, ok := cancelledAt()
	if !ok {
		t.Skipf("finished in %v, before the cancellation at %v", end.Sub(start), full/4)
	}
	if !errors.Is(err, errTestStop) || tab != nil {
		t.Errorf("cancelled: %v, %v; want nil, %v", tab, err, errTestStop)
	}
	if end.Sub(at) > 250*time.Millisecond {
		t.Errorf("returned %v after the cancellation (a full run takes %v)", end.Sub(at), full)
	}
}

// cancelAfter cancels with errTestStop after d; at then tells when, once
// it has happened.
func cancelAfter(d time.Duration, cancel context.CancelCauseFunc) (timer *time.Timer, at func() (time.Time, bool)) {
	ch := make(chan time.Time, 1)
	timer = time.AfterFunc(d, func() { ch <- time.Now(); cancel(errTestStop) })
	return timer, func() (time.Time, bool) {
		select {
		case t := <-ch:
			return t, true
		default:
			return time.Time{}, false
		}
	}
}
