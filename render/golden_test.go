package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/tcpcheck/tcpcheck/model"
)

// NB: -update rewrites the golden files under testdata/ with what the code
// draws now. Inspect the diff (and look at the pictures); commit it only if
// you understand it.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what is drawn now (run go test ./render -update and inspect the diff)\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return ""
}

// loadSystem loads and compiles a spec.
func loadSystem(t testing.TB, path string) *model.System {
	t.Helper()
	spec, err := model.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	sys, err := model.Compile(spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sys
}

// testGraph is a world graph built by a plain breadth-first search, so
// that the tests of this package need no explorer.
type testGraph struct {
	worlds []model.World
	succ   [][]int
	labels [][]string
}

func (g *testGraph) Len() int                 { return len(g.worlds) }
func (g *testGraph) World(id int) model.World { return g.worlds[id] }
func (g *testGraph) Successors(id int) []int  { return g.succ[id] }
func (g *testGraph) Label(id, k int) string   { return g.labels[id][k] }

func exploreBFS(t testing.TB, sys *model.System) *testGraph {
	t.Helper()
	g := &testGraph{}
	index := map[string]int{}
	add := func(w model.World) int {
		if id, ok := index[w.Key()]; ok {
			return id
		}
		index[w.Key()] = len(g.worlds)
		g.worlds = append(g.worlds, w.Clone())
		g.succ = append(g.succ, nil)
		g.labels = append(g.labels, nil)
		return len(g.worlds) - 1
	}
	add(sys.Init())
	stp := sys.NewStepper()
	for id := 0; id < len(g.worlds); id++ {
		err := stp.Successors(g.worlds[id], func(a *model.Action, succ []byte) {
			to := add(model.World(succ))
			g.succ[id] = append(g.succ[id], to)
			g.labels[id] = append(g.labels[id], sys.Label(*a))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return g
}
