package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// Options say how reports are written. The zero value writes no timings
// and words each reason as its error message.
type Options struct {
	// Stats adds time, worlds/s and bytes per world to text, which then
	// depends on the machine.
	Stats bool
	// Reason words what stopped a search or a run (Report.Limit, Skipped,
	// Interrupted), e.g. as the command-line flag that set the limit.
	Reason func(r *tcpcheck.Report, err error) string
}

// reason words err, which stopped r.
func (o Options) reason(r *tcpcheck.Report, err error) string {
	if o.Reason != nil {
		return o.Reason(r, err)
	}
	return err.Error()
}

// ModelError writes a model error and the trace to the world where it
// happens.
func ModelError(w io.Writer, sys *model.System, err error, tr model.Trace) {
	fmt.Fprintf(w, "  model error: %v\n  trace to the world where it happens (%d steps):\n", err, tr.Len())
	Trace(w, sys, tr, "    ")
}

// Text writes one report: its verdicts, its counterexamples, and its
// search statistics. Without Stats nothing in it depends on time, so the
// same spec always gives the same bytes.
func Text(w io.Writer, r *tcpcheck.Report, o Options) {
	if r.Err != nil {
		fmt.Fprintf(w, "%s: not checked (see the error above)\n\n", r.Title())
		return
	}
	if r.Skipped != nil {
		fmt.Fprintf(w, "%s: not checked: %s\n\n", r.Title(), o.reason(r, r.Skipped))
		return
	}
	fmt.Fprintf(w, "%s: %s\n", r.Title(), r.System.Name)
	if r.ModelError != nil {
		ModelError(w, r.System, r.ModelError, r.ModelTrace)
	}
	for _, res := range r.Results {
		Result(w, r, res)
	}
	if r.Limit != nil {
		fmt.Fprintf(w, "  search incomplete: %s\n", o.reason(r, r.Limit))
	}
	if r.Interrupted != nil {
		fmt.Fprintf(w, "  analysis incomplete: %s\n", o.reason(r, r.Interrupted))
	}
	writeCoverage(w, r.Coverage)
	fmt.Fprintf(w, "  %s worlds, %s transitions, depth %d", Count(r.Stats.States), Count(r.Stats.Transitions), r.Stats.MaxDepth)
	if o.Stats {
		fmt.Fprintf(w, ", %.3fs, %s worlds/s, %.1f bytes/world", r.Elapsed.Seconds(), Count(int64(rate(r))), bytesPerWorld(r))
	}
	writeCompact(w, r)
	fmt.Fprint(w, "\n\n")
}

// writeCompact ends the statistics line of a compact search: the bound on
// the probability that a world was omitted, and whether the search
// stopped early.
func writeCompact(w io.Writer, r *tcpcheck.Report) {
	if !r.Stats.Compact {
		return
	}
	fmt.Fprintf(w, "\n  compact: P(a world was omitted) <= %.3g", r.Stats.Omission)
	if r.Stopped {
		fmt.Fprint(w, "; search stopped once every property checked on the fly was decided")
	}
}

func rate(r *tcpcheck.Report) float64 {
	if s := r.Elapsed.Seconds(); s > 0 {
		return float64(r.Stats.States) / s
	}
	return 0
}

func bytesPerWorld(r *tcpcheck.Report) float64 {
	if r.Stats.States == 0 {
		return 0
	}
	return float64(r.Stats.Bytes) / float64(r.Stats.States)
}

// mark is ok for a verdict as expected, FAIL for a mismatch and ? for
// undecided.
func mark(r *tcpcheck.Report, res properties.Result) string {
	switch {
	case res.Verdict == properties.Unknown:
		return "?   "
	case r.Passes(res):
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

// Result writes the verdict on one property of r, with its evidence: a
// counterexample, a lasso, two runs a machine cannot tell apart, or why it
// holds vacuously.
func Result(w io.Writer, r *tcpcheck.Report, res properties.Result) {
	sys, p := r.System, res.Property
	fmt.Fprintf(w, "  %s %-9s %s (%s", mark(r, res), verdictWord(res), p.Name, p.Kind)
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
		} else {
			fmt.Fprintf(w, "       vacuous in %s (%s): %s\n", v.Sub, v.Pos, v.Why)
		}
		if v.Trace.Worlds != nil {
			fmt.Fprintf(w, "       the first such world, %d steps:\n", v.Trace.Len())
			Trace(w, sys, v.Trace, "         ")
		}
	}
	switch {
	case res.Lasso():
		writeLasso(w, sys, res)
	case res.Verdict == properties.Violated && res.Trace.Worlds != nil:
		fmt.Fprintf(w, "       counterexample, %d steps:\n", res.Trace.Len())
		Trace(w, sys, res.Trace, "         ")
	}
	if res.Alt.Worlds != nil {
		fmt.Fprintf(w, "       %s.\n       the other run, %d steps (the runs differ from step %d):\n", res.AltNote, res.Alt.Len(), res.Diverge)
		Trace(w, sys, res.Alt, "         ")
	}
}

// Trace writes a trace one step per line: step number, who acted and what
// happened, then the last world in full; each line starts with indent.
func Trace(w io.Writer, sys *model.System, tr model.Trace, indent string) {
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

// Count writes n with thousands separators.
func Count(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + Count(-n)
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

// Bytes writes a size in bytes in KiB, MiB or GiB.
func Bytes(n int64) string {
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

// writeCoverage writes, for --coverage, how many transitions fire and the
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
