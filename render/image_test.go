package render

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestImageSVG lays out a state machine with Graphviz: the SVG is XML,
// names every machine and every state, and is the same bytes every time.
func TestImageSVG(t *testing.T) {
	sys := loadSystem(t, "testdata/three_way.yaml")
	draw := func() []byte {
		var dot, svg bytes.Buffer
		if err := FSM(&dot, sys, FSMOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := Image(context.Background(), dot.Bytes(), SVG, &svg); err != nil {
			t.Fatal(err)
		}
		return svg.Bytes()
	}
	first := draw()
	text := parseSVG(t, first)
	for _, m := range sys.Machines {
		for _, want := range append([]string{m.Name}, m.States...) {
			if !strings.Contains(text, want) {
				t.Errorf("SVG lacks %s", want)
			}
		}
	}
	if second := draw(); !bytes.Equal(first, second) {
		t.Error("two renderings of the same spec differ")
	}
}

func TestImagePNGAndDOT(t *testing.T) {
	dot := []byte("digraph g { a -> b [label=\"SYN\"]; }\n")
	var png, same bytes.Buffer
	if err := Image(context.Background(), dot, PNG, &png); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png.Bytes(), []byte("\x89PNG")) {
		t.Errorf("PNG output starts %q", png.Bytes()[:min(8, png.Len())])
	}
	if err := Image(context.Background(), dot, DOT, &same); err != nil || !bytes.Equal(same.Bytes(), dot) {
		t.Errorf("DOT output changed the text (err %v)", err)
	}
}

func TestImageBadDOT(t *testing.T) {
	err := Image(context.Background(), []byte("digraph { a -> "), SVG, &bytes.Buffer{})
	if err == nil {
		t.Fatal("a broken DOT text was laid out")
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		path string
		want Format
	}{
		{"x.svg", SVG}, {"dir/x.SVG", SVG}, {"x.dot", DOT}, {"x.png", PNG}, {"x.pdf", ""}, {"x", ""},
	}
	for _, tc := range tests {
		if got := FormatOf(tc.path); got != tc.want {
			t.Errorf("FormatOf(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
	if _, err := ParseFormat("jpeg"); err == nil {
		t.Error("ParseFormat accepted jpeg")
	}
}
