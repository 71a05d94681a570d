package tcpcheck

import (
	"context"
	"slices"
	"testing"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
	"github.com/tcpcheck/tcpcheck/properties"
)

// TestMutant_RemoveIsDeletion: removing a transition from the compiled
// system reaches exactly the worlds, transitions and verdicts of the spec
// with that transition deleted from its YAML, for every transition of
// three specs, one with machines declared with count.
func TestMutant_RemoveIsDeletion(t *testing.T) {
	for _, file := range []string{"specs/close.yaml", "specs/two_generals.yaml", "testdata/pairs.yaml"} {
		spec, err := model.Load(file)
		if err != nil {
			t.Fatal(err)
		}
		sys, err := model.Compile(spec, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for mi, ms := range spec.Machines {
			for ti := range ms.Transitions {
				mutant := Check(context.Background(), sys.Mutant(ms.Name, ti, model.Remove), Options{})
				deleted := Check(context.Background(), compileWithout(t, spec, mi, ti), Options{})
				if mutant.Stats.States != deleted.Stats.States || mutant.Stats.Transitions != deleted.Stats.Transitions || !sameVerdicts(mutant.Results, deleted.Results) {
					t.Errorf("%s: %s.%s: mutant %d worlds %d transitions, deleted %d worlds %d transitions",
						file, ms.Name, ms.Transitions[ti].Name, mutant.Stats.States, mutant.Stats.Transitions, deleted.Stats.States, deleted.Stats.Transitions)
				}
				n++
			}
		}
		if n < 3 {
			t.Errorf("%s: only %d transitions", file, n)
		}
	}
}

// compileWithout compiles spec with transition ti of machine mi deleted.
func compileWithout(t *testing.T, spec *syntax.Spec, mi, ti int) *model.System {
	t.Helper()
	cp := *spec
	cp.Machines = slices.Clone(spec.Machines)
	m := *spec.Machines[mi]
	m.Transitions = slices.Delete(slices.Clone(m.Transitions), ti, ti+1)
	cp.Machines[mi] = &m
	sys, err := model.Compile(&cp, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sys
}

func sameVerdicts(a, b []properties.Result) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Verdict != b[i].Verdict {
			return false
		}
	}
	return true
}

// TestSensitize: the mutants that change a property are those whose
// removal makes it fail, found in parallel and in a fixed order; the
// original system is left unchanged.
func TestSensitize(t *testing.T) {
	sys, err := Compile("specs/close.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	before := Check(context.Background(), sys, Options{})
	s := Sensitize(context.Background(), sys, Options{}, []model.Mutation{model.Remove, model.DropSends}, nil)
	if len(s.Mutants) == 0 || len(s.Held) == 0 {
		t.Fatalf("%d mutants, %d held", len(s.Mutants), len(s.Held))
	}
	for i, held := range s.Held {
		for _, m := range s.Mutants {
			changed := slices.Contains(m.Changed, i)
			got := m.Report.Results[i].Verdict
			if changed != (got != held.Verdict && got != properties.Unknown) {
				t.Errorf("%s under %s.%s %s: %s, changed %v", held.Property.Name, m.Machine, m.Transition, m.Mutation, got, changed)
			}
		}
	}
	after := Check(context.Background(), sys, Options{})
	if after.Stats.States != before.Stats.States || after.Stats.Transitions != before.Stats.Transitions {
		t.Errorf("the original changed: %+v, was %+v", after.Stats, before.Stats)
	}
	again := Sensitize(context.Background(), sys, Options{}, []model.Mutation{model.Remove, model.DropSends}, nil)
	for i := range s.Mutants {
		if !slices.Equal(s.Mutants[i].Changed, again.Mutants[i].Changed) || s.Mutants[i].Mutant != again.Mutants[i].Mutant {
			t.Fatalf("mutant %d differs between runs", i)
		}
	}
}
