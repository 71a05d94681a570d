package liveness

// markQuiet sets quiet for the worlds of a hand-made lgraph with steps, all
// of them user calls, as package lts does for the relations it builds.
func (g *lgraph) markQuiet(call []bool) {
	g.quiet = newBitset(g.n)
	for v := range g.n {
		lo, hi := g.edges(uint32(v))
		q := hi > lo
		for e := lo; e < hi && q; e++ {
			t := g.trans(e)
			q = t >= 0 && call[t]
		}
		if q {
			g.quiet.set(v)
		}
	}
}
