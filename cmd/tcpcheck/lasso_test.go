package main

import (
	"maps"
	"strings"
	"testing"
)

// TestLasso_Reports: a liveness counterexample is printed as a lasso, with
// the loop marked in text and loop_start in JSON, and the loop's last world
// is the world where it starts.
func TestLasso_Reports(t *testing.T) {
	const spec = "../../specs/three_way_retransmit.yaml"
	_, text, _ := runCLI("verify", "-p", "established_unfair", spec)
	for _, want := range []string{
		"counterexample (lasso), 3 steps: step 1 leads to the loop, then steps 2–3 repeat forever:",
		"↻ loop: steps 2–3 return to the world after step 1, forever",
		"unfair: only the network's losses keep it from progressing",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q:\n%s", want, text)
		}
	}
	_, out, _ := runCLI("verify", "--format", "json", "-p", "established_unfair", "-p", "established", spec)
	doc := jsonReports(t, out)[0]
	for _, p := range doc.Properties {
		switch {
		case p.Verdict == "holds" && p.LoopStart != nil:
			t.Errorf("%s holds but has loop_start", p.Name)
		case p.Verdict == "violated" && p.LoopStart == nil:
			t.Errorf("%s: no loop_start", p.Name)
		case p.Verdict == "violated":
			last, start := p.Trace[len(p.Trace)-1], p.Trace[*p.LoopStart]
			if *p.LoopStart != 1 || !maps.Equal(last.World, start.World) {
				t.Errorf("%s: loop_start %d, its world %v, last world %v", p.Name, *p.LoopStart, start.World, last.World)
			}
		}
	}
}
