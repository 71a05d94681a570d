package model

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// successorsOf lists, in order, every action and successor of every world
// reachable from the initial world (at most limit worlds), as computed by
// st.
func successorsOf(t *testing.T, sys *System, st *Stepper, limit int) []string {
	t.Helper()
	return walk(sys, limit, func(w World, visit func(string, []byte)) error {
		return st.Successors(w, func(a *Action, succ []byte) { visit(fmt.Sprintf("%v %x", *a, succ), succ) })
	})
}

// walk visits, breadth-first, the worlds reachable from the initial world
// (at most limit), expanding each with expand, and lists what expand
// reports of each step, in order, and each error.
func walk(sys *System, limit int, expand func(w World, visit func(line string, succ []byte)) error) []string {
	seen := map[string]bool{string(sys.Init()): true}
	queue := []World{sys.Init()}
	var out []string
	visit := func(line string, succ []byte) {
		out = append(out, line)
		if !seen[string(succ)] {
			seen[string(succ)] = true
			queue = append(queue, World(succ).Clone())
		}
	}
	for len(queue) > 0 && len(seen) < limit {
		w := queue[0]
		queue = queue[1:]
		if err := expand(w, visit); err != nil {
			out = append(out, "error "+err.Error())
		}
	}
	return out
}

// TestStepperCache checks that memoized steps give exactly the actions and
// successors, in the same order, as computing every step afresh, on every
// spec of the suite and on the TCP benchmark model.
func TestStepperCache(t *testing.T) {
	forEachSpec(t, func(t *testing.T, sys *System) {
		cached, mapped, fresh := sys.NewStepper(), sys.NewStepper(), sys.NewStepper()
		for i := range fresh.cache {
			fresh.cache[i].usable = false
			mapped.cache[i].packed = false
			mapped.cache[i].entries = map[string][]localStep{}
		}
		want := successorsOf(t, sys, fresh, 20000)
		for name, st := range map[string]*Stepper{"packed keys": cached, "string keys": mapped} {
			got := successorsOf(t, sys, st, 20000)
			if len(got) != len(want) {
				t.Fatalf("%s: %d steps, computed afresh: %d", name, len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%s: step %d: %s, computed afresh: %s", name, i, got[i], want[i])
				}
			}
		}
	})
}

// forEachSpec runs f, as a subtest, on every spec of the suite and on the
// TCP benchmark model, each compiled with its own parameters.
func forEachSpec(t *testing.T, f func(t *testing.T, sys *System)) {
	files, _ := filepath.Glob("../specs/*.yaml")
	files = append(files, "../specs/bench/tcp_model.yaml")
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			spec, err := Load(file)
			if err != nil {
				t.Fatal(err)
			}
			sys, err := Compile(spec, map[string]int64{})
			if err != nil {
				t.Fatal(err)
			}
			f(t, sys)
		})
	}
}

// TestStepperCache_ModelError: a model error found through the cache is
// the same error, at the same world, every time.
func TestStepperCache_ModelError(t *testing.T) {
	sys := compileSrc(t, `
name: overflow
messages:
  M: { n: 0..1 }
machines:
  a:
    states: [S]
    init: S
    vars: { x: 0..2 }
    transitions:
      - { from: S, on: internal, send: M(n = x), do: [x = x + 1] }
  b:
    states: [S]
    init: S
    transitions:
      - { from: S, on: recv M }
channels:
  - { from: a, to: b, capacity: 1, loss: true, full: drop }
`)
	st := sys.NewStepper()
	w := sys.Init()
	w[sys.Machines[0].Vars[0].off] = 2
	var errs []string
	for range 2 {
		err := st.Next(w, func([]byte) {})
		if err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) != 2 || errs[0] != errs[1] || !strings.Contains(errs[0], "outside its domain") {
		t.Errorf("errors %q", errs)
	}
}
