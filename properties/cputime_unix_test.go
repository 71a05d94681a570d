//go:build unix

package properties

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time used by the process, so
// that benchmarks can report work per world even on a loaded machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
