package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// The escaping of actions/toolkit's command.ts: %, CR and LF in a
// message; also : and , in a property.
func TestGitHub_Escape(t *testing.T) {
	const s = "50% a:b, c\r\nd"
	if got, want := escapeData(s), "50%25 a:b, c%0D%0Ad"; got != want {
		t.Errorf("escapeData(%q) = %q, want %q", s, got, want)
	}
	if got, want := escapeProperty(s), "50%25 a%3Ab%2C c%0D%0Ad"; got != want {
		t.Errorf("escapeProperty(%q) = %q, want %q", s, got, want)
	}
	var b bytes.Buffer
	annotate(&b, "error", syntax.Pos{File: "a,b:c.yaml", Line: 3, Col: 7}, "t: x, y", "line 1\nline 2")
	if got, want := b.String(), "::error file=a%2Cb%3Ac.yaml,line=3,col=7,title=t%3A x%2C y::line 1%0Aline 2\n"; got != want {
		t.Errorf("annotate: %q, want %q", got, want)
	}
	b.Reset()
	annotate(&b, "warning", syntax.Pos{File: "a.yaml"}, "t", "m")
	if got, want := b.String(), "::warning file=a.yaml,title=t::m\n"; got != want {
		t.Errorf("annotate without a line: %q, want %q", got, want)
	}
}

// unescape undoes escapeProperty, for the tests.
var unescape = strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")

// TestGitHub_Annotations: one command a line; an error at each mismatched
// property's position whose message is the text verify prints for it, a
// warning at each vacuous and unknown one, an error at each problem of an
// invalid spec and at a model error, nothing for a passing property.
func TestGitHub_Annotations(t *testing.T) {
	type ann struct{ level, file, line, title, msg string }
	var got []ann
	for _, c := range goldenCases {
		var b bytes.Buffer
		for _, r := range c.reports() {
			GitHub(&b, r, Options{})
		}
		for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			level, rest, ok := strings.Cut(strings.TrimPrefix(l, "::"), " ")
			props, msg, ok2 := strings.Cut(rest, "::")
			if !strings.HasPrefix(l, "::") || !ok || !ok2 {
				t.Fatalf("not a workflow command: %q", l)
			}
			a := ann{level: level, msg: unescape.Replace(msg)}
			for _, p := range strings.Split(props, ",") {
				k, v, _ := strings.Cut(p, "=")
				switch k {
				case "file":
					a.file = unescape.Replace(v)
				case "line":
					a.line = v
				case "title":
					a.title = unescape.Replace(v)
				}
			}
			got = append(got, a)
		}
	}
	want := []ann{
		{"error", "testdata/handshake.yaml", "36", "handshake: server_knows_delivery violated, expected holds", "FAIL violated  server_knows_delivery"},
		{"error", "testdata/handshake.yaml", "40", "handshake: finishes violated, expected holds", "FAIL violated  finishes"},
		{"warning", "testdata/matrix.yaml", "28", "matrix [LOSS=0]: quiet vacuous", "ok   vacuous   quiet"},
		{"error", "testdata/matrix.yaml", "24", "matrix [LOSS=1]: delivered violated, expected holds", "FAIL violated  delivered"},
		{"warning", "testdata/matrix.yaml", "28", "matrix [LOSS=1]: quiet vacuous", "ok   vacuous   quiet"},
		{"error", "testdata/broken.yaml", "11", "broken: model error", "model error: testdata/broken.yaml:11:47"},
		{"error", "testdata/invalid.yaml", "8", "testdata/invalid.yaml: invalid spec", "machines.a.transitions[0].to: unknown state"},
		{"error", "testdata/invalid.yaml", "10", "testdata/invalid.yaml: invalid spec", "properties[0]: unknown key"},
		{"warning", "testdata/matrix.yaml", "32", "matrix [LOSS=0]: knows_sent unknown", "?    unknown   knows_sent"},
		{"error", "testdata/matrix.yaml", "24", "matrix [LOSS=1]: delivered violated, expected holds", "FAIL violated  delivered"},
		{"warning", "testdata/matrix.yaml", "32", "matrix [LOSS=1]: knows_sent unknown", "?    unknown   knows_sent"},
	}
	for i, w := range want {
		if i >= len(got) {
			t.Fatalf("%d annotations, want more:\n%+v", len(got), got)
		}
		g := got[i]
		if g.level != w.level || g.file != w.file || g.line != w.line || g.title != w.title || !strings.HasPrefix(g.msg, w.msg) {
			t.Errorf("annotation %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	// Then the state limit (warnings only) and the configuration not
	// checked.
	for _, g := range got[len(want):] {
		if g.level != "warning" {
			t.Errorf("a limit or a skip gives a warning, not %+v", g)
		}
	}
	if last := got[len(got)-1]; last.title != "testdata/broken.yaml: not checked" || last.msg != "context canceled" {
		t.Errorf("last annotation %+v, want broken.yaml not checked", last)
	}
}

// TestGitHub_MessageIsResult: the message of a mismatch is the text verify
// prints for the property, counterexample included.
func TestGitHub_MessageIsResult(t *testing.T) {
	r := goldenCases[0].reports()[0]
	var b bytes.Buffer
	GitHub(&b, r, Options{})
	first, _, _ := strings.Cut(b.String(), "\n")
	_, msg, _ := strings.Cut(strings.TrimPrefix(first, "::"), "::")
	res := r.Results[2]
	if want := strings.TrimRight(resultText(r, res), "\n"); unescape.Replace(msg) != want {
		t.Errorf("message\n%s\nwant\n%s", unescape.Replace(msg), want)
	}
}
