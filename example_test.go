package tcpcheck_test

import (
	"context"
	"fmt"

	"github.com/tcpcheck/tcpcheck"
)

// Verify checks every configuration of a spec; each report has a verdict
// per property, and says whether all of them are as the spec expects.
func ExampleVerify() {
	opt := tcpcheck.Options{Properties: []string{"can_establish", "server_established_after_client"}}
	for _, r := range tcpcheck.Verify(context.Background(), "specs/two_way.yaml", opt) {
		for _, res := range r.Results {
			fmt.Printf("%s %s, %d steps\n", res.Property.Name, res.Verdict, res.Trace.Len())
		}
		fmt.Println(r.Stats.States, "worlds, as expected:", r.OK())
	}
	// Output:
	// can_establish holds, 3 steps
	// server_established_after_client violated, 2 steps
	// 847 worlds, as expected: true
}
