package lts

import (
	"context"
	"errors"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

func load(t *testing.T, file string) *model.System {
	t.Helper()
	spec, err := model.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	sys, err := model.Compile(spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sys
}

func explored(t *testing.T, file string, opt explore.Options) (*model.System, *explore.Graph) {
	t.Helper()
	sys := load(t, file)
	g, err := Search(context.Background(), sys, opt)
	if err != nil && !errors.Is(err, explore.ErrStateLimit) {
		t.Fatal(err)
	}
	return sys, g
}

// TestRelationMatchesStepper holds every edge of the relation against the
// action the stepper yields in its place: its target, what its label says
// (Step, Label, Trans, Pair, Kept) and the whole action (Action).
func TestRelationMatchesStepper(t *testing.T) {
	for _, file := range []string{"testdata/faults.yaml", "../specs/three_way_retransmit.yaml", "../specs/close.yaml"} {
		t.Run(file, func(t *testing.T) {
			sys, g := explored(t, file, explore.Options{})
			rel, err := New(sys, g).Relation(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if rel.Len() != g.Len() || rel.Initials() != len(g.Initial()) || int64(rel.Edges()) != g.Stats().Transitions {
				t.Fatalf("relation of %d worlds, %d initial, %d edges; graph %d, %d, %d", rel.Len(), rel.Initials(), rel.Edges(), g.Len(), len(g.Initial()), g.Stats().Transitions)
			}
			kinds := checkEdges(t, sys, g, rel)
			if file == "testdata/faults.yaml" {
				for k := model.ActFire; k <= model.ActLinkUp; k++ {
					if kinds[k] == 0 {
						t.Errorf("no edge of kind %v: the test does not cover it", k)
					}
				}
			}
		})
	}
}

// checkEdges compares the edges of every expanded world with the stepper
// and counts the edges of each kind.
func checkEdges(t *testing.T, sys *model.System, g *explore.Graph, rel *Relation) map[model.ActionKind]int {
	t.Helper()
	st, st2 := sys.NewStepper(), sys.NewStepper()
	kinds := map[model.ActionKind]int{}
	for v := range uint32(g.Len()) {
		if !g.Expanded(explore.StateID(v)) {
			continue
		}
		w := model.World(g.State(explore.StateID(v)))
		lo, hi := rel.Out(v)
		e := lo
		err := st.Successors(w, func(a *model.Action, succ []byte) {
			kinds[a.Kind]++
			if e >= hi {
				t.Fatalf("world %d: more actions than edges", v)
			}
			if to, _ := g.Lookup(succ); uint32(to) != rel.To(e) || rel.Source(e) != v {
				t.Errorf("edge %d: %d -> %d, want %d -> %d", e, rel.Source(e), rel.To(e), v, to)
			}
			checkLabel(t, sys, w, rel, e, *a)
			if got, err := rel.Action(st2, v, e); err != nil || got != *a {
				t.Errorf("edge %d: Action %+v, %v; want %+v", e, got, err, *a)
			}
			e++
		})
		if err != nil {
			t.Fatal(err)
		}
		if e != hi {
			t.Errorf("world %d: %d edges, %d actions", v, hi-lo, e-lo)
		}
		if rel.Stuck(v) != (hi == lo) {
			t.Errorf("world %d: Stuck %v with %d edges", v, rel.Stuck(v), hi-lo)
		}
	}
	return kinds
}

// checkLabel compares what the label of edge e says with action a.
func checkLabel(t *testing.T, sys *model.System, w model.World, rel *Relation, e int, a model.Action) {
	t.Helper()
	s := rel.Step(e)
	want := model.Action{Kind: a.Kind, Machine: a.Machine, Trans: a.Trans, Channel: a.Channel, Slot: -1}
	switch a.Kind {
	case model.ActFire:
		want.Channel = 0
	case model.ActDiscard:
		want.Trans = 0
	default:
		want.Machine, want.Trans = 0, 0
	}
	if s != want || rel.Label(e) != sys.Label(a) {
		t.Errorf("edge %d: Step %+v (%q), want %+v (%q)", e, s, rel.Label(e), want, sys.Label(a))
	}
	base := rel.Base()
	trans, pair := -1, -1
	switch a.Kind {
	case model.ActFire:
		trans = base[a.Machine] + a.Trans
	case model.ActDiscard:
		trans = base[len(base)-1] + int(a.Machine)
	}
	if (a.Kind == model.ActFire || a.Kind == model.ActDiscard) && a.Slot >= 0 {
		pair = int(a.Channel)*sys.MsgValues() + sys.MsgValueAt(w, a.Channel, a.Slot)
	}
	if rel.Trans(e) != trans || rel.Pair(e) != pair || rel.Kept(e) != (a.Keep && pair >= 0) {
		t.Errorf("edge %d: trans %d pair %d kept %v, want %d %d %v", e, rel.Trans(e), rel.Pair(e), rel.Kept(e), trans, pair, a.Keep && pair >= 0)
	}
}

// TestRelationBuiltOnce checks that a Graph builds its relation on the first
// call and hands the same one to every later caller, but does not keep a
// build its context cut short.
func TestRelationBuiltOnce(t *testing.T) {
	sys, g := explored(t, "../specs/three_way_retransmit.yaml", explore.Options{})
	x := New(sys, g)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.Relation(ctx); !errors.Is(err, context.Canceled) || x.Built() {
		t.Fatalf("cancelled build: %v, built %v", err, x.Built())
	}
	r1, err := x.Relation(context.Background())
	if err != nil || !x.Built() {
		t.Fatal(err)
	}
	if r2, _ := x.Relation(context.Background()); r2 != r1 {
		t.Error("a second call built the relation again")
	}
}

// TestRelationPartialAndCompact: the worlds a limit left unexpanded have
// no edges and are not stuck; a compact graph has no relation.
func TestRelationPartialAndCompact(t *testing.T) {
	sys, g := explored(t, "../specs/close.yaml", explore.Options{MaxStates: 100})
	rel, err := New(sys, g).Relation(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	unexpanded := 0
	for v := range uint32(g.Len()) {
		if !g.Expanded(explore.StateID(v)) {
			unexpanded++
			if lo, hi := rel.Out(v); hi != lo || rel.Stuck(v) {
				t.Errorf("unexpanded world %d has %d edges, stuck %v", v, hi-lo, rel.Stuck(v))
			}
		}
	}
	if unexpanded == 0 {
		t.Fatal("the limit left every world expanded: the test tests nothing")
	}
	checkEdges(t, sys, g, rel)
	sys, g = explored(t, "../specs/close.yaml", explore.Options{Compact: true})
	if _, err := New(sys, g).Relation(context.Background()); !errors.Is(err, explore.ErrCompact) {
		t.Errorf("compact graph: %v, want ErrCompact", err)
	}
}
