package syntax

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
// it with, and a label naming every value that does not come from the
// spec's params ("LOSS=0 REORDER=1 ISNS=2"): those the matrix gives, in its
// order, then those fixed on the command line (--set), in the order the
// spec declares them. It is empty when the spec is checked as written.
type Config struct {
	Set   map[string]int64
	Label string
	names []string // the parameters the matrix gives, in its order
}

// maxConfigs bounds a matrix, so that a mistake cannot ask for millions of
// runs.
const maxConfigs = 1024

// Configurations returns the configurations of the spec, each including
// set: for axes, every combination with the last axis varying fastest; for
// a list, its entries that agree with set. Without a matrix it is the
// single configuration set. A configuration that gives every parameter the
// same value as an earlier one (a list entry that --set makes equal to
// another, or one that spells out a default) is left out: each distinct
// configuration is checked once.
func (s *Spec) Configurations(set map[string]int64) ([]Config, error) {
	var errs ErrorList
	var names []string
	for _, p := range s.Params {
		names = append(names, p.Name)
	}
	check := func(ax *AxisSpec, path string) bool {
		if !slices.Contains(names, ax.Name) {
			errs.Add(ax.Pos, path, "no such parameter%s; the matrix varies parameters, and the spec declares %v", Suggest(ax.Name, names), names)
			return false
		}
		return true
	}
	out := []Config{{Set: copySet(set)}}
	if s.Matrix != nil && len(s.Matrix.Configs) > 0 {
		if l := s.listed(set, check); len(l) > 0 {
			out = l // else set names a configuration outside the list
		}
	}
	for _, ax := range s.axes() {
		path := "matrix." + ax.Name
		switch _, fixed := set[ax.Name]; {
		case !check(ax, path):
			continue
		case fixed:
			for i := range out {
				out[i].names = append(out[i].names, ax.Name)
			}
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
	out = s.distinct(out)
	for i := range out {
		out[i].Label = s.label(out[i])
	}
	return out, nil
}

// axes returns the axes of the spec's matrix, if it has any.
func (s *Spec) axes() []*AxisSpec {
	if s.Matrix == nil {
		return nil
	}
	return s.Matrix.Axes
}

// listed returns the configurations of a list matrix that agree with set.
func (s *Spec) listed(set map[string]int64, check func(*AxisSpec, string) bool) []Config {
	var out []Config
	for i, entry := range s.Matrix.Configs {
		c := Config{Set: copySet(set)}
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
			c.names = append(c.names, ax.Name)
		}
		if agrees {
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
			n := Config{Set: copySet(c.Set), names: append(slices.Clip(c.names), ax.Name)}
			n.Set[ax.Name] = v
			out = append(out, n)
		}
	}
	return out
}

// distinct drops each configuration that gives every parameter the value
// an earlier one gives it, counting the spec's defaults.
func (s *Spec) distinct(cs []Config) []Config {
	seen := map[string]bool{}
	var out []Config
	for _, c := range cs {
		k := s.key(c.Set)
		if !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

// key writes the complete parameter values of set, the spec's defaults
// overridden by set, in a canonical order (names the spec does not
// declare, which Compile rejects, sorted at the end).
func (s *Spec) key(set map[string]int64) string {
	var b strings.Builder
	declared := map[string]bool{}
	for _, p := range s.Params {
		declared[p.Name] = true
		v, ok := set[p.Name]
		if !ok {
			v = p.Value
		}
		fmt.Fprintf(&b, "%s=%d ", p.Name, v)
	}
	for _, k := range sortedKeys(set) {
		if !declared[k] {
			fmt.Fprintf(&b, "%s=%d ", k, set[k])
		}
	}
	return b.String()
}

// label names c's values: the matrix's parameters in its order, then the
// others c sets (from the command line) in the order the spec declares
// them, then any it does not declare, sorted.
func (s *Spec) label(c Config) string {
	order := slices.Clone(c.names)
	for _, p := range s.Params {
		order = append(order, p.Name)
	}
	order = append(order, sortedKeys(c.Set)...)
	var parts []string
	done := map[string]bool{}
	for _, n := range order {
		if v, ok := c.Set[n]; ok && !done[n] {
			done[n] = true
			parts = append(parts, fmt.Sprintf("%s=%d", n, v))
		}
	}
	return strings.Join(parts, " ")
}

func sortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
