package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
)

func TestParseSize(t *testing.T) {
	good := map[string]int64{
		"0": 0, "1": 1, "1048576": 1 << 20, "9223372036854775807": 1<<63 - 1,
		"150MB": 150e6, "150mb": 150e6, "2GiB": 2 << 30, "2gib": 2 << 30, "1.5G": 3 << 29,
		"64K": 64 << 10, "64KiB": 64 << 10, "64KB": 64e3, "3T": 3 << 40, "1TB": 1e12,
		"512B": 512, " 2 GiB ": 2 << 30, ".5M": 1 << 19, "1.M": 1 << 20,
	}
	for in, want := range good {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	bad := map[string]string{
		"": "expected a size", "-1": "cannot be negative", "-2GiB": "cannot be negative",
		"lots": "expected a size", "1e9": "expected a size", "0x10": "expected a size",
		"1,5G": "expected a size", "150XB": "expected a size", "NaN": "expected a size",
		"Inf": "expected a size", "1.5": "", "10000000TB": "too large",
		"9223372036854775808": "too large", "1 2MB": "expected a size", "GB": "expected a size",
	}
	for in, want := range bad {
		got, err := parseSize(in)
		if want == "" { // fractional bytes: rounded down
			if err != nil || got != 1 {
				t.Errorf("parseSize(%q) = %d, %v; want 1", in, got, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseSize(%q) = %d, %v; want an error with %q", in, got, err, want)
		}
	}
}

// TestMemoryShare: the default budget is 3/4 of the smaller of the
// physical memory and the cgroup limits (v2 memory.max or v1
// memory.limit_in_bytes, of the process's cgroup or an ancestor).
func TestMemoryShare(t *testing.T) {
	meminfo := &fstest.MapFile{Data: []byte("MemTotal:        8000000 kB\nMemFree:  100 kB\n")}
	const phys = 8000000 * 1024
	tests := []struct {
		name  string
		files fstest.MapFS
		want  int64
	}{
		{"nothing to read", fstest.MapFS{}, 0},
		{"physical memory only", fstest.MapFS{"proc/meminfo": meminfo}, phys / 4 * 3},
		{"v2 limit below", fstest.MapFS{"proc/meminfo": meminfo,
			"proc/self/cgroup":         {Data: []byte("0::/\n")},
			"sys/fs/cgroup/memory.max": {Data: []byte("4000000000\n")}}, 3000000000},
		{"v2 max is no limit", fstest.MapFS{"proc/meminfo": meminfo,
			"proc/self/cgroup":         {Data: []byte("0::/\n")},
			"sys/fs/cgroup/memory.max": {Data: []byte("max\n")}}, phys / 4 * 3},
		{"v2 limit on an ancestor", fstest.MapFS{"proc/meminfo": meminfo,
			"proc/self/cgroup":               {Data: []byte("0::/a/b\n")},
			"sys/fs/cgroup/a/b/memory.max":   {Data: []byte("max\n")},
			"sys/fs/cgroup/a/memory.max":     {Data: []byte("400000000\n")},
			"sys/fs/cgroup/memory.max":       {Data: []byte("800000000\n")},
			"sys/fs/cgroup/a/b/c/memory.max": {Data: []byte("1\n")}, // not ours
		}, 300000000},
		{"v2 limit above physical memory", fstest.MapFS{"proc/meminfo": meminfo,
			"proc/self/cgroup":         {Data: []byte("0::/\n")},
			"sys/fs/cgroup/memory.max": {Data: []byte("999999999999\n")}}, phys / 4 * 3},
		{"v1 limit", fstest.MapFS{"proc/meminfo": meminfo,
			"proc/self/cgroup": {Data: []byte("5:cpu,cpuacct:/x\n4:memory:/docker/abc\n0::/\n")},
			"sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes": {Data: []byte("2000000000\n")},
			"sys/fs/cgroup/memory/memory.limit_in_bytes":            {Data: []byte("9223372036854771712\n")}}, 1500000000},
		{"cgroup without physical memory", fstest.MapFS{
			"proc/self/cgroup":         {Data: []byte("0::/\n")},
			"sys/fs/cgroup/memory.max": {Data: []byte("4000\n")}}, 3000},
	}
	for _, tc := range tests {
		if got := memoryShare(tc.files); got != tc.want {
			t.Errorf("%s: memoryShare = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestLimitsReached: each limit's error is reported by its flag, with the
// figures reached; the context's cause says why it ended.
func TestLimitsReached(t *testing.T) {
	l := limitOptions{maxStates: 10, maxDepth: 3}
	if err := l.maxMemory.Set("150MB"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(&stopError{"interrupted by SIGINT"})
	for err, want := range map[error]string{
		explore.ErrStateLimit:                            "--max-states 10 reached",
		fmt.Errorf("wrapped: %w", explore.ErrDepthLimit): "--max-depth 3 reached",
		explore.ErrMemoryLimit:                           "--max-memory 150MB reached: the search held 143.1 MiB",
		context.Canceled:                                 "interrupted by SIGINT",
	} {
		got, ok := l.reached(ctx, err, 150e6)
		if !ok || got != want {
			t.Errorf("reached(%v) = %q, %v; want %q", err, got, ok, want)
		}
	}
	if _, ok := l.reached(ctx, errors.New("model broke"), 0); ok {
		t.Error("an error that is not a limit was taken for one")
	}
	auto := limitOptions{maxMemory: sizeValue{auto: true}}
	if got, _ := auto.reached(ctx, explore.ErrMemoryLimit, 1<<20); !strings.HasPrefix(got, "--max-memory ") || !strings.Contains(got, "(auto) reached: the search held 1.0 MiB") {
		t.Errorf("auto: %q", got)
	}
}

// TestLimitsSetSearchOptions: the flags reach explore.Options, the memory
// budget included.
func TestLimitsSetSearchOptions(t *testing.T) {
	l := limitOptions{maxStates: 5, maxDepth: 6, workers: 2}
	if err := l.maxMemory.Set("2GiB"); err != nil {
		t.Fatal(err)
	}
	got := l.search()
	if got.MaxStates != 5 || got.MaxDepth != 6 || got.Workers != 2 || got.MaxMemory != 2<<30 {
		t.Errorf("search() = %+v", got)
	}
	l.maxMemory = sizeValue{auto: true}
	if got := l.search().MaxMemory; got != defaultMaxMemory() {
		t.Errorf("auto: MaxMemory %d, want %d", got, defaultMaxMemory())
	}
}

// TestMaxMemoryStopsTheSearch runs verify with a budget far below what
// three_way needs: the search stops with verdicts unknown, the figures
// reached and exit 3. It needs the search to enforce
// explore.Options.MaxMemory.
func TestMaxMemoryStopsTheSearch(t *testing.T) {
	sys, err := loadSystem("../../specs/three_way.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := explore.Explore(context.Background(), lts.Model(sys), explore.Options{MaxMemory: 1 << 10}); !errors.Is(err, explore.ErrMemoryLimit) {
		t.Skipf("the search does not enforce explore.Options.MaxMemory in this build (err %v)", err)
	}
	code, stdout, stderr := runCLI("verify", "--max-memory", "1KiB", "../../specs/three_way.yaml")
	if code != exitUnknown {
		t.Errorf("exit %d, want %d\n%s%s", code, exitUnknown, stdout, stderr)
	}
	for _, want := range []string{"search incomplete: --max-memory 1KiB reached: the search held ", "?    unknown"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}

// TestSetMemoryLimit: the soft limit is a quarter above the larger of the
// budget and the default, and is restored afterwards.
func TestSetMemoryLimit(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" || defaultMaxMemory() == 0 {
		t.Skip("GOMEMLIMIT is set, or the machine's memory is unknown")
	}
	before := debug.SetMemoryLimit(-1)
	for _, budget := range []int64{1 << 10, defaultMaxMemory(), 4 * defaultMaxMemory()} {
		restore := setMemoryLimit(budget)
		want := max(budget, defaultMaxMemory())
		if got := debug.SetMemoryLimit(-1); got != want+want/4 {
			t.Errorf("budget %d: soft limit %d, want %d", budget, got, want+want/4)
		}
		restore()
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("budget %d: restored to %d, want %d", budget, got, before)
		}
	}
}
