package properties

import (
	"fmt"
	"strings"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/expr"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// Kind is what a property claims.
type Kind uint8

// The kinds of property, numbered from 1 in the order of
// syntax.PropertyKinds, which names them.
const (
	_                Kind = iota
	Invariant             // holds in every reachable world
	Reachable             // holds in some reachable world
	DeadlockFree          // every reachable world has a successor or is final
	Eventually            // every fair run visits the condition (liveness.go)
	LeadsTo               // every fair run visiting P visits Q then or later
	AlwaysEventually      // every fair run visits the condition infinitely often
)

// kindNames are the spec keywords of the kinds, indexed by Kind.
var kindNames = append([]string{""}, syntax.PropertyKinds()...)

// String returns the spec keyword of k.
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "?"
}

// Verdict is the outcome of checking a property. The zero value is invalid.
type Verdict uint8

// The verdicts.
const (
	_        Verdict = iota
	Holds            // the property is true of the system
	Violated         // it is false, and the result carries a trace showing it
	Unknown          // the search stopped at a limit before deciding
)

var verdictNames = [...]string{Holds: "holds", Violated: "violated", Unknown: "unknown"}

// String returns the verdict as the spec's expect key writes it.
func (v Verdict) String() string {
	if int(v) < len(verdictNames) && verdictNames[v] != "" {
		return verdictNames[v]
	}
	return "?"
}

// Property is a compiled property of a spec.
type Property struct {
	Name   string
	Doc    string
	Kind   Kind
	Src    string  // the condition as written, or "" for deadlock_free
	Expect Verdict // Holds or Violated
	Pos    syntax.Pos

	// About names the transitions the property is about (its about key),
	// for sensitivity analysis.
	About []TransitionRef

	cond *model.Cond
	epi  setExpr // set when the condition uses knowledge operators
	live *liveSpec
	skel setExpr // an invariant's condition split at every connective (vacuity.go)
}

// Compile compiles the properties written in sys's spec. The error is a
// syntax.ErrorList holding every problem.
func Compile(sys *model.System) ([]*Property, error) {
	var errs syntax.ErrorList
	var out []*Property
	seen := map[string]syntax.Pos{}
	for _, ps := range sys.Properties {
		if prev, dup := seen[ps.Name]; dup && ps.Name != "" {
			errs.Add(ps.Pos, ps.Path, "property %s declared twice (first at %s)", ps.Name, prev)
			continue
		}
		seen[ps.Name] = ps.Pos
		if p := compileOne(sys, ps, &errs); p != nil {
			out = append(out, p)
		}
	}
	return out, errs.Err()
}

// expectation reads a property's expect key: holds or violated, optionally
// followed by "if COND", a condition over the parameters; where COND is
// false the other verdict is expected. So one spec states what each of its
// configurations (--set, matrix) should show: violated if LOSS == 1.
func expectation(sys *model.System, ps *syntax.PropertySpec, errs *syntax.ErrorList) Verdict {
	src := ps.Expect.Src
	word, cond, conditional := strings.Cut(src, " if ")
	v := Holds
	switch strings.TrimSpace(word) {
	case "", "holds":
	case "violated":
		v = Violated
	default:
		errs.Add(ps.Expect.Pos, ps.Path+".expect", "expected holds or violated, optionally followed by if and a condition over the parameters, found %q", src)
		return v
	}
	if !conditional {
		return v
	}
	t := syntax.Text{Src: cond, Pos: ps.Expect.At(len(word) + len(" if "))}
	on, err := sys.ParamCond(t, ps.Path+".expect")
	if err != nil {
		*errs = append(*errs, err.(syntax.ErrorList)...)
		return v
	}
	switch {
	case on:
		return v
	case v == Holds:
		return Violated
	}
	return Holds
}

// A TransitionRef names a transition of a machine: by the machine's name
// in the spec (its group, for a machine declared with count) and the
// transition's name.
type TransitionRef struct {
	Machine, Transition string
}

// about resolves a property's about key: each entry is a transition name,
// or machine.name where several machines have one of that name.
func about(sys *model.System, ps *syntax.PropertySpec, errs *syntax.ErrorList) []TransitionRef {
	var out []TransitionRef
	for i, t := range ps.About {
		machine, name, qualified := strings.Cut(t.Src, ".")
		if !qualified {
			machine, name = "", t.Src
		}
		var found []TransitionRef
		var names []string
		seen := map[TransitionRef]bool{}
		for _, m := range sys.Machines {
			for _, tr := range m.Transitions {
				names = append(names, tr.Name, m.Group+"."+tr.Name)
				ref := TransitionRef{m.Group, tr.Name}
				if tr.Name == name && (machine == "" || machine == m.Group) && !seen[ref] {
					seen[ref] = true
					found = append(found, ref)
				}
			}
		}
		if len(found) == 0 {
			errs.Add(t.Pos, fmt.Sprintf("%s.about[%d]", ps.Path, i), "no transition %q%s", t.Src, syntax.Suggest(t.Src, names))
		}
		out = append(out, found...)
	}
	return out
}

func compileOne(sys *model.System, ps *syntax.PropertySpec, errs *syntax.ErrorList) *Property {
	p := &Property{Name: ps.Name, Doc: ps.Doc, Pos: ps.Pos, Expect: expectation(sys, ps, errs), About: about(sys, ps, errs)}
	for k, name := range kindNames {
		if name != "" && name == ps.Kind.Src {
			p.Kind = Kind(k)
		}
	}
	if p.Kind.IsLiveness() || ps.Fairness.Src != "" {
		return compileLive(sys, ps, p, errs)
	}
	if p.Kind == DeadlockFree {
		if ps.Expr.Src != "true" {
			errs.Add(ps.Expr.Pos, ps.Path+".deadlock_free", "write deadlock_free: true (which worlds may stop is said by the spec's final condition)")
		}
		return p
	}
	p.Src = ps.Expr.Src
	path := fmt.Sprintf("%s.%s", ps.Path, ps.Kind.Src)
	e, err := expr.Parse(ps.Expr.Src)
	if err != nil {
		if pe, ok := err.(*expr.Error); ok {
			errs.Add(ps.Expr.At(pe.Offset), path, "%s (expected a condition)", pe.Msg)
		}
		return nil
	}
	if p.Kind == Invariant {
		p.skel = compileSkeleton(sys, e, *ps.Expr, path)
	}
	if hasKnowledge(e) {
		p.epi = compileKnowledge(sys, e, *ps.Expr, path, errs)
		if p.epi == nil {
			return nil
		}
		return p
	}
	cond, err := sys.CompileExpr(e, *ps.Expr, path)
	if err != nil {
		*errs = append(*errs, err.(syntax.ErrorList)...)
		return nil
	}
	p.cond = cond
	return p
}
