package syntax

import (
	"fmt"
	"strings"
	"testing"
)

const matrixSrc = `name: x
params: { LOSS: 1, REORDER: 1, N: 2 }
matrix:
  LOSS: [0, 1]
  REORDER: [1, 0]
machines:
  a: { states: [S], init: S }
`

const listSrc = `name: x
params: { LOSS: 1, REORDER: 1, CAP: 2 }
matrix:
  - { LOSS: 0, REORDER: 0, CAP: 6 }
  - { LOSS: 1, REORDER: 0, CAP: 6 }
  - { LOSS: 1, REORDER: 1 }
machines:
  a: { states: [S], init: S }
`

func TestMatrix_Errors(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"  LOSS: [0, 1]\n", "  LOS: [0, 1]\n", `test.yaml:4:3: matrix.LOS: no such parameter (did you mean "LOSS"?)`},
		{"  LOSS: [0, 1]\n", "  LOSS: 1\n", `test.yaml:4:9: matrix.LOSS: expected a list of values, such as [0, 1], found "1"`},
		{"  LOSS: [0, 1]\n", "  LOSS: []\n", `matrix.LOSS: expected a list of values`},
		{"  LOSS: [0, 1]\n", "  LOSS: [0, 0]\n", `test.yaml:4:13: matrix.LOSS: value 0 listed twice`},
		{"  LOSS: [0, 1]\n", "  LOSS: [0, x]\n", `matrix.LOSS: expected an integer, found "x"`},
	}
	for _, tc := range tests {
		spec, err := Parse("test.yaml", []byte(strings.Replace(matrixSrc, tc.old, tc.new, 1)))
		if err == nil {
			_, err = spec.Configurations(nil)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.new, err, tc.want)
		}
	}
}

// A matrix cannot ask for an unbounded number of runs.
func TestMatrix_Bound(t *testing.T) {
	src := "name: x\nparams: { A: 0, B: 0 }\nmachines:\n  a: { states: [S], init: S }\nmatrix:\n"
	var vals []string
	for i := range 40 {
		vals = append(vals, fmt.Sprint(i))
	}
	src += "  A: [" + strings.Join(vals, ", ") + "]\n  B: [" + strings.Join(vals, ", ") + "]\n"
	spec, err := Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := spec.Configurations(nil); err == nil || !strings.Contains(err.Error(), "more than 1024 configurations") {
		t.Errorf("got %v", err)
	}
}

// A list entry naming an unknown parameter is an error at its key.
func TestMatrix_ListErrors(t *testing.T) {
	spec, err := Parse("test.yaml", []byte(strings.Replace(listSrc, "CAP: 6 }\n  - { LOSS: 1", "CAPS: 6 }\n  - { LOSS: 1", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := spec.Configurations(nil); err == nil || !strings.Contains(err.Error(), `test.yaml:4:28: matrix[0].CAPS: no such parameter (did you mean "CAP"?)`) {
		t.Errorf("got %v", err)
	}
}

// Each distinct configuration is checked once: a list entry that --set
// makes equal to an earlier one, or one that only spells out defaults, is
// left out (issue 11, item 13: tcp_connection's last two entries differ only
// in ISNS, so --set ISNS=2 checked one configuration twice).
func TestMatrix_Distinct(t *testing.T) {
	src := `name: x
params: { LOSS: 1, ISNS: 1, CAP: 2 }
matrix:
  - { LOSS: 0, CAP: 12 }
  - { LOSS: 1, CAP: 2 }
  - { LOSS: 1, CAP: 2, ISNS: 2 }
  - { CAP: 12, LOSS: 0, ISNS: 1 }
machines:
  a: { states: [S], init: S }
`
	spec, err := Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		set  map[string]int64
		want string
	}{
		{nil, "LOSS=0 CAP=12 | LOSS=1 CAP=2 | LOSS=1 CAP=2 ISNS=2"},
		{map[string]int64{"ISNS": 2}, "LOSS=0 CAP=12 ISNS=2 | LOSS=1 CAP=2 ISNS=2"},
		{map[string]int64{"ISNS": 1}, "LOSS=0 CAP=12 ISNS=1 | LOSS=1 CAP=2 ISNS=1"},
		{map[string]int64{"LOSS": 1, "ISNS": 2}, "LOSS=1 CAP=2 ISNS=2"},
	}
	for _, tc := range tests {
		cs, err := spec.Configurations(tc.set)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cs {
			got = append(got, c.Label)
		}
		if g := strings.Join(got, " | "); g != tc.want {
			t.Errorf("set %v:\n got %s\nwant %s", tc.set, g, tc.want)
		}
	}
}

// Axes fixed by --set keep their place in the label; a spec without a
// matrix is labelled by its overrides, so a report says what it checked.
func TestMatrix_LabelOrder(t *testing.T) {
	spec, err := Parse("test.yaml", []byte(matrixSrc))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := spec.Configurations(map[string]int64{"N": 3, "REORDER": 0})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].Label != "LOSS=0 REORDER=0 N=3" || cs[1].Label != "LOSS=1 REORDER=0 N=3" {
		t.Errorf("got %+v", cs)
	}
	plain, err := Parse("test.yaml", []byte("name: x\nparams: { A: 1, B: 2 }\nmachines:\n  a: { states: [S], init: S }\n"))
	if err != nil {
		t.Fatal(err)
	}
	for set, want := range map[string]string{"": "", "B": "B=5", "AB": "A=5 B=5"} {
		m := map[string]int64{}
		for _, r := range set {
			m[string(r)] = 5
		}
		cs, err := plain.Configurations(m)
		if err != nil || len(cs) != 1 || cs[0].Label != want {
			t.Errorf("set %v: got %+v, %v; want one labelled %q", m, cs, err, want)
		}
	}
}
