package properties

import (
	"fmt"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// TestLiveness_SpecLassos checks every liveness counterexample of the suite
// from the model alone, without the labelled graph: the trace replays, its
// loop returns to where it starts (or its last world has no successor),
// from some starting world on the goal never holds, and the loop meets
// every fairness assumption the property makes, judged from the actions'
// descriptions (which transition fired, which message was sent, received
// or discarded, and whether a copy stayed in flight).
func TestLiveness_SpecLassos(t *testing.T) {
	systems := specSystems(t)
	// The duplicating configuration of tcp_connection, whose lassos finite
	// duplication constrains.
	systems["tcp_connection.yaml DUP=1"] = loadSystem(t, "../specs/tcp_connection.yaml",
		map[string]int64{"LOSS": 0, "REORDER": 0, "DUP": 1, "CAP": 4})
	for name, sys := range systems {
		t.Run(name, func(t *testing.T) {
			g, results := checkAll(t, sys)
			kx := newKnowledgeCtx(sys, g)
			for _, r := range results {
				if !r.Lasso() {
					continue
				}
				if _, err := sys.Replay(r.Trace.Actions); err != nil {
					t.Fatalf("%s: %v", r.Property.Name, err)
				}
				checkLoopCloses(t, sys, r)
				checkAvoidsGoal(t, kx, g, r)
				if bad := unfairSteps(sys, r); bad != "" {
					t.Errorf("%s: the loop is unfair: %s", r.Property.Name, bad)
				}
			}
		})
	}
}

func checkLoopCloses(t *testing.T, sys *model.System, r Result) {
	t.Helper()
	tr, last := r.Trace, r.Trace.Last()
	if r.LoopStart == tr.Len() {
		n := 0 // steps other than calls the users may leave unmade
		_ = sys.NewStepper().Successors(last, func(a *model.Action, _ []byte) {
			if a.Kind != model.ActFire {
				n++
				return
			}
			t := sys.Machines[a.Machine].Transitions[a.Trans]
			if t.Trigger != model.OnCall || (t.Fair != model.Unfair && !r.Property.live.unfair) {
				n++
			}
		})
		if n > 0 {
			t.Errorf("%s: a stuttering counterexample ends in a world with %d steps the run owes", r.Property.Name, n)
		}
		return
	}
	if r.LoopStart < 0 || r.LoopStart > tr.Len() || string(tr.Worlds[r.LoopStart]) != string(last) {
		t.Errorf("%s: the last world is not world %d, where the loop starts", r.Property.Name, r.LoopStart)
	}
}

// checkAvoidsGoal: some world at or before the loop starts the obligation,
// and no world from there on satisfies the goal.
func checkAvoidsGoal(t *testing.T, kx *knowledgeCtx, g *explore.Graph, r Result) {
	t.Helper()
	p := r.Property
	in := func(s setExpr, w model.World) bool {
		id, ok := g.Lookup(w)
		return ok && kx.eval(s).has(int(id))
	}
	for i := len(r.Trace.Worlds) - 1; i >= 0; i-- {
		w := r.Trace.Worlds[i]
		if in(p.live.to, w) {
			break
		}
		switch {
		case p.Kind == Eventually && i == 0,
			p.Kind == AlwaysEventually && i <= r.LoopStart,
			p.Kind == LeadsTo && i <= r.LoopStart && in(p.live.from, w):
			return
		}
	}
	t.Errorf("%s: no world starts an obligation that the rest of the run leaves unmet", p.Name)
}

// unfairSteps judges the loop of r against the fairness p assumes and
// returns what it violates, or "".
func unfairSteps(sys *model.System, r Result) string {
	if r.LoopStart == r.Trace.Len() || r.Property.live.unfair {
		return ""
	}
	tr := r.Trace
	type act struct {
		m       model.MachineID
		t       int // -1: a discard
		discard bool
	}
	enabledEverywhere, enabledSomewhere, taken := map[act]bool{}, map[act]bool{}, map[act]bool{}
	sent, delivered, kept := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i := r.LoopStart; i < tr.Len(); i++ {
		here := map[act]bool{}
		_ = sys.NewStepper().Successors(tr.Worlds[i], func(a *model.Action, _ []byte) {
			if a.Kind == model.ActFire || a.Kind == model.ActDiscard {
				here[act{a.Machine, a.Trans * b2i(a.Kind == model.ActFire), a.Kind == model.ActDiscard}] = true
			}
		})
		for k := range here {
			enabledSomewhere[k] = true
			if i == r.LoopStart {
				enabledEverywhere[k] = true
			}
		}
		for k := range enabledEverywhere {
			enabledEverywhere[k] = enabledEverywhere[k] && here[k]
		}
		a := tr.Actions[i]
		if a.Kind == model.ActFire || a.Kind == model.ActDiscard {
			taken[act{a.Machine, a.Trans * b2i(a.Kind == model.ActFire), a.Kind == model.ActDiscard}] = true
		}
		st := sys.Describe(tr.Worlds[i], tr.Worlds[i+1], a)
		for _, s := range st.Sent {
			sent[s.Channel+" "+s.Message] = true
		}
		if st.Kind == "recv" || st.Kind == "discard" {
			delivered[st.Channel+" "+st.Message] = true
			kept[st.Channel+" "+st.Message] = kept[st.Channel+" "+st.Message] || st.Duplicate
		}
	}
	for k := range enabledSomewhere {
		f := sys.Machines[k.m].Fair
		if !k.discard {
			f = sys.Machines[k.m].Transitions[k.t].Fair
		}
		switch {
		case f == model.WeakFair && enabledEverywhere[k] && !taken[k], f == model.StrongFair && !taken[k]:
			return fmt.Sprintf("%+v (%v) enabled and never taken", k, f)
		}
	}
	return unfairChannels(sys, sent, delivered, kept)
}

// unfairChannels judges a loop that sends, delivers and delivers keeping a
// copy the messages (channel, space, message) of the maps against the fair
// channels: fair-lossy and finite duplication.
func unfairChannels(sys *model.System, sent, delivered, kept map[string]bool) string {
	for msg := range sent {
		c := sys.Channels[channelNamed(sys, msg)]
		if c.Fair && !delivered[msg] {
			return fmt.Sprintf("%s sent and never delivered", msg)
		}
	}
	for msg, k := range kept {
		c := sys.Channels[channelNamed(sys, msg)]
		if k && c.Fair && !sent[msg] {
			return fmt.Sprintf("copies of %s delivered and never sent", msg)
		}
	}
	return ""
}

func channelNamed(sys *model.System, msg string) int {
	for i, c := range sys.Channels {
		if len(msg) > len(c.Name) && msg[:len(c.Name)+1] == c.Name+" " {
			return i
		}
	}
	panic("no channel for " + msg)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestLiveness_UnfairNoteRegression: a lasso that is fair under the
// declared fairness but not under the strongest assumption is described by
// its unmet channel constraints. Indexing a channel by the message type count
// instead of the message value count once panicked here.
func TestLiveness_UnfairNoteRegression(t *testing.T) {
	_, results := checkAll(t, loadSystem(t, "testdata/unfair_note.yaml", nil))
	if len(results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range results {
		if r.Verdict == Violated && r.Lasso() && r.Note == "" {
			t.Errorf("%s: lasso without a note", r.Property.Name)
		}
	}
}
