package explore

// A Model is a nondeterministic transition system over fixed-width encoded
// states. Package explore knows nothing else about it: not what the bytes mean,
// not how transitions are labelled.
//
// Contract:
//   - Every state has exactly Width bytes, and two states are equal if and only
//     if their encodings are equal (the encoding is canonical).
//   - Init and every Expander yield states in a deterministic order, so that
//     state IDs, and therefore counterexamples, are reproducible.
type Model interface {
	// Width returns the size in bytes of every encoded state.
	Width() int
	// Init calls yield once for each initial state. yield copies its
	// argument, so Init may reuse one buffer.
	Init(yield func(s []byte)) error
	// NewExpander returns a successor generator for the exclusive use of one
	// goroutine. The search calls it once per worker.
	NewExpander() Expander
}

// An Expander generates the successors of states. It is used by one goroutine
// at a time and may keep scratch buffers between calls.
type Expander interface {
	// Next calls yield once per outgoing transition of s, in a deterministic
	// order. Self-loops and parallel edges are yielded too: each call of
	// yield is one transition. Next must not modify s, and yield does not
	// retain succ, so Next may reuse one buffer for every successor.
	//
	// A non-nil error means the model itself is broken at s (for example an
	// assignment out of its declared range); the search stops and reports
	// it as a *ModelError naming s.
	Next(s []byte, yield func(succ []byte)) error
}
