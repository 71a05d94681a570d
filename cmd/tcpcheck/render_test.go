package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLI_Render checks each render subcommand's exit code and the file it
// writes.
func TestCLI_Render(t *testing.T) {
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		args   []string
		code   int
		file   string // written, and starting with prefix
		prefix string
		stderr string
	}{
		{"fsm svg", []string{"render", "fsm", "../../specs/three_way.yaml", "-o", out("fsm.svg")}, exitOK, "fsm.svg", "<?xml", ""},
		{"fsm dot one machine", []string{"render", "fsm", "-m", "server", "--detail", "../../specs/two_way.yaml", "-o", out("server.dot")}, exitOK, "server.dot", "digraph fsm {", ""},
		{"fsm png by flag", []string{"render", "fsm", "--format", "png", "../../specs/two_way.yaml", "-o", out("fsm.img")}, exitOK, "fsm.img", "\x89PNG", ""},
		{"trace svg", []string{"render", "trace", "-p", "server_established_after_client", "../../specs/two_way.yaml", "-o", out("cex.svg")}, exitOK, "cex.svg", "<?xml", ""},
		{"trace dot", []string{"render", "trace", "-p", "can_establish", "../../specs/three_way.yaml", "-o", out("witness.dot")}, exitOK, "witness.dot", "digraph worlds {", ""},
		{"graph quotient", []string{"render", "graph", "-p", "no_half_open_server", "../../specs/two_way.yaml", "-o", out("graph.dot")}, exitOK, "graph.dot", "digraph worlds {", "drawing the quotient by control states"},
		{"graph world by world", []string{"render", "graph", "--set", "SEQ=1", "--set", "RETRIES=0", "../../specs/two_way.yaml", "-o", out("small.svg")}, exitOK, "small.svg", "<?xml", ""},
		{"graph limit", []string{"render", "graph", "--max-states", "20", "../../specs/two_way.yaml", "-o", out("partial.dot")}, exitUnknown, "partial.dot", "digraph", "the graph is partial"},
		{"property holds", []string{"render", "trace", "-p", "sequence_numbers_agree", "../../specs/three_way.yaml", "-o", out("none.svg")}, exitMismatch, "", "", "no counterexample or witness"},
		{"unknown property", []string{"render", "trace", "-p", "nope", "../../specs/two_way.yaml", "-o", out("nope.svg")}, exitInvalid, "", "", "no such property [nope]"},
		{"unknown machine", []string{"render", "fsm", "-m", "nobody", "../../specs/two_way.yaml", "-o", out("m.svg")}, exitInvalid, "", "", `no machine "nobody"`},
		{"no output", []string{"render", "fsm", "../../specs/two_way.yaml"}, exitInvalid, "", "", `"output" not set`},
		{"bad format", []string{"render", "fsm", "--format", "jpeg", "../../specs/two_way.yaml", "-o", out("f.jpeg")}, exitInvalid, "", "", `unknown format "jpeg"`},
		{"invalid spec", []string{"render", "fsm", "testdata/invalid.yaml", "-o", out("inv.svg")}, exitInvalid, "", "", "testdata/invalid.yaml:7:44"},
		{"unwritable", []string{"render", "fsm", "../../specs/two_way.yaml", "-o", filepath.Join(dir, "no", "such", "dir.svg")}, exitInvalid, "", "", "no such file or directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, stderr)
			}
			if tc.file == "" {
				return
			}
			got, err := os.ReadFile(out(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(got, []byte(tc.prefix)) {
				t.Errorf("%s starts %q, want %q", tc.file, got[:min(len(got), 20)], tc.prefix)
			}
			if strings.HasSuffix(tc.file, ".svg") {
				checkXML(t, got)
			}
		})
	}
}

func checkXML(t *testing.T, doc []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
	}
}

// TestCLI_RenderStdout: -o - writes the picture to stdout.
func TestCLI_RenderStdout(t *testing.T) {
	code, stdout, stderr := runCLI("render", "fsm", "--format", "dot", "../../specs/two_way.yaml", "-o", "-")
	if code != exitOK || !strings.HasPrefix(stdout, "digraph fsm {") {
		t.Fatalf("exit %d, stdout %.40q, stderr %s", code, stdout, stderr)
	}
}

// TestCLI_RenderDeterministic: two runs give the same bytes, for DOT and
// for SVG.
func TestCLI_RenderDeterministic(t *testing.T) {
	for _, args := range [][]string{
		{"render", "fsm", "../../specs/three_way.yaml", "--format", "svg"},
		{"render", "graph", "-p", "no_half_open_server", "../../specs/two_way.yaml", "--format", "dot"},
		{"render", "trace", "-p", "both_know_both_directions", "../../specs/two_way.yaml", "--format", "svg"},
	} {
		_, a, _ := runCLI(append(args, "-o", "-")...)
		_, b, _ := runCLI(append(args, "-o", "-")...)
		if a == "" || a != b {
			t.Errorf("%v: two runs differ (or are empty)", args)
		}
	}
}

// TestCLI_VerifySVGDir: verify --svg-dir writes one chart per
// counterexample and witness, named <spec>-<property>.svg, each naming
// the machines.
func TestCLI_VerifySVGDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "charts")
	code, _, stderr := runCLI("verify", "--svg-dir", dir, "../../specs/two_way.yaml")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, name := range []string{"two_way-server_established_after_client.svg", "two_way-can_establish.svg", "two_way-no_half_open_server.svg"} {
		doc, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		checkXML(t, doc)
		for _, m := range []string{"client", "server", "SYN(seq="} {
			if !bytes.Contains(doc, []byte(m)) {
				t.Errorf("%s lacks %s", name, m)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "two_way-sequence_numbers_agree.svg")); err == nil {
		t.Error("a chart was written for a property that holds without a witness")
	}
}
