package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests run tcpcheck as a real process (the test binary, installed
// as tcpcheck in $PATH by testscript.Main in TestMain): signals, exit
// codes and stdout as a file are those a user gets.

// tcpcheckCmd is the command tcpcheck ARGS in the repository's root.
func tcpcheckCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	path, err := exec.LookPath("tcpcheck")
	if err != nil {
		t.Fatalf("tcpcheck is not in $PATH: %v", err)
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = "../.."
	return cmd
}

// exitStatus is the exit code of a finished command.
func exitStatus(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatal(err)
	return -1
}

// slowSpec writes the benchmark model with channels of 4 segments (8.9
// million worlds, seconds of search) and returns its path. An invariant
// added to it is violated a few steps from the initial world.
func slowSpec(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("../../specs/bench/tcp_model.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "  CAP: 2 ", "  CAP: 4 ", 1)
	if s == string(src) {
		t.Fatal("tcp_model.yaml no longer declares CAP: 2")
	}
	s += `  - name: never_established
    invariant: "all i: not (client[i] in ESTAB)"
    expect: violated
`
	path := filepath.Join(t.TempDir(), "tcp_model_cap4.yaml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSignal_StreamsAndStops: verify prints the first spec's report as
// soon as it is decided, while the second is still being searched; a
// signal then stops the search within a second: the decided report stays,
// the interrupted one says so with its verdicts unknown, the summary
// counts them, and the exit code is 3.
func TestSignal_StreamsAndStops(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := tcpcheckCmd(t, "verify", "specs/two_way.yaml", slowSpec(t))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			pipe, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			sc := bufio.NewScanner(pipe)
			for sc.Scan() { // the first report ends with its statistics line
				out.WriteString(sc.Text() + "\n")
				if strings.Contains(sc.Text(), " worlds, ") {
					break
				}
			}
			if !strings.Contains(out.String(), "ok   violated  server_established_after_client") {
				_ = cmd.Process.Kill()
				t.Fatalf("the first report did not come before the end:\n%s", out.String())
			}
			time.Sleep(300 * time.Millisecond) // into the second search
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			for sc.Scan() {
				out.WriteString(sc.Text() + "\n")
			}
			code := exitStatus(t, cmd.Wait())
			if took := time.Since(sent); took > time.Second {
				t.Errorf("exited %v after the signal, want within a second", took)
			}
			if code != exitUnknown {
				t.Errorf("exit %d, want %d\nstderr:\n%s", code, exitUnknown, stderr.String())
			}
			name := "SIGINT"
			if sig == syscall.SIGTERM {
				name = "SIGTERM"
			}
			for _, want := range []string{
				"tcp_model_cap4.yaml: tcp_model\n",
				"  ?    unknown   sync (invariant, expected holds)\n",
				"  search incomplete: interrupted by " + name + "\n",
			} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, out.String())
				}
			}
			// The invariant violated near the initial world is found in
			// the worlds reached, unless the grace to scan them ran out
			// on a busy machine (TestCheckStopped is the exact test).
			found := strings.Contains(out.String(), "  ok   violated  never_established (invariant)\n       counterexample, ")
			summary := "summary: 2 specs: 3 held, 6 violated as expected, 0 unexpected, 2 unknown\n"
			if !found {
				summary = "summary: 2 specs: 3 held, 5 violated as expected, 0 unexpected, 3 unknown\n"
				if !strings.Contains(out.String(), "  ?    unknown   never_established (invariant)\n") {
					t.Errorf("never_established neither violated nor unknown:\n%s", out.String())
				}
			}
			if !strings.Contains(out.String(), summary) {
				t.Errorf("stdout lacks %q:\n%s", summary, out.String())
			}
		})
	}
}

// TestSignal_JSON: JSON is one document, written at the end even when a
// signal stops the run, with what is decided and the rest marked.
func TestSignal_JSON(t *testing.T) {
	cmd := tcpcheckCmd(t, "verify", "-v", "--format", "json", "specs/two_way.yaml", slowSpec(t), "specs/three_way.yaml")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// -v prints a progress line per second of search and one at its end:
	// the second line is the second spec's.
	var stderr strings.Builder
	sc := bufio.NewScanner(pipe)
	for lines := 0; lines < 2 && sc.Scan(); lines++ {
		stderr.WriteString(sc.Text() + "\n")
	}
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() {
		stderr.WriteString(sc.Text() + "\n")
	}
	code := exitStatus(t, cmd.Wait())
	if took := time.Since(sent); took > time.Second {
		t.Errorf("exited %v after the signal, want within a second", took)
	}
	if code != exitUnknown {
		t.Errorf("exit %d, want %d\nstderr:\n%s", code, exitUnknown, stderr.String())
	}
	docs := jsonReports(t, stdout.String())
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3", len(docs))
	}
	if docs[0].Incomplete != "" || len(docs[0].Properties) == 0 {
		t.Errorf("two_way: %+v", docs[0])
	}
	if docs[1].Incomplete != "interrupted by SIGINT" {
		t.Errorf("tcp_model: incomplete %q, want the interruption", docs[1].Incomplete)
	}
	for _, p := range docs[1].Properties {
		if p.Verdict != "unknown" && !(p.Name == "never_established" && p.Verdict == "violated") {
			t.Errorf("tcp_model: %s %s after the interruption", p.Name, p.Verdict)
		}
	}
	if docs[2].Incomplete != "not checked: interrupted by SIGINT" {
		t.Errorf("three_way: incomplete %q, want not checked", docs[2].Incomplete)
	}
}

