package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/tcpcheck/tcpcheck/report"
)

// sizeValue is the value of --max-memory: a number of bytes, or auto (the
// default, a share of the machine's memory: see defaultMaxMemory).
type sizeValue struct {
	auto bool
	n    int64
	text string // as the user wrote it
}

// Set parses a size (see parseSize) or "auto".
func (v *sizeValue) Set(s string) error {
	if strings.EqualFold(strings.TrimSpace(s), "auto") {
		*v = sizeValue{auto: true}
		return nil
	}
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*v = sizeValue{n: n, text: strings.TrimSpace(s)}
	return nil
}

// String returns the size as the user wrote it, or auto.
func (v *sizeValue) String() string {
	if v.auto {
		return "auto"
	}
	return v.text
}

// Type names the value in --help.
func (v *sizeValue) Type() string { return "size" }

// sizeUnits are the suffixes of a size, lower-cased: SI multiples for
// KB, MB, GB and TB, binary ones for KiB, MiB, GiB, TiB and the bare
// letters K, M, G and T (as ulimit and sort -S read them).
var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	"t": 1 << 40, "tib": 1 << 40, "tb": 1e12,
}

var sizeSyntax = regexp.MustCompile(`^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*([a-zA-Z]*)$`)

// parseSize reads a memory size: a number of bytes, or a decimal number
// with a unit, such as 150MB, 2GiB or 1.5G.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("%q: a size cannot be negative", s)
	}
	m := sizeSyntax.FindStringSubmatch(s)
	unit, ok := sizeUnits[strings.ToLower(m2(m))]
	if m == nil || !ok {
		return 0, fmt.Errorf("%q: expected a size such as 150MB, 2GiB, 1.5G or a number of bytes (units B, KB, MB, GB, TB: powers of 1000; K, M, G, T, KiB, MiB, GiB, TiB: powers of 1024)", s)
	}
	if n, err := strconv.ParseInt(m[1], 10, 64); err == nil && unit == 1 {
		return n, nil // exact, however large
	}
	x, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("%q: %v", s, err)
	}
	if x *= unit; x >= math.MaxInt64 {
		return 0, fmt.Errorf("%q: too large", s)
	}
	return int64(x), nil
}

// m2 is the unit matched by sizeSyntax, or "" if nothing matched.
func m2(m []string) string {
	if m == nil {
		return ""
	}
	return m[2]
}

// describe writes a budget of n bytes for a message: as the user wrote it, or for
// auto the bytes it stands for.
func (v *sizeValue) describe(n int64) string {
	if v.auto {
		return fmt.Sprintf("%s (auto)", report.Bytes(n))
	}
	return v.text
}

// memoryShareText documents the default of --max-memory.
const memoryShareText = "3/4 of the physical memory or of the cgroup's memory limit, whichever is smaller"

// defaultMaxMemory is the search's memory budget when --max-memory is not
// given: 3/4 of the physical memory or of the memory limit of the
// process's cgroup (v2 memory.max, v1 memory.limit_in_bytes), whichever is
// smaller, so that a default run stops with a verdict instead of being
// killed; 0 (no limit) where neither can be read.
var defaultMaxMemory = sync.OnceValue(func() int64 { return memoryShare(os.DirFS("/")) })

// memoryShare is defaultMaxMemory, reading /proc and /sys from root.
func memoryShare(root fs.FS) int64 {
	m := physicalMemory(root)
	if c := cgroupLimit(root); c > 0 && (m <= 0 || c < m) {
		m = c
	}
	if m <= 0 {
		return 0
	}
	return m / 4 * 3
}

// physicalMemory reads MemTotal from /proc/meminfo, in bytes; 0 if it
// cannot.
func physicalMemory(root fs.FS) int64 {
	f, err := root.Open("proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil || kb > math.MaxInt64/1024 {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// cgroupLimit returns the smallest memory limit of the process's cgroup
// and its ancestors, v2 (memory.max) or v1 (memory.limit_in_bytes), in
// bytes; 0 when there is none.
func cgroupLimit(root fs.FS) int64 {
	data, err := fs.ReadFile(root, "proc/self/cgroup")
	if err != nil {
		return 0
	}
	limit := int64(0)
	lower := func(n int64) {
		if n > 0 && (limit == 0 || n < limit) {
			limit = n
		}
	}
	for _, line := range strings.Split(string(data), "\n") {
		// hierarchy-ID:controllers:path; v2's line is 0::path.
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		switch {
		case parts[0] == "0" && parts[1] == "":
			for _, base := range []string{"sys/fs/cgroup", "sys/fs/cgroup/unified"} {
				lower(walkLimit(root, base, parts[2], "memory.max"))
			}
		case hasController(parts[1], "memory"):
			lower(walkLimit(root, "sys/fs/cgroup/memory", parts[2], "memory.limit_in_bytes"))
		}
	}
	return limit
}

func hasController(list, name string) bool {
	for _, c := range strings.Split(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}

// walkLimit reads file in the cgroup directory dir under base and in each
// of its ancestors, and returns the smallest limit found (0: none). "max"
// and unreadable files are no limit.
func walkLimit(root fs.FS, base, dir, file string) int64 {
	limit := int64(0)
	for d := path.Clean("/" + dir); ; d = path.Dir(d) {
		data, err := fs.ReadFile(root, path.Join(base, d, file))
		if err == nil {
			n, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
			if err == nil && n > 0 && (limit == 0 || n < limit) {
				limit = n
			}
		}
		if d == "/" {
			return limit
		}
	}
}
