package render

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// svgWriter builds an SVG document by hand. Coordinates are written with
// one decimal, so the text depends only on the drawing.
type svgWriter struct {
	b strings.Builder
}

// Fonts and their metrics. The charts use a monospace font so that a
// label's width is known without measuring it: 0.6 em per character.
const (
	monoFont  = "DejaVu Sans Mono, Menlo, Consolas, Courier New, monospace"
	fontSize  = 12.0
	smallSize = 10.5
	charW     = 0.6 * fontSize
	smallW    = 0.6 * smallSize
)

// textWidth estimates the width of s drawn at size.
func textWidth(s string, size float64) float64 {
	return float64(len([]rune(s))) * 0.6 * size
}

func (s *svgWriter) printf(format string, args ...any) { fmt.Fprintf(&s.b, format, args...) }

// header opens the document with its size and the arrowhead markers.
func (s *svgWriter) header(width, height float64) {
	s.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="%s" font-size="%.1f">`+"\n",
		width, height, width, height, monoFont, fontSize)
	s.printf("<defs>\n")
	for _, c := range markerColors {
		s.printf(`<marker id="head-%s" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker>`+"\n", c.name, c.value)
	}
	s.printf(`<marker id="bar" viewBox="0 0 4 12" refX="2" refY="6" markerWidth="4" markerHeight="12" orient="auto"><path d="M2,0 L2,12" stroke="%s" stroke-width="2"/></marker>`+"\n", colorDiscard)
	s.printf("</defs>\n")
	s.printf(`<rect x="0" y="0" width="%.0f" height="%.0f" fill="white"/>`+"\n", width, height)
}

func (s *svgWriter) footer() { s.printf("</svg>\n") }

// text writes a label. anchor is start, middle or end; extra holds further
// attributes, already formatted.
func (s *svgWriter) text(x, y float64, anchor, extra, content string) {
	s.printf(`<text x="%.1f" y="%.1f" text-anchor="%s"%s>`, x, y, anchor, extra)
	xml.EscapeText(&s.b, []byte(content))
	s.printf("</text>\n")
}

func (s *svgWriter) line(x1, y1, x2, y2 float64, extra string) {
	s.printf(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"%s/>`+"\n", x1, y1, x2, y2, extra)
}

func (s *svgWriter) rect(x, y, w, h float64, extra string) {
	s.printf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f"%s/>`+"\n", x, y, w, h, extra)
}

// title writes a tooltip for the enclosing element.
func (s *svgWriter) title(content string) {
	s.printf("<title>")
	xml.EscapeText(&s.b, []byte(content))
	s.printf("</title>")
}

// cross draws an X of half-size r centred at (x, y).
func (s *svgWriter) cross(x, y, r float64, color string) {
	extra := fmt.Sprintf(` stroke="%s" stroke-width="2.5"`, color)
	s.line(x-r, y-r, x+r, y+r, extra)
	s.line(x-r, y+r, x+r, y-r, extra)
}

// namedColor is a colour with a name usable in a marker ID.
type namedColor struct{ name, value string }

// The colours of a chart: messages take their sender's lane colour, and
// the unusual fates of a message have their own.
var (
	laneColors = []namedColor{{"blue", "#1f5fbf"}, {"green", "#2a7d3a"}, {"brown", "#8a5a1f"}, {"teal", "#1b7f86"}}
	dupColor   = namedColor{"purple", "#7b3fa0"}
	overColor  = namedColor{"orange", "#d9730d"}
	grayColor  = namedColor{"gray", "#888888"}
	// markerColors are the colours that have an arrowhead marker.
	markerColors = append(append([]namedColor{}, laneColors...), dupColor, overColor, grayColor)
)

const (
	colorLost    = "#c62828"
	colorDiscard = "#888888"
	colorFaint   = "#9a9a9a"
	colorChanged = "#fff3c4"
	colorFocus   = "#e8f0fb"
)

func laneColor(lane int) namedColor { return laneColors[lane%len(laneColors)] }
