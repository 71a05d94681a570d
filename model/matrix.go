package model

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A spec's matrix says which configurations verify checks it in; a
// configuration is a set of parameter values. It is how one spec states a
// property across fault configurations (loss on or off, reordering on or
// off) or design variants, as TLC runs one specification under several
// models. A matrix is either axes, whose every combination is checked:
//
//	matrix:
//	  LOSS: [0, 1]
//	  REORDER: [0, 1]
//
// or a list of configurations, each checked as written (parameters it does
// not name keep their values):
//
//	matrix:
//	  - { LOSS: 0, REORDER: 0, CAP: 6 }
//	  - { LOSS: 1, REORDER: 1 }
//
// A parameter fixed on the command line (--set LOSS=1) is not varied: the
// axis is dropped, or the configurations that give it another value.

// MatrixSpec is a spec's matrix: axes, or a list of configurations.
type MatrixSpec struct {
	Axes    []*AxisSpec
	Configs [][]*AxisSpec // each entry names one value per parameter
}

// AxisSpec is a parameter and the values the matrix gives it.
type AxisSpec struct {
	Pos    Pos
	Name   string
	Values []int64
}

// Config is one configuration of a spec: the parameter values to compile
// it with, and a label naming the varied ones ("LOSS=0 REORDER=1"), empty
// when nothing varies.
type Config struct {
	Set   map[string]int64
	Label string
}

// maxConfigs bounds a matrix, so that a mistake cannot ask for millions of
// runs.
const maxConfigs = 1024

// Configurations returns the configurations of the spec, each including
// set: for axes, every combination with the last axis varying fastest; for
// a list, its entries that agree with set. Without a matrix it is the
// single configuration set.
func (s *Spec) Configurations(set map[string]int64) ([]Config, error) {
	var errs ErrorList
	var names []string
	for _, p := range s.Params {
		names = append(names, p.Name)
	}
	check := func(ax *AxisSpec, path string) bool {
		if !slices.Contains(names, ax.Name) {
			errs.Add(ax.Pos, path, "no such parameter%s; the matrix varies parameters, and the spec declares %v", suggest(ax.Name, names), names)
			return false
		}
		return true
	}
	out := []Config{{Set: copySet(set)}}
	if s.Matrix == nil {
		return out, nil
	}
	if len(s.Matrix.Configs) > 0 {
		if l := s.listed(set, check); len(l) > 0 {
			out = l // else set names a configuration outside the list
		}
	}
	for _, ax := range s.Matrix.Axes {
		path := "matrix." + ax.Name
		switch _, fixed := set[ax.Name]; {
		case !check(ax, path) || fixed:
			continue
		case len(out)*len(ax.Values) > maxConfigs:
			errs.Add(ax.Pos, path, "the matrix has more than %d configurations", maxConfigs)
			return nil, errs.Err()
		}
		out = product(out, ax)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// listed returns the configurations of a list matrix that agree with set.
func (s *Spec) listed(set map[string]int64, check func(*AxisSpec, string) bool) []Config {
	var out []Config
	for i, entry := range s.Matrix.Configs {
		c := Config{Set: copySet(set)}
		var label []string
		agrees := true
		for _, ax := range entry {
			if !check(ax, fmt.Sprintf("matrix[%d].%s", i, ax.Name)) {
				continue
			}
			v := ax.Values[0]
			if x, fixed := set[ax.Name]; fixed && x != v {
				agrees = false
			}
			c.Set[ax.Name] = v
			label = append(label, fmt.Sprintf("%s=%d", ax.Name, v))
		}
		if agrees {
			c.Label = strings.Join(label, " ")
			out = append(out, c)
		}
	}
	return out
}

// product extends each configuration by each value of ax.
func product(cs []Config, ax *AxisSpec) []Config {
	var out []Config
	for _, c := range cs {
		for _, v := range ax.Values {
			n := Config{Set: copySet(c.Set), Label: strings.TrimSpace(fmt.Sprintf("%s %s=%d", c.Label, ax.Name, v))}
			n.Set[ax.Name] = v
			out = append(out, n)
		}
	}
	return out
}

func copySet(set map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(set))
	for k, v := range set {
		out[k] = v
	}
	return out
}

// matrix reads the matrix key: a mapping from parameter names to lists of
// integers, or a list of mappings from parameter names to integers.
func (l *loader) matrix(n *yaml.Node) *MatrixSpec {
	n = deref(n)
	m := &MatrixSpec{}
	if n.Kind != yaml.SequenceNode {
		for _, e := range l.entries(n, "matrix") {
			if ax := l.axis(e, "matrix."+e.key.Value); ax != nil {
				m.Axes = append(m.Axes, ax)
			}
		}
		return m
	}
	if len(n.Content) > maxConfigs {
		l.errorf(n, "matrix", "the matrix has more than %d configurations", maxConfigs)
		return m
	}
	for i, c := range n.Content {
		var entry []*AxisSpec
		for _, e := range l.entries(c, fmt.Sprintf("matrix[%d]", i)) {
			path := fmt.Sprintf("matrix[%d].%s", i, e.key.Value)
			entry = append(entry, &AxisSpec{Pos: l.pos(e.key), Name: l.ident(e.key, path, "parameter"), Values: []int64{l.integer(e.val, path)}})
		}
		m.Configs = append(m.Configs, entry)
	}
	return m
}

// axis reads one axis: a parameter and a list of distinct integers.
func (l *loader) axis(e field, path string) *AxisSpec {
	ax := &AxisSpec{Pos: l.pos(e.key), Name: l.ident(e.key, path, "parameter")}
	v := deref(e.val)
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		l.errorf(v, path, "expected a list of values, such as [0, 1], found %s", kindName(v))
		return nil
	}
	seen := map[int64]bool{}
	for _, x := range v.Content {
		i := l.integer(x, path)
		if seen[i] {
			l.errorf(x, path, "value %d listed twice", i)
		}
		seen[i] = true
		ax.Values = append(ax.Values, i)
	}
	return ax
}
