package tcpchecktest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck"
)

// recorder is a testing.TB that keeps the failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, strings.TrimSpace(strings.ReplaceAll(format, "%s", "")+joinArgs(args)))
}

func joinArgs(args []any) string {
	var b strings.Builder
	for _, a := range args {
		if s, ok := a.(string); ok {
			b.WriteString(s)
		}
	}
	return b.String()
}

// TestVerify_Passes: a spec whose every verdict is as expected fails
// nothing.
func TestVerify_Passes(t *testing.T) {
	rec := &recorder{TB: t}
	reports := Verify(rec, "../specs/two_way.yaml", tcpcheck.Options{})
	if len(rec.errors) > 0 || len(reports) != 1 || !reports[0].OK() {
		t.Fatalf("errors %q, %d reports", rec.errors, len(reports))
	}
}

// TestVerify_Fails: a property whose verdict is not the expected one fails
// the test with its counterexample; a cut search fails it too; an invalid
// spec says why.
func TestVerify_Fails(t *testing.T) {
	tests := []struct {
		name, file string
		opt        tcpcheck.Options
		want       []string
	}{
		{"mismatch", "../cmd/tcpcheck/testdata/wrong_expectation.yaml", tcpcheck.Options{},
			[]string{"some verdicts are not the expected ones", "FAIL violated  server_after_client (invariant, expected holds)", "counterexample, 2 steps:"}},
		{"limit", "../specs/three_way.yaml", tcpcheck.Options{}, nil},
		{"invalid", "../cmd/tcpcheck/testdata/invalid.yaml", tcpcheck.Options{},
			[]string{"cannot be checked", `unknown state "SYN_SNET"`}},
	}
	tests[1].opt.Search.MaxStates = 10
	tests[1].want = []string{"some verdicts are unknown", "search incomplete: explore: state limit reached"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			Verify(rec, tc.file, tc.opt)
			if len(rec.errors) != 1 {
				t.Fatalf("%d failures, want 1: %q", len(rec.errors), rec.errors)
			}
			for _, w := range tc.want {
				if !strings.Contains(rec.errors[0], w) {
					t.Errorf("failure lacks %q:\n%s", w, rec.errors[0])
				}
			}
		})
	}
}

// TestUserModule builds and runs the test of a module outside this one,
// testdata/usermodule, which checks three_way.yaml from go test in a few
// lines, as a user would (its go.mod replaces this module by the checkout).
func TestUserModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds another module: skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir, err := filepath.Abs("testdata/usermodule")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goBin, "test", "-count=1", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ok  \texample.com/user") {
		t.Fatalf("go test in %s: %v\n%s", dir, err, out)
	}
	// README shows this test as it is.
	src, err := os.ReadFile(filepath.Join(dir, "handshake_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	fn := string(src[strings.Index(string(src), "func TestThreeWay"):])
	if !strings.Contains(string(readme), "```go\n"+fn+"```") {
		t.Errorf("README.md does not show the user module's test as it is:\n%s", fn)
	}
}
