// Package properties decides the properties of a spec over the worlds that
// package explore reached.
//
// # Kinds
//
//   - invariant: the condition holds in every reachable world. A violation
//     comes with a shortest trace to a world where it fails (the search is
//     breadth-first and world IDs are in BFS order).
//   - reachable: some reachable world satisfies the condition; the witness
//     is a shortest trace to the first one. A reachable property that fails
//     usually means the spec is vacuous.
//   - deadlock_free: every reachable world either has a successor or is
//     declared final by the spec's final condition.
//
// # Verdicts
//
// A verdict is Holds, Violated or Unknown. Unknown means the search stopped
// at a limit before the property could be decided: a violation found in a
// partial search is real (its trace replays), but "holds" needs every world,
// so a partial search never claims it.
//
// Package properties does no I/O; cmd/tcpcheck prints what it returns.
package properties
