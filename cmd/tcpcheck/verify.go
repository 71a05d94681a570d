package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/report"
)

// verifyOptions are the flags of verify.
type verifyOptions struct {
	props    []string
	format   string
	limits   limitOptions
	stats    bool
	set      []string
	verbose  bool
	order    string
	svgDir   string
	coverage bool
	compact  bool
	// failVacuous makes a property that holds vacuously fail the run.
	failVacuous bool
}

func newVerifyCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &verifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify [flags] SPEC|DIR...",
		Short: "Check every property of the given specs",
		Long: `verify explores every reachable world of each spec and checks its properties.
A directory stands for every *.yaml file in it. For each property it prints
the verdict and the expected verdict, and for each violation a shortest
counterexample, one line per step. Each spec's (each configuration's) text
report is printed as soon as it is decided. --format json and --format
junit write one document at the end; --format github writes GitHub Actions
annotations at the lines of the properties that fail (docs/formats.md).
--timeout bounds the whole command. On SIGINT or
SIGTERM the search stops, what is decided is printed and the rest is
marked unknown (exit 3).

Examples:
  tcpcheck verify specs/three_way.yaml
  tcpcheck verify specs/
  tcpcheck verify -p server_established_after_client --format json specs/two_way.yaml
  tcpcheck verify --format junit specs/three_way.yaml
  tcpcheck verify --format github specs/two_way.yaml
  tcpcheck verify --set RETRIES=3 --stats specs/three_way.yaml
  tcpcheck verify --coverage specs/tcp_connection.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd.Context(), o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&o.props, "property", "p", nil, "check only this property (repeatable)")
	f.StringVar(&o.format, "format", "text", "output format: text, json, junit (JUnit XML) or github (GitHub Actions annotations)")
	o.limits.addFlags(f)
	f.BoolVar(&o.stats, "stats", false, "print time, worlds/s and bytes per world")
	addSetFlag(f, &o.set)
	f.BoolVarP(&o.verbose, "verbose", "v", false, "show search progress on stderr even when it is not a terminal")
	f.StringVar(&o.order, "order", "bfs", "search order: bfs (shortest counterexamples) or dfs")
	f.StringVar(&o.svgDir, "svg-dir", "", "write a sequence chart per counterexample and witness to this directory")
	f.BoolVar(&o.coverage, "coverage", false, "list the transitions that never fire (dead code, or faults that never bring them about), and what never changes: constant variables, values never taken, states never entered, messages never sent")
	f.BoolVar(&o.failVacuous, "fail-vacuous", false, "count a property that holds vacuously (it does not need some part of itself) as a failure, exit 1")
	f.BoolVar(&o.compact, "compact", false, "hash compaction: keep a 64-bit fingerprint per world, not the world; checks invariants, reachable and deadlock_free on the fly (others: unknown), and bounds the probability that a world was omitted")
	return cmd
}

func runVerify(ctx context.Context, o *verifyOptions, args []string, stdout, stderr io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	set, err := parseSet(o.set)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	if err := checkFormat(o.format); err != nil {
		return &exitError{exitInvalid, err}
	}
	order, err := parseOrder(o.order)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	if err := checkCompact(o); err != nil {
		return &exitError{exitInvalid, err}
	}
	if err := o.limits.check(); err != nil {
		return &exitError{exitInvalid, err}
	}
	files, err := specFiles(args)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	ctx, done := o.limits.begin(ctx)
	defer done()
	// A report that cannot be written stops the rest: run reports the
	// write error.
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	opt := tcpcheck.Options{Set: set, Properties: o.props, Search: o.limits.search(), Coverage: o.coverage, FailVacuous: o.failVacuous}
	opt.Search.Order, opt.Search.Compact = order, o.compact
	rw := &reportWriter{w: stdout, stderr: stderr, o: o, tty: isTerminal(stderr)}
	rw.failed = func() { stop(&stopError{"the output could not be written"}) }
	if o.verbose || rw.tty {
		opt.Search.Progress = progressPrinter(stderr, rw.tty)
	}
	for _, file := range files {
		tcpcheck.VerifyEach(ctx, file, opt, rw.add)
	}
	err = rw.finish()
	if outputError(stdout) != nil {
		return &exitError{code: exitInvalid} // run prints the write error
	}
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	if o.svgDir != "" {
		if err := writeSVGDir(o.svgDir, rw.reports); err != nil {
			return &exitError{exitInvalid, err}
		}
	}
	return exitFor(rw.reports)
}

// formats are the values of verify --format.
var formats = []string{"text", "json", "junit", "github"}

// checkFormat rejects a --format verify does not write.
func checkFormat(f string) error {
	for _, ok := range formats {
		if f == ok {
			return nil
		}
	}
	return fmt.Errorf("--format %q: expected %s or %s", f, strings.Join(formats[:len(formats)-1], ", "), formats[len(formats)-1])
}

// reportWriter prints the reports of verify as they come: a text report
// or GitHub annotations at once, JSON or JUnit as one document at the end.
// Errors go to stderr at once.
type reportWriter struct {
	w, stderr io.Writer
	o         *verifyOptions
	tty       bool   // stderr is a terminal with a progress line
	failed    func() // called once a write to w failed
	reports   []*tcpcheck.Report
}

// add takes the next report and, in text or github, prints it.
func (rw *reportWriter) add(r *tcpcheck.Report) {
	if rw.tty {
		fmt.Fprint(rw.stderr, "\r\033[K") // clear the progress line
	}
	if r.Err != nil {
		fmt.Fprintf(rw.stderr, "%v\n", r.Err)
	}
	rw.reports = append(rw.reports, r)
	var b bytes.Buffer
	switch rw.o.format {
	case "text":
		report.Text(&b, r, rw.o.reportOptions())
	case "github":
		report.GitHub(&b, r, rw.o.reportOptions())
	default:
		return
	}
	if b.Len() == 0 {
		return
	}
	if _, err := rw.w.Write(b.Bytes()); err != nil && rw.failed != nil {
		rw.failed()
	}
}

// finish ends the output: the summary line of several text reports or
// of GitHub annotations, or the JSON or JUnit document.
func (rw *reportWriter) finish() error {
	switch rw.o.format {
	case "json":
		return report.JSON(rw.w, rw.reports, rw.o.reportOptions())
	case "junit":
		return report.JUnit(rw.w, rw.reports, rw.o.reportOptions())
	}
	if len(rw.reports) > 1 || rw.o.format == "github" {
		fmt.Fprintln(rw.w, report.Summary(rw.reports))
	}
	return nil
}

// reportOptions say how verify writes its reports: with --stats, and
// each limit named by its flag.
func (o *verifyOptions) reportOptions() report.Options {
	return report.Options{Stats: o.stats, Reason: func(r *tcpcheck.Report, err error) string {
		return o.limits.describe(err, r.Stats.Bytes)
	}}
}

// exitCodes are the exit codes of the outcomes.
var exitCodes = [...]int{tcpcheck.Pass: exitOK, tcpcheck.Undecided: exitUnknown, tcpcheck.Mismatch: exitMismatch, tcpcheck.Invalid: exitInvalid}

// exitFor picks the exit code of the worst outcome: an invalid spec
// outranks a mismatch, which outranks an undecided verdict.
func exitFor(reports []*tcpcheck.Report) error {
	worst := tcpcheck.Pass
	for _, r := range reports {
		worst = max(worst, r.Outcome())
	}
	if worst == tcpcheck.Pass {
		return nil
	}
	return &exitError{code: exitCodes[worst]}
}

// addSetFlag declares --set, the parameter overrides of every command that
// loads a spec; parseSet reads what it collected.
func addSetFlag(f *pflag.FlagSet, set *[]string) {
	f.StringArrayVar(set, "set", nil, "override a spec parameter, NAME=VALUE (repeatable)")
}

// parseSet reads the --set overrides.
func parseSet(kvs []string) (map[string]int64, error) {
	out := map[string]int64{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("--set %q: expected NAME=VALUE", kv)
		}
		x, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("--set %s: %q is not an integer", k, v)
		}
		out[strings.TrimSpace(k)] = x
	}
	return out, nil
}

// checkCompact rejects the flags --compact cannot go with: --order dfs
// (compaction is breadth-first) and --coverage (which needs every world).
func checkCompact(o *verifyOptions) error {
	switch {
	case !o.compact:
	case o.order != "bfs":
		return fmt.Errorf("--compact needs --order bfs")
	case o.coverage:
		return fmt.Errorf("--compact cannot go with --coverage, which needs every world")
	}
	return nil
}

func parseOrder(s string) (explore.Order, error) {
	switch s {
	case "bfs":
		return explore.BFS, nil
	case "dfs":
		return explore.DFS, nil
	}
	return 0, fmt.Errorf("--order %q: expected bfs or dfs", s)
}

// specFiles expands directories into their *.yaml files, sorted.
func specFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		matches, err := filepath.Glob(filepath.Join(a, "*.yaml"))
		if err != nil {
			return nil, err
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no *.yaml specs in this directory", a)
		}
		sort.Strings(matches)
		out = append(out, matches...)
	}
	return out, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressPrinter writes a status line per report: overwritten in place on
// a terminal, one line each otherwise (a CI log).
func progressPrinter(w io.Writer, tty bool) func(explore.Progress) {
	end := "\n"
	if tty {
		end = "  \r"
	}
	return func(p explore.Progress) {
		rate := 0.0
		if s := p.Elapsed.Seconds(); s > 0 {
			rate = float64(p.States) / s
		}
		fmt.Fprintf(w, "%s worlds, %s transitions, depth %d, frontier %s, %s worlds/s, graph %s, process %s%s",
			report.Count(p.States), report.Count(p.Transitions), p.Depth, report.Count(int64(p.Frontier)), report.Count(int64(rate)), report.Bytes(p.Bytes), report.Bytes(processMemory()), end)
	}
}
