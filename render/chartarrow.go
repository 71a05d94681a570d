package render

import (
	"fmt"
	"math"
)

// arrowLabel is the text along an arrow: the message, and what was unusual
// about its delivery.
func arrowLabel(a *arrow) string {
	switch {
	case a.dup:
		return a.msg + " · dup"
	case a.overtakes:
		return a.msg + " · overtakes"
	}
	return a.msg
}

// arrowColor is the sender's lane colour, or the colour of an unusual
// delivery.
func arrowColor(a *arrow) namedColor {
	switch {
	case a.how == endDiscard:
		return grayColor
	case a.dup:
		return dupColor
	case a.overtakes:
		return overColor
	}
	return laneColor(a.from)
}

// drawArrow draws one message: from the sender's state box in the row that
// sent it, to the receiver's box in the row that received it, or to the
// cross where it was lost, or down past the last row while in flight.
func (l *chartLayout) drawArrow(s *svgWriter, a *arrow) {
	dir := 1.0
	if a.to < a.from {
		dir = -1
	}
	xs, ys := l.laneX[a.from]+dir*l.boxW[a.from]/2, l.rowY(a.sent)
	xr, yr := l.laneX[a.to]-dir*l.boxW[a.to]/2, l.rowY(a.end)
	col := arrowColor(a)
	s.printf("<g>")
	s.title(l.arrowTitle(a))
	s.printf("\n")
	stroke := fmt.Sprintf(` stroke="%s" stroke-width="1.6"`, col.value)
	switch a.how {
	case endRecv:
		s.line(xs, ys, xr, yr, stroke+fmt.Sprintf(` marker-end="url(#head-%s)"`, col.name))
	case endDiscard:
		s.line(xs, ys, xr, yr, stroke+` marker-end="url(#bar)"`)
	case endLost:
		xr = xs + 0.6*(xr-xs)
		s.line(xs, ys, xr, yr, stroke)
		s.cross(xr, yr, 6, colorLost)
		s.text(xr, yr+19, "middle", fmt.Sprintf(` fill="%s" font-size="%.1f"`, colorLost, smallSize), "lost")
	case endLostAtSend:
		xr, yr = xs+dir*40, ys+rowH*0.4
		s.line(xs, ys, xr, yr, stroke)
		s.cross(xr, yr, 6, colorLost)
		s.text(xr+dir*12, yr+4, anchorFor(dir), fmt.Sprintf(` fill="%s"`, colorLost), a.msg+" lost: "+a.why)
		s.printf("</g>\n")
		return
	case endInFlight:
		xr, yr = xs+(0.75-0.12*float64(a.spread%3))*(xr-xs), l.tailY()
		s.line(xs, ys, xr, yr, stroke+fmt.Sprintf(` stroke-dasharray="6,4" marker-end="url(#head-%s)"`, col.name))
	}
	near := yr-ys > 1.5*rowH || a.copyNo > 0
	l.alongLabel(s, xs, ys, xr, yr, dir, near, a.copyNo, arrowLabel(a), col.value)
	s.printf("</g>\n")
}

// alongLabel writes text along the segment from the sender (xs, ys) to
// (xe, ye), just above it: centred on a short arrow, near the sender on one
// that spans several rows (near), so that labels of arrows that cross do not
// meet at the crossing; the copies of a duplicated message further along.
func (l *chartLayout) alongLabel(s *svgWriter, xs, ys, xe, ye, dir float64, near bool, copyNo int, text, color string) {
	dx, dy := xe-xs, ye-ys
	length := math.Hypot(dx, dy)
	if length == 0 {
		return
	}
	// The angle of the segment read left to right, so the text is upright.
	theta := math.Atan2(dy*dir, dx*dir)
	t, anchor := 0.5, "middle"
	if near {
		t, anchor = min(16/length+0.35*float64(copyNo), 0.7), anchorFor(dir)
	}
	px, py := xs+t*dx, ys+t*dy
	px, py = px+4*math.Sin(theta), py-4*math.Cos(theta)
	deg := theta * 180 / math.Pi
	s.text(px, py, anchor, fmt.Sprintf(` fill="%s" transform="rotate(%.1f %.1f %.1f)"`, color, deg, px, py), text)
}

