package properties

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
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
	for _, u := range cov.Transitions {
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
		for _, u := range cov.Transitions {
			if w := want[u.Machine+"."+u.Name]; u.Fired != w {
				t.Errorf("%s: %s.%s fired %d times, the walk counts %d", tc.path, u.Machine, u.Name, u.Fired, w)
			}
		}
	}
}

// neverSrc has, in a group of two instances, a variable whose instances
// take different values (x: a[0] 0 and 1, a[1] 0 and 2, never 3), constant
// variables of each kind, an enum value never taken, a state never entered
// (U, behind a false guard), a message type never sent (N, by the dead
// transition) and one sent only into a full channel that drops it (L).
const neverSrc = `name: never
messages: { M: {}, N: {}, L: {} }
machines:
  a:
    count: 2
    states: [S, T, U]
    init: S
    vars: { x: 0..3, f: bool, e: [red, green, blue], k: 0..1, one: 5..5 }
    transitions:
      - { name: go, from: S, on: call go, do: [x = self + 1, e = blue], send: M, to: T }
      - { name: dead, from: T, on: call never, when: false, do: [f = true, k = 1, e = green], send: N, to: U }
  b:
    unmatched: block
    states: [W]
    init: W
    transitions:
      - { name: take, from: W, on: recv M from a }
  c:
    states: [P, Q, R]
    init: P
    transitions:
      - { name: fill, from: P, send: M, to: Q }
      - { name: overflow, from: Q, send: L, to: R }
channels:
  - { from: a, to: b, capacity: 2 }
  - { from: c, to: b, capacity: 1, full: drop }
`

