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
//   - eventually Q, leads_to "P ~> Q", always_eventually Q: liveness, over
//     the fair runs (below). A violation comes with a lasso.
//
// # Liveness and fairness
//
// A run is an infinite path from the initial world. A finite maximal path,
// one that ends in a world with no successor, counts as the run that stays
// in that world forever; it meets every fairness assumption.
//
//   - eventually Q: every fair run visits a Q world.
//   - leads_to P ~> Q: on every fair run, every P world is followed by a Q
//     world, at the same position or later.
//   - always_eventually Q: every fair run visits Q worlds infinitely often.
//
// Fairness restricts which runs count; it never changes the worlds:
//
//   - weak (a transition's or machine's fair: weak): a run on which the
//     transition is enabled in every world from some point on takes it
//     infinitely often;
//   - strong (fair: strong): a run on which it is enabled infinitely often
//     takes it infinitely often;
//   - fair-lossy (a channel's fair: true): a message, type and field
//     values, sent on the channel infinitely often is delivered (received
//     or discarded) from it infinitely often;
//   - finite duplication (the same key, on a channel with dup): a message
//     delivered infinitely often by receives that leave a copy in flight is
//     sent on the channel infinitely often.
//
// A machine's fair key covers its receives, timeouts, internal steps and
// discards, not its user calls: a run may stop in a world where only user
// calls are enabled, unless one of them is declared fair. Each property is
// a search for a fair counterexample: a starting world (the initial world;
// a P world; any world), then, avoiding Q forever, a world where the run
// may stop (nothing enabled, or only calls not owed) or a fair strongly
// connected set of worlds. Components are computed by an iterative Tarjan
// and refined as in Emerson and Lei, so that fair sub-components of unfair
// components are found; the lasso has a shortest prefix among the first
// candidates and a loop that visits one witness per fairness assumption.
// Package properties compiles a liveness property and evaluates its
// trigger and goal; package properties/liveness, which knows sets of worlds
// and not formulas, searches for the fair counterexample over the labelled
// successor relation that package lts builds once per explored graph.
// The fairness: none key of a property ignores the spec's fairness. A
// violation's note says whether its counterexample would also be fair
// under weak fairness of every machine and fair-lossy channels with finite
// duplication, or which of these it breaks ("unfair: only the network's
// losses keep it from progressing").
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
