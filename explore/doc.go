// Package explore enumerates every reachable state of a finite transition
// system and records the result as an immutable [Graph].
//
// # What it owns
//
// The search: the visited set (an arena of fixed-width state records and an
// open-addressing hash table of state IDs), parent pointers for
// counterexample paths, breadth-first search in parallel across cores, an
// optional single-threaded depth-first search, state and depth
// limits, cancellation, progress reports, deadlock detection, statistics,
// and, on demand, the full successor relation ([Graph.Edges]) for analyses
// such as strongly connected components.
//
// # What it deliberately does not know
//
// A [Model] is a black box that yields canonical byte strings. Package
// explore knows nothing about TCP, machines, channels, specs or properties,
// and it imports only the standard library. Keeping it ignorant lets the
// search be tested on ten-line literal graphs, and makes every bug clearly
// either "the search is wrong" or "the semantics are wrong".
//
// # Determinism
//
// State IDs do not depend on the number of workers: breadth-first search
// assigns them in the order (parent ID, successor index), exactly as a
// sequential search with a FIFO queue would, and so level by level. Workers
// expand chunks of states in parallel, looking successors up without locks;
// the candidates they find are stored chunk after chunk, in ID order, by
// one worker at a time, while the others go on expanding. Given a
// deterministic [Model], the same search yields the same graph, so
// counterexamples are reproducible.
//
// # Memory
//
// A state is stored once, in its encoded form, plus 15 to 25 bytes of
// bookkeeping: its hash-table slot (8 bytes at a load factor between 3/8
// and 3/4), its parent (4 bytes) and its expansion bit. Depth is not stored per
// state in breadth-first search: level boundaries suffice. Edges are not
// stored during the search; [Graph.Edges] recomputes them when needed.
//
// The search counts the bytes it holds, the graph's and its working
// buffers', as it allocates them (memory.go), and with
// [Options.MaxMemory] it checks each growth before allocating: a table
// that doubles asks for the doubled array while the old one is still
// counted. The count is exact: it is the sum of the capacities of the
// arrays, and tests compare the two.
//
// # Hash compaction
//
// With [Options.Compact] a slot of the table holds a 64-bit fingerprint of
// its state instead of a tag and an ID, and membership is decided by
// fingerprint alone: a state whose fingerprint equals a stored one's is
// taken for it and omitted, with the probability [OmissionBound] bounds.
// A state's record is kept only until it is expanded: the committer drops
// each arena chunk once all its states are expanded, so memory is the
// fingerprint, the parent, the index of the successor of the parent that
// reached the state, and the frontier. [Graph.PathStates] rebuilds a path
// by replaying those indexes through the model, and [Options.Check] and
// [Options.Deadlock] let the caller see each state while it is held.
package explore
