package render

import (
	"fmt"
	"io"

	"github.com/tcpcheck/tcpcheck/model"
)

// ChartOptions say how [SequenceSVG] draws.
type ChartOptions struct {
	// Title is written above the runs; it may be empty.
	Title string
	// Note is written under the title: for two runs, why they are shown
	// together.
	Note string
	// Focus names a machine whose lane is shaded in every run: the agent
	// of a knowledge property, who cannot tell the runs apart.
	Focus string
}

// Distances of a chart, in SVG user units (pixels).
const (
	rowH     = 46.0 // between steps
	boxH     = 22.0 // a state box
	stepColW = 30.0 // the step numbers
	runGap   = 56.0 // between two runs side by side
	margin   = 16.0
	headerH  = 26.0  // a machine's name box
	loopW    = 110.0 // the lasso bracket and its label
)

// SequenceSVG writes runs side by side as a message sequence chart: one
// lifeline per machine with its control state written at every step (a
// highlighted box where it changed), each message an arrow from the step
// that sent it to the step that received it, a cross where the network lost
// it, a dashed arrow for one still in flight at the end, "dup" on a
// delivery that left a copy in flight, "overtakes" on a message delivered
// before an older one of its channel (their arrows cross), and a bracket
// around a lasso's loop. Two runs side by side are the two runs of a
// knowledge counterexample: worlds that opt.Focus cannot tell apart.
func SequenceSVG(w io.Writer, sys *model.System, runs []Run, opt ChartOptions) error {
	if len(runs) == 0 {
		return fmt.Errorf("render: no run to draw")
	}
	titleH := 0.0
	if opt.Title != "" {
		titleH = 30
	}
	if opt.Note != "" {
		titleH += 20
	}
	var layouts []*chartLayout
	x, width, height := margin, 0.0, 0.0
	for _, r := range runs {
		c, err := buildChart(sys, r)
		if err != nil {
			return err
		}
		l := layoutChart(c, x, margin+titleH, opt.Focus)
		l.sameView = len(runs) > 1
		layouts = append(layouts, l)
		x += l.width + runGap
		width = x - runGap + margin
		height = max(height, l.height+margin)
	}
	width = max(width, textWidth(opt.Title, 15)+2*margin, textWidth(opt.Note, fontSize)+2*margin)
	var s svgWriter
	s.header(width, height)
	if opt.Title != "" {
		s.text(margin, margin+16, "start", ` font-size="15" font-weight="bold"`, opt.Title)
	}
	if opt.Note != "" {
		s.text(margin, margin+titleH-14, "start", ` fill="#444444"`, opt.Note)
	}
	for _, l := range layouts {
		l.draw(&s)
	}
	s.footer()
	_, err := io.WriteString(w, s.b.String())
	return err
}

// chartLayout places a chart: the x of each lifeline, the y of each row.
type chartLayout struct {
	c     *chart
	focus int // the lane to shade, or -1
	// sameView says the focus machine's last world looks the same in every
	// run drawn: the point of a knowledge counterexample.
	sameView bool
	x0       float64
	top      float64 // y of the run title
	row0     float64 // y of row 0
	laneX    []float64
	boxW     []float64
	leftW    float64 // annotations left of lane 0
	rightW   float64 // annotations right of the last lane
	width    float64
	height   float64
	legend   []legendItem
}

// layoutChart sizes a chart from its labels, with its left edge at x0 and
// its top at top.
func layoutChart(c *chart, x0, top float64, focus string) *chartLayout {
	l := &chartLayout{c: c, x0: x0, top: top, focus: -1}
	n := len(c.lanes)
	l.boxW = make([]float64, n)
	for k, name := range c.lanes {
		if name == focus {
			l.focus = k
		}
		l.boxW[k] = textWidth(name, fontSize) + 16
		for _, r := range c.rows {
			l.boxW[k] = max(l.boxW[k], textWidth(r.states[k], fontSize)+16)
		}
	}
	for _, r := range c.rows {
		w := max(textWidth(r.action, fontSize), textWidth(r.note, smallSize)) + 10
		switch {
		case r.actor == 0:
			l.leftW = max(l.leftW, w)
		case r.actor == n-1:
			l.rightW = max(l.rightW, w)
		}
	}
	gap := l.laneGap()
	l.laneX = make([]float64, n)
	l.laneX[0] = x0 + stepColW + l.leftW + l.boxW[0]/2
	for k := 1; k < n; k++ {
		l.laneX[k] = l.laneX[k-1] + max(gap, (l.boxW[k-1]+l.boxW[k])/2+120)
	}
	l.width = l.laneX[n-1] + l.boxW[n-1]/2 + 8 + l.rightW - x0
	if c.loop >= 0 {
		l.width += loopW
	}
	l.row0 = top
	if c.title != "" {
		l.row0 += 24
	}
	l.row0 += headerH + 34
	l.legend = legendFor(c)
	l.width = max(l.width, legendWidth(l.legend), textWidth(c.title, 13))
	l.height = l.tailY() + 30 + float64(len(l.legend))*18
	return l
}

