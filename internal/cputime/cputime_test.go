package cputime

import (
	"runtime"
	"testing"
	"time"
)

// Busy work shows up as CPU time where it is measured.
func TestProcess_Grows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" {
		t.Skip("not measured here")
	}
	before := Process()
	x := 0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; x++ {
	}
	if after := Process(); after <= before || x == 0 {
		t.Errorf("CPU time %v then %v after busy work", before, after)
	}
}
