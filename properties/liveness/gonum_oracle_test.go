package liveness

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

// This file checks the hand-written strongly connected components of the
// refiner's Tarjan (scc.go) against gonum's topo.TarjanSCC, as an
// independent oracle (issue 12, item 4), on random graphs and on the
// suite's own; package properties checks its common-knowledge components
// the same way. The code under test keeps its own implementation: gonum's
// Tarjan recurses once per world, and its graphs store nodes and edges in
// maps.

// oracleSpecs are the suite's specs small enough to cross-check on every
// run (up to 20,000 worlds), with the parameters they need.
var oracleSpecs = []struct {
	path string
	set  map[string]int64
}{
	{"../../specs/two_generals.yaml", nil},
	{"../../specs/close_three_way.yaml", nil},
	{"../../specs/close_four_way.yaml", nil},
	{"../../specs/three_way_retransmit.yaml", nil},
	{"../../specs/half_open_no_reset.yaml", nil},
	{"../../specs/two_way.yaml", nil},
	{"../../specs/close.yaml", nil},
	{"../../specs/half_open.yaml", nil},
	{"../../specs/simultaneous_open.yaml", nil},
	{"../../specs/time_wait.yaml", nil},
	{"../../specs/old_duplicate_syn.yaml", nil},
	{"../../specs/three_way.yaml", nil},
	{"../../specs/four_way.yaml", nil},
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

// refinerSCCs runs the refiner's Tarjan over the worlds of region in g,
// with the edges in dead removed, and returns its components: the strongly
// connected components with at least one edge inside.
func refinerSCCs(g *lgraph, region []uint32, dead []int) partition {
	r := newRefiner(g, nil, nil)
	for _, e := range dead {
		r.dead.set(e)
	}
	lab := r.newLabel()
	for _, v := range region {
		r.comp[v] = lab
	}
	var blocks [][]int
	for _, c := range r.split(region, lab) {
		var b []int
		for _, v := range c.members {
			b = append(b, int(v))
		}
		blocks = append(blocks, b)
	}
	return newPartition(blocks)
}

// gonumSCCs computes the same with gonum: the subgraph of g induced by
// region, without the dead edges, then topo.TarjanSCC, keeping the
// components with an edge inside (a single world needs a self-loop, which
// gonum's simple graphs cannot hold, so self-loops are noted aside).
func gonumSCCs(g *lgraph, region []uint32, dead []int) partition {
	in := newBitset(g.n)
	dg := simple.NewDirectedGraph()
	for _, v := range region {
		in.set(int(v))
		dg.AddNode(simple.Node(v))
	}
	isDead := newBitset(len(g.dst))
	for _, e := range dead {
		isDead.set(e)
	}
	loop := newBitset(g.n)
	for _, v := range region {
		lo, hi := g.edges(v)
		for e := lo; e < hi; e++ {
			x := g.dst[e]
			switch {
			case isDead.has(e) || !in.has(int(x)):
			case x == v:
				loop.set(int(v))
			default:
				dg.SetEdge(dg.NewEdge(simple.Node(v), simple.Node(x)))
			}
		}
	}
	var blocks [][]int
	for _, b := range nodeIDs(topo.TarjanSCC(dg)) {
		if len(b) > 1 || loop.has(b[0]) {
			blocks = append(blocks, b)
		}
	}
	return newPartition(blocks)
}

// randomLgraph has n worlds with up to maxOut edges each, self-loops and
// parallel edges included.
func randomLgraph(r *rand.Rand, n, maxOut int) *lgraph {
	g := &lgraph{n: n, off: []int{0}}
	for range n {
		for range r.IntN(maxOut + 1) {
			g.dst = append(g.dst, uint32(r.IntN(n)))
		}
		g.off = append(g.off, len(g.dst))
	}
	return g
}

func TestSCC_AgreesWithGonumOnRandomGraphs(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 4))
	for trial := range 500 {
		n := 1 + r.IntN(80)
		g := randomLgraph(r, n, 1+r.IntN(4))
		var region []uint32
		for v := range n {
			if trial%2 == 0 || r.IntN(4) > 0 { // every world, or about three in four
				region = append(region, uint32(v))
			}
		}
		var dead []int
		for e := range g.dst {
			if trial%3 == 0 && r.IntN(5) == 0 {
				dead = append(dead, e)
			}
		}
		got, want := refinerSCCs(g, region, dead), gonumSCCs(g, region, dead)
		if d := got.diff(want); d != "" {
			t.Fatalf("trial %d (n=%d): the refiner and gonum differ: %s", trial, n, d)
		}
	}
}

// On the suite's graphs: the components of the refiner's Tarjan over every
// world.
func TestSCC_AgreesWithGonumOnTheSuite(t *testing.T) {
	cycles := 0
	for _, tc := range oracleSpecs {
		sys := loadSystem(t, tc.path, tc.set)
		g := search(t, sys, explore.Options{})
		lg, err := labelled(context.Background(), sys, g)
		if err != nil {
			t.Fatal(err)
		}
		all := make([]uint32, lg.n)
		for v := range all {
			all[v] = uint32(v)
		}
		sccs := refinerSCCs(lg, all, nil)
		if d := sccs.diff(gonumSCCs(lg, all, nil)); d != "" {
			t.Errorf("%s: the refiner's components and gonum's differ: %s", tc.path, d)
		}
		cycles += len(sccs)
	}
	if cycles == 0 {
		t.Fatal("no cyclic component: the comparison shows nothing")
	}
	t.Logf("%d cyclic components", cycles)
}

// BenchmarkComponents times the refiner's Tarjan against gonum's on one of
// the suite's larger graphs (56,420 worlds), including, for gonum,
// building its graph: gonum is used only in tests because it is slower.
// Measured on the 2-core machine: 12 ms by the refiner, 570 ms by gonum.
func BenchmarkComponents(b *testing.B) {
	sys := loadSystem(b, "../../specs/close_in_syn_rcvd.yaml", nil)
	g, err := lts.Search(context.Background(), sys, explore.Options{})
	if err != nil {
		b.Fatal(err)
	}
	lg, err := labelled(context.Background(), sys, g)
	if err != nil {
		b.Fatal(err)
	}
	all := make([]uint32, lg.n)
	for v := range all {
		all[v] = uint32(v)
	}
	b.Run("scc/refiner", func(b *testing.B) {
		for b.Loop() {
			refinerSCCs(lg, all, nil)
		}
	})
	b.Run("scc/gonum", func(b *testing.B) {
		for b.Loop() {
			gonumSCCs(lg, all, nil)
		}
	})
}
