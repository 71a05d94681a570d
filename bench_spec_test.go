package tcpcheck_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tcpcheck/tcpcheck"
)

// modelInstances are the instances of the shared TCP benchmark model
// (/work/shared/bench/MODEL.md) with the reachable-world and transition
// counts that SPIN (-DNOREDUCE) and Rumur (rules fired, symmetry off)
// report for it. specs/bench/tcp_model.yaml must reach exactly the same.
var modelInstances = []struct {
	name               string
	k, cap, maxr, seq  int64
	dup, closev        int64
	worlds, transition int64
	slow               bool
}{
	{"P1", 1, 1, 1, 2, 0, 0, 314, 960, false},
	{"C1", 1, 1, 2, 2, 1, 1, 11_833, 72_678, false},
	{"P2", 2, 1, 1, 2, 0, 0, 98_596, 602_880, false},
	{"C2", 1, 2, 2, 2, 1, 1, 137_817, 972_954, false},
	{"A", 1, 2, 2, 4, 1, 0, 155_630, 1_029_764, false},
	{"C3", 1, 3, 2, 2, 1, 1, 1_242_853, 9_054_524, true},
}

func TestBenchModelCounts(t *testing.T) {
	for _, in := range modelInstances {
		t.Run(in.name, func(t *testing.T) {
			if in.slow && testing.Short() {
				t.Skip("a million worlds; skipped with -short")
			}
			set := map[string]int64{"K": in.k, "CAP": in.cap, "MAXR": in.maxr, "SEQ": in.seq, "DUP": in.dup, "CLOSEV": in.closev}
			r := tcpcheck.Verify(context.Background(), "specs/bench/tcp_model.yaml", tcpcheck.Options{Set: set})[0]
			if r.Err != nil || r.ModelError != nil {
				t.Fatalf("%v %v", r.Err, r.ModelError)
			}
			got := fmt.Sprintf("%d worlds, %d transitions", r.Stats.States, r.Stats.Transitions)
			want := fmt.Sprintf("%d worlds, %d transitions", in.worlds, in.transition)
			if got != want {
				t.Errorf("%s: got %s, MODEL.md says %s", in.name, got, want)
			}
			for _, res := range r.Results {
				if !res.OK() {
					t.Errorf("property %s: %s", res.Property.Name, res.Verdict)
				}
			}
		})
	}
}
