package explore_test

import (
	"context"
	"fmt"

	"github.com/tcpcheck/tcpcheck/explore"
)

// ring is a model of a counter modulo 4 that may also reset to 0; its
// states are one byte wide.
type ring struct{}

func (ring) Width() int                    { return 1 }
func (ring) Init(yield func([]byte)) error { yield([]byte{0}); return nil }
func (ring) NewExpander() explore.Expander { return ring{} }
func (ring) Next(s []byte, yield func([]byte)) error {
	yield([]byte{(s[0] + 1) % 4})
	if s[0] != 0 {
		yield([]byte{0})
	}
	return nil
}

func ExampleExplore() {
	g, err := explore.Explore(context.Background(), ring{}, explore.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	s := g.Stats()
	fmt.Printf("%d states, %d transitions, depth %d\n", s.States, s.Transitions, s.MaxDepth)
	id, _ := g.Lookup([]byte{3})
	for _, step := range g.Path(id) {
		fmt.Print(g.State(step), " ")
	}
	fmt.Println()
	// Output:
	// 4 states, 7 transitions, depth 3
	// [0] [1] [2] [3]
}
