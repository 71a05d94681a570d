package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCLI_Compact(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring of stdout
		stderr string // substring of stderr
	}{
		{"safety only", []string{"verify", "--compact", "../../specs/stale_rst.yaml"}, exitOK, "compact: P(a world was omitted) <= ", ""},
		{"needs the graph", []string{"verify", "--compact", "../../specs/three_way.yaml"}, exitUnknown, "this property needs the full graph of worlds: check it without --compact", ""},
		{"stops once decided", []string{"verify", "--compact", "-p", "no_stuck_half_open", "../../specs/three_way.yaml"}, exitOK, "search stopped once every property checked on the fly was decided", ""},
		{"not with dfs", []string{"verify", "--compact", "--order", "dfs", "../../specs/two_way.yaml"}, exitInvalid, "", "--compact needs --order bfs"},
		{"not with coverage", []string{"verify", "--compact", "--coverage", "../../specs/two_way.yaml"}, exitInvalid, "", "--compact cannot go with --coverage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tc.args...)
			if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, want %d; want %q in stdout, %q in stderr\nstdout:\n%s\nstderr:\n%s", code, tc.code, tc.stdout, tc.stderr, stdout, stderr)
			}
		})
	}
}

// In JSON, a compact run states the omission bound, and an exact run
// does not.
func TestCLI_CompactJSON(t *testing.T) {
	for _, compact := range []bool{false, true} {
		args := []string{"verify", "--format", "json", "../../specs/two_way.yaml"}
		if compact {
			args = append(args, "--compact")
		}
		_, stdout, _ := runCLI(args...)
		var doc jsonReport
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		if got := doc.Stats.Omission != nil; got != compact || compact && !(*doc.Stats.Omission > 0 && *doc.Stats.Omission < 1e-9) {
			t.Errorf("compact %v: omission_probability %v", compact, doc.Stats.Omission)
		}
	}
}