// anchorFor is the text anchor that puts text on the far side of a point
// from a sender in direction dir.
func anchorFor(dir float64) string {
	if dir < 0 {
		return "end"
	}
	return "start"
}

// arrowTitle is an arrow's tooltip: the channel, the message, and the
// steps it joins.
func (l *chartLayout) arrowTitle(a *arrow) string {
	ch := l.c.lanes[a.from] + "->" + l.c.lanes[a.to]
	sent := fmt.Sprintf("sent at step %d", a.sent)
	if a.sent == 0 {
		sent = "in flight at the start"
	}
	switch a.how {
	case endDiscard:
		return fmt.Sprintf("%s %s: %s, discarded at step %d", ch, a.msg, sent, a.end)
	case endLost:
		return fmt.Sprintf("%s %s: %s, lost at step %d", ch, a.msg, sent, a.end)
	case endLostAtSend:
		return fmt.Sprintf("%s %s: lost when sent at step %d (%s)", ch, a.msg, a.sent, a.why)
	case endInFlight:
		return fmt.Sprintf("%s %s: %s, still in flight at the end", ch, a.msg, sent)
	}
	how := "received"
	if a.dup {
		how = "received (a duplicate copy stays in flight)"
	}
	if a.overtakes {
		how += ", overtaking an older message"
	}
	return fmt.Sprintf("%s %s: %s, %s at step %d", ch, a.msg, sent, how, a.end)
}

// legendItem explains one kind of mark in a chart.
type legendItem struct {
	mark string // lost, inflight, dup, over, discard
	text string
}

// legendFor lists the marks the chart uses beyond plain deliveries.
func legendFor(c *chart) []legendItem {
	var used [5]bool
	for _, a := range c.arrows {
		switch {
		case a.how == endLost || a.how == endLostAtSend:
			used[0] = true
		case a.how == endInFlight:
			used[1] = true
		case a.how == endDiscard:
			used[4] = true
		}
		used[2] = used[2] || a.dup
		used[3] = used[3] || a.overtakes
	}
	all := []legendItem{
		{"lost", "lost: by the network, or sent into a full channel or a down link"},
		{"inflight", "still in flight when the run ends"},
		{"dup", "dup: delivered, and a copy stays in flight"},
		{"over", "overtakes: delivered before an older message of its channel"},
		{"discard", "delivered, but no transition accepts it: discarded"},
	}
	var out []legendItem
	for i, it := range all {
		if used[i] {
			out = append(out, it)
		}
	}
	return out
}

func legendWidth(items []legendItem) float64 {
	w := 0.0
	for _, it := range items {
		w = max(w, 40+textWidth(it.text, smallSize))
	}
	return w
}

// drawLegend writes one line per legend item, from y down.
func (l *chartLayout) drawLegend(s *svgWriter, y float64) {
	x := l.x0 + stepColW
	small := fmt.Sprintf(` fill="#444444" font-size="%.1f"`, smallSize)
	for i, it := range l.legend {
		yy := y + float64(i)*18
		switch it.mark {
		case "lost":
			s.cross(x+14, yy-4, 5, colorLost)
		case "inflight":
			s.line(x, yy-4, x+26, yy-4, fmt.Sprintf(` stroke="%s" stroke-width="1.6" stroke-dasharray="6,4"`, laneColors[0].value))
		case "dup":
			s.line(x, yy-4, x+26, yy-4, fmt.Sprintf(` stroke="%s" stroke-width="1.6" marker-end="url(#head-%s)"`, dupColor.value, dupColor.name))
		case "over":
			s.line(x, yy-4, x+26, yy-4, fmt.Sprintf(` stroke="%s" stroke-width="1.6" marker-end="url(#head-%s)"`, overColor.value, overColor.name))
		case "discard":
			s.line(x, yy-4, x+26, yy-4, fmt.Sprintf(` stroke="%s" stroke-width="1.6" marker-end="url(#bar)"`, colorDiscard))
		}
		s.text(x+36, yy, "start", small, it.text)
	}
}
