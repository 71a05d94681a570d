package model

import (
	"fmt"

	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// typKind is the static type of an expression.
type typKind uint8

const (
	tInt   typKind = iota + 1
	tBool          // stored as 0 or 1
	tState         // a control state of machine m, stored as its index
	tEnum          // a value of enum variable v, stored as its index
)

type typ struct {
	kind typKind
	m    *Machine // tState
	v    *Var     // tEnum
	rng  interval // tInt: the values it can take (compile_arith.go)
}

func (t typ) String() string {
	switch t.kind {
	case tInt:
		return "an integer"
	case tBool:
		return "a boolean"
	case tState:
		return "a state of " + t.m.Name
	case tEnum:
		return "a value of " + t.v.Name
	}
	return "nothing"
}

func (t typ) same(u typ) bool { return t.kind == u.kind && t.m == u.m && t.v == u.v }

// value is a compiled expression: its type and a closure computing it.
// Booleans compute 0 or 1, enums and states their index.
type value struct {
	t typ
	f func(*env) int64
}

// scope says what names an expression may use. A transition's expressions
// see only their own machine (its variables, the received message, the
// choices): a machine cannot read its peer or the network. A property sees
// every machine qualified by name, and the channels.
type scope struct {
	c      *compiler
	text   syntax.Text
	path   string
	m      *Machine    // the transition's machine, or nil
	t      *Transition // the transition, for choices and msg
	msg    *MsgType    // the received type, if known
	global bool        // property scope
	// partial is set when an operation compiled in this scope may fail at
	// run time (a division by zero, an overflow: see compile_arith.go).
	partial bool

	patterns []func(*env) int64 // recv field patterns, compiled into the guard
}

func (sc *scope) errorf(n expr.Node, format string, args ...any) {
	sc.c.errs.Add(sc.text.At(n.Pos()), sc.path, format, args...)
}

// compile compiles e to a value, reporting errors.
func (sc *scope) compile(e expr.Expr) (value, bool) {
	switch e := e.(type) {
	case *expr.Int:
		return constValue(e.Value), true
	case *expr.Bool:
		x := b2i(e.Value)
		return value{typ{kind: tBool}, func(*env) int64 { return x }}, true
	case *expr.Paren:
		return sc.compile(e.X)
	case *expr.Ident:
		return sc.ident(e)
	case *expr.Selector:
		return sc.selector(e)
	case *expr.Unary:
		return sc.unary(e)
	case *expr.Binary:
		return sc.binary(e)
	case *expr.In:
		return sc.in(e)
	case *expr.Call:
		return sc.call(e)
	case *expr.Cond:
		return sc.cond(e)
	case *expr.ChanRef:
		sc.errorf(e, "a channel %s can only be an argument, as in len(%s)", e.String(), e.String())
		return value{}, false
	case *expr.Index:
		return sc.instanceState(e)
	case *expr.Quant:
		return sc.quant(e)
	}
	sc.errorf(e, "unsupported expression %s", e.String())
	return value{}, false
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// boolExpr compiles e and checks that it is a boolean.
func (sc *scope) boolExpr(e expr.Expr) (func(*env) int64, bool) {
	v, ok := sc.compile(e)
	if ok && v.t.kind != tBool {
		sc.errorf(e, "%s is %s; expected a condition (true or false)", e.String(), v.t)
		return nil, false
	}
	return v.f, ok
}

// intExpr compiles e and checks that it is an integer.
func (sc *scope) intExpr(e expr.Expr) (func(*env) int64, bool) {
	v, ok := sc.intOperand(e)
	return v.f, ok
}

// intOperand compiles e, an integer, keeping its interval.
func (sc *scope) intOperand(e expr.Expr) (value, bool) {
	v, ok := sc.compile(e)
	if ok && v.t.kind != tInt {
		sc.errorf(e, "%s is %s; expected an integer", e.String(), v.t)
		return value{}, false
	}
	return v, ok
}

func (sc *scope) ident(e *expr.Ident) (value, bool) {
	if sc.t != nil {
		for i, ch := range sc.t.Choices {
			if ch.Name == e.Name {
				k := i
				return intValue(span(ch.Lo, ch.Hi), func(en *env) int64 { return en.choice[k] }), true
			}
		}
	}
	if sc.m != nil {
		if v := sc.m.varNamed(e.Name); v != nil {
			return varValue(v), true
		}
		if e.Name == "self" && sc.m.Instance >= 0 {
			return sc.self()
		}
	}
	for _, p := range sc.c.sys.Params {
		if p.Name == e.Name {
			return constValue(p.Value), true
		}
	}
	if sc.global {
		if m := sc.c.sys.Machine(e.Name); m != nil {
			off := m.off
			return value{typ{kind: tState, m: m}, func(en *env) int64 { return int64(en.w[off]) }}, true
		}
	}
	sc.errorf(e, "unknown name %q%s", e.Name, sc.hint(e.Name))
	return value{}, false
}

// hint explains why a name is not visible, or suggests a close one.
func (sc *scope) hint(name string) string {
	if g := sc.c.sys.Group(name); sc.global && g != nil && g.Count > 0 {
		return ": " + sc.countedHint(g)
	}
	if sc.global {
		for _, m := range sc.c.sys.Machines {
			if m.varNamed(name) != nil {
				return fmt.Sprintf("; write %s.%s", m.Name, name)
			}
		}
	} else if sc.m != nil {
		for _, m := range sc.c.sys.Machines {
			if m != sc.m && m.varNamed(name) != nil {
				return fmt.Sprintf(": %s cannot read %s's variables, only its own", sc.m.Name, m.Name)
			}
		}
	}
	return syntax.Suggest(name, sc.names())
}

func (sc *scope) names() []string {
	var out []string
	for _, p := range sc.c.sys.Params {
		out = append(out, p.Name)
	}
	if sc.m != nil {
		for _, v := range sc.m.Vars {
			out = append(out, v.Name)
		}
	}
	if sc.t != nil {
		for _, ch := range sc.t.Choices {
			out = append(out, ch.Name)
		}
	}
	if sc.global {
		out = append(out, sc.c.machineNames()...)
	}
	return out
}

func (m *Machine) varNamed(name string) *Var {
	for _, v := range m.Vars {
		if v.Name == name {
			return v
		}
	}
	return nil
}

func varValue(v *Var) value {
	off, lo := v.off, v.Lo
	t := typ{kind: tInt, rng: span(v.Lo, v.Hi)}
	switch v.Kind {
	case VarBool:
		t.kind = tBool
	case VarEnum:
		t = typ{kind: tEnum, v: v}
	}
	return value{t, func(en *env) int64 { return lo + int64(en.w[off]) }}
}

// selector compiles msg.field (in a recv transition) and machine.var (in a
// property).
func (sc *scope) selector(e *expr.Selector) (value, bool) {
	if id, ok := e.X.(*expr.Ident); ok && id.Name == "msg" {
		return sc.msgField(e)
	}
	if !sc.global && sc.m == nil {
		sc.errorf(e, "%s: only the parameters can be read here", e.String())
		return value{}, false
	}
	if !sc.global {
		sc.errorf(e, "%s cannot read %s: a transition reads only its own variables (write %s)", sc.m.Name, e.String(), e.Sel.Name)
		return value{}, false
	}
	m, ok := sc.machineOf(e.X)
	if !ok {
		return value{}, false
	}
	v := m.varNamed(e.Sel.Name)
	if v == nil {
		sc.errorf(e.Sel, "machine %s has no variable %q%s", m.Name, e.Sel.Name, syntax.Suggest(e.Sel.Name, varNames(m)))
		return value{}, false
	}
	return varValue(v), true
}

func varNames(m *Machine) []string {
	out := make([]string, len(m.Vars))
	for i, v := range m.Vars {
		out[i] = v.Name
	}
	return out
}

func (sc *scope) msgField(e *expr.Selector) (value, bool) {
	if sc.t == nil || sc.t.Trigger != OnRecv {
		sc.errorf(e, "msg is only defined in a transition triggered by recv")
		return value{}, false
	}
	if sc.msg == nil {
		sc.errorf(e, "msg.%s: recv * accepts every message type, so its fields are unknown; receive a named type", e.Sel.Name)
		return value{}, false
	}
	for i, f := range sc.msg.Fields {
		if f.Name == e.Sel.Name {
			k, lo := 1+i, f.Lo
			return intValue(span(f.Lo, f.Hi), func(en *env) int64 { return lo + int64(en.msg[k]) }), true
		}
	}
	names := make([]string, len(sc.msg.Fields))
	for i, f := range sc.msg.Fields {
		names[i] = f.Name
	}
	sc.errorf(e.Sel, "message %s has no field %q%s; its fields are %v", sc.msg.Name, e.Sel.Name, syntax.Suggest(e.Sel.Name, names), names)
	return value{}, false
}

func (sc *scope) cond(e *expr.Cond) (value, bool) {
	c, ok1 := sc.boolExpr(e.If)
	a, ok2 := sc.compile(e.Then)
	b, ok3 := sc.compile(e.Else)
	if !ok1 || !ok2 || !ok3 {
		return value{}, false
	}
	if !a.t.same(b.t) {
		sc.errorf(e, "the branches of if are %s and %s; they must have one type", a.t, b.t)
		return value{}, false
	}
	fa, fb := a.f, b.f
	t := a.t
	t.rng = a.t.rng.union(b.t.rng)
	return value{t, func(en *env) int64 {
		if c(en) != 0 {
			return fa(en)
		}
		return fb(en)
	}}, true
}

// compileCond parses and compiles a condition in property scope.
func (s *System) compileCond(t syntax.Text, path string, errs *syntax.ErrorList) *Cond {
	c := &compiler{sys: s, spec: s.spec}
	e, err := expr.Parse(t.Src)
	if err != nil {
		c.exprError(t, path, err, "a condition")
		*errs = append(*errs, c.errs...)
		return nil
	}
	sc := &scope{c: c, text: t, path: path, global: true}
	f, ok := sc.boolExpr(e)
	*errs = append(*errs, c.errs...)
	if !ok {
		return nil
	}
	return &Cond{f: f, partial: sc.partial}
}

// Cond is a compiled condition over worlds. It reuses one scratch
// environment, so a Cond must not be used by two goroutines at once: give
// each its own with [Cond.Clone].
type Cond struct {
	f       func(*env) int64
	en      env
	partial bool
}

// Holds reports whether the condition holds in w. Where the condition has
// no value in w (see [Cond.Eval]) the answer is meaningless: a condition
// that [Cond.MayFail] must be evaluated with Eval, or shown to be defined
// in every world that Holds is asked about.
func (c *Cond) Holds(w World) bool {
	c.en.w = w
	v := c.f(&c.en) != 0
	c.en.err = nil
	return v
}

// Eval reports whether the condition holds in w, or the [EvalError] that
// keeps it from having a value there: a division by zero or an integer
// overflow.
func (c *Cond) Eval(w World) (bool, error) {
	c.en.w = w
	v := c.f(&c.en) != 0
	err := c.en.err
	c.en.err = nil
	return v, err
}

// MayFail reports whether the condition holds an operation that may fail
// in some world (a division by a value that may be zero, an operation the
// domains do not keep inside 64 bits). When it is false, Holds and Eval
// agree in every world.
func (c *Cond) MayFail() bool { return c.partial }

// Clone returns a copy of c for another goroutine.
func (c *Cond) Clone() *Cond { return &Cond{f: c.f, partial: c.partial} }

// CompileText compiles a condition over worlds written in the property
// language: machine states (client in ESTABLISHED), qualified variables
// (client.iss), parameters, and channel functions (len, inflight, empty,
// delivered). path names the spec key for errors. The error is a
// [syntax.ErrorList].
func (s *System) CompileText(t syntax.Text, path string) (*Cond, error) {
	var errs syntax.ErrorList
	c := s.compileCond(t, path, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// CompileExpr compiles one parsed condition in property scope, for callers
// that handle some operators themselves (knowledge). t is the text the
// expression was parsed from, for positions.
func (s *System) CompileExpr(e expr.Expr, t syntax.Text, path string) (*Cond, error) {
	c := &compiler{sys: s, spec: s.spec}
	sc := &scope{c: c, text: t, path: path, global: true}
	f, ok := sc.boolExpr(e)
	if !ok {
		return nil, c.errs.Err()
	}
	return &Cond{f: f, partial: sc.partial}, nil
}
