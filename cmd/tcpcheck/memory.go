package main

import "runtime/metrics"

// The garbage collector runs at Go's default target (GOGC=100). A search's
// memory is a few large pointer-free arrays, and it leaves little behind
// as it grows, so a lower target saves little memory (C4 of the benchmark:
// 624 MiB at GOGC=25, 663 MiB at 100) and costs time: every collection
// turns on write barriers and makes allocating goroutines assist, and at
// 25 there are about four times as many (C3: 6% slower).

// memorySample reads the memory the Go runtime holds from the operating
// system, without stopping the world (unlike runtime.ReadMemStats), so
// that progress reports cost the search nothing measurable.
var memorySample = []metrics.Sample{{Name: "/memory/classes/total:bytes"}}

// processMemory returns the bytes mapped by the Go runtime: heap, stacks
// and runtime metadata, released pages included. It is an upper bound of
// the resident set a few percent above it.
func processMemory() int64 {
	metrics.Read(memorySample)
	if memorySample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(memorySample[0].Value.Uint64())
}
