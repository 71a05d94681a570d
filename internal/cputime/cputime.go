// Package cputime reads the CPU time the process has used, so that
// benchmarks can report work per state even on a loaded machine, where
// wall-clock time varies with other tenants.
package cputime

import "time"

// Process returns the user and system CPU time used by the process, or 0
// where it is not measured.
func Process() time.Duration { return process() }