// laneGap is the distance between lifelines: wide enough for the longest
// message label to sit along its arrow.
func (l *chartLayout) laneGap() float64 {
	longest := 0.0
	for _, a := range l.c.arrows {
		longest = max(longest, textWidth(arrowLabel(a), fontSize))
	}
	return max(260, longest*1.6+80)
}

func (l *chartLayout) rowY(i int) float64 { return l.row0 + float64(i)*rowH }

// tailY is where the lifelines end, one row below the last step: the
// arrows of messages still in flight end there.
func (l *chartLayout) tailY() float64 { return l.rowY(len(l.c.rows)) }

// draw writes the chart: header, lifelines, state boxes, annotations,
// arrows, loop bracket and legend, in that order, so that arrows are drawn
// over lifelines.
func (l *chartLayout) draw(s *svgWriter) {
	c := l.c
	last := l.tailY() + 8
	if c.title != "" {
		s.text(l.x0, l.top+14, "start", ` font-size="13" font-weight="bold"`, c.title)
	}
	headY := l.row0 - 34 - headerH
	for k, name := range c.lanes {
		x := l.laneX[k]
		if k == l.focus {
			s.rect(x-l.boxW[k]/2-8, headY, l.boxW[k]+16, last-headY, fmt.Sprintf(` fill="%s"`, colorFocus))
		}
		s.line(x, headY+headerH, x, last, ` stroke="#555555" stroke-width="1" stroke-dasharray="2,3"`)
		s.rect(x-l.boxW[k]/2, headY, l.boxW[k], headerH, ` fill="#333333" rx="3"`)
		s.text(x, headY+17, "middle", ` fill="white" font-weight="bold"`, name)
	}
	for i, r := range c.rows {
		l.drawRow(s, i, r)
	}
	if l.sameView && l.focus >= 0 {
		k := l.focus
		s.text(l.laneX[k], l.rowY(len(c.rows)-1)+boxH/2+13, "middle", fmt.Sprintf(` fill="%s" font-size="%.1f" font-weight="bold"`, laneColors[0].value, smallSize), "same view in every run")
	}
	for _, a := range c.arrows {
		l.drawArrow(s, a)
	}
	if c.loop >= 0 {
		l.drawLoop(s)
	}
	l.drawLegend(s, last+22)
}

// drawRow writes a step's number, every lane's state box and what the
// actor or the network did.
func (l *chartLayout) drawRow(s *svgWriter, i int, r chartRow) {
	y := l.rowY(i)
	if i > 0 {
		s.text(l.x0+stepColW-8, y+4, "end", fmt.Sprintf(` fill="%s" font-size="%.1f"`, colorFaint, smallSize), fmt.Sprint(i))
	}
	for k, st := range r.states {
		x, bw := l.laneX[k], l.boxW[k]
		box, txt := ` fill="white" stroke="#bbbbbb" rx="4"`, fmt.Sprintf(` fill="%s"`, colorFaint)
		if r.changed[k] {
			box, txt = fmt.Sprintf(` fill="%s" stroke="#333333" stroke-width="1.3" rx="4"`, colorChanged), ` font-weight="bold"`
		}
		s.rect(x-bw/2, y-boxH/2, bw, boxH, box)
		s.text(x, y+4, "middle", txt, st)
	}
	if r.network != "" {
		mid := (l.laneX[0] + l.laneX[len(l.laneX)-1]) / 2
		s.text(mid, y+4, "middle", fmt.Sprintf(` fill="%s" font-style="italic"`, colorLost), "network: "+r.network)
	}
	if r.actor < 0 {
		return
	}
	k := r.actor
	x, anchor := l.laneX[k]+l.boxW[k]/2+8, "start"
	if k == 0 && len(l.laneX) > 1 {
		x, anchor = l.laneX[0]-l.boxW[0]/2-8, "end"
	}
	s.text(x, y-2, anchor, "", r.action)
	if r.note != "" {
		s.text(x, y+11, anchor, fmt.Sprintf(` fill="#666666" font-size="%.1f"`, smallSize), r.note)
	}
}

// drawLoop brackets the rows of a lasso's loop on the right, and says
// beside the bracket what repeats.
func (l *chartLayout) drawLoop(s *svgWriter) {
	n := len(l.laneX) - 1
	x := l.laneX[n] + l.boxW[n]/2 + 8 + l.rightW + 14
	y1, y2 := l.rowY(l.c.loop)-boxH/2, l.rowY(len(l.c.rows)-1)+boxH/2
	s.printf(`<path d="M%.1f,%.1f h8 V%.1f h-8" fill="none" stroke="%s" stroke-width="2"/>`+"\n", x, y1, y2, overColor.value)
	lines := loopLines(l.c.loop, len(l.c.rows)-1)
	y := (y1+y2)/2 - 7*float64(len(lines)-1)
	for i, line := range lines {
		s.text(x+16, y+4+14*float64(i), "start", fmt.Sprintf(` fill="%s"`, overColor.value), line)
	}
}

// loopLines say what a lasso's loop repeats.
func loopLines(start, last int) []string {
	if start == last {
		return []string{"stays", "here", "forever"}
	}
	return []string{"loop:", fmt.Sprintf("steps %d-%d", start+1, last), "repeat", "forever"}
}
