package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Each input of FuzzParse is bounded so that the fuzzer makes progress:
// inputs over maxFuzzInput bytes are skipped (Go minimises every new
// interesting input, byte by byte, which on a 20 KB spec took minutes), and
// an input that takes over fuzzTimeout is reported as a failure with the
// input, not left to stall the run. The committed corpus in
// testdata/fuzz/FuzzParse holds the shapes of the specs/ files (without
// comments, cut to the size limit) and the bad inputs of issue 11.
const (
	maxFuzzInput = 4 << 10
	fuzzTimeout  = 10 * time.Second
)

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
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T is not an ErrorList: %v", err, err)
	}
	lines := strings.Count(string(src), "\n") + 1
	for _, e := range list {
		if e.Pos.File != "f.yaml" || e.Pos.Line < 1 || e.Pos.Line > lines+1 {
			t.Errorf("error position %v outside the input (%d lines): %v", e.Pos, lines, e)
		}
	}
}
