package model

import (
	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// The functions of the property language. They read the network, so only
// properties may call them: a machine cannot see the channels.
var funcNames = []string{"len", "inflight", "empty", "delivered", "down"}

func (sc *scope) call(e *expr.Call) (value, bool) {
	name := e.Fun.Name
	known := false
	for _, f := range funcNames {
		known = known || f == name
	}
	if !known {
		sc.errorf(e.Fun, "unknown function %q%s; the functions are %v", name, syntax.Suggest(name, funcNames), funcNames)
		return value{}, false
	}
	if !sc.global {
		sc.errorf(e.Fun, "%s(...) reads the network, which a machine cannot see; use it in properties", name)
		return value{}, false
	}
	ch, ok := sc.chanArg(e)
	if !ok {
		return value{}, false
	}
	switch name {
	case "len", "empty", "down":
		if !sc.arity(e, 1) {
			return value{}, false
		}
		return sc.chanState(name, ch), true
	case "inflight":
		return sc.inflight(e, ch)
	}
	return sc.delivered(e, ch)
}

func (sc *scope) arity(e *expr.Call, n ...int) bool {
	for _, k := range n {
		if len(e.Args) == k {
			return true
		}
	}
	sc.errorf(e, "%s takes %v argument(s), found %d", e.Fun.Name, n, len(e.Args))
	return false
}

// chanArg resolves the first argument, which must be a channel a->b.
func (sc *scope) chanArg(e *expr.Call) (*Channel, bool) {
	if len(e.Args) == 0 {
		sc.errorf(e, "%s needs a channel argument, e.g. %s(client->server)", e.Fun.Name, e.Fun.Name)
		return nil, false
	}
	r, ok := e.Args[0].(*expr.ChanRef)
	if !ok {
		sc.errorf(e.Args[0], "%s's first argument must be a channel such as client->server", e.Fun.Name)
		return nil, false
	}
	from, ok := sc.machineOf(r.From)
	if !ok {
		return nil, false
	}
	to, ok := sc.machineOf(r.To)
	if !ok {
		return nil, false
	}
	ch := sc.c.sys.ChannelBetween(from.ID, to.ID)
	if ch == nil {
		sc.errorf(r, "there is no channel %s->%s", from.Name, to.Name)
	}
	return ch, ch != nil
}

func (sc *scope) chanState(name string, ch *Channel) value {
	off, link := ch.off, ch.linkOff
	switch name {
	case "len":
		return intValue(span(0, int64(ch.Cap)), func(en *env) int64 { return int64(en.w[off]) })
	case "empty":
		return value{typ{kind: tBool}, func(en *env) int64 { return b2i(en.w[off] == 0) }}
	}
	if !ch.Flaky {
		return value{typ{kind: tBool}, func(*env) int64 { return 0 }}
	}
	return value{typ{kind: tBool}, func(en *env) int64 { return int64(en.w[link]) }}
}

// msgArg resolves an optional message-type argument.
func (sc *scope) msgArg(e *expr.Call, i int) (*MsgType, bool) {
	id, ok := e.Args[i].(*expr.Ident)
	if !ok {
		sc.errorf(e.Args[i], "%s's argument %d must be a message type", e.Fun.Name, i+1)
		return nil, false
	}
	return sc.c.msgNamed(id.Name, sc.text.At(id.Pos()), sc.path)
}

func (c *compiler) msgNamed(name string, pos syntax.Pos, path string) (*MsgType, bool) {
	names := make([]string, len(c.sys.Messages))
	for i, m := range c.sys.Messages {
		if m.Name == name {
			return m, true
		}
		names[i] = m.Name
	}
	c.errs.Add(pos, path, "unknown message type %q%s", name, syntax.Suggest(name, names))
	return nil, false
}

// inflight(a->b, TYPE) counts the messages of TYPE in flight on a->b.
func (sc *scope) inflight(e *expr.Call, ch *Channel) (value, bool) {
	if !sc.arity(e, 2) {
		return value{}, false
	}
	mt, ok := sc.msgArg(e, 1)
	if !ok {
		return value{}, false
	}
	off, width, code := ch.off, sc.c.sys.msgWidth, byte(mt.ID)+1
	return value{typ{kind: tInt, rng: span(0, int64(ch.Cap))}, func(en *env) int64 {
		n, count := int(en.w[off]), int64(0)
		for i := 0; i < n; i++ {
			if en.w[off+1+i*width] == code {
				count++
			}
		}
		return count
	}}, true
}

// delivered(a->b) holds once some message has been delivered on a->b;
// delivered(a->b, TYPE) once a message of TYPE has. These are ghost history
// flags: the compiler adds them to the world only when the spec uses them.
func (sc *scope) delivered(e *expr.Call, ch *Channel) (value, bool) {
	if !sc.arity(e, 1, 2) {
		return value{}, false
	}
	msg := anyMsg
	if len(e.Args) == 2 {
		mt, ok := sc.msgArg(e, 1)
		if !ok {
			return value{}, false
		}
		msg = int(mt.ID)
	}
	for _, g := range sc.c.sys.ghosts {
		if g.ch == ch.ID && g.msg == msg {
			off := g.off
			return value{typ{kind: tBool}, func(en *env) int64 { return int64(en.w[off]) }}, true
		}
	}
	sc.errorf(e, "delivered(...) is only available in the spec's own properties and final condition")
	return value{}, false
}

// ghosts finds every delivered(a->b[, TYPE]) in the properties, the extra
// conditions and the final condition, and reserves a flag for it, in that
// order. Syntax and name errors are left to the conditions' own
// compilation.
func (c *compiler) ghosts() {
	texts := []syntax.Text{}
	for _, p := range c.spec.Properties {
		if p.Expr != nil {
			texts = append(texts, *p.Expr)
		}
	}
	texts = append(texts, c.extra...)
	if c.spec.Final != nil {
		texts = append(texts, *c.spec.Final)
	}
	for _, t := range texts {
		e, err := expr.Parse(t.Src)
		if err != nil {
			continue
		}
		c.walkExpanded(e, func(n expr.Expr) {
			if call, ok := n.(*expr.Call); ok && call.Fun.Name == "delivered" {
				c.ghostFor(call)
			}
		})
	}
}

func (c *compiler) ghostFor(call *expr.Call) {
	if len(call.Args) == 0 {
		return
	}
	r, ok := call.Args[0].(*expr.ChanRef)
	if !ok {
		return
	}
	quiet := &scope{c: &compiler{sys: c.sys, spec: c.spec}, global: true}
	from, ok1 := quiet.machineOf(r.From)
	to, ok2 := quiet.machineOf(r.To)
	if !ok1 || !ok2 {
		return
	}
	ch := c.sys.ChannelBetween(from.ID, to.ID)
	if ch == nil {
		return
	}
	msg := anyMsg
	if len(call.Args) == 2 {
		id, ok := call.Args[1].(*expr.Ident)
		if !ok {
			return
		}
		for _, m := range c.sys.Messages {
			if m.Name == id.Name {
				msg = int(m.ID)
			}
		}
		if msg == anyMsg {
			return
		}
	}
	for _, g := range c.sys.ghosts {
		if g.ch == ch.ID && g.msg == msg {
			return
		}
	}
	c.sys.ghosts = append(c.sys.ghosts, ghost{ch: ch.ID, msg: msg})
}
