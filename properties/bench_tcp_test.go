package properties

import (
	"context"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/internal/cputime"
	"github.com/tcpcheck/tcpcheck/lts"
)

// BenchmarkTCPModel explores the shared benchmark model
// (specs/bench/tcp_model.yaml, MODEL.md) on the C family, whose size grows
// with the channel capacity: C1 has 11,833 worlds, C2 137,817, C3
// 1,242,853 and C4 8,860,515. It reports worlds/s, bytes per world (the
// graph's memory, parent links included) and CPU time per world (user and
// system, all cores: steadier than wall time on a shared machine). Run the
// larger instances with -bench 'TCPModel/C[34]' -benchtime 3x.
func BenchmarkTCPModel(b *testing.B) {
	for _, c := range []struct {
		name string
		set  map[string]int64
	}{
		{"C1", map[string]int64{"CAP": 1}},
		{"C2", map[string]int64{"CAP": 2}},
		{"C3", map[string]int64{"CAP": 3}},
		{"C4", map[string]int64{"CAP": 4}},
	} {
		b.Run(c.name, func(b *testing.B) {
			sys := loadSystem(b, "../specs/bench/tcp_model.yaml", c.set)
			var st explore.Stats
			b.ReportAllocs()
			cpu := cputime.Process()
			for b.Loop() {
				g, err := lts.Search(context.Background(), sys, explore.Options{})
				if err != nil {
					b.Fatal(err)
				}
				st = g.Stats()
			}
			n := float64(st.States) * float64(b.N)
			b.ReportMetric(n/b.Elapsed().Seconds(), "worlds/s")
			b.ReportMetric(float64(st.Bytes)/float64(st.States), "B/world")
			b.ReportMetric(float64(st.Transitions)/float64(st.States), "succ/world")
			b.ReportMetric(float64(cputime.Process()-cpu)/n, "cpu-ns/world")
		})
	}
}

// BenchmarkTCPModelNext measures successor generation alone: Next over the
// first worlds of C3, no search.
func BenchmarkTCPModelNext(b *testing.B) {
	sys := loadSystem(b, "../specs/bench/tcp_model.yaml", map[string]int64{"CAP": 3})
	g, err := lts.Search(context.Background(), sys, explore.Options{MaxStates: 1 << 16})
	if err != nil && err != explore.ErrStateLimit {
		b.Fatal(err)
	}
	st := sys.NewStepper()
	n := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = st.Next(g.State(explore.StateID(i%g.Len())), func([]byte) { n++ })
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "succ/s")
}
