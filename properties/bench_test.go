package properties

import (
	"context"
	"fmt"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
)

// BenchmarkCheckKnowledge measures deciding video_call's properties, four of
// them with knowledge operators, over the explored graph (exploration is
// not timed). RETRIES=2 gives 450,569 worlds.
func BenchmarkCheckKnowledge(b *testing.B) {
	sys := loadSystem(b, "../specs/video_call.yaml", map[string]int64{"RETRIES": 2})
	props, err := Compile(sys)
	if err != nil {
		b.Fatal(err)
	}
	g, err := lts.Search(context.Background(), sys, explore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Check(context.Background(), sys, g, props); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(g.Len())*float64(b.N)/b.Elapsed().Seconds(), "worlds/s")
}

// BenchmarkSearch explores the three-way handshake with a growing sequence
// number space and reports worlds/s and bytes per world (the graph's memory,
// parents included, divided by its worlds).
func BenchmarkSearch(b *testing.B) {
	for _, seq := range []int64{2, 3, 4} {
		b.Run(fmt.Sprintf("three_way/SEQ=%d", seq), func(b *testing.B) {
			sys := loadSystem(b, "../specs/three_way.yaml", map[string]int64{"SEQ": seq})
			var g *explore.Graph
			var err error
			for i := 0; i < b.N; i++ {
				if g, err = lts.Search(context.Background(), sys, explore.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			st := g.Stats()
			b.ReportMetric(float64(st.States)*float64(b.N)/b.Elapsed().Seconds(), "worlds/s")
			b.ReportMetric(float64(st.Bytes)/float64(st.States), "B/world")
			b.ReportMetric(float64(st.States), "worlds")
		})
	}
}
