package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tcpcheck/tcpcheck/explore"
)

// verifyOptions are the flags of verify.
type verifyOptions struct {
	props     []string
	format    string
	maxStates int
	maxDepth  int
	timeout   time.Duration
	workers   int
	stats     bool
	set       []string
	verbose   bool
	order     string
	svgDir    string
	coverage  bool
	compact   bool
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
counterexample, one line per step.

Examples:
  tcpcheck verify specs/three_way.yaml
  tcpcheck verify specs/
  tcpcheck verify -p server_established_after_client --format json specs/two_way.yaml
  tcpcheck verify --set RETRIES=3 --stats specs/three_way.yaml
  tcpcheck verify --coverage specs/tcp_connection.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVerify(cmd.Context(), o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&o.props, "property", "p", nil, "check only this property (repeatable)")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.IntVar(&o.maxStates, "max-states", 0, "stop after storing this many worlds (0: no limit)")
	f.IntVar(&o.maxDepth, "max-depth", 0, "do not expand worlds at this depth (0: no limit)")
	f.DurationVar(&o.timeout, "timeout", 0, "stop the search after this long, e.g. 30s (0: no limit)")
	f.IntVar(&o.workers, "workers", 0, "search goroutines (0: one per core)")
	f.BoolVar(&o.stats, "stats", false, "print time, worlds/s and bytes per world")
	f.StringArrayVar(&o.set, "set", nil, "override a spec parameter, NAME=VALUE (repeatable)")
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
	if o.format != "text" && o.format != "json" {
		return &exitError{exitInvalid, fmt.Errorf("--format %q: expected text or json", o.format)}
	}
	order, err := parseOrder(o.order)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	if err := checkCompact(o); err != nil {
		return &exitError{exitInvalid, err}
	}
	files, err := specFiles(args)
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	opt := runOptions{set: set, props: o.props, maxStates: o.maxStates, maxDepth: o.maxDepth,
		timeout: o.timeout, workers: o.workers, order: order, coverage: o.coverage, compact: o.compact,
		failVacuous: o.failVacuous}
	tty := isTerminal(stderr)
	if o.verbose || tty {
		opt.progress = progressPrinter(stderr, tty)
	}
	var reports []*specReport
	for _, file := range files {
		for _, r := range verifyFile(ctx, file, opt) {
			if tty {
				fmt.Fprint(stderr, "\r\033[K") // clear the progress line
			}
			if r.err != nil {
				fmt.Fprintf(stderr, "%v\n", r.err)
			}
			reports = append(reports, r)
		}
	}
	if err := writeReports(stdout, reports, o); err != nil {
		return &exitError{exitInvalid, err}
	}
	if o.svgDir != "" {
		if err := writeSVGDir(o.svgDir, reports); err != nil {
			return &exitError{exitInvalid, err}
		}
	}
	return exitFor(reports)
}

// exitFor picks the exit code: an invalid spec outranks a mismatch, which
// outranks an undecided verdict.
func exitFor(reports []*specReport) error {
	code := exitOK
	rank := map[int]int{exitOK: 0, exitUnknown: 1, exitMismatch: 2, exitInvalid: 3}
	for _, r := range reports {
		if c := r.exitCode(); rank[c] > rank[code] {
			code = c
		}
	}
	if code == exitOK {
		return nil
	}
	return &exitError{code: code}
}

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
			count(p.States), count(p.Transitions), p.Depth, count(int64(p.Frontier)), count(int64(rate)), bytesize(p.Bytes), bytesize(processMemory()), end)
	}
}

var errNoSuchProperty = errors.New("no such property")
