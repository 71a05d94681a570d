package model

import (
	"strings"

	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

func (c *compiler) transitions() {
	for _, ms := range c.machSpecs {
		m := c.sys.Machine(ms.Name)
		if m == nil || m.Pos != ms.Pos {
			continue // a duplicate, already reported
		}
		m.byState = make([][]*Transition, len(m.States))
		for _, ts := range ms.Transitions {
			t := c.transition(m, ts)
			if t == nil {
				continue
			}
			t.Index = len(m.Transitions)
			m.Transitions = append(m.Transitions, t)
			for _, s := range t.From {
				m.byState[s] = append(m.byState[s], t)
			}
		}
	}
}

// transition compiles one transition, or returns nil after reporting errors.
func (c *compiler) transition(m *Machine, ts *syntax.TransitionSpec) *Transition {
	before := len(c.errs)
	t := &Transition{Name: ts.Name, Pos: ts.Pos, nChoice: 1}
	t.From = c.fromStates(m, ts)
	sc := &scope{c: c, m: m, t: t, path: ts.Path}
	c.trigger(sc, ts)
	c.choices(t, ts)
	c.guard(sc, ts)
	for _, d := range ts.Do {
		c.assignment(sc, d, ts.Path+".do")
	}
	for _, sd := range ts.Send {
		c.sendMsg(sc, sd, ts.Path+".send")
	}
	t.Stay = ts.To == nil
	if ts.To != nil {
		t.To, _ = c.state(m, *ts.To, ts.Path+".to")
	}
	if t.Name == "" {
		t.Name = c.defaultName(m, t, ts)
	}
	if len(c.errs) > before {
		return nil
	}
	return t
}

func (c *compiler) fromStates(m *Machine, ts *syntax.TransitionSpec) []StateID {
	var out []StateID
	for _, f := range ts.From {
		if f.Src == "*" {
			out = out[:0]
			for i := range m.States {
				out = append(out, StateID(i))
			}
			return out
		}
		if id, ok := c.state(m, f, ts.Path+".from"); ok {
			out = append(out, id)
		}
	}
	return out
}

func (c *compiler) defaultName(m *Machine, t *Transition, ts *syntax.TransitionSpec) string {
	from := make([]string, len(ts.From))
	for i, f := range ts.From {
		from[i] = f.Src
	}
	name := strings.Join(strings.Fields(ts.On.Src), " ")
	if len(from) == 1 {
		name += " in " + from[0]
	}
	return name
}

// trigger resolves "call NAME", "recv TYPE(pattern) from M", "timeout",
// "internal" and "idle". A recv pattern field = e becomes part of the guard.
func (c *compiler) trigger(sc *scope, ts *syntax.TransitionSpec) {
	t, path := sc.t, ts.Path+".on"
	tr, err := expr.ParseTrigger(ts.On.Src)
	if err != nil {
		c.exprError(ts.On, path, err, "call NAME, recv TYPE, timeout, internal or idle")
		return
	}
	t.Trigger = TriggerKind(tr.Kind)
	if tr.Name != nil {
		t.Event = tr.Name.Name
	}
	if t.Trigger != OnRecv {
		return
	}
	t.AnyMsg = tr.Any
	if !tr.Any {
		t.Event = ""
		mt, ok := c.msgNamed(tr.Name.Name, ts.On.At(tr.Name.Pos()), path)
		if !ok {
			return
		}
		t.Msg, sc.msg = mt.ID, mt
	}
	c.recvChannels(sc, tr, ts)
	sc.text = ts.On
	for _, f := range tr.Fields {
		sc.path = path
		sel := &expr.Selector{X: &expr.Ident{At: f.Name.Pos(), Name: "msg"}, Sel: f.Name}
		eq := &expr.Binary{Op: expr.OpEq, OpAt: f.Name.Pos(), X: sel, Y: f.Value}
		if g, ok := sc.boolExpr(eq); ok {
			sc.patterns = append(sc.patterns, g)
		}
	}
}

func (c *compiler) recvChannels(sc *scope, tr *expr.Trigger, ts *syntax.TransitionSpec) {
	m, t := sc.m, sc.t
	for _, cid := range m.in {
		ch := c.sys.Channels[cid]
		if tr.From == nil || c.sys.Machines[ch.From].Group == tr.From.Name {
			t.FromCh = append(t.FromCh, cid)
		}
	}
	if len(t.FromCh) > 0 {
		return
	}
	if tr.From != nil {
		c.errs.Add(ts.On.At(tr.From.Pos()), ts.Path+".on", "there is no channel %s->%s to receive from", tr.From.Name, m.Name)
	} else {
		c.errs.Add(ts.On.Pos, ts.Path+".on", "%s receives, but no channel leads to it; add one under channels", m.Name)
	}
}

// maxChoices bounds the combinations of chosen values of one transition:
// each is a separate successor of every world where the transition fires.
const maxChoices = 1 << 16

func (c *compiler) choices(t *Transition, ts *syntax.TransitionSpec) {
	for _, cs := range ts.Choose {
		lo, hi := c.domain(cs.Domain, ts.Path+".choose."+cs.Name)
		t.Choices = append(t.Choices, &Choice{Name: cs.Name, Lo: lo, Hi: hi})
		t.nChoice *= int(hi - lo + 1)
		if t.nChoice > maxChoices {
			c.errs.Add(cs.Pos, ts.Path+".choose", "%d combinations of chosen values; at most %d per transition", t.nChoice, maxChoices)
			t.nChoice = 1
			return
		}
	}
}

// guard combines the recv pattern and the when condition.
func (c *compiler) guard(sc *scope, ts *syntax.TransitionSpec) {
	conds := sc.patterns
	if ts.When != nil {
		sc.text, sc.path = *ts.When, ts.Path+".when"
		if e, err := expr.Parse(ts.When.Src); err != nil {
			c.exprError(*ts.When, sc.path, err, "a condition")
		} else if g, ok := sc.boolExpr(e); ok {
			conds = append(conds, g)
		}
	}
	sc.t.guard = func(*env) bool { return true }
	sc.t.guarded = len(conds) > 0
	switch len(conds) {
	case 0:
	case 1:
		g := conds[0]
		sc.t.guard = func(en *env) bool { return g(en) != 0 }
	default:
		sc.t.guard = func(en *env) bool {
			for _, g := range conds {
				if g(en) == 0 {
					return false
				}
			}
			return true
		}
	}
}

// assignment compiles x = e, x += e or x -= e on one of the machine's own
// variables.
func (c *compiler) assignment(sc *scope, d syntax.Text, path string) {
	sc.text, sc.path = d, path
	a, err := expr.ParseAssign(d.Src)
	if err != nil {
		c.exprError(d, path, err, "an assignment such as retries = retries + 1")
		return
	}
	v := sc.m.varNamed(a.Name.Name)
	if v == nil {
		sc.errorf(a.Name, "%s has no variable %q%s", sc.m.Name, a.Name.Name, sc.hint(a.Name.Name))
		return
	}
	for _, prev := range sc.t.assigns {
		if prev.v == v {
			sc.errorf(a.Name, "%s is assigned twice in one transition", v.Name)
			return
		}
	}
	rhs := a.Value
	if a.Op != expr.OpAssign {
		op := expr.OpAdd
		if a.Op == expr.OpSubAssign {
			op = expr.OpSub
		}
		rhs = &expr.Binary{Op: op, OpAt: a.Name.Pos(), X: a.Name, Y: a.Value}
	}
	f, ok := sc.valueFor(v, rhs)
	if ok {
		sc.t.assigns = append(sc.t.assigns, assign{v: v, value: f, src: syntax.Text{Src: d.Src, Pos: d.Pos}})
	}
}

// valueFor compiles e as a value of variable v's type, reading a bare name
// as an enum value where v is an enum.
func (sc *scope) valueFor(v *Var, e expr.Expr) (func(*env) int64, bool) {
	want := varValue(v).t
	var got value
	var ok bool
	if id, isID := e.(*expr.Ident); isID && want.kind == tEnum {
		got, ok = sc.constantOf(want, id)
	} else {
		got, ok = sc.compile(e)
	}
	if ok && !got.t.same(want) {
		sc.errorf(e, "%s is %s, but %s is %s", e.String(), got.t, v.Name, want)
		return nil, false
	}
	return got.f, ok
}

// sendMsg compiles TYPE(field = e, ...) [to MACHINE]. Every field of the type
// must be given.
func (c *compiler) sendMsg(sc *scope, d syntax.Text, path string) {
	sc.text, sc.path = d, path
	s, err := expr.ParseSend(d.Src)
	if err != nil {
		c.exprError(d, path, err, "a message such as SYN(seq = iss)")
		return
	}
	mt, ok := c.msgNamed(s.Type.Name, d.At(s.Type.Pos()), path)
	if !ok {
		return
	}
	ch, ok := c.outChannel(sc, s, d, path)
	if !ok {
		return
	}
	sd := send{ch: ch.ID, msg: mt.ID, fields: make([]func(*env) int64, len(mt.Fields)), src: d}
	for _, f := range s.Fields {
		k := fieldIndex(mt, f.Name.Name)
		switch {
		case k < 0:
			sc.errorf(f.Name, "message %s has no field %q%s", mt.Name, f.Name.Name, syntax.Suggest(f.Name.Name, fieldNames(mt)))
		case sd.fields[k] != nil:
			sc.errorf(f.Name, "field %s given twice", f.Name.Name)
		default:
			sd.fields[k], _ = sc.intExpr(f.Value)
		}
	}
	for k, f := range mt.Fields {
		if sd.fields[k] == nil && fieldIndexIn(s, f.Name) < 0 && len(s.Fields) == countKnown(mt, s) {
			sc.errorf(s.Type, "missing field %s of %s (every field must be given: %s)", f.Name, mt.Name, strings.Join(fieldNames(mt), ", "))
		}
	}
	sc.t.sends = append(sc.t.sends, sd)
}

func (c *compiler) outChannel(sc *scope, s *expr.Send, d syntax.Text, path string) (*Channel, bool) {
	var outs []*Channel
	for _, ch := range c.sys.Channels {
		if ch.From == sc.m.ID && (s.To == nil || c.sys.Machines[ch.To].Group == s.To.Name) {
			outs = append(outs, ch)
		}
	}
	switch {
	case len(outs) == 1:
		return outs[0], true
	case len(outs) == 0 && s.To != nil:
		sc.errorf(s.To, "there is no channel %s->%s", sc.m.Name, s.To.Name)
	case len(outs) == 0:
		c.errs.Add(d.Pos, path, "%s sends, but no channel leaves it; add one under channels", sc.m.Name)
	default:
		c.errs.Add(d.Pos, path, "%s has %d outgoing channels: say which with \"to MACHINE\"", sc.m.Name, len(outs))
	}
	return nil, false
}

// countKnown counts the fields of s that mt has: a misspelt field is
// reported as unknown, not again as missing.
func countKnown(mt *MsgType, s *expr.Send) int {
	n := 0
	for _, f := range s.Fields {
		if fieldIndex(mt, f.Name.Name) >= 0 {
			n++
		}
	}
	return n
}

func fieldIndex(mt *MsgType, name string) int {
	for i, f := range mt.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

func fieldIndexIn(s *expr.Send, name string) int {
	for i, f := range s.Fields {
		if f.Name.Name == name {
			return i
		}
	}
	return -1
}

func fieldNames(mt *MsgType) []string {
	out := make([]string, len(mt.Fields))
	for i, f := range mt.Fields {
		out[i] = f.Name
	}
	return out
}
