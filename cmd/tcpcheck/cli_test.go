package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/report"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// jsonReports decodes the JSON document of verify: one object of schema
// report.Schema, whatever the number of reports, whose summary has a
// configuration per report.
func jsonReports(t *testing.T, out string) []report.JSONReport {
	t.Helper()
	var doc report.JSONDocument
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not a JSON document: %v\n%s", err, out)
	}
	if doc.Schema != report.Schema || doc.Summary.Configurations != len(doc.Reports) {
		t.Fatalf("schema %q, %d configurations in the summary, %d reports", doc.Schema, doc.Summary.Configurations, len(doc.Reports))
	}
	return doc.Reports
}

func TestCLI_ExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring of stdout
		stderr string // substring of stderr
	}{
		{"all as expected", []string{"verify", "../../specs/two_way.yaml"}, exitOK, "ok   violated  server_established_after_client", ""},
		{"unexpected violation", []string{"verify", "testdata/wrong_expectation.yaml"}, exitMismatch, "FAIL violated  server_after_client (invariant, expected holds)", ""},
		{"invalid spec", []string{"verify", "testdata/invalid.yaml"}, exitInvalid, "", `testdata/invalid.yaml:7:44: machines.client.transitions[0].to: unknown state "SYN_SNET" of machine client (did you mean "SYN_SENT"?)`},
		{"model error", []string{"verify", "testdata/overflow.yaml"}, exitInvalid, "outside its domain 0..2", ""},
		{"state limit", []string{"verify", "--max-states", "10", "../../specs/three_way.yaml"}, exitUnknown, "search incomplete: --max-states 10 reached", ""},
		{"depth limit", []string{"verify", "--max-depth", "2", "../../specs/three_way.yaml"}, exitUnknown, "search incomplete: --max-depth 2 reached", ""},
		{"unknown property", []string{"verify", "-p", "nope", "../../specs/two_way.yaml"}, exitInvalid, "", "no such property [nope]"},
		{"bad flag", []string{"verify", "--format", "xml", "../../specs/two_way.yaml"}, exitInvalid, "", `--format "xml"`},
		{"bad set", []string{"verify", "--set", "SEQ", "../../specs/two_way.yaml"}, exitInvalid, "", "expected NAME=VALUE"},
		{"unknown param", []string{"verify", "--set", "SQE=3", "../../specs/two_way.yaml"}, exitInvalid, "", `did you mean "SEQ"`},
		{"missing file", []string{"verify", "nope.yaml"}, exitInvalid, "", "nope.yaml"},
		{"unknown command", []string{"frobnicate"}, exitInvalid, "", "unknown command"},
		{"version", []string{"version"}, exitOK, "tcpcheck ", ""},
		// --compact: safety on the fly; knowledge and liveness need the graph.
		{"safety only", []string{"verify", "--compact", "../../specs/stale_rst.yaml"}, exitOK, "compact: P(a world was omitted) <= ", ""},
		{"needs the graph", []string{"verify", "--compact", "../../specs/three_way.yaml"}, exitUnknown, "this property needs the full graph of worlds: check it without --compact", ""},
		{"stops once decided", []string{"verify", "--compact", "-p", "no_stuck_half_open", "../../specs/three_way.yaml"}, exitOK, "search stopped once every property checked on the fly was decided", ""},
		{"not with dfs", []string{"verify", "--compact", "--order", "dfs", "../../specs/two_way.yaml"}, exitInvalid, "", "--compact needs --order bfs"},
		{"not with coverage", []string{"verify", "--compact", "--coverage", "../../specs/two_way.yaml"}, exitInvalid, "", "--compact cannot go with --coverage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, stdout)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, stderr)
			}
		})
	}
}

func TestCLI_JSON(t *testing.T) {
	code, stdout, _ := runCLI("verify", "--format", "json", "../../specs/two_way.yaml")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	doc := jsonReports(t, stdout)[0]
	if doc.Spec != "two_way" || len(doc.Properties) < 5 || doc.Stats.States == 0 {
		t.Fatalf("unexpected document: %+v", doc)
	}
	alt := 0
	for _, p := range doc.Properties {
		if p.Alternative != nil {
			alt++
			if len(p.Alternative.Trace) < 2 || p.Alternative.Note == "" {
				t.Errorf("%s: empty alternative run", p.Name)
			}
		}
	}
	if alt == 0 {
		t.Error("no knowledge counterexample carries an alternative run")
	}
	for _, p := range doc.Properties {
		if p.Verdict != "violated" || p.Kind == "reachable" {
			continue // a reachable property is violated by the absence of a witness
		}
		if len(p.Trace) < 2 {
			t.Fatalf("%s: violated without a trace", p.Name)
		}
		if p.Trace[0].Actor != "init" {
			t.Errorf("%s: trace does not start at the initial world", p.Name)
		}
	}
}

// TestCLI_Deterministic: the text report is byte-identical across runs and
// worker counts.
func TestCLI_Deterministic(t *testing.T) {
	_, a, _ := runCLI("verify", "--workers", "1", "../../specs/")
	_, b, _ := runCLI("verify", "--workers", "3", "../../specs/")
	if a != b {
		t.Errorf("reports differ between runs:\n%s\n---\n%s", a, b)
	}
}

// A spec with a matrix is checked once per configuration; --set fixes an
// axis, and the label (in JSON too) names every value the matrix or --set
// gives.
func TestCLI_Matrix(t *testing.T) {
	code, stdout, _ := runCLI("verify", "../../specs/two_way.yaml", "testdata/matrix.yaml")
	for _, want := range []string{
		"testdata/matrix.yaml [LOSS=0]: matrix\n  ok   holds     delivered",
		"testdata/matrix.yaml [LOSS=1]: matrix\n  ok   violated  delivered",
		"summary: 2 specs (3 configurations):",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code != exitOK {
		t.Errorf("exit %d", code)
	}
	code, stdout, _ = runCLI("verify", "--set", "LOSS=1", "--format", "json", "testdata/matrix.yaml")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	if doc := jsonReports(t, stdout)[0]; doc.Config != "LOSS=1" || doc.Properties[0].Verdict != "violated" || doc.Properties[0].Expected != "violated" {
		t.Errorf("--set LOSS=1 should check only that configuration: %+v", doc)
	}
}

// --coverage lists the transitions that never fire, in text and JSON.
func TestCLI_Coverage(t *testing.T) {
	_, stdout, _ := runCLI("verify", "--coverage", "../../specs/old_duplicate_syn.yaml")
	want := "  coverage: 14 of 15 transitions fire; never fired:\n    server.ignore_rst  ../../specs/old_duplicate_syn.yaml:82:9\n"
	if !strings.Contains(stdout, want) {
		t.Errorf("stdout lacks %q:\n%s", want, stdout)
	}
	_, stdout, _ = runCLI("verify", "--coverage", "--format", "json", "../../specs/old_duplicate_syn.yaml")
	doc := jsonReports(t, stdout)[0]
	if len(doc.Unfired) != 1 || doc.Unfired[0].Name != "ignore_rst" || doc.Unfired[0].Pos != "../../specs/old_duplicate_syn.yaml:82:9" {
		t.Errorf("unfired: %+v", doc.Unfired)
	}
	if _, stdout, _ = runCLI("verify", "../../specs/old_duplicate_syn.yaml"); strings.Contains(stdout, "coverage") {
		t.Error("coverage printed without --coverage")
	}
}
