package explore

import (
	"errors"
	"fmt"
	"time"
)

// A StateID names a stored state. IDs are dense: a [Graph] of n states uses
// the IDs 0 to n-1, and initial states come first.
type StateID uint32

// An Order selects the search strategy. The zero value is [BFS].
type Order uint8

const (
	// BFS explores level by level, in parallel, and gives shortest paths.
	BFS Order = iota
	// DFS explores depth-first, on one goroutine. It finds the same states
	// as BFS when no limit applies, but its paths are not shortest.
	DFS
)

// String returns "bfs" or "dfs".
func (o Order) String() string {
	switch o {
	case BFS:
		return "bfs"
	case DFS:
		return "dfs"
	}
	return fmt.Sprintf("Order(%d)", uint8(o))
}

// Options configure [Explore]. The zero value means: breadth-first, no
// limits, one worker per available CPU, no progress reports.
type Options struct {
	// MaxStates bounds the number of distinct states stored; 0 means no
	// bound. When one more state would be needed, the search stops and
	// returns [ErrStateLimit].
	MaxStates int
	// MaxDepth bounds the search depth; 0 means no bound. States at depth
	// MaxDepth are stored but not expanded, and the search returns
	// [ErrDepthLimit] if any state was left unexpanded for that reason.
	MaxDepth int
	// Workers is the number of goroutines expanding states in BFS;
	// 0 means runtime.GOMAXPROCS(0). DFS always uses one.
	Workers int
	// Order is the search strategy.
	Order Order
	// Progress, if not nil, is called about every ProgressInterval and
	// once at the end, possibly from another goroutine, never
	// concurrently with itself. It should return quickly.
	Progress func(Progress)
	// ProgressInterval is the period of Progress calls; 0 means one second.
	ProgressInterval time.Duration
	// Compact selects hash compaction (BFS only): the visited set keeps a
	// 64-bit fingerprint of each state instead of the state, and decides
	// membership by fingerprint alone, so a state whose fingerprint
	// collides with a stored one's is omitted (see [Stats.Omission]).
	// States are held only until expanded; [Graph.State] then panics and
	// [Graph.PathStates] rebuilds the states of a path by replaying the
	// model.
	Compact bool
	// Check, if not nil, is called by the search for every new state, in
	// ID order, while the state is still held. Returning true stops the
	// search, which then returns [ErrStopped]. BFS only.
	Check func(id StateID, state []byte) bool
	// Deadlock, if not nil, is called for every expanded state without
	// successors, in ID order, as it is marked expanded; returning true
	// stops the search like Check. BFS only. Once a hook returned true,
	// neither is called again.
	Deadlock func(id StateID, state []byte) bool
	// MaxMemory bounds the bytes the search itself holds, as
	// [Progress.Bytes] counts them: the visited set (hash tables, stored
	// states), parent links, expansion marks, levels or depths, and the
	// working buffers (candidates of the chunks being expanded, each
	// worker's set of successors, the DFS stack); 0 means no bound. Each
	// allocation that grows one of them is checked before it is made,
	// with the array it replaces still counted, and when it would pass
	// MaxMemory the search stops and returns [ErrMemoryLimit] with the
	// partial graph, consistent as after [ErrStateLimit]. The memory the
	// Go runtime keeps besides (garbage not yet collected, the model's
	// own) is not counted.
	//
	// In BFS the graph may use MaxMemory less a reserve for the working
	// buffers (an eighth, at least 1 MiB, at most half; or what they
	// hold, if more), and a stop is
	// deterministic, like one at MaxStates, as long as the buffers stay
	// within the reserve: then the graph, its Stats and the state where
	// the search stopped do not depend on Workers. (From one process to
	// the next the point may move by a few states: the tables of the
	// visited set are split by hash, with a seed drawn per process, and a
	// stop at a table's growth depends on when that table grows.) When
	// the buffers hold more than half the reserve, only one chunk is
	// handed out at a time.
	// A budget smaller than the empty visited set (about 8 KiB) stops the
	// search before the first state.
	MaxMemory int64

	_ struct{}
}

// ErrStateLimit is returned, together with the partial graph, when
// [Options.MaxStates] stopped the search.
var ErrStateLimit = errors.New("explore: state limit reached")

// ErrMemoryLimit is returned, together with the partial graph, when
// [Options.MaxMemory] stopped the search.
var ErrMemoryLimit = errors.New("explore: memory limit reached")

// ErrStopped is returned, together with the partial graph, when
// [Options.Check] or [Options.Deadlock] stopped the search.
var ErrStopped = errors.New("explore: stopped by a hook")

// ErrCompact is returned by what needs the stored states of a graph built
// with [Options.Compact], which keeps none.
var ErrCompact = errors.New("explore: a compact graph keeps no states")

// ErrDepthLimit is returned, together with the graph, when
// [Options.MaxDepth] left some stored state unexpanded.
var ErrDepthLimit = errors.New("explore: depth limit reached")

// A ModelError reports that the model failed to compute the successors of a
// stored state: [Expander.Next] returned an error, or it yielded a state of
// the wrong width. [Graph.Path] of State is the trace that leads to it.
type ModelError struct {
	State StateID // the state whose expansion failed
	Err   error   // what went wrong
}

// Error returns "explore: state N: " followed by the model's message.
func (e *ModelError) Error() string {
	return fmt.Sprintf("explore: state %d: %v", e.State, e.Err)
}

// Unwrap returns e.Err.
func (e *ModelError) Unwrap() error { return e.Err }

// errWidth is the ModelError cause for a successor of the wrong size.
type errWidth struct{ got, want int }

func (e errWidth) Error() string {
	return fmt.Sprintf("explore: successor has %d bytes, want %d", e.got, e.want)
}
