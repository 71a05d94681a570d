package report

import (
	"fmt"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/properties"
)

// Totals count what a run of several reports found. Every format sums a
// run up with them: the summary line of text and GitHub annotations, the
// summary object of JSON, the counts of JUnit.
type Totals struct {
	// Specs counts the files, Configurations the reports (a spec with a
	// matrix has one per configuration).
	Specs          int `json:"specs"`
	Configurations int `json:"configurations"`
	// Properties counts the verdicts; each is one of Held, Violated (as
	// expected), Unexpected and Unknown.
	Properties int `json:"properties"`
	Held       int `json:"held"`
	Violated   int `json:"violated_as_expected"`
	// Unexpected counts the verdicts that fail the run: not the expected
	// one, or (with --fail-vacuous) holding vacuously.
	Unexpected int `json:"unexpected"`
	Unknown    int `json:"unknown"`
	// Vacuous counts the properties that hold vacuously, among Held or,
	// with --fail-vacuous, Unexpected.
	Vacuous int `json:"vacuous"`
	// Invalid counts the reports not checked because the spec is invalid
	// or the model broke; NotChecked those a limit or a signal skipped.
	Invalid    int `json:"invalid"`
	NotChecked int `json:"not_checked"`
	// Outcome is the worst outcome: pass, undecided, mismatch or invalid
	// (the exit codes 0, 3, 1 and 2).
	Outcome string `json:"outcome"`
}

// Total counts the verdicts and the reports of a run.
func Total(reports []*tcpcheck.Report) Totals {
	var t Totals
	files := map[string]bool{}
	worst := tcpcheck.Pass
	for _, r := range reports {
		files[r.File] = true
		worst = max(worst, r.Outcome())
		if r.Err != nil || r.ModelError != nil {
			t.Invalid++
		}
		if r.Skipped != nil {
			t.NotChecked++
		}
		for _, res := range r.Results {
			t.add(r, res)
		}
	}
	t.Specs, t.Configurations, t.Outcome = len(files), len(reports), outcomeName(worst)
	return t
}

// add counts one verdict of r.
func (t *Totals) add(r *tcpcheck.Report, res properties.Result) {
	t.Properties++
	if res.Verdict == properties.Holds && len(res.Vacuous) > 0 {
		t.Vacuous++
	}
	switch {
	case res.Verdict == properties.Unknown:
		t.Unknown++
	case !r.Passes(res):
		t.Unexpected++
	case res.Verdict == properties.Holds:
		t.Held++
	default:
		t.Violated++
	}
}

// outcomeName names an outcome in JSON.
func outcomeName(o tcpcheck.Outcome) string {
	switch o {
	case tcpcheck.Pass:
		return "pass"
	case tcpcheck.Undecided:
		return "undecided"
	case tcpcheck.Mismatch:
		return "mismatch"
	}
	return "invalid"
}

// Summary counts properties held, violated as expected, unexpected and
// undecided across every report, in one line.
func Summary(reports []*tcpcheck.Report) string {
	t := Total(reports)
	specs := plural(t.Specs, "spec")
	if t.Specs != t.Configurations {
		specs += fmt.Sprintf(" (%d configurations)", t.Configurations)
	}
	s := fmt.Sprintf("summary: %s: %d held, %d violated as expected, %d unexpected, %d unknown",
		specs, t.Held, t.Violated, t.Unexpected, t.Unknown)
	if t.Invalid > 0 {
		s += fmt.Sprintf(", %d invalid", t.Invalid)
	}
	if t.NotChecked > 0 {
		s += fmt.Sprintf(", %d not checked", t.NotChecked)
	}
	return s
}
