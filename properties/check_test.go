package properties

import (
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// scanFirst, which scans a large graph on every core, finds the world a
// scan in ID order finds: the one with the shortest trace.
func TestScanFirst_MatchesSequential(t *testing.T) {
	sys := loadSystem(t, "../specs/bench/tcp_model.yaml", nil) // C2: 137,817 worlds
	g := search(t, sys, explore.Options{})
	if g.Len() <= 2*scanBlock {
		t.Fatalf("%d worlds: too few to scan in parallel", g.Len())
	}
	for _, src := range []string{
		// First met in the first block of worlds, in the second (world
		// 22,893), in the third (35,730), nowhere, everywhere.
		"client[0] in ESTAB",
		"client[0] in TIME_WAIT and server[0] in CLOSED and len(client[0]->server[0]) == CAP",
		"client[0] in CLOSED and server[0] in CLOSED and len(client[0]->server[0]) == CAP and len(server[0]->client[0]) == CAP",
		"client[0].r > MAXR",
		"server[0] in LISTEN or true",
	} {
		cond, err := sys.CompileText(syntax.Text{Src: src}, "test")
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		for _, want := range []bool{true, false} {
			id, ok := scanFirst(nil, g, cond, want)
			wantID, wantOK := sequentialFirst(g, cond, want)
			if id != wantID || ok != wantOK {
				t.Errorf("%s == %v: scanFirst = %d, %v; want %d, %v", src, want, id, ok, wantID, wantOK)
			}
		}
	}
}

func sequentialFirst(g *explore.Graph, cond *model.Cond, want bool) (explore.StateID, bool) {
	for id := range explore.StateID(g.Len()) {
		if cond.Holds(model.World(g.State(id))) == want {
			return id, true
		}
	}
	return explore.StateID(g.Len()), false
}
