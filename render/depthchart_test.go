package render

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
)

// depthSpecs are the depths of tcpcheck knowledge for the handshakes, one
// spec cut by --max-nesting and one without an answer.
func depthSpecs() []KnowledgeDepths {
	return []KnowledgeDepths{
		{Spec: "two_way", Machines: []string{"client", "server"}, Depth: []int{1, 0}, Everyone: 0},
		{Spec: "three_way", Machines: []string{"client", "server"}, Depth: []int{1, 2}, Everyone: 1},
		{Spec: "two_generals", Machines: []string{"a", "b"}, Depth: []int{3, 3}, Everyone: 3, Bound: 3},
		{Spec: "nofinal", Err: "exit 2, see the error"},
		{Spec: "common", Machines: []string{"a"}, Depth: []int{1}, Everyone: 1, Common: true},
	}
}

// TestDepthChartSVG pins the chart's bytes and checks what a reader needs:
// every spec, machine and depth is written, each bar is as tall as its
// depth, a cut depth reads ≥d and is explained, an error is shown.
func TestDepthChartSVG(t *testing.T) {
	var b bytes.Buffer
	opt := DepthChartOptions{Title: "knowledge depth", Notes: []string{"fact: f", "when: w"}}
	if err := DepthChartSVG(&b, depthSpecs(), opt); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "knowledge.depth.svg", b.Bytes())
	text := parseSVG(t, b.Bytes())
	for _, want := range []string{"knowledge depth", "fact: f", "when: w", "two_way", "three_way", "two_generals", "nofinal",
		"client", "server", "everyone", "≥3", "(--max-nesting)", "no answer", "exit 2, see the error",
		"common knowledge: no", "common knowledge: yes", "0  does not know", "1  knows the fact", "4  knows (everyone knows)×3 it"} {
		if !strings.Contains(text, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	bars := barHeights(t, b.Bytes())
	want := map[string]float64{
		"two_way/client: depth 1": levelH, "two_way/server: depth 0": stubH, "two_way/everyone: depth 0": stubH,
		"three_way/server: depth 2": 2 * levelH, "three_way/everyone: depth 1": levelH,
		"two_generals/a: depth ≥3": 3 * levelH, "common/a: depth 1": levelH,
	}
	for bar, h := range want {
		if got, ok := bars[bar]; !ok || got != h {
			t.Errorf("bar %s: height %v (drawn: %t), want %v", bar, got, ok, h)
		}
	}
	if len(bars) != 3+3+3+2 {
		t.Errorf("%d bars, want 11: %v", len(bars), bars)
	}
}

// barHeights returns the height of every bar, by its tooltip, numbered by
// spec in order ("two_way/client: depth 1").
func barHeights(t *testing.T, doc []byte) map[string]float64 {
	t.Helper()
	var root struct {
		G []struct {
			Title string `xml:"title"`
			Rect  struct {
				Height string `xml:"height,attr"`
			} `xml:"rect"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(doc, &root); err != nil {
		t.Fatal(err)
	}
	specs := []string{"two_way", "three_way", "two_generals", "common"}
	out := map[string]float64{}
	spec := -1
	for _, g := range root.G {
		if strings.HasPrefix(g.Title, "client:") || strings.HasPrefix(g.Title, "a:") {
			spec++ // the first machine starts a spec's bars
		}
		h, err := strconv.ParseFloat(g.Rect.Height, 64)
		if err != nil {
			t.Fatalf("bar %q: %v", g.Title, err)
		}
		out[specs[spec]+"/"+g.Title] = h
	}
	return out
}

// TestDepthChartSVGDeterministic: the same depths give the same bytes, and
// nothing to draw is an error.
func TestDepthChartSVGDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := DepthChartSVG(&a, depthSpecs(), DepthChartOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := DepthChartSVG(&b, depthSpecs(), DepthChartOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two drawings of the same depths differ")
	}
	if err := DepthChartSVG(io.Discard, nil, DepthChartOptions{}); err == nil {
		t.Error("no specs was accepted")
	}
	bad := []KnowledgeDepths{{Spec: "x", Machines: []string{"a", "b"}, Depth: []int{1}}}
	if err := DepthChartSVG(io.Discard, bad, DepthChartOptions{}); err == nil {
		t.Error("fewer depths than machines was accepted")
	}
}
