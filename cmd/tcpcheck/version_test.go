package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

// describeBuild says what the build information records, and unknown for
// what it does not.
func TestDescribeBuild(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	main := func(v string) debug.Module { return debug.Module{Path: "github.com/tcpcheck/tcpcheck", Version: v} }
	for _, tc := range []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build information", nil, false,
			"tcpcheck unknown (the binary has no build information)\nrevision: unknown\nmodified: unknown\ngo:       go1.99 linux/amd64\n"},
		{"go run or -buildvcs=false", &debug.BuildInfo{GoVersion: "go1.26.8", Main: main("(devel)")}, true,
			"tcpcheck (devel): built from a source tree, not from a module version\nmodule:   github.com/tcpcheck/tcpcheck\n" +
				"revision: unknown (built without VCS information; go build -buildvcs=true in a clone records it)\nmodified: unknown\ngo:       go1.26.8\n"},
		{"go build in a clone with changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: main("v0.0.0-20261202061853-c918a78cd640+dirty"),
			Settings: vcs("vcs", "git", "vcs.revision", "c918a78cd640d875434816a76ebe0eff0456df1a", "vcs.time", "2026-12-02T06:18:53Z", "vcs.modified", "true")}, true,
			"tcpcheck v0.0.0-20261202061853-c918a78cd640+dirty\nmodule:   github.com/tcpcheck/tcpcheck\n" +
				"revision: c918a78cd640d875434816a76ebe0eff0456df1a (git, committed 2026-12-02T06:18:53Z)\nmodified: yes (the work tree had uncommitted changes)\ngo:       go1.26.8\n"},
		{"go install of a release", &debug.BuildInfo{GoVersion: "go1.26.8", Main: main("v1.2.3")}, true,
			"tcpcheck v1.2.3\nmodule:   github.com/tcpcheck/tcpcheck\n" +
				"revision: unknown (built without VCS information; go build -buildvcs=true in a clone records it)\nmodified: unknown\ngo:       go1.26.8\n"},
		{"a clean clone, no module version, no Go version", &debug.BuildInfo{Main: debug.Module{},
			Settings: vcs("vcs.revision", "abc", "vcs.modified", "false")}, true,
			"tcpcheck unknown (no module version recorded)\nrevision: abc\nmodified: no\ngo:       go1.99 linux/amd64\n"},
	} {
		if got := describeBuild(tc.bi, tc.ok, "go1.99 linux/amd64"); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// A binary built with -buildvcs=true from a git clone reports the
// revision the clone is at, and whether its tree was modified. The module
// source is copied (as it is, changes included) into a fresh repository
// with one commit: Go records no VCS information in a git worktree (its
// .git is a file), nor in a test binary.
func TestVersion_BuiltWithVCS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds tcpcheck twice")
	}
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if exec.Command(gitPath, "-C", root, "rev-parse", "--is-inside-work-tree").Run() != nil {
		t.Skip("the source is not in a git work tree: nothing lists its files")
	}
	dir := t.TempDir()
	run := func(dir, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_AUTHOR_DATE=2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	copyModule(t, run(root, gitPath, "ls-files", "--cached", "--others", "--exclude-standard", "-z"), root, dir)
	run(dir, gitPath, "init", "-q")
	run(dir, gitPath, "add", "-A")
	run(dir, gitPath, "commit", "-q", "-m", "snapshot")
	head := strings.TrimSpace(run(dir, gitPath, "rev-parse", "HEAD"))
	bin := filepath.Join(t.TempDir(), "tcpcheck")
	build := func() string {
		run(dir, "go", "build", "-buildvcs=true", "-trimpath", "-o", bin, "./cmd/tcpcheck")
		return run(dir, bin, "version")
	}
	out := build()
	for _, want := range []string{
		`(?m)^tcpcheck v0\.0\.0-20260102030405-` + head[:12] + `$`,
		`(?m)^revision: ` + head + ` \(git, committed 2026-01-02T03:04:05Z\)$`,
		`(?m)^modified: no$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("clean build: no %s in\n%s", want, out)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = build()
	for _, want := range []string{`(?m)^tcpcheck .*\+dirty$`, `(?m)^revision: ` + head + ` `, `(?m)^modified: yes `} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("modified build: no %s in\n%s", want, out)
		}
	}
	if flag := run(dir, bin, "--version"); flag != out {
		t.Errorf("--version prints\n%s\nversion prints\n%s", flag, out)
	}
}

// copyModule copies the NUL-separated files of list from src to dst.
func copyModule(t *testing.T, list, src, dst string) {
	t.Helper()
	for _, name := range strings.Split(strings.TrimSuffix(list, "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(src, name))
		if os.IsNotExist(err) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		to := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
