package model

import (
	"fmt"
	"math"
	"math/bits"

	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// Integer arithmetic is exact or an error: a division by zero or a result
// outside the 64-bit integers never yields a value. The compiler bounds
// every integer expression by an interval (a variable by its domain, a
// message field by its field's, len of a channel by its capacity) and
// computes the interval of each operation from its operands'. Where the
// intervals prove that an operation cannot fail, it compiles to the bare
// operation; only where they cannot does the closure check, and report an
// [EvalError]. Where both operands are single values the operation is
// folded, so a constant expression that fails is a compile-time error with
// its position.

// An EvalError is an operation that has no value in some world: a division
// or remainder by zero, or an integer overflow. It names the operation as
// written and where the spec writes it.
type EvalError struct {
	Pos  syntax.Pos
	Path string // the spec key, e.g. properties[2].invariant
	What string // "division by zero" or "integer overflow"
	Expr string // the operation, as written
}

// Error formats e as "file:line:col: path: what in expr".
func (e *EvalError) Error() string {
	return fmt.Sprintf("%s: %s: %s in %s", e.Pos, e.Path, e.What, e.Expr)
}

const (
	whatDivZero  = "division by zero"
	whatOverflow = "integer overflow"
)

// interval is the range of an integer expression's values. The zero
// interval is unknown: any int64.
type interval struct {
	known  bool
	lo, hi int64
}

func span(lo, hi int64) interval { return interval{known: true, lo: lo, hi: hi} }

// point reports whether the interval holds exactly one value.
func (r interval) point() bool { return r.known && r.lo == r.hi }

func (r interval) contains(x int64) bool { return !r.known || (r.lo <= x && x <= r.hi) }

// union is the smallest interval holding both.
func (r interval) union(s interval) interval {
	if !r.known || !s.known {
		return interval{}
	}
	return span(min(r.lo, s.lo), max(r.hi, s.hi))
}

// intValue is an integer value with its interval.
func intValue(r interval, f func(*env) int64) value {
	return value{typ{kind: tInt, rng: r}, f}
}

// constValue is the integer x.
func constValue(x int64) value {
	return intValue(span(x, x), func(*env) int64 { return x })
}

// addOK, subOK, mulOK and negOK compute an operation and whether its exact
// result fits in an int64.
func addOK(a, b int64) (int64, bool) {
	s := a + b
	return s, (a^s)&(b^s) >= 0
}

func subOK(a, b int64) (int64, bool) {
	d := a - b
	return d, (a^b)&(a^d) >= 0
}

func mulOK(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	p := a * b
	if (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return p, false
	}
	return p, p/b == a
}

func negOK(a int64) (int64, bool) { return -a, a != math.MinInt64 }

// divModOK divides with a non-negative remainder, so that (x - 1) % SEQ is a
// sequence number again (RFC 9293 §3.4: sequence arithmetic is modulo 2^32;
// specs shrink the modulus). what is "" or why there is no result.
func divModOK(mod bool, a, b int64) (int64, string) {
	switch {
	case b == 0:
		return 0, whatDivZero
	case b == -1 && a == math.MinInt64 && !mod:
		return 0, whatOverflow
	case b == -1:
		if mod {
			return 0, ""
		}
		return -a, ""
	}
	q, r := a/b, a%b
	if r < 0 {
		if b > 0 {
			r += b
			q--
		} else {
			r -= b
			q++
		}
	}
	if mod {
		return r, ""
	}
	return q, ""
}

// arithOp is one of the checked binary operations.
type arithOp struct {
	apply func(a, b int64) (int64, string) // the result, or why there is none
	fast  func(a, b int64) int64           // the bare operation, for proven operands
	rng   func(x, y interval) interval     // the result's interval; unknown: may fail
}

func ok2what(x int64, ok bool) (int64, string) {
	if ok {
		return x, ""
	}
	return x, whatOverflow
}

var arithOps = map[expr.Op]arithOp{
	expr.OpAdd: {
		apply: func(a, b int64) (int64, string) { return ok2what(addOK(a, b)) },
		fast:  func(a, b int64) int64 { return a + b },
		rng:   func(x, y interval) interval { return corners(addOK, x, y, [2]int64{x.lo, y.lo}, [2]int64{x.hi, y.hi}) },
	},
	expr.OpSub: {
		apply: func(a, b int64) (int64, string) { return ok2what(subOK(a, b)) },
		fast:  func(a, b int64) int64 { return a - b },
		rng:   func(x, y interval) interval { return corners(subOK, x, y, [2]int64{x.lo, y.hi}, [2]int64{x.hi, y.lo}) },
	},
	expr.OpMul: {
		apply: func(a, b int64) (int64, string) { return ok2what(mulOK(a, b)) },
		fast:  func(a, b int64) int64 { return a * b },
		rng: func(x, y interval) interval {
			return corners(mulOK, x, y, [2]int64{x.lo, y.lo}, [2]int64{x.lo, y.hi}, [2]int64{x.hi, y.lo}, [2]int64{x.hi, y.hi})
		},
	},
	expr.OpDiv: {
		apply: func(a, b int64) (int64, string) { return divModOK(false, a, b) },
		fast:  func(a, b int64) int64 { q, _ := divModOK(false, a, b); return q },
		rng:   divRange,
	},
	expr.OpMod: {
		apply: func(a, b int64) (int64, string) { return divModOK(true, a, b) },
		fast:  func(a, b int64) int64 { r, _ := divModOK(true, a, b); return r },
		rng:   modRange,
	},
	expr.OpBitAnd: {
		apply: func(a, b int64) (int64, string) { return a & b, "" },
		fast:  func(a, b int64) int64 { return a & b },
		rng:   bitRange,
	},
	expr.OpBitOr: {
		apply: func(a, b int64) (int64, string) { return a | b, "" },
		fast:  func(a, b int64) int64 { return a | b },
		rng:   bitRange,
	},
}

// corners is the interval of an operation that is monotone in each
// argument between the given pairs of operand bounds (its extremes lie at
// those corners): unknown when x or y is, or when a corner overflows.
// Addition takes (x.lo, y.lo) and (x.hi, y.hi), subtraction (x.lo, y.hi)
// and (x.hi, y.lo), multiplication all four.
func corners(op func(a, b int64) (int64, bool), x, y interval, pairs ...[2]int64) interval {
	if !x.known || !y.known {
		return interval{}
	}
	r := interval{}
	for _, c := range pairs {
		v, ok := op(c[0], c[1])
		if !ok {
			return interval{}
		}
		r = r.with(v)
	}
	return r
}

// with widens r to hold v (an unknown r becomes the point v).
func (r interval) with(v int64) interval {
	if !r.known {
		return span(v, v)
	}
	return span(min(r.lo, v), max(r.hi, v))
}

// magnitude is the largest |v| of an interval, or false if it does not fit.
func magnitude(x interval) (int64, bool) {
	if !x.known || x.lo == math.MinInt64 {
		return 0, false
	}
	return max(x.hi, -x.lo), true
}

// divRange bounds a quotient: |a / b| <= |a| whenever b != 0. Unknown (the
// operation must check) when the divisor may be 0, or the quotient may
// overflow (math.MinInt64 / -1).
func divRange(x, y interval) interval {
	m, ok := magnitude(x)
	if !ok || y.contains(0) || !y.known {
		return interval{}
	}
	return span(-m, m)
}

// modRange bounds a non-negative remainder: 0 <= a % b < |b|.
func modRange(x, y interval) interval {
	m, ok := magnitude(y)
	if !ok || y.contains(0) || !x.known {
		return interval{}
	}
	return span(0, m-1)
}

// bitRange bounds & and | of non-negative operands by the smallest 2^k - 1
// at or above both; they never fail, so an unknown interval only loses
// precision.
func bitRange(x, y interval) interval {
	if !x.known || !y.known || x.lo < 0 || y.lo < 0 {
		return interval{}
	}
	return span(0, int64(uint64(1)<<bits.Len64(uint64(max(x.hi, y.hi)))-1))
}

// checked compiles a binary integer operation e on x and y.
func (sc *scope) checked(e *expr.Binary, x, y value) (value, bool) {
	op := arithOps[e.Op]
	if x.t.rng.point() && y.t.rng.point() {
		v, what := op.apply(x.t.rng.lo, y.t.rng.lo)
		if what != "" {
			sc.c.errs.Add(sc.text.At(e.OpAt), sc.path, "%s in %s", what, e.String())
			return value{}, false
		}
		return constValue(v), true
	}
	fx, fy := x.f, y.f
	r := op.rng(x.t.rng, y.t.rng)
	if r.known || e.Op == expr.OpBitAnd || e.Op == expr.OpBitOr {
		fast := op.fast
		return intValue(r, func(en *env) int64 { return fast(fx(en), fy(en)) }), true
	}
	sc.mayFail()
	// Both errors are made here, so that failing allocates nothing.
	at := sc.text.At(e.OpAt)
	divZero := &EvalError{Pos: at, Path: sc.path, What: whatDivZero, Expr: e.String()}
	overflow := &EvalError{Pos: at, Path: sc.path, What: whatOverflow, Expr: e.String()}
	apply := op.apply
	return intValue(r, func(en *env) int64 {
		v, what := apply(fx(en), fy(en))
		switch {
		case what == "" || en.err != nil:
		case what == whatDivZero:
			en.err = divZero
		default:
			en.err = overflow
		}
		return v
	}), true
}

// mayFail records that an operation compiled in sc checks at run time.
func (sc *scope) mayFail() {
	sc.partial = true
	if !sc.global {
		sc.c.sys.checks++
	}
}

// negate compiles -x.
func (sc *scope) negate(e *expr.Unary, x value) (value, bool) {
	if x.t.rng.point() {
		v, ok := negOK(x.t.rng.lo)
		if !ok {
			sc.errorf(e, "%s in %s", whatOverflow, e.String())
			return value{}, false
		}
		return constValue(v), true
	}
	fx := x.f
	if x.t.rng.known && x.t.rng.lo != math.MinInt64 {
		return intValue(span(-x.t.rng.hi, -x.t.rng.lo), func(en *env) int64 { return -fx(en) }), true
	}
	sc.mayFail()
	fail := &EvalError{Pos: sc.text.At(e.Pos()), Path: sc.path, What: whatOverflow, Expr: e.String()}
	return intValue(interval{}, func(en *env) int64 {
		v, ok := negOK(fx(en))
		if !ok && en.err == nil {
			en.err = fail
		}
		return v
	}), true
}
