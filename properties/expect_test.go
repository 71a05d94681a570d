package properties

import (
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/model"
)

// expectSrc has one property whose expectation the tests rewrite.
const expectSrc = `name: x
params: { LOSS: 1 }
machines:
  a: { states: [S], init: S }
properties:
  - { name: p, invariant: a in S, expect: EXPECT }
`

// An expectation may depend on the parameters: the verdict named when the
// condition holds, the other one when it does not.
func TestExpect_Conditional(t *testing.T) {
	tests := []struct {
		expect string
		loss   int64
		want   Verdict
	}{
		{"holds", 1, Holds},
		{"violated", 0, Violated},
		{"violated if LOSS == 1", 1, Violated},
		{"violated if LOSS == 1", 0, Holds},
		{"holds if LOSS == 0 and true", 1, Violated},
		{"holds if LOSS == 0 and true", 0, Holds},
	}
	for _, tc := range tests {
		spec, err := model.Parse("test.yaml", []byte(strings.Replace(expectSrc, "EXPECT", tc.expect, 1)))
		if err != nil {
			t.Fatal(err)
		}
		sys, err := model.Compile(spec, map[string]int64{"LOSS": tc.loss})
		if err != nil {
			t.Fatal(err)
		}
		props, err := Compile(sys)
		if err != nil {
			t.Fatalf("%s: %v", tc.expect, err)
		}
		if got := props[0].Expect; got != tc.want {
			t.Errorf("expect %q with LOSS=%d: got %s, want %s", tc.expect, tc.loss, got, tc.want)
		}
	}
}

func TestExpect_Errors(t *testing.T) {
	tests := []struct{ expect, want string }{
		{"hold", `test.yaml:6:43: properties[p].expect: expected holds or violated, optionally followed by if and a condition over the parameters, found "hold"`},
		{"violated if LOS == 1", `test.yaml:6:55: properties[p].expect: unknown name "LOS" (did you mean "LOSS"?)`},
		{"violated if a in S", `properties[p].expect: unknown name "a"`},
		{"violated if LOSS ==", `test.yaml:6:62: properties[p].expect:`},
	}
	for _, tc := range tests {
		_, _, err := compileProps(strings.Replace(expectSrc, "EXPECT", tc.expect, 1))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("expect %q: got %v, want %q", tc.expect, err, tc.want)
		}
	}
}
