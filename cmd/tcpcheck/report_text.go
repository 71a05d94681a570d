package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

func writeReports(w io.Writer, reports []*specReport, o *verifyOptions) error {
	if o.format == "json" {
		return writeJSON(w, reports, o.stats)
	}
	for _, r := range reports {
		writeText(w, r, o.stats)
	}
	if len(reports) > 1 {
		fmt.Fprintln(w, summaryLine(reports))
	}
	return nil
}

// writeModelError prints a model error and the trace to the world where it
// happens.
func writeModelError(w io.Writer, sys *model.System, err error, tr model.Trace) {
	fmt.Fprintf(w, "  model error: %v\n  trace to the world where it happens (%d steps):\n", err, tr.Len())
	writeTrace(w, sys, tr, "    ")
}

// writeText prints one spec's verdicts, its counterexamples, and its
// search statistics. Without --stats nothing in it depends on time, so the
// same spec always prints the same bytes.
func writeText(w io.Writer, r *specReport, stats bool) {
	if r.err != nil {
		fmt.Fprintf(w, "%s: not checked (see the error above)\n\n", r.title())
		return
	}
	fmt.Fprintf(w, "%s: %s\n", r.title(), r.sys.Name)
	if r.modelErr != nil {
		writeModelError(w, r.sys, r.modelErr, r.modelTr)
	}
	for _, res := range r.results {
		writeResult(w, r.sys, res, r.failVacuous)
	}
	if r.limit != "" {
		fmt.Fprintf(w, "  search incomplete: %s\n", r.limit)
	}
	writeCoverage(w, r.coverage)
	fmt.Fprintf(w, "  %s worlds, %s transitions, depth %d", count(r.stats.States), count(r.stats.Transitions), r.stats.MaxDepth)
	if stats {
		fmt.Fprintf(w, ", %.3fs, %s worlds/s, %.1f bytes/world", r.elapsed.Seconds(), count(int64(rate(r))), bytesPerWorld(r))
	}
	writeCompact(w, r)
	fmt.Fprint(w, "\n\n")
}

// writeCompact ends the statistics line of a compact search: the bound on
// the probability that a world was omitted, and whether the search
// stopped early.
func writeCompact(w io.Writer, r *specReport) {
	if !r.stats.Compact {
		return
	}
	fmt.Fprintf(w, "\n  compact: P(a world was omitted) <= %.3g", r.stats.Omission)
	if r.stopped {
		fmt.Fprint(w, "; search stopped once every property checked on the fly was decided")
	}
}

func rate(r *specReport) float64 {
	if s := r.elapsed.Seconds(); s > 0 {
		return float64(r.stats.States) / s
	}
	return 0
}

func bytesPerWorld(r *specReport) float64 {
	if r.stats.States == 0 {
		return 0
	}
	return float64(r.stats.Bytes) / float64(r.stats.States)
}

// mark is ok for a verdict as expected, FAIL for a mismatch and ? for
// undecided.
func mark(res properties.Result, failVacuous bool) string {
	switch {
	case res.Verdict == properties.Unknown:
		return "?   "
	case failVacuous && len(res.Vacuous) > 0:
		return "FAIL"
	case res.OK():
		return "ok  "
	}
	return "FAIL"
}

// verdictWord is the verdict as text shows it: "vacuous" for a property
// that holds vacuously.
func verdictWord(res properties.Result) string {
	if res.Verdict == properties.Holds && len(res.Vacuous) > 0 {
		return "vacuous"
	}
	return res.Verdict.String()
}

func writeResult(w io.Writer, sys *model.System, res properties.Result, failVacuous bool) {
	p := res.Property
	fmt.Fprintf(w, "  %s %-9s %s (%s", mark(res, failVacuous), verdictWord(res), p.Name, p.Kind)
	if res.Verdict != p.Expect {
		fmt.Fprintf(w, ", expected %s", p.Expect)
	}
	fmt.Fprintln(w, ")")
	if res.Note != "" {
		fmt.Fprintf(w, "       %s\n", res.Note)
	}
	for _, v := range res.Vacuous {
		if v.Sub == "" {
			fmt.Fprintf(w, "       vacuous: %s\n", v.Why)
			continue
		}
		fmt.Fprintf(w, "       vacuous in %s (%s): %s\n", v.Sub, v.Pos, v.Why)
	}
	switch {
	case res.Lasso():
		writeLasso(w, sys, res)
	case res.Verdict == properties.Violated && res.Trace.Worlds != nil:
		fmt.Fprintf(w, "       counterexample, %d steps:\n", res.Trace.Len())
		writeTrace(w, sys, res.Trace, "         ")
	}
	if res.Alt.Worlds != nil {
		fmt.Fprintf(w, "       %s.\n       the other run, %d steps (the runs differ from step %d):\n", res.AltNote, res.Alt.Len(), res.Diverge)
		writeTrace(w, sys, res.Alt, "         ")
	}
}

// writeTrace prints a trace one step per line: step number, who acted and
// what happened, then the last world in full.
func writeTrace(w io.Writer, sys *model.System, tr model.Trace, indent string) {
	writeSteps(w, sys, tr, indent, -1)
}

