package model

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

// Axes give every combination; a list gives its entries. --set fixes a
// parameter: an axis is dropped, a list keeps the entries that agree. The
// label names every value the matrix or --set gives (issue 11, item 13:
// it used to leave out the overrides).
func TestMatrix_Configurations(t *testing.T) {
	tests := []struct {
		src  string
		set  map[string]int64
		want string
	}{
		{matrixSrc, nil, "[LOSS=0 REORDER=1 map[LOSS:0 REORDER:1]] [LOSS=0 REORDER=0 map[LOSS:0 REORDER:0]] [LOSS=1 REORDER=1 map[LOSS:1 REORDER:1]] [LOSS=1 REORDER=0 map[LOSS:1 REORDER:0]]"},
		{matrixSrc, map[string]int64{"LOSS": 1, "N": 3}, "[LOSS=1 REORDER=1 N=3 map[LOSS:1 N:3 REORDER:1]] [LOSS=1 REORDER=0 N=3 map[LOSS:1 N:3 REORDER:0]]"},
		{matrixSrc, map[string]int64{"LOSS": 0, "REORDER": 0}, "[LOSS=0 REORDER=0 map[LOSS:0 REORDER:0]]"},
		{listSrc, nil, "[LOSS=0 REORDER=0 CAP=6 map[CAP:6 LOSS:0 REORDER:0]] [LOSS=1 REORDER=0 CAP=6 map[CAP:6 LOSS:1 REORDER:0]] [LOSS=1 REORDER=1 map[LOSS:1 REORDER:1]]"},
		{listSrc, map[string]int64{"LOSS": 1}, "[LOSS=1 REORDER=0 CAP=6 map[CAP:6 LOSS:1 REORDER:0]] [LOSS=1 REORDER=1 map[LOSS:1 REORDER:1]]"},
		{listSrc, map[string]int64{"LOSS": 2}, "[LOSS=2 map[LOSS:2]]"},
		{listSrc, map[string]int64{"CAP": 6}, "[LOSS=0 REORDER=0 CAP=6 map[CAP:6 LOSS:0 REORDER:0]] [LOSS=1 REORDER=0 CAP=6 map[CAP:6 LOSS:1 REORDER:0]] [LOSS=1 REORDER=1 CAP=6 map[CAP:6 LOSS:1 REORDER:1]]"},
	}
	for _, tc := range tests {
		spec, err := Parse("test.yaml", []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		cs, err := spec.Configurations(tc.set)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range cs {
			got = append(got, fmt.Sprintf("[%s %v]", c.Label, c.Set))
			if _, err := Compile(spec, c.Set); err != nil {
				t.Errorf("%s: %v", c.Label, err)
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("set %v:\n got %s\nwant %s", tc.set, strings.Join(got, " "), tc.want)
		}
	}
}