// TestTimeout_WholeCommand: --timeout bounds the whole command, every
// configuration and the analyses after each search: tcp_connection's
// five configurations took 3.1 s under --timeout 500ms when it bounded
// only each search.
func TestTimeout_WholeCommand(t *testing.T) {
	cmd := tcpcheckCmd(t, "verify", "--timeout", "500ms", "specs/tcp_connection.yaml")
	start := time.Now()
	out, err := cmd.Output()
	took := time.Since(start)
	if code := exitStatus(t, err); code != exitUnknown {
		t.Errorf("exit %d, want %d\n%s", code, exitUnknown, out)
	}
	if took > 1500*time.Millisecond {
		t.Errorf("took %v under --timeout 500ms", took)
	}
	if !strings.Contains(string(out), ": not checked: --timeout 500ms reached\n") {
		t.Errorf("no configuration was left unchecked:\n%s", out)
	}
}

// TestWriteErrors: output that cannot be written (a full device) is exit
// 2 with the reason on stderr, for every command and format.
func TestWriteErrors(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	for _, args := range [][]string{
		{"verify", "specs/two_way.yaml"},
		{"verify", "--format", "json", "specs/two_way.yaml"},
		{"verify", "--format", "junit", "specs/two_way.yaml"},
		{"verify", "--format", "github", "specs/two_way.yaml", "specs/three_way.yaml"},
		{"verify", "specs/two_way.yaml", "specs/three_way.yaml"},
		{"verify", "--max-states", "10", "specs/three_way.yaml"}, // would exit 3
		{"knowledge", "specs/three_way.yaml"},
		{"render", "fsm", "specs/two_way.yaml", "--format", "dot", "-o", "-"},
		{"version"},
		{"--help"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer full.Close()
			cmd := tcpcheckCmd(t, args...)
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = full, &stderr
			if code := exitStatus(t, cmd.Run()); code != exitInvalid {
				t.Errorf("exit %d, want %d\nstderr:\n%s", code, exitInvalid, stderr.String())
			}
			if n := strings.Count(stderr.String(), "no space left on device"); n != 1 {
				t.Errorf("stderr has the write error %d times, want once:\n%s", n, stderr.String())
			}
		})
	}
}

// failWriter fails every write, like a closed pipe.
type failWriter struct{ writes int }

func (f *failWriter) Write(p []byte) (int, error) {
	f.writes++
	return 0, errors.New("broken pipe")
}

// TestWriteErrors_StopTheRun: once a report cannot be written, verify
// checks nothing more and exits 2 with the error, printed once.
func TestWriteErrors_StopTheRun(t *testing.T) {
	out := &failWriter{}
	var stderr bytes.Buffer
	code := run([]string{"verify", "../../specs/two_way.yaml", "../../specs/three_way.yaml", "../../specs/video_call.yaml"}, out, &stderr)
	if code != exitInvalid {
		t.Errorf("exit %d, want %d", code, exitInvalid)
	}
	if got := stderr.String(); got != "tcpcheck: writing the output: broken pipe\n" {
		t.Errorf("stderr %q", got)
	}
	if out.writes != 1 {
		t.Errorf("%d writes after the first failed, want none", out.writes-1)
	}
}

// TestTimeout_Knowledge: knowledge keeps to --timeout too, its analysis
// included: on video_call with RETRIES=4 (2.3 million worlds) the search
// and the analysis take seconds each.
func TestTimeout_Knowledge(t *testing.T) {
	if testing.Short() {
		t.Skip("explores millions of worlds")
	}
	const budget = 3 * time.Second
	cmd := tcpcheckCmd(t, "knowledge", "--timeout", budget.String(), "--set", "RETRIES=4", "specs/video_call.yaml")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	code := exitStatus(t, cmd.Run())
	took := time.Since(start)
	switch {
	case code == exitOK:
		t.Logf("finished within the budget, in %v", took)
	case code != exitUnknown:
		t.Errorf("exit %d, want %d or 0\n%s", code, exitUnknown, stderr.String())
	case !strings.Contains(stderr.String(), "--timeout 3s reached"):
		t.Errorf("stderr lacks the limit:\n%s", stderr.String())
	}
	if took > budget+time.Second {
		t.Errorf("took %v under --timeout %v", took, budget)
	}
}