func TestCoverage_NeverChanges(t *testing.T) {
	spec, err := model.Parse("test.yaml", []byte(neverSrc))
	if err != nil {
		t.Fatal(err)
	}
	sys, err := model.Compile(spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	g, cov := coverage(t, sys)
	if cov.Worlds != g.Len() {
		t.Errorf("Worlds = %d, the graph has %d", cov.Worlds, g.Len())
	}
	var vars []string
	for _, u := range cov.Vars {
		vars = append(vars, fmt.Sprintf("%s.%s=%v/%v/%v", u.Machine, u.Var.Name, u.Taken, u.Never(), u.Constant()))
	}
	if want := "a.x=[0 1 2]/[3]/false a.f=[0]/[1]/true a.e=[0 2]/[1]/false a.k=[0]/[1]/true a.one=[5]/[]/true"; strings.Join(vars, " ") != want {
		t.Errorf("vars:\n got %s\nwant %s", strings.Join(vars, " "), want)
	}
	var narrow []string
	for _, u := range cov.Narrow() {
		narrow = append(narrow, u.Var.Name)
	}
	if got := strings.Join(narrow, " "); got != "x f e k" {
		t.Errorf("narrow: %s, want x f e k (one takes its whole one-value domain)", got)
	}
	var consts []string
	for _, u := range cov.Constants() {
		consts = append(consts, u.Var.Name)
	}
	if got := strings.Join(consts, " "); got != "f k one" {
		t.Errorf("constants: %s, want f k one", got)
	}
	if un := cov.Unentered(); len(un) != 1 || un[0] != (StateUse{Machine: "a", Name: "U"}) {
		t.Errorf("unentered: %+v, want a.U", un)
	}
	if len(cov.States) != 7 {
		t.Errorf("%d states, want 7 (one entry per state of each group)", len(cov.States))
	}
	want := []MsgUse{{"M", true, true}, {"N", false, false}, {"L", true, false}}
	if fmt.Sprint(cov.Messages) != fmt.Sprint(want) {
		t.Errorf("messages: %+v, want %+v", cov.Messages, want)
	}
	if un, lost := cov.Unsent(), cov.Lost(); len(un) != 1 || un[0].Name != "N" || len(lost) != 1 || lost[0].Name != "L" {
		t.Errorf("unsent %+v, lost %+v", un, lost)
	}
}

// The values, states and messages read from per-byte sets agree with a
// plain decoding of every world, and a type is in flight only if some
// firing transition sends it (the specs start with empty channels).
func TestCoverage_NeverChangesAgreesWithDecoding(t *testing.T) {
	for _, tc := range []struct {
		path string
		set  map[string]int64
	}{
		{"../specs/three_way.yaml", nil},
		{"../specs/half_open_no_reset.yaml", nil},
		{"../specs/time_wait.yaml", nil},
		{"../specs/close_in_syn_rcvd.yaml", nil},
		{"../specs/stale_rst.yaml", map[string]int64{"CHECK": 0}},
	} {
		sys := loadSystem(t, tc.path, tc.set)
		g, cov := coverage(t, sys)
		if got, want := decodedUse(sys, g), reportedUse(cov); got != want {
			t.Errorf("%s: decoding the worlds gives\n%s\ncoverage reports\n%s", tc.path, got, want)
		}
		for _, u := range cov.Messages {
			if u.InFlight && !u.Sent {
				t.Errorf("%s: %s in flight but never sent", tc.path, u.Name)
			}
		}
	}
}

// decodedUse lists, sorted, by decoding every world of g, the values of
// each group's variables, whether each of its states is entered and
// whether each message type is in flight.
func decodedUse(sys *model.System, g *explore.Graph) string {
	vals := map[string]map[int64]bool{}
	states := map[string]bool{}
	msgs := map[string]bool{}
	for v := range g.Len() {
		w := model.World(g.State(explore.StateID(v)))
		for _, m := range sys.Machines {
			states[m.Group+"."+m.States[sys.State(w, m.ID)]] = true
			for i, x := range m.Vars {
				k := m.Group + "." + x.Name
				if vals[k] == nil {
					vals[k] = map[int64]bool{}
				}
				vals[k][sys.Value(w, m.ID, i)] = true
			}
		}
		for _, c := range sys.Channels {
			for _, msg := range sys.InFlight(w, c.ID) {
				msgs[sys.Messages[msg.Type].Name] = true
			}
		}
	}
	var lines []string
	for _, grp := range sys.Groups() {
		m := sys.Machines[grp.Machines[0]]
		for _, x := range m.Vars {
			line := grp.Name + "." + x.Name + ":"
			for y := x.Lo; y <= x.Hi; y++ {
				if vals[grp.Name+"."+x.Name][y] {
					line += fmt.Sprintf(" %d", y)
				}
			}
			lines = append(lines, line)
		}
		for _, st := range m.States {
			lines = append(lines, fmt.Sprintf("%s.%s %v", grp.Name, st, states[grp.Name+"."+st]))
		}
	}
	for _, mt := range sys.Messages {
		lines = append(lines, fmt.Sprintf("%s %v", mt.Name, msgs[mt.Name]))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// reportedUse lists the same as decodedUse from a Coverage.
func reportedUse(cov Coverage) string {
	var lines []string
	for _, u := range cov.Vars {
		line := u.Machine + "." + u.Var.Name + ":"
		for _, y := range u.Taken {
			line += fmt.Sprintf(" %d", y)
		}
		lines = append(lines, line)
	}
	for _, u := range cov.States {
		lines = append(lines, fmt.Sprintf("%s.%s %v", u.Machine, u.Name, u.Entered))
	}
	for _, u := range cov.Messages {
		lines = append(lines, fmt.Sprintf("%s %v", u.Name, u.InFlight))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// coverage explores sys and counts the firings of its transitions.
func coverage(t *testing.T, sys *model.System) (*explore.Graph, Coverage) {
	t.Helper()
	g, err := lts.Search(context.Background(), sys, explore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cov, err := CoverageOf(context.Background(), lts.New(sys, g))
	if err != nil {
		t.Fatal(err)
	}
	return g, cov
}
