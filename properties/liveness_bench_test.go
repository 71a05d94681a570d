package properties

import (
	"context"
	"fmt"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
)

// BenchmarkLiveness decides video_call's two liveness properties (a
// violated leads_to with a lasso and a holding one, which also checks that
// some run is fair) over the explored graph, labelled edges included;
// exploration is not timed. RETRIES=2 gives 450,569 worlds and 3.6 million
// transitions, RETRIES=3 1,112,721 worlds and 8.9 million.
func BenchmarkLiveness(b *testing.B) {
	for _, retries := range []int64{2, 3} {
		b.Run(fmt.Sprintf("video_call/RETRIES=%d", retries), func(b *testing.B) {
			sys := loadSystem(b, "../specs/video_call.yaml", map[string]int64{"RETRIES": retries})
			props, err := Compile(sys)
			if err != nil {
				b.Fatal(err)
			}
			var live []*Property
			for _, p := range props {
				if p.Kind.IsLiveness() {
					live = append(live, p)
				}
			}
			g, err := lts.Search(context.Background(), sys, explore.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := Check(context.Background(), sys, g, live); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(g.Len())*float64(b.N)/b.Elapsed().Seconds(), "worlds/s")
			b.ReportMetric(float64(g.Len()), "worlds")
		})
	}
}
