// Package tcpchecktest checks specs from go test: one call per spec, and a
// test that fails says why with the counterexample as `tcpcheck verify`
// prints it.
//
//	func TestThreeWay(t *testing.T) {
//		tcpchecktest.Verify(t, "specs/three_way.yaml", tcpcheck.Options{})
//	}
package tcpchecktest

import (
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/report"
)

// Verify checks every configuration of the spec in file and fails t for
// each one that is not as the spec expects: a verdict that mismatches
// (with its counterexample), a verdict left unknown by a limit or by the
// test's deadline (a partial search proves nothing), a model error (with
// its trace), or a spec that cannot be loaded. It returns the reports.
func Verify(t testing.TB, file string, opt tcpcheck.Options) []*tcpcheck.Report {
	t.Helper()
	reports := tcpcheck.Verify(t.Context(), file, opt)
	for _, r := range reports {
		if r.OK() {
			continue
		}
		t.Errorf("%s", Explain(r))
	}
	return reports
}

// Explain is a report as text: what is wrong with it, then the report as
// `tcpcheck verify` prints it.
func Explain(r *tcpcheck.Report) string {
	var b strings.Builder
	switch r.Outcome() {
	case tcpcheck.Invalid:
		b.WriteString(r.Title() + ": cannot be checked")
		if r.Err != nil {
			b.WriteString(": " + r.Err.Error())
		}
	case tcpcheck.Mismatch:
		b.WriteString(r.Title() + ": some verdicts are not the expected ones")
	case tcpcheck.Undecided:
		b.WriteString(r.Title() + ": some verdicts are unknown: the search or the analysis was cut short")
	default:
		b.WriteString(r.Title() + ": every verdict is as expected")
	}
	b.WriteString("\n")
	if r.Err == nil {
		report.Text(&b, r, report.Options{})
	}
	return strings.TrimRight(b.String(), "\n")
}
