package model

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// Each input of FuzzParse is bounded so that the fuzzer makes progress.
// Go minimises every new interesting input byte by byte, for up to
// -fuzzminimizetime (a minute by default) of executions at about a
// millisecond each: on the 20 KB specs the fuzzer did nothing else. So
// inputs over maxFuzzInput bytes are skipped, TestMain lowers the default
// minimisation time to fuzzMinimizeTime (an explicit -fuzzminimizetime
// still wins), and an input that takes over fuzzTimeout is reported as a
// failure with the input, not left to stall the run. The committed corpus
// in testdata/fuzz/FuzzParse holds the shapes of the specs/ files (without
// comments, cut to 4 KiB) and the bad inputs of issue 11.
const (
	maxFuzzInput     = 8 << 10
	fuzzTimeout      = 10 * time.Second
	fuzzMinimizeTime = "2s"
)

// TestMain sets the shorter minimisation time of FuzzParse, unless the
// command line gives one.
func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		if err := flag.Set("test.fuzzminimizetime", fuzzMinimizeTime); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	os.Exit(m.Run())
}

// FuzzParse checks that no input makes the loader or the compiler panic,
// that every error is an ErrorList whose positions fall inside the input, and
// that a spec that compiles can take steps from its initial world.
func FuzzParse(f *testing.F) {
	specs, _ := filepath.Glob("../specs/*.yaml")
	for _, p := range specs {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(src) <= maxFuzzInput {
			f.Add(src)
		}
	}
	f.Add([]byte(baseSpec))
	f.Add([]byte(strings.Replace(pingSpec, "%s", "loss: true, dup: true, reorder: true", 1)))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > maxFuzzInput {
			t.Skip("input over maxFuzzInput")
		}
		watchdog := time.AfterFunc(fuzzTimeout, func() {
			panic(fmt.Sprintf("FuzzParse: an input of %d bytes took over %v: %q", len(src), fuzzTimeout, src))
		})
		defer watchdog.Stop()
		spec, err := Parse("f.yaml", src)
		if err != nil {
			checkPositions(t, src, err)
			return
		}
		sys, err := Compile(spec, nil)
		if err != nil {
			checkPositions(t, src, err)
			return
		}
		for _, p := range sys.Properties {
			if p.Expr != nil {
				if _, err := sys.CompileText(*p.Expr, p.Path); err != nil {
					checkPositions(t, src, err)
				}
			}
		}
		w := sys.Init()
		_ = sys.NewStepper().Next(w, func([]byte) {})
	})
}

func checkPositions(t *testing.T, src []byte, err error) {
	t.Helper()
	var list syntax.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T is not an ErrorList: %v", err, err)
	}
	lines := yamlLines(src)
	for _, e := range list {
		if e.Pos.File != "f.yaml" || e.Pos.Line < 1 || e.Pos.Line > lines+1 {
			t.Errorf("error position %v outside the input (%d lines): %v", e.Pos, lines, e)
		}
	}
}

// yamlLines counts the lines of src as YAML does: \r\n, \r, \n, NEL,
// LS and PS each end a line.
func yamlLines(src []byte) int {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	return 1 + strings.Count(s, "\n") + strings.Count(s, "\r") + strings.Count(s, "\u0085") + strings.Count(s, "\u2028") + strings.Count(s, "\u2029")
}
