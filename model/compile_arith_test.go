package model

import (
	"math"
	"math/big"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/tcpcheck/tcpcheck/model/expr"
)

// edges are the operands where overflow and rounding go wrong.
var edges = []int64{math.MinInt64, math.MinInt64 + 1, -1 << 32, -(1 << 31) - 1, -3, -2, -1, 0, 1, 2, 3, 1<<31 - 1, 1 << 31, 1 << 32, math.MaxInt64 - 1, math.MaxInt64}

// operand draws an edge value or a random one of random magnitude.
func operand(r *rand.Rand) int64 {
	if r.IntN(3) == 0 {
		return edges[r.IntN(len(edges))]
	}
	return r.Int64() >> r.IntN(64) * int64(1-2*r.IntN(2))
}

// exact computes op with math/big: the result, and what goes wrong. Quo
// and Rem are Euclidean in big (non-negative remainder), as in tcpcheck.
func exact(op expr.Op, a, b int64) (int64, string) {
	x, y, z := big.NewInt(a), big.NewInt(b), new(big.Int)
	switch op {
	case expr.OpAdd:
		z.Add(x, y)
	case expr.OpSub:
		z.Sub(x, y)
	case expr.OpMul:
		z.Mul(x, y)
	case expr.OpDiv, expr.OpMod:
		if b == 0 {
			return 0, whatDivZero
		}
		q, m := new(big.Int).DivMod(x, y, new(big.Int))
		z = q
		if op == expr.OpMod {
			z = m
		}
	case expr.OpBitAnd:
		return a & b, ""
	case expr.OpBitOr:
		return a | b, ""
	}
	if !z.IsInt64() {
		return 0, whatOverflow
	}
	return z.Int64(), ""
}

// TestArithExact holds every checked operation against math/big: the
// result is exact, or the operation says why there is none, never a
// wrapped value.
func TestArithExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for op, ar := range arithOps {
		for range 200_000 {
			a, b := operand(r), operand(r)
			got, gotWhat := ar.apply(a, b)
			want, wantWhat := exact(op, a, b)
			if gotWhat != wantWhat || (wantWhat == "" && got != want) {
				t.Fatalf("%d %s %d = %d (%q), want %d (%q)", a, op, b, got, gotWhat, want, wantWhat)
			}
		}
	}
	for _, a := range append(edges, 12345, -12345) {
		got, ok := negOK(a)
		if want := new(big.Int).Neg(big.NewInt(a)); ok != want.IsInt64() || (ok && got != want.Int64()) {
			t.Fatalf("-%d = %d (%v), want %v", a, got, ok, want)
		}
	}
}

// interval draws a random interval, sometimes unknown.
func randInterval(r *rand.Rand) interval {
	if r.IntN(10) == 0 {
		return interval{}
	}
	a, b := operand(r), operand(r)
	if r.IntN(2) == 0 { // small intervals, as domains are
		a, b = int64(r.IntN(600))-300, int64(r.IntN(600))-300
	}
	return span(min(a, b), max(a, b))
}

// inside draws a value of a known interval.
func inside(r *rand.Rand, x interval) int64 {
	switch r.IntN(4) {
	case 0:
		return x.lo
	case 1:
		return x.hi
	}
	w := uint64(x.hi) - uint64(x.lo)
	if w == math.MaxUint64 {
		return int64(r.Uint64())
	}
	return x.lo + int64(r.Uint64N(w+1))
}

// TestArithIntervals checks the intervals the compiler relies on to drop
// the checks: where an operation's interval is known, no operands inside
// the operands' intervals make it fail, and the result lies inside.
func TestArithIntervals(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for op, ar := range arithOps {
		known := 0
		for range 20_000 {
			x, y := randInterval(r), randInterval(r)
			res := ar.rng(x, y)
			if !res.known || !x.known || !y.known {
				continue
			}
			known++
			for range 20 {
				a, b := inside(r, x), inside(r, y)
				v, what := ar.apply(a, b)
				if what != "" || v < res.lo || v > res.hi {
					t.Fatalf("%d %s %d = %d (%q) with %v %s %v bounded by %v", a, op, b, v, what, x, op, y, res)
				}
			}
		}
		if known < 1000 {
			t.Errorf("%s: only %d known intervals: the test proves little", op, known)
		}
	}
}

// TestArithSuiteUnchecked pins what makes exact arithmetic free: every
// operation in the transitions of the spec suite and the benchmark model,
// in every configuration of their matrices, is proven safe by its
// operands' domains and compiles without a run-time check.
func TestArithSuiteUnchecked(t *testing.T) {
	files, _ := filepath.Glob("../specs/*.yaml")
	files = append(files, "../specs/bench/tcp_model.yaml")
	for _, file := range files {
		spec, err := Load(file)
		if err != nil {
			t.Fatal(err)
		}
		configs, err := spec.Configurations(nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range configs {
			sys, err := Compile(spec, c.Set)
			if err != nil {
				t.Fatal(err)
			}
			if sys.checks != 0 {
				t.Errorf("%s [%s]: %d operations need a run-time check", file, c.Label, sys.checks)
			}
		}
	}
}

// TestArithChecksCounted makes sure the count above can see a check.
func TestArithChecksCounted(t *testing.T) {
	sys := compileSrc(t, `
name: c
machines:
  a:
    states: [S]
    init: S
    vars: { x: 0..3, y: 0..3 }
    transitions:
      - { from: S, when: "x / y == 0", do: [x = x % 3] }
`)
	if sys.checks != 1 {
		t.Errorf("%d checked operations, want 1 (x / y)", sys.checks)
	}
}
