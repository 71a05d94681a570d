package liveness

import (
	"context"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
	"github.com/tcpcheck/tcpcheck/model"
)

// search explores sys.
func search(t *testing.T, sys *model.System, opt explore.Options) *explore.Graph {
	t.Helper()
	g, err := lts.Search(context.Background(), sys, opt)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// loadSystem loads and compiles one spec file, with parameters set.
func loadSystem(tb testing.TB, path string, set map[string]int64) *model.System {
	tb.Helper()
	spec, err := model.Load(path)
	if err != nil {
		tb.Fatal(err)
	}
	sys, err := model.Compile(spec, set)
	if err != nil {
		tb.Fatalf("%s %v: %v", path, set, err)
	}
	return sys
}
