package explore

import (
	"context"
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/tcpcheck/tcpcheck/internal/cputime"
)

// torus is a k-dimensional torus of side n: a state holds k uint32
// coordinates, and each step adds or subtracts one, modulo n, in one
// dimension. States are 32 bytes wide: the coordinates, then filler derived
// from them (so the encoding stays canonical), as a model with several
// machines and channels would have.
type torus struct{ k, n int }

const torusWidth = 32

func (torus) Width() int { return torusWidth }

func (m torus) Init(yield func([]byte)) error {
	var s [torusWidth]byte
	fill(s[:], m.k)
	yield(s[:])
	return nil
}

func (m torus) NewExpander() Expander { return &torusExpander{m: m} }

type torusExpander struct {
	m   torus
	buf [torusWidth]byte
}

func (e *torusExpander) Next(s []byte, yield func([]byte)) error {
	n := uint32(e.m.n)
	for d := range e.m.k {
		x := binary.LittleEndian.Uint32(s[4*d:])
		for _, y := range [2]uint32{(x + 1) % n, (x + n - 1) % n} {
			copy(e.buf[:], s)
			binary.LittleEndian.PutUint32(e.buf[4*d:], y)
			fill(e.buf[:], e.m.k)
			yield(e.buf[:])
		}
	}
	return nil
}

// fill derives the bytes after the k coordinates from them.
func fill(s []byte, k int) {
	var sum uint32
	for d := range k {
		sum = sum*31 + binary.LittleEndian.Uint32(s[4*d:])
	}
	for i := 4 * k; i+4 <= len(s); i += 4 {
		sum = sum*2654435761 + 1
		binary.LittleEndian.PutUint32(s[i:], sum)
	}
}

func TestTorus(t *testing.T) {
	g := explore(t, torus{k: 3, n: 7}, Options{})
	if s := g.Stats(); s.States != 343 || s.Transitions != 343*6 || s.MaxDepth != 9 {
		t.Errorf("Stats() = %+v", s)
	}
}

// The hot loop allocates nothing per successor: allocations grow with the
// number of levels and of buffer doublings, not with the number of states.
func TestExplore_Allocations(t *testing.T) {
	for _, o := range bothOrders {
		m := torus{k: 4, n: 12} // 20736 states, 165888 transitions, 25 levels
		allocs := testing.AllocsPerRun(3, func() {
			if _, err := Explore(context.Background(), m, Options{Order: o, Workers: 2}); err != nil {
				t.Fatal(err)
			}
		})
		// One allocation per successor would be 165888; buffer growth in
		// about 30 chunks and 25 levels costs a few thousand.
		if states := 12 * 12 * 12 * 12; allocs > float64(states)/4 {
			t.Errorf("%v: %.0f allocations for %d states", o, allocs, states)
		}
	}
}

// BenchmarkExplore explores a 4-dimensional torus of side 32: 1,048,576
// states of 32 bytes and 8,388,608 transitions.
func BenchmarkExplore(b *testing.B) {
	m := torus{k: 4, n: 32}
	for _, c := range []struct {
		order   Order
		workers int
	}{{BFS, 1}, {BFS, 2}, {DFS, 1}} {
		b.Run(fmt.Sprintf("%v/workers=%d", c.order, c.workers), func(b *testing.B) {
			var s Stats
			cpu := cputime.Process()
			for b.Loop() {
				g, err := Explore(context.Background(), m, Options{Order: c.order, Workers: c.workers})
				if err != nil {
					b.Fatal(err)
				}
				s = g.Stats()
			}
			b.ReportMetric(float64(s.States)*float64(b.N)/b.Elapsed().Seconds(), "states/s")
			b.ReportMetric(float64(s.Bytes)/float64(s.States), "B/state")
			b.ReportMetric(float64(cputime.Process()-cpu)/float64(s.States)/float64(b.N), "cpu-ns/state")
		})
	}
}

// BenchmarkEdges measures Graph.Edges on the same torus.
func BenchmarkEdges(b *testing.B) {
	m := torus{k: 4, n: 32}
	g, err := Explore(context.Background(), m, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := g.Edges(context.Background(), m, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(g.Stats().Transitions)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
}
