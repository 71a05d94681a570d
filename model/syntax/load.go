package syntax

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Parse parses a spec from src. The filename only labels positions. The
// error, if any, is an [ErrorList] holding every problem found in the YAML
// and in the shape of the spec (keys, lists, names, integers); what the
// spec means (states, variables, expressions) is the compiler's to check.
//
// Like go/parser, Parse returns with the errors the spec as far as it
// could be read, so that a compiler can report the independent errors of
// the rest in the same run: a missing states list need not hide an unknown
// variable in a guard. The echoes of the errors are kept out of that spec:
// a machine whose states could not be read has the states its init and
// transitions name, one without init its first state. The spec is nil when
// there is no rest to check: the YAML could not be decoded, or a section
// the rest refers to (params, messages, machines) is missing or unreadable,
// since every use of it would be reported again. A compiler error on a line
// with a syntax error is still an echo, and so is one without a position,
// about a part the loader left out.
func Parse(filename string, src []byte) (*Spec, error) {
	doc, err := decodeYAML(filename, src)
	if err != nil {
		return nil, err
	}
	l := &loader{file: filename}
	if doc == nil || len(doc.Content) == 0 {
		l.errs.Add(Pos{File: filename, Line: 1, Col: 1}, "", "empty spec: expected a mapping with name, machines and channels")
		return nil, l.errs.Err()
	}
	s := l.spec(doc.Content[0])
	if len(l.errs) > 0 {
		return l.partial(s), l.errs.Err()
	}
	return s, nil
}

// loader walks the YAML tree, collecting errors instead of stopping.
type loader struct {
	file string
	errs ErrorList
	// noCheck is set when a section other parts refer to is missing or
	// unreadable; see partial.
	noCheck bool
}

func (l *loader) pos(n *yaml.Node) Pos { return Pos{File: l.file, Line: n.Line, Col: n.Column} }

func (l *loader) errorf(n *yaml.Node, path, format string, args ...any) {
	l.errs.Add(l.pos(n), path, format, args...)
}

// field is one key of a YAML mapping, with the key node for positions.
type field struct {
	key, val *yaml.Node
}

// fields checks that n is a mapping with only the allowed keys, no key
// twice, and returns its entries by key.
func (l *loader) fields(n *yaml.Node, path string, allowed ...string) map[string]field {
	n = deref(n)
	out := map[string]field{}
	if n.Kind != yaml.MappingNode {
		l.errorf(n, path, "expected a mapping with keys %v, found %s", allowed, kindName(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !contains(allowed, k.Value) {
			l.errorf(k, path, "unknown key %q%s; expected one of %v%s", k.Value, Suggest(k.Value, allowed), allowed, flowCommaHint(n, k))
			continue
		}
		if prev, dup := out[k.Value]; dup {
			l.errorf(k, path, "key %q given twice (first at line %d)", k.Value, prev.key.Line)
			continue
		}
		out[k.Value] = field{k, v}
	}
	return out
}

// entries returns the key/value pairs of a mapping in source order,
// rejecting duplicate keys.
func (l *loader) entries(n *yaml.Node, path string) []field {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		l.errorf(n, path, "expected a mapping, found %s", kindName(n))
		return nil
	}
	var out []field
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if line, dup := seen[k.Value]; dup {
			l.errorf(k, path, "%q declared twice (first at line %d)", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		out = append(out, field{k, n.Content[i+1]})
	}
	return out
}

// flowCommaHint explains the usual cause of a strange key in a { } mapping:
// a comma inside a value, such as SYN_ACK(seq = 1, ack = 2), ends the value
// there and starts a new key.
func flowCommaHint(n, k *yaml.Node) string {
	if n.Style&yaml.FlowStyle == 0 || !strings.ContainsAny(k.Value, "=()") {
		return ""
	}
	return `; inside { }, a comma ends a value: quote values that contain commas, e.g. send: "SYN_ACK(seq = 1, ack = 2)"`
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// text returns a scalar node as positioned Text.
func (l *loader) text(n *yaml.Node, path string) Text {
	n = deref(n)
	if n.Kind != yaml.ScalarNode {
		l.errorf(n, path, "expected a single value, found %s", kindName(n))
		return Text{Pos: l.pos(n)}
	}
	t := Text{Src: n.Value, Pos: l.pos(n)}
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		t.Pos.Col++
	case yaml.LiteralStyle, yaml.FoldedStyle:
		t.block = true
	}
	return t
}

// texts accepts a scalar or a list of scalars.
func (l *loader) texts(n *yaml.Node, path string) []Text {
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		return []Text{l.text(n, path)}
	}
	out := make([]Text, 0, len(n.Content))
	for i, c := range n.Content {
		out = append(out, l.text(c, fmt.Sprintf("%s[%d]", path, i)))
	}
	return out
}

func (l *loader) str(n *yaml.Node, path string) string { return l.text(n, path).Src }

func (l *loader) integer(n *yaml.Node, path string) int64 {
	t := l.text(n, path)
	v, err := strconv.ParseInt(t.Src, 10, 64)
	if err != nil && n.Kind == yaml.ScalarNode {
		l.errorf(n, path, "expected an integer, found %q", t.Src)
	}
	return v
}

// ident checks that a name can be used in expressions.
func (l *loader) ident(n *yaml.Node, path, what string) string {
	if !IsIdent(n.Value) {
		l.errorf(n, path, "%s %q is not a valid name: use letters, digits and _, starting with a letter", what, n.Value)
	}
	return n.Value
}

// IsIdent reports whether s can name a state, variable, machine, message
// or property: letters, digits and _, starting with a letter or _, and not
// a keyword of the expression language.
func IsIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return !keywords[s]
}

// keywords cannot name states, variables, machines or messages, because the
// expression language would read them as operators.
var keywords = map[string]bool{
	"and": true, "or": true, "not": true, "implies": true, "in": true,
	"if": true, "then": true, "else": true, "true": true, "false": true,
	"msg": true,
}
