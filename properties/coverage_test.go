package properties

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// coverSrc has a transition no run can take (dead) and instances whose
// uses are folded into one entry per transition. Each a[i] is S (its
// channel empty) or T (its channel empty or holding M): 9 worlds, 3 with
// a[i] in S and 3 with M on a[i]'s channel, for each i.
const coverSrc = `name: cover
messages: { M: {} }
machines:
  a:
    count: 2
    states: [S, T]
    init: S
    transitions:
      - { name: go, from: S, on: call go, send: M, to: T }
      - { name: dead, from: T, on: call never, when: false }
  b:
    states: [W]
    init: W
    transitions:
      - { name: take, from: W, on: recv M }
channels:
  - { from: a, to: b, capacity: 2 }
`

func TestCoverage_Counts(t *testing.T) {
	spec, err := model.Parse("test.yaml", []byte(coverSrc))
	if err != nil {
		t.Fatal(err)
	}
	sys, err := model.Compile(spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, cov := coverage(t, sys)
	var got []string
	for _, u := range cov {
		got = append(got, fmt.Sprintf("%s.%s=%d", u.Machine, u.Name, u.Fired))
	}
	if want := "a.go=6 a.dead=0 b.take=6"; strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
	if un := cov.Unfired(); len(un) != 1 || un[0].Name != "dead" || un[0].Pos.Line != 10 {
		t.Errorf("unfired: %+v", un)
	}
}

// The parallel count agrees with a plain walk over every world's actions,
// on specs with instances, matrices and many transitions.
func TestCoverage_AgreesWithWalk(t *testing.T) {
	for _, tc := range []struct {
		path string
		set  map[string]int64
	}{
		{"../specs/three_way.yaml", nil},
		{"../specs/tcp_connection.yaml", nil},
		{"../specs/stale_rst.yaml", map[string]int64{"CHECK": 0}},
	} {
		sys := loadSystem(t, tc.path, tc.set)
		g, cov := coverage(t, sys)
		want := map[string]int64{}
		st := sys.NewStepper()
		for v := range g.Len() {
			_ = st.Successors(g.State(explore.StateID(v)), func(a *model.Action, _ []byte) {
				if a.Kind == model.ActFire {
					m := sys.Machines[a.Machine]
					want[m.Group+"."+m.Transitions[a.Trans].Name]++
				}
			})
		}
		for _, u := range cov {
			if w := want[u.Machine+"."+u.Name]; u.Fired != w {
				t.Errorf("%s: %s.%s fired %d times, the walk counts %d", tc.path, u.Machine, u.Name, u.Fired, w)
			}
		}
	}
}

// coverage explores sys and counts the firings of its transitions.
func coverage(t *testing.T, sys *model.System) (*explore.Graph, Coverage) {
	t.Helper()
	g, err := Search(context.Background(), sys, explore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cov, err := CoverageOf(context.Background(), sys, g)
	if err != nil {
		t.Fatal(err)
	}
	return g, cov
}
