package properties

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
)

// This file checks the hand-written common-knowledge components
// (unionComponents, knowledge.go) against gonum's topo.ConnectedComponents,
// as an independent oracle (issue 12, item 4), on random groupings and on
// the suite's graphs; package liveness checks its strongly connected
// components the same way. The code under test keeps its own
// implementation: gonum's graphs store nodes and edges in maps.

// oracleSpecs are the suite's specs small enough to cross-check on every
// run (up to 20,000 worlds), with the parameters they need.
var oracleSpecs = []struct {
	path string
	set  map[string]int64
}{
	{"../specs/two_generals.yaml", nil},
	{"../specs/close_three_way.yaml", nil},
	{"../specs/close_four_way.yaml", nil},
	{"../specs/three_way_retransmit.yaml", nil},
	{"../specs/half_open_no_reset.yaml", nil},
	{"../specs/two_way.yaml", nil},
	{"../specs/close.yaml", nil},
	{"../specs/half_open.yaml", nil},
	{"../specs/simultaneous_open.yaml", nil},
	{"../specs/time_wait.yaml", nil},
	{"../specs/old_duplicate_syn.yaml", nil},
	{"../specs/three_way.yaml", nil},
	{"../specs/four_way.yaml", nil},
}

// A partition is a set of blocks, each sorted, the blocks sorted by their
// first member, so that equal partitions print equally.
type partition [][]int

func newPartition(blocks [][]int) partition {
	p := make(partition, 0, len(blocks))
	for _, b := range blocks {
		b = slices.Clone(b)
		slices.Sort(b)
		p = append(p, b)
	}
	slices.SortFunc(p, func(a, b []int) int { return a[0] - b[0] })
	return p
}

// diff describes the first difference between p and q, or returns "".
func (p partition) diff(q partition) string {
	for i := range min(len(p), len(q)) {
		if !slices.Equal(p[i], q[i]) {
			return fmt.Sprintf("block %d: %v vs %v", i, p[i], q[i])
		}
	}
	if len(p) != len(q) {
		return fmt.Sprintf("%d blocks vs %d", len(p), len(q))
	}
	return ""
}

// nodeIDs turns gonum's components into blocks of world IDs.
func nodeIDs(comps [][]graph.Node) [][]int {
	out := make([][]int, len(comps))
	for i, c := range comps {
		for _, n := range c {
			out[i] = append(out[i], int(n.ID()))
		}
	}
	return out
}

// unionBlocks turns component labels into blocks, and checks that each
// label is the lowest world of its block, as unionComponents promises.
func unionBlocks(t *testing.T, comp []int32) partition {
	t.Helper()
	byLabel := map[int32][]int{}
	for w, c := range comp {
		byLabel[c] = append(byLabel[c], w)
	}
	var blocks [][]int
	for c, b := range byLabel {
		if int(c) != b[0] {
			t.Fatalf("component labelled %d has lowest world %d", c, b[0])
		}
		blocks = append(blocks, b)
	}
	return newPartition(blocks)
}

// gonumComponents links, in an undirected graph, each world to a node for
// each group it belongs to (one per grouping and group), and returns the
// connected components restricted to the worlds: two worlds are together
// when a chain of shared groups joins them.
func gonumComponents(n int, groupings [][]int32) partition {
	ug := simple.NewUndirectedGraph()
	for w := range n {
		ug.AddNode(simple.Node(w))
	}
	next := int64(n)
	for _, grouping := range groupings {
		node := map[int32]int64{}
		for w, grp := range grouping {
			id, ok := node[grp]
			if !ok {
				id, next = next, next+1
				node[grp] = id
			}
			ug.SetEdge(ug.NewEdge(simple.Node(w), simple.Node(id)))
		}
	}
	var blocks [][]int
	for _, c := range nodeIDs(topo.ConnectedComponents(ug)) {
		var b []int
		for _, id := range c {
			if id < n {
				b = append(b, id)
			}
		}
		if len(b) > 0 {
			blocks = append(blocks, b)
		}
	}
	return newPartition(blocks)
}

func TestUnionComponents_AgreesWithGonumOnRandomGroupings(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 5))
	for trial := range 500 {
		n := 1 + r.IntN(100)
		groupings := make([][]int32, r.IntN(4)) // none to three agents
		for i := range groupings {
			groupings[i] = randomGroups(r, n)
		}
		got, want := unionBlocks(t, unionComponents(n, groupings, nil)), gonumComponents(n, groupings)
		if d := got.diff(want); d != "" {
			t.Fatalf("trial %d (n=%d, %d groupings): unionComponents and gonum differ: %s", trial, n, len(groupings), d)
		}
	}
}

// On the suite's graphs: the common-knowledge components, whose groupings
// are the machines' views (all of them, which on the suite join every world
// in one component, and all but the first, which do not).
func TestKnowledgeComponents_AgreeWithGonumOnTheSuite(t *testing.T) {
	splits := 0
	for _, tc := range oracleSpecs {
		sys := loadSystem(t, tc.path, tc.set)
		g := search(t, sys, explore.Options{})
		kx := newKnowledgeCtx(sys, g)
		var views [][]int32
		for _, m := range sys.Machines {
			views = append(views, kx.viewsOf(m.ID).of)
		}
		ck := unionBlocks(t, kx.components())
		if d := ck.diff(gonumComponents(kx.n, views)); d != "" {
			t.Errorf("%s: common-knowledge components and gonum's differ: %s", tc.path, d)
		}
		// Every machine's view without the first's: the components are
		// finer, so that the comparison is not only of one block.
		sub := unionBlocks(t, unionComponents(kx.n, views[1:], nil))
		if d := sub.diff(gonumComponents(kx.n, views[1:])); d != "" {
			t.Errorf("%s: the components of all views but the first and gonum's differ: %s", tc.path, d)
		}
		splits += len(ck) - 1 + len(sub) - 1
	}
	if splits == 0 {
		t.Fatal("no common-knowledge split: the comparison shows nothing")
	}
	t.Logf("%d common-knowledge components beyond the first", splits)
}

// BenchmarkComponents times union-find against gonum's connected
// components on one of the suite's larger graphs (56,420 worlds),
// including, for gonum, building its graph: gonum is used only in tests
// because it is slower. Measured on the 2-core machine: 3 ms by
// union-find, 580 ms by gonum (most of gonum's time is building its
// map-based graph, which using it would need too).
func BenchmarkComponents(b *testing.B) {
	sys := loadSystem(b, "../specs/close_in_syn_rcvd.yaml", nil)
	g, err := lts.Search(context.Background(), sys, explore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	kx := newKnowledgeCtx(sys, g)
	var views [][]int32
	for _, m := range sys.Machines {
		views = append(views, kx.viewsOf(m.ID).of)
	}
	b.Run("knowledge/union-find", func(b *testing.B) {
		for b.Loop() {
			unionComponents(kx.n, views, nil)
		}
	})
	b.Run("knowledge/gonum", func(b *testing.B) {
		for b.Loop() {
			gonumComponents(kx.n, views)
		}
	})
}
