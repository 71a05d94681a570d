package properties

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// compactSystems are the systems the compact-mode tests compare with exact
// mode: every spec of the suite and the benchmark instances C1 to C3 (C3
// only without -short).
func compactSystems(t *testing.T) map[string]*model.System {
	out := specSystems(t)
	for c := int64(1); c <= 3; c++ {
		if c == 3 && testing.Short() {
			continue
		}
		out[fmt.Sprintf("C%d", c)] = loadSystem(t, "../specs/bench/tcp_model.yaml", map[string]int64{"CAP": c})
	}
	return out
}

// monitored explores sys in compact mode with a Monitor of props and
// returns its verdicts.
func monitored(t *testing.T, sys *model.System, props []*Property, workers int) (*explore.Graph, []Result) {
	t.Helper()
	mon := NewMonitor(sys, props)
	g, err := lts.Search(context.Background(), sys, mon.Options(explore.Options{Compact: true, Workers: workers}))
	if err != nil && !errors.Is(err, explore.ErrStopped) {
		t.Fatal(err)
	}
	res, err := mon.Results(g)
	if err != nil {
		t.Fatal(err)
	}
	return g, res
}

// Compact mode stores the worlds and transitions exact mode stores: a
// dropped or double-counted world fails the test (a fingerprint collision,
// which would also fail it, has a probability below 1e-7 here).
func TestCompact_CountsMatchExact(t *testing.T) {
	for name, sys := range compactSystems(t) {
		exact := search(t, sys, explore.Options{})
		compact := search(t, sys, explore.Options{Compact: true})
		es, cs := exact.Stats(), compact.Stats()
		if es.States != cs.States || es.Transitions != cs.Transitions || es.MaxDepth != cs.MaxDepth {
			t.Errorf("%s: exact %+v, compact %+v", name, es, cs)
		}
		if !slices.Equal(exact.Deadlocks(), compact.Deadlocks()) {
			t.Errorf("%s: deadlocks differ", name)
		}
		if !cs.Compact || cs.Omission <= 0 || cs.Omission > 1e-7 {
			t.Errorf("%s: compact stats %+v", name, cs)
		}
	}
}

// On the fly, a Monitor gives the verdicts and traces Check gives on the
// full graph, for invariant, reachable and deadlock_free properties; every
// trace replays; the others are Unknown, with a note saying why.
func TestCompact_VerdictsMatchExact(t *testing.T) {
	for name, sys := range compactSystems(t) {
		props, err := Compile(sys)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Check(context.Background(), sys, search(t, sys, explore.Options{}), props)
		if err != nil {
			t.Fatal(err)
		}
		_, got := monitored(t, sys, props, 0)
		for i, r := range got {
			sameResult(t, name, sys, want[i], r)
		}
	}
}

// sameResult fails unless got, from a Monitor, agrees with want, from
// Check.
func sameResult(t *testing.T, name string, sys *model.System, want, got Result) {
	t.Helper()
	p := got.Property
	if !NewMonitor(sys, nil).onTheFly(p) {
		if got.Verdict != Unknown || !strings.Contains(got.Note, "full graph") {
			t.Errorf("%s: %s: %v %q, want unknown", name, p.Name, got.Verdict, got.Note)
		}
		return
	}
	if got.Verdict != want.Verdict || got.Trace.Len() != want.Trace.Len() || got.Note != want.Note {
		t.Errorf("%s: %s: %v (%d steps), want %v (%d steps)", name, p.Name, got.Verdict, got.Trace.Len(), want.Verdict, want.Trace.Len())
	}
	if got.Trace.Worlds == nil {
		return
	}
	tr, err := sys.Replay(got.Trace.Actions)
	if err != nil || !slices.EqualFunc(tr.Worlds, got.Trace.Worlds, func(a, b model.World) bool { return string(a) == string(b) }) {
		t.Errorf("%s: %s: trace does not replay: %v", name, p.Name, err)
	}
}

// The verdicts and traces of a compact search do not depend on the number
// of workers.
func TestCompact_DeterministicAcrossWorkers(t *testing.T) {
	sys := loadSystem(t, "../specs/bench/tcp_model.yaml", map[string]int64{"CAP": 2})
	props, err := Compile(sys)
	if err != nil {
		t.Fatal(err)
	}
	g1, ref := monitored(t, sys, props, 1)
	for _, workers := range []int{2, 4, 8} {
		g, res := monitored(t, sys, props, workers)
		if g.Stats().States != g1.Stats().States {
			t.Fatalf("workers %d: %d worlds, want %d", workers, g.Stats().States, g1.Stats().States)
		}
		for i := range res {
			if res[i].Verdict != ref[i].Verdict || !slices.Equal(res[i].Trace.Actions, ref[i].Trace.Actions) {
				t.Errorf("workers %d: %s differs", workers, res[i].Property.Name)
			}
		}
	}
}

// Check refuses a compact graph, which has no worlds to scan.
func TestCheck_RefusesCompactGraph(t *testing.T) {
	sys := specSystems(t)["three_way.yaml"]
	props, _ := Compile(sys)
	if _, err := Check(context.Background(), sys, search(t, sys, explore.Options{Compact: true}), props); !errors.Is(err, explore.ErrCompact) {
		t.Errorf("Check: %v, want ErrCompact", err)
	}
}

// Under a state or depth limit, a Monitor gives the verdicts and traces
// Check gives on the partial graph.
func TestCompact_LimitsMatchExact(t *testing.T) {
	sys := loadSystem(t, "../specs/three_way.yaml", nil)
	props, err := Compile(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []explore.Options{{MaxStates: 500}, {MaxDepth: 6}} {
		exact, _ := lts.Search(context.Background(), sys, opt)
		want, err := Check(context.Background(), sys, exact, props)
		if err != nil {
			t.Fatal(err)
		}
		mon := NewMonitor(sys, props)
		opt.Compact = true
		g, err := lts.Search(context.Background(), sys, mon.Options(opt))
		if err == nil {
			t.Fatalf("%+v: no limit reached", opt)
		}
		got, err := mon.Results(g)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			sameResult(t, fmt.Sprintf("%+v", opt), sys, want[i], got[i])
		}
	}
}
