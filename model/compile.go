package model

import (
	"sort"

	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// Compile checks a spec and gives it meaning: names are resolved, domains
// evaluated, expressions compiled to closures and the world layout fixed.
// set overrides parameters by name (TLC's constants), for example from
// `tcpcheck verify --set SEQ=4`. The error, if any, is a [syntax.ErrorList] with
// every problem found.
//
// extra are the conditions besides the spec's properties and final
// condition that the caller will compile against the System (with
// [System.CompileText] or [System.CompileExpr]), such as the fact and the
// condition of `tcpcheck knowledge`: the history they read (delivered) is
// kept in the world only for the conditions Compile is told of. Compile
// does not check them; errors in them are reported when they are compiled.
func Compile(spec *syntax.Spec, set map[string]int64, extra ...syntax.Text) (*System, error) {
	c := &compiler{spec: spec, extra: extra, sys: &System{Name: spec.Name, Doc: spec.Doc, File: spec.Pos.File, Properties: spec.Properties, spec: spec}}
	c.params(set)
	c.instances()
	c.messages()
	c.machines()
	c.channels()
	c.ghosts()
	c.layout()
	c.transitions()
	c.fairness()
	c.final()
	if err := c.errs.Err(); err != nil {
		return nil, err
	}
	return c.sys, nil
}

type compiler struct {
	spec *syntax.Spec
	// extra are the conditions other than the spec's that will be compiled
	// against the system, for the history flags they read (see ghosts).
	extra []syntax.Text
	sys   *System
	errs  syntax.ErrorList
	// machSpecs and chanSpecs are the spec's machines and channels with
	// every group expanded into its instances (see instances.go).
	machSpecs []*syntax.MachineSpec
	chanSpecs []*syntax.ChannelSpec
	inst      map[*syntax.MachineSpec]instance
	unrolled  int // copies of quantifier bodies made so far
}

func (c *compiler) params(set map[string]int64) {
	seen := map[string]bool{}
	var names []string
	for _, p := range c.spec.Params {
		if seen[p.Name] {
			c.errs.Add(p.Pos, "params."+p.Name, "parameter declared twice")
			continue
		}
		seen[p.Name] = true
		names = append(names, p.Name)
		v := p.Value
		if x, ok := set[p.Name]; ok {
			v = x
		}
		c.sys.Params = append(c.sys.Params, Param{Name: p.Name, Value: v})
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !seen[k] {
			c.errs.Add(syntax.Pos{File: c.spec.Pos.File}, "params", "--set %s: no such parameter%s; the spec declares %v", k, syntax.Suggest(k, names), names)
		}
	}
}

func (c *compiler) messages() {
	seen := map[string]bool{}
	for _, ms := range c.spec.Messages {
		if seen[ms.Name] {
			c.errs.Add(ms.Pos, "messages."+ms.Name, "message type declared twice")
			continue
		}
		seen[ms.Name] = true
		if len(c.sys.Messages) == 255 {
			c.errs.Add(ms.Pos, "messages", "too many message types (at most 255)")
			return
		}
		mt := &MsgType{ID: MsgID(len(c.sys.Messages)), Name: ms.Name}
		for _, fs := range ms.Fields {
			lo, hi := c.domain(fs.Domain, "messages."+ms.Name+"."+fs.Name)
			mt.Fields = append(mt.Fields, &Field{Name: fs.Name, Lo: lo, Hi: hi})
		}
		c.sys.Messages = append(c.sys.Messages, mt)
		c.sys.maxFields = max(c.sys.maxFields, len(mt.Fields))
	}
}

// domain evaluates "lo..hi" over the parameters. Every value must fit in one
// byte of the world, so a domain has at most 256 values.
func (c *compiler) domain(t syntax.Text, path string) (lo, hi int64) {
	r, err := expr.ParseRange(t.Src)
	if err != nil {
		c.exprError(t, path, err, "a domain lo..hi, e.g. 0..SEQ-1")
		return 0, 0
	}
	lo, ok1 := c.constant(t, path, r.Lo)
	hi, ok2 := c.constant(t, path, r.Hi)
	switch {
	case !ok1 || !ok2:
		return 0, 0
	case lo > hi:
		c.errs.Add(t.Pos, path, "empty domain %d..%d", lo, hi)
		return 0, 0
	case hi-lo > 255:
		c.errs.Add(t.Pos, path, "domain %d..%d has %d values; at most 256 fit in a world slot", lo, hi, hi-lo+1)
		return lo, lo + 255
	}
	return lo, hi
}

// constant evaluates an integer expression that may use only parameters.
func (c *compiler) constant(t syntax.Text, path string, e expr.Expr) (int64, bool) {
	sc := &scope{c: c, text: t, path: path}
	v, ok := sc.intExpr(e)
	if !ok {
		return 0, false
	}
	en := &env{}
	x := v(en)
	if en.err != nil {
		c.errs.Add(t.At(e.Pos()), path, "%v", en.err)
		return 0, false
	}
	return x, true
}

// exprError reports a syntax error inside a scalar at its exact column.
func (c *compiler) exprError(t syntax.Text, path string, err error, want string) {
	if pe, ok := err.(*expr.Error); ok {
		c.errs.Add(t.At(pe.Offset), path, "%s (expected %s)", pe.Msg, want)
		return
	}
	c.errs.Add(t.Pos, path, "%v (expected %s)", err, want)
}

func (c *compiler) machines() {
	seen := map[string]bool{}
	for _, ms := range c.machSpecs {
		path := "machines." + ms.Name
		if seen[ms.Name] {
			c.errs.Add(ms.Pos, path, "machine declared twice")
			continue
		}
		seen[ms.Name] = true
		m := &Machine{ID: MachineID(len(c.sys.Machines)), Name: ms.Name, Doc: ms.Doc, Pos: ms.Pos, Discard: true}
		c.states(m, ms, path)
		c.vars(m, ms, path)
		switch ms.Unmatched.Src {
		case "", "discard":
		case "block":
			m.Discard = false
		default:
			c.errs.Add(ms.Unmatched.Pos, path+".unmatched", "expected discard or block, found %q", ms.Unmatched.Src)
		}
		c.joinGroup(m, ms)
		c.sys.Machines = append(c.sys.Machines, m)
	}
	if len(c.spec.Machines) == 0 {
		c.errs.Add(c.spec.Pos, "machines", "a spec needs at least one machine")
	}
	if len(c.sys.Machines) > 255 {
		c.errs.Add(c.spec.Pos, "machines", "too many machines (at most 255)")
	}
}

func (c *compiler) states(m *Machine, ms *syntax.MachineSpec, path string) {
	seen := map[string]bool{}
	for _, t := range ms.States {
		switch {
		case !syntax.IsIdent(t.Src):
			c.errs.Add(t.Pos, path+".states", "state %q is not a valid name: use letters, digits and _", t.Src)
		case seen[t.Src]:
			c.errs.Add(t.Pos, path+".states", "state %s listed twice", t.Src)
		default:
			seen[t.Src] = true
			m.States = append(m.States, t.Src)
		}
	}
	if len(m.States) > 255 {
		c.errs.Add(ms.Pos, path+".states", "too many states (at most 255)")
	}
	if id, ok := c.state(m, ms.Init, path+".init"); ok {
		m.Init = id
	}
}

// state resolves a state name of m, with a suggestion when it is unknown.
func (c *compiler) state(m *Machine, t syntax.Text, path string) (StateID, bool) {
	for i, s := range m.States {
		if s == t.Src {
			return StateID(i), true
		}
	}
	c.errs.Add(t.Pos, path, "unknown state %q of machine %s%s", t.Src, m.Name, syntax.Suggest(t.Src, m.States))
	return 0, false
}

func (c *compiler) vars(m *Machine, ms *syntax.MachineSpec, path string) {
	seen := map[string]bool{}
	for _, vs := range ms.Vars {
		vp := path + ".vars." + vs.Name
		if seen[vs.Name] {
			c.errs.Add(vs.Pos, vp, "variable declared twice")
			continue
		}
		seen[vs.Name] = true
		v := &Var{Name: vs.Name, Pos: vs.Pos}
		switch {
		case vs.Enum != nil:
			v.Kind, v.Hi = VarEnum, int64(len(vs.Enum))-1
			for _, e := range vs.Enum {
				if !syntax.IsIdent(e.Src) {
					c.errs.Add(e.Pos, vp, "enum value %q is not a valid name", e.Src)
				}
				v.Enum = append(v.Enum, e.Src)
			}
		case vs.Domain.Src == "bool":
			v.Kind, v.Hi = VarBool, 1
		default:
			v.Kind = VarInt
			v.Lo, v.Hi = c.domain(vs.Domain, vp)
		}
		v.Init = v.Lo
		if vs.Init != nil {
			v.Init = c.initValue(v, *vs.Init, vp+".init")
		}
		m.Vars = append(m.Vars, v)
	}
}

func (c *compiler) initValue(v *Var, t syntax.Text, path string) int64 {
	e, err := expr.Parse(t.Src)
	if err != nil {
		c.exprError(t, path, err, "an initial value")
		return v.Lo
	}
	sc := &scope{c: c, text: t, path: path}
	f, ok := sc.valueFor(v, e)
	if !ok {
		return v.Lo
	}
	en := &env{}
	x := f(en)
	if x < v.Lo || x > v.Hi {
		c.errs.Add(t.Pos, path, "initial value %s is outside the domain of %s", v.Format(x), v.Name)
		return v.Lo
	}
	return x
}

func (c *compiler) machineNames() []string {
	out := make([]string, len(c.sys.Machines))
	for i, m := range c.sys.Machines {
		out[i] = m.Name
	}
	return out
}

// machineRef resolves a machine name written in the spec.
func (c *compiler) machineRef(t syntax.Text, path string) (*Machine, bool) {
	if m := c.sys.Machine(t.Src); m != nil {
		return m, true
	}
	c.errs.Add(t.Pos, path, "unknown machine %q%s", t.Src, syntax.Suggest(t.Src, c.machineNames()))
	return nil, false
}

func (c *compiler) channels() {
	for _, cs := range c.chanSpecs {
		from, ok1 := c.machineRef(cs.From, cs.Path+".from")
		to, ok2 := c.machineRef(cs.To, cs.Path+".to")
		if !ok1 || !ok2 {
			continue
		}
		if prev := c.sys.ChannelBetween(from.ID, to.ID); prev != nil {
			c.errs.Add(cs.Pos, cs.Path, "a second channel %s->%s (the first is at %s); one channel per direction", from.Name, to.Name, prev.Pos)
			continue
		}
		ch := &Channel{ID: ChannelID(len(c.sys.Channels)), Name: from.Name + "->" + to.Name, From: from.ID, To: to.ID,
			Cap: cs.Capacity, Dup: cs.Dup, Reorder: cs.Reorder, Flaky: cs.Flaky, Pos: cs.Pos}
		if cs.Capacity < 1 || cs.Capacity > 64 {
			c.errs.Add(cs.CapPos, cs.Path+".capacity", "capacity %d out of range: expected 1..64", cs.Capacity)
		}
		c.lossAndFull(ch, cs)
		to.in = append(to.in, ch.ID)
		c.sys.Channels = append(c.sys.Channels, ch)
	}
}

func (c *compiler) lossAndFull(ch *Channel, cs *syntax.ChannelSpec) {
	switch cs.Loss.Src {
	case "", "false", "no", "none":
	case "true", "yes", "any":
		ch.Loss = LossAny
	case "head":
		ch.Loss = LossHead
	default:
		c.errs.Add(cs.Loss.Pos, cs.Path+".loss", "expected true (any message may be lost), head (only the oldest) or false, found %q", cs.Loss.Src)
	}
	switch cs.Full.Src {
	case "", "block":
	case "drop":
		ch.DropFull = true
	default:
		c.errs.Add(cs.Full.Pos, cs.Path+".full", "expected block (a send into a full channel waits) or drop (it is lost), found %q", cs.Full.Src)
	}
}

// layout assigns every machine, variable, channel and ghost flag its bytes.
func (c *compiler) layout() {
	s := c.sys
	s.msgWidth = 1 + s.maxFields
	off := 0
	for _, m := range s.Machines {
		m.off = off
		off++
		for _, v := range m.Vars {
			v.off = off
			off++
		}
	}
	for _, ch := range s.Channels {
		ch.off = off
		off += 1 + ch.Cap*s.msgWidth
		if ch.Flaky {
			ch.linkOff = off
			off++
		}
	}
	for i := range s.ghosts {
		s.ghosts[i].off = off
		off++
	}
	s.width = off
}

func (c *compiler) final() {
	if c.spec.Final == nil {
		return
	}
	f, err := c.sys.CompileText(*c.spec.Final, "final")
	if err != nil {
		c.errs = append(c.errs, err.(syntax.ErrorList)...)
		return
	}
	c.sys.Final = f
}
