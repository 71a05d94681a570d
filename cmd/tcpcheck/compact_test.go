package main

import "testing"

// In JSON, a compact run states the omission bound, and an exact run
// does not.
func TestCLI_CompactJSON(t *testing.T) {
	for _, compact := range []bool{false, true} {
		args := []string{"verify", "--format", "json", "../../specs/two_way.yaml"}
		if compact {
			args = append(args, "--compact")
		}
		_, stdout, _ := runCLI(args...)
		doc := jsonReports(t, stdout)[0]
		if got := doc.Stats.Omission != nil; got != compact || compact && !(*doc.Stats.Omission > 0 && *doc.Stats.Omission < 1e-9) {
			t.Errorf("compact %v: omission_probability %v", compact, doc.Stats.Omission)
		}
	}
}
