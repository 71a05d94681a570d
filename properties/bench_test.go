package properties

import (
	"context"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// BenchmarkCheckKnowledge measures deciding video_call's properties, four of
// them with knowledge operators, over the explored graph (exploration is
// not timed). RETRIES=2 gives 450,569 worlds.
func BenchmarkCheckKnowledge(b *testing.B) {
	spec, err := model.Load("../specs/video_call.yaml")
	if err != nil {
		b.Fatal(err)
	}
	sys, err := model.Compile(spec, map[string]int64{"RETRIES": 2})
	if err != nil {
		b.Fatal(err)
	}
	props, err := Compile(sys)
	if err != nil {
		b.Fatal(err)
	}
	g, err := Search(context.Background(), sys, explore.Options{})
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
