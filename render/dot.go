package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
)

// attr is one DOT attribute. Attribute lists are written sorted by key, so
// the DOT text does not depend on the order the code sets them in.
type attr struct{ key, value string }

// attrs is a DOT attribute list under construction.
type attrs []attr

// set adds or replaces key.
func (a attrs) set(key, value string) attrs {
	for i := range a {
		if a[i].key == key {
			a[i].value = value
			return a
		}
	}
	return append(a, attr{key, value})
}

// String writes a as [k1="v1", k2="v2"], sorted by key, or "" when empty.
func (a attrs) String() string {
	if len(a) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(" [")
	for i, x := range sortedAttrs(a) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(x.key)
		b.WriteByte('=')
		b.WriteString(quote(x.value))
	}
	b.WriteByte(']')
	return b.String()
}

// quote writes s as a DOT double-quoted string. Newlines become \n (centred
// lines); a label that wants left-justified lines passes "\l" through
// unchanged, which is why backslashes other than those before l, n and r are
// escaped.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\\':
			if i+1 < len(s) && strings.IndexByte("lnr", s[i+1]) >= 0 {
				b.WriteByte('\\')
			} else {
				b.WriteString(`\\`)
			}
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotWriter builds a DOT graph as text. Its output depends only on the order
// of the calls, never on map iteration or addresses.
type dotWriter struct {
	b      strings.Builder
	indent int
}

func (d *dotWriter) line(format string, args ...any) {
	for range d.indent {
		d.b.WriteString("  ")
	}
	fmt.Fprintf(&d.b, format, args...)
	d.b.WriteByte('\n')
}

// open starts a graph or subgraph: head is "digraph G" or "subgraph cluster_x".
func (d *dotWriter) open(head string, a attrs) {
	d.line("%s {", head)
	d.indent++
	for _, x := range sortedAttrs(a) {
		d.line("%s=%s;", x.key, quote(x.value))
	}
}

// defaults writes a default attribute statement: graph, node or edge.
func (d *dotWriter) defaults(kind string, a attrs) {
	d.line("%s%s;", kind, a)
}

func (d *dotWriter) close() {
	d.indent--
	d.line("}")
}

func (d *dotWriter) node(id string, a attrs) {
	d.line("%s%s;", id, a)
}

func (d *dotWriter) edge(from, to string, a attrs) {
	d.line("%s -> %s%s;", from, to, a)
}

// writeTo writes the finished text to w.
func (d *dotWriter) writeTo(w io.Writer) error {
	_, err := io.WriteString(w, d.b.String())
	return err
}

func sortedAttrs(a attrs) attrs {
	s := slices.Clone(a)
	slices.SortFunc(s, func(x, y attr) int { return strings.Compare(x.key, y.key) })
	return s
}

// Format is an output format of the render commands.
type Format string

// The output formats. DOT is the text the other two are laid out from.
const (
	DOT Format = "dot"
	SVG Format = "svg"
	PNG Format = "png"
)

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case DOT, SVG, PNG:
		return f, nil
	}
	return "", fmt.Errorf("render: unknown format %q: expected svg, dot or png", s)
}

// FormatOf returns the format a file name's extension asks for, or "" when
// it names none.
func FormatOf(path string) Format {
	f, err := ParseFormat(strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return ""
	}
	return f
}

// gv is the process's one Graphviz instance, created on first use: making
// one compiles nothing (go-graphviz compiles its WebAssembly module when the
// program starts) but the module is single-threaded, so every use holds mu.
var gv struct {
	mu sync.Mutex
	g  *graphviz.Graphviz
}

// Image lays out a DOT graph with Graphviz's dot layout and writes it to w
// as SVG or PNG; DOT is copied unchanged. It is the only function that
// calls go-graphviz. Graphviz's SVG is deterministic: the same DOT gives
// the same bytes, with a comment naming the Graphviz version.
func Image(ctx context.Context, dot []byte, f Format, w io.Writer) error {
	switch f {
	case DOT:
		_, err := w.Write(dot)
		return err
	case SVG, PNG:
	default:
		return fmt.Errorf("render: cannot lay out DOT as %q", f)
	}
	gv.mu.Lock()
	defer gv.mu.Unlock()
	if gv.g == nil {
		g, err := graphviz.New(ctx)
		if err != nil {
			return fmt.Errorf("render: starting graphviz: %w", err)
		}
		gv.g = g
	}
	graph, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("render: graphviz rejects the DOT: %w", err)
	}
	defer graph.Close()
	var buf bytes.Buffer
	if err := gv.g.Render(ctx, graph, graphviz.Format(f), &buf); err != nil {
		return fmt.Errorf("render: graphviz: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}
