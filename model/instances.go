package model

import (
	"fmt"
	"slices"

	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// Instances. A machine declared with count: K stands for K identical
// machines, its instances, named client[0] to client[K-1]. Each has its own
// control state, variables and channels in the world, and the same
// transitions; inside them the name self is the instance's index. A channel
// whose ends are groups connects their instances:
//
//   - index-wise when both ends have K instances (client[i]->server[i]);
//   - every instance to the one machine at the other end, or the reverse,
//     when one end is a single machine (or one instance, as in client[0]).
//
// In a transition, "recv ... from client" and "send ... to server" name
// groups: they mean the channels of this instance to and from that group.
// Properties name instances (client[1] in ESTABLISHED, client[1].snd,
// len(client[1]->server[1])) and quantify over their indexes (all i: ...,
// some i: ...); see compile_instances.go.

// Group is a machine as the spec declares it: with a count, the group of its
// instances; without, the group of the one machine of that name.
type Group struct {
	Name     string
	Count    int         // the declared count, or 0 for a machine without one
	Machines []MachineID // the instances, in index order
}

// maxCount bounds the instances of one group (a world holds at most 255
// machines).
const maxCount = 255

// instance says which group an expanded machine spec belongs to.
type instance struct {
	group *Group
	index int // -1 for a machine without count
}

// Groups returns the machines as the spec declares them, in spec order.
func (s *System) Groups() []*Group { return s.groups }

// Group returns the group called name, or nil.
func (s *System) Group(name string) *Group {
	for _, g := range s.groups {
		if g.Name == name {
			return g
		}
	}
	return nil
}

// InstanceName returns the name of instance i of group g: g[i].
func InstanceName(g string, i int) string { return fmt.Sprintf("%s[%d]", g, i) }

// instances expands every group into its instances, and evaluates the
// channel keys written over the parameters, filling c.machSpecs and
// c.chanSpecs. A spec without counts and expressions keeps its own specs.
func (c *compiler) instances() {
	c.inst = map[*syntax.MachineSpec]instance{}
	for _, ms := range c.spec.Machines {
		g := &Group{Name: ms.Name}
		if c.sys.Group(ms.Name) == nil {
			c.sys.groups = append(c.sys.groups, g)
		}
		if ms.Count == nil {
			c.machSpecs = append(c.machSpecs, ms)
			c.inst[ms] = instance{group: g, index: -1}
			continue
		}
		g.Count = c.count(ms)
		for i := range g.Count {
			cp := *ms
			cp.Name = InstanceName(ms.Name, i)
			c.machSpecs = append(c.machSpecs, &cp)
			c.inst[&cp] = instance{group: g, index: i}
		}
	}
	for _, cs := range c.spec.Channels {
		c.channelInstances(cs)
	}
}

// count evaluates a machine's count: an integer expression over the
// parameters, from 1 to maxCount. An invalid count counts as 1, so that
// the rest of the spec is still checked.
func (c *compiler) count(ms *syntax.MachineSpec) int {
	path := "machines." + ms.Name + ".count"
	k, ok := c.paramExpr(*ms.Count, path)
	switch {
	case !ok:
		return 1
	case k < 1 || k > maxCount:
		c.errs.Add(ms.Count.Pos, path, "count %d out of range: expected 1..%d", k, maxCount)
		return 1
	}
	return int(k)
}

// paramExpr parses and evaluates an integer expression over the parameters.
func (c *compiler) paramExpr(t syntax.Text, path string) (int64, bool) {
	e, err := expr.Parse(t.Src)
	if err != nil {
		c.exprError(t, path, err, "an integer expression over the parameters")
		return 0, false
	}
	return c.constant(t, path, e)
}

// joinGroup records that m, compiled from ms, is an instance of its group.
func (c *compiler) joinGroup(m *Machine, ms *syntax.MachineSpec) {
	in, ok := c.inst[ms]
	if !ok {
		m.Group, m.Instance = m.Name, -1
		return
	}
	m.Group, m.Instance = in.group.Name, in.index
	in.group.Machines = append(in.group.Machines, m.ID)
}

// channelInstances expands one channel of the spec into the channels
// between instances, and evaluates its capacity and dup expressions.
func (c *compiler) channelInstances(cs *syntax.ChannelSpec) {
	cp := *cs
	if cs.CapExpr != nil {
		if k, ok := c.paramExpr(*cs.CapExpr, cs.Path+".capacity"); ok {
			cp.Capacity = int(max(min(k, 1<<20), -1))
		}
	}
	c.faultConds(&cp)
	from, ok1 := c.endpoint(cs.From, cs.Path+".from")
	to, ok2 := c.endpoint(cs.To, cs.Path+".to")
	if !ok1 || !ok2 {
		return
	}
	if len(from) == 1 && len(to) == 1 && from[0] == cs.From.Src && to[0] == cs.To.Src && cs.CapExpr == nil && cs.Conds == nil {
		c.chanSpecs = append(c.chanSpecs, cs)
		return
	}
	n := max(len(from), len(to))
	if len(from) != len(to) && len(from) != 1 && len(to) != 1 {
		c.errs.Add(cs.Pos, cs.Path, "%s has %d instances and %s has %d: a channel between two groups connects them index-wise, so their counts must be equal",
			cs.From.Src, len(from), cs.To.Src, len(to))
		return
	}
	for i := range n {
		x := cp
		x.From = syntax.Text{Src: from[min(i, len(from)-1)], Pos: cs.From.Pos}
		x.To = syntax.Text{Src: to[min(i, len(to)-1)], Pos: cs.To.Pos}
		c.chanSpecs = append(c.chanSpecs, &x)
	}
}

// faultConds evaluates the fault keys of cs written as conditions over the
// parameters.
func (c *compiler) faultConds(cs *syntax.ChannelSpec) {
	for _, key := range []string{"loss", "dup", "reorder", "flaky", "fair"} {
		t, ok := cs.Conds[key]
		if !ok {
			continue
		}
		on := c.paramCond(t, cs.Path+"."+key)
		switch key {
		case "loss":
			cs.Loss = syntax.Text{Src: "false", Pos: t.Pos}
			if on {
				cs.Loss.Src = "true"
			}
		case "dup":
			cs.Dup = on
		case "reorder":
			cs.Reorder = on
		case "flaky":
			cs.Flaky = on
		case "fair":
			cs.Fair = on
		}
	}
}

// paramCond evaluates a condition over the parameters.
func (c *compiler) paramCond(t syntax.Text, path string) bool {
	on, err := c.sys.ParamCond(t, path)
	if err != nil {
		c.errs = append(c.errs, err.(syntax.ErrorList)...)
	}
	return on
}

// ParamCond evaluates t, a condition over the spec's parameters (with the
// values Compile was given), such as LOSS == 1. It is how a spec's keys
// and expectations depend on its parameters. The error is a [syntax.ErrorList].
func (s *System) ParamCond(t syntax.Text, path string) (bool, error) {
	c := &compiler{sys: s, spec: s.spec}
	e, err := expr.Parse(t.Src)
	if err != nil {
		c.exprError(t, path, err, "true, false or a condition over the parameters")
		return false, c.errs.Err()
	}
	if id, ok := e.(*expr.Ident); ok && !slices.Contains(s.paramNames(), id.Name) {
		c.errs.Add(t.Pos, path, "expected true, false or a condition over the parameters, found %q%s", t.Src, syntax.Suggest(id.Name, s.paramNames()))
		return false, c.errs.Err()
	}
	sc := &scope{c: c, text: t, path: path}
	f, ok := sc.boolExpr(e)
	if !ok {
		return false, c.errs.Err()
	}
	return f(&env{}) != 0, nil
}

func (s *System) paramNames() []string {
	out := make([]string, len(s.Params))
	for i, p := range s.Params {
		out[i] = p.Name
	}
	return out
}

// endpoint resolves one end of a channel as written: a machine (all its
// instances, if it has a count) or one instance, client[0]. It returns the
// names of the machines.
func (c *compiler) endpoint(t syntax.Text, path string) ([]string, bool) {
	e, err := expr.Parse(t.Src)
	if err != nil {
		c.exprError(t, path, err, "a machine, or an instance such as client[0]")
		return nil, false
	}
	var id *expr.Ident
	switch x := e.(type) {
	case *expr.Ident:
		id = x
	case *expr.Index:
		id = x.X
	default:
		c.errs.Add(t.Pos, path, "expected a machine, or an instance such as client[0], found %q", t.Src)
		return nil, false
	}
	g := c.sys.Group(id.Name)
	if g == nil {
		c.errs.Add(t.At(id.Pos()), path, "unknown machine %q%s", id.Name, syntax.Suggest(id.Name, c.groupNames()))
		return nil, false
	}
	x, indexed := e.(*expr.Index)
	switch {
	case !indexed && g.Count == 0:
		return []string{g.Name}, true
	case !indexed:
		out := make([]string, g.Count)
		for i := range out {
			out[i] = InstanceName(g.Name, i)
		}
		return out, true
	}
	sc := &scope{c: c, text: t, path: path}
	i, ok := sc.instanceIndex(g, x)
	return []string{InstanceName(g.Name, i)}, ok
}

func (c *compiler) groupNames() []string {
	out := make([]string, len(c.sys.groups))
	for i, g := range c.sys.groups {
		out[i] = g.Name
	}
	return out
}
