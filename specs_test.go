package tcpcheck_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/properties"
	"github.com/tcpcheck/tcpcheck/report"
)

var update = flag.Bool("update", false, "rewrite the specs' .golden files (inspect the diff; commit only if you understand it)")

// TestSpecs checks every spec in specs/ against its .golden file: the verdict
// of each property and the exact number of reachable worlds and transitions.
// A change of semantics shows up here as a diff in review.
func TestSpecs(t *testing.T) {
	files, err := filepath.Glob("specs/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no specs found: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			t.Parallel()
			reports := tcpcheck.Verify(context.Background(), file, tcpcheck.Options{Coverage: true})
			var got string
			for _, r := range reports {
				if r.Err != nil || r.ModelError != nil {
					t.Fatalf("%s: %v %v", r.Title(), r.Err, r.ModelError)
				}
				got += golden(r)
			}
			path := strings.TrimSuffix(file, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test . -run TestSpecs -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file:\n--- got\n%s--- want\n%s", file, got, want)
			}
			for _, r := range reports {
				for _, res := range r.Results {
					if !res.OK() {
						t.Errorf("%s: property %s: verdict %s, but the spec expects %s", r.Title(), res.Property.Name, res.Verdict, res.Property.Expect)
					}
				}
			}
		})
	}
}

// golden is the summary pinned per spec: counts, the transitions that never
// fire, what never changes (the variables that keep one value, those that
// take only part of their domain, the control states never entered, the
// message types never sent), then one verdict per line;
// for a spec with a matrix, that for each configuration under its label.
func golden(r *tcpcheck.Report) string {
	var b strings.Builder
	if r.Config != "" {
		fmt.Fprintf(&b, "[%s]\n", r.Config)
	}
	fmt.Fprintf(&b, "worlds %d\ntransitions %d\ndepth %d\n", r.Stats.States, r.Stats.Transitions, r.Stats.MaxDepth)
	fmt.Fprintf(&b, "unfired %d", len(r.Coverage.Unfired()))
	for _, u := range r.Coverage.Unfired() {
		fmt.Fprintf(&b, " %s.%s", u.Machine, u.Name)
	}
	b.WriteByte('\n')
	goldenNeverChanges(&b, r.Coverage)
	for _, res := range r.Results {
		fmt.Fprintf(&b, "%s %s %s", res.Property.Name, res.Property.Kind, res.Verdict)
		if res.Verdict != 0 && res.Trace.Worlds != nil {
			fmt.Fprintf(&b, " steps=%d", res.Trace.Len())
		}
		if res.Lasso() {
			fmt.Fprintf(&b, " loop=%d", res.LoopStart)
		}
		for _, v := range res.Vacuous {
			what, _, _ := strings.Cut(v.Why, ":")
			if v.Sub != "" {
				what = v.Sub
			}
			fmt.Fprintf(&b, " vacuous=%q", what)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// goldenNeverChanges writes the coverage facts about values, states and
// messages, a line each.
func goldenNeverChanges(b *strings.Builder, cov properties.Coverage) {
	var constant, narrow, states, msgs []string
	for _, u := range cov.Narrow() {
		s := fmt.Sprintf("%s.%s=%s", u.Machine, u.Var.Name, strings.ReplaceAll(report.Values(u.Var, u.Taken), ", ", ","))
		if u.Constant() {
			constant = append(constant, s)
		} else {
			narrow = append(narrow, s)
		}
	}
	for _, u := range cov.Unentered() {
		states = append(states, u.Machine+"."+u.Name)
	}
	for _, u := range cov.Unsent() {
		msgs = append(msgs, u.Name)
	}
	for _, u := range cov.Lost() {
		msgs = append(msgs, u.Name+"(lost)")
	}
	for _, l := range []struct {
		key   string
		items []string
	}{{"constant", constant}, {"narrow", narrow}, {"unentered", states}, {"unsent", msgs}} {
		fmt.Fprintf(b, "%s %d", l.key, len(l.items))
		for _, it := range l.items {
			fmt.Fprintf(b, " %s", it)
		}
		b.WriteByte('\n')
	}
}