// writeSteps is writeTrace with a line marking where the loop of a lasso
// starts: before step loop+1, unless loop is -1.
func writeSteps(w io.Writer, sys *model.System, tr model.Trace, indent string, loop int) {
	width := len("network")
	for _, m := range sys.Machines {
		width = max(width, len(m.Name))
	}
	fmt.Fprintf(w, "%s%3d  %-*s  %s\n", indent, 0, width, "init", initLine(sys, tr.Worlds[0]))
	for i, a := range tr.Actions {
		if i == loop {
			fmt.Fprintf(w, "%s%s\n", indent, loopMarker(i, tr.Len()))
		}
		st := sys.Describe(tr.Worlds[i], tr.Worlds[i+1], a)
		fmt.Fprintf(w, "%s%3d  %-*s  %s\n", indent, i+1, width, st.Actor, st.String())
	}
	fmt.Fprintf(w, "%sfinal world:\n", indent)
	for _, line := range strings.Split(strings.TrimRight(sys.Format(tr.Last()), "\n"), "\n") {
		fmt.Fprintf(w, "%s  %s\n", indent, line)
	}
}

func initLine(sys *model.System, w model.World) string {
	parts := make([]string, len(sys.Machines))
	for i, m := range sys.Machines {
		parts[i] = sys.FormatLocal(w, m.ID)
	}
	return strings.Join(parts, "; ")
}

// summaryLine counts properties held, violated as expected, unexpected and
// undecided across every spec.
func summaryLine(reports []*specReport) string {
	var held, violated, unexpected, unknown, invalid int
	for _, r := range reports {
		if r.err != nil || r.modelErr != nil {
			invalid++
		}
		for _, res := range r.results {
			switch {
			case res.Verdict == properties.Unknown:
				unknown++
			case !res.OK():
				unexpected++
			case res.Verdict == properties.Holds:
				held++
			default:
				violated++
			}
		}
	}
	files := map[string]bool{}
	for _, r := range reports {
		files[r.file] = true
	}
	specs := plural(len(files), "spec")
	if len(files) != len(reports) {
		specs += fmt.Sprintf(" (%d configurations)", len(reports))
	}
	s := fmt.Sprintf("summary: %s: %d held, %d violated as expected, %d unexpected, %d unknown",
		specs, held, violated, unexpected, unknown)
	if invalid > 0 {
		s += fmt.Sprintf(", %d invalid", invalid)
	}
	return s
}

// count writes n with thousands separators.
func count(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + count(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func bytesize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// writeCoverage prints, for --coverage, how many transitions fire and the
// ones that never do, with their positions; then what never changes: the
// variables that do not take their whole domain, the control states never
// entered and the message types never sent.
func writeCoverage(w io.Writer, cov properties.Coverage) {
	if cov.Worlds == 0 {
		return
	}
	un := cov.Unfired()
	fmt.Fprintf(w, "  coverage: %d of %d transitions fire", len(cov.Transitions)-len(un), len(cov.Transitions))
	if len(un) == 0 {
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "; never fired:")
	}
	for _, u := range un {
		fmt.Fprintf(w, "    %s.%s  %s\n", u.Machine, u.Name, u.Pos)
	}
	writeNarrow(w, cov)
	writeUnentered(w, cov)
	writeUnsent(w, cov)
}

// writeNarrow prints the variables that do not take their whole domain,
// those that keep one value among them.
func writeNarrow(w io.Writer, cov properties.Coverage) {
	if len(cov.Vars) == 0 {
		return
	}
	narrow := cov.Narrow()
	fmt.Fprintf(w, "  coverage: %d of %d variables take every value of their domain", len(cov.Vars)-len(narrow), len(cov.Vars))
	if len(narrow) == 0 {
		fmt.Fprintln(w)
		return
	}
	fmt.Fprintln(w, "; the others:")
	for _, u := range narrow {
		fmt.Fprintf(w, "    %s.%s: %s  %s\n", u.Machine, u.Var.Name, varUse(u), u.Var.Pos)
	}
}

// writeUnentered prints the control states no machine enters.
func writeUnentered(w io.Writer, cov properties.Coverage) {
	un := cov.Unentered()
	fmt.Fprintf(w, "  coverage: %d of %d control states entered", len(cov.States)-len(un), len(cov.States))
	names := make([]string, len(un))
	for i, u := range un {
		names[i] = u.Machine + "." + u.Name
	}
	if len(un) > 0 {
		fmt.Fprintf(w, "; never entered: %s", strings.Join(names, ", "))
	}
	fmt.Fprintln(w)
}

// writeUnsent prints the message types never sent, and those sent but
// always lost at once.
func writeUnsent(w io.Writer, cov properties.Coverage) {
	if len(cov.Messages) == 0 {
		return
	}
	un, lost := cov.Unsent(), cov.Lost()
	fmt.Fprintf(w, "  coverage: %d of %d message types sent", len(cov.Messages)-len(un), len(cov.Messages))
	if len(un) > 0 {
		fmt.Fprintf(w, "; never sent: %s", msgNames(un))
	}
	if len(lost) > 0 {
		fmt.Fprintf(w, "; sent but never in flight: %s", msgNames(lost))
	}
	fmt.Fprintln(w)
}

func msgNames(us []properties.MsgUse) string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.Name
	}
	return strings.Join(names, ", ")
}
