package render

import (
	"fmt"
	"io"
)

// KnowledgeDepths is one spec's column of a [DepthChartSVG]: how deep each
// machine's knowledge of a fact goes wherever a condition holds, as
// tcpcheck knowledge computes it.
type KnowledgeDepths struct {
	// Spec names the spec under its bars.
	Spec string
	// Machines and Depth are the machines and their depths, in order.
	Machines []string
	Depth    []int
	// Everyone is the depth of everyone's knowledge; Common says whether
	// the fact is common knowledge.
	Everyone int
	Common   bool
	// Bound, when not 0, is the deepest level examined: a depth equal to
	// it is only known to be at least that deep.
	Bound int
	// Err, when not empty, says why the spec has no depths (the other
	// fields are then unused); it is written in place of the bars.
	Err string
}

// DepthChartOptions say what [DepthChartSVG] writes around the bars.
type DepthChartOptions struct {
	// Title is written above the chart; it may be empty.
	Title string
	// Notes are written under the title, one line each: the fact and the
	// condition.
	Notes []string
}

// Distances of a depth chart, in SVG user units (pixels).
const (
	levelH    = 44.0 // between two depths on the vertical axis
	barW      = 56.0 // the narrowest bar
	barGap    = 10.0 // between the bars of a spec
	specGap   = 48.0 // between two specs
	stubH     = 3.0  // the bar of depth 0, so that it is seen
	axisGapX  = 14.0 // between the depth labels and the first bar
	depthBase = 86.0 // from the baseline to the bottom of the chart's labels
)

// DepthChartSVG writes a bar chart of knowledge depths: one group of bars
// per spec, a bar per machine in its lane colour and a grey one for
// everyone, each labelled with its depth (≥d where the nesting examined
// stopped at d). The vertical axis says in words what each depth means;
// under each group, the spec's name and whether the fact is common
// knowledge there. A spec without depths shows its error instead.
func DepthChartSVG(w io.Writer, specs []KnowledgeDepths, opt DepthChartOptions) error {
	if len(specs) == 0 {
		return fmt.Errorf("render: no knowledge depths to draw")
	}
	for _, sp := range specs {
		if sp.Err == "" && len(sp.Depth) != len(sp.Machines) {
			return fmt.Errorf("render: %s: %d depths for %d machines", sp.Spec, len(sp.Depth), len(sp.Machines))
		}
	}
	l := layoutDepths(specs, opt)
	var s svgWriter
	s.header(l.width, l.height)
	y := margin
	if opt.Title != "" {
		s.text(margin, y+16, "start", ` font-size="15" font-weight="bold"`, opt.Title)
		y += 30
	}
	for _, n := range opt.Notes {
		s.text(margin, y+12, "start", ` fill="#444444"`, n)
		y += 18
	}
	l.drawAxis(&s)
	for i, sp := range specs {
		l.drawSpec(&s, sp, l.specX[i])
	}
	s.footer()
	_, err := io.WriteString(w, s.b.String())
	return err
}

// depthLayout places a depth chart: the levels of the axis, the left edge
// of each spec's group of bars.
type depthLayout struct {
	specs      []KnowledgeDepths
	top        int     // the highest level drawn
	plotTop    float64 // y of the highest level
	baseY      float64 // y of depth 0
	axisX      float64 // x of the vertical axis
	specX      []float64
	width      float64
	height     float64
	hasAtLeast bool
}

func layoutDepths(specs []KnowledgeDepths, opt DepthChartOptions) *depthLayout {
	l := &depthLayout{specs: specs, top: 2}
	for _, sp := range specs {
		if sp.Err != "" {
			continue
		}
		for _, d := range append([]int{sp.Everyone}, sp.Depth...) {
			l.top = max(l.top, d+1) // one level of headroom: the depth not reached
			l.hasAtLeast = l.hasAtLeast || (sp.Bound > 0 && d == sp.Bound)
		}
	}
	titleH := float64(len(opt.Notes)) * 18
	if opt.Title != "" {
		titleH += 30
	}
	l.plotTop = margin + titleH + 40
	l.baseY = l.plotTop + float64(l.top)*levelH
	labelW := 0.0
	for d := 0; d <= l.top; d++ {
		labelW = max(labelW, textWidth(levelLabel(d), fontSize))
	}
	l.axisX = margin + labelW + 8
	x := l.axisX + axisGapX
	for _, sp := range specs {
		l.specX = append(l.specX, x)
		x += specWidth(sp) + specGap
	}
	l.width = x - specGap + margin
	for _, n := range append([]string{opt.Title}, opt.Notes...) {
		l.width = max(l.width, textWidth(n, 15)+2*margin)
	}
	l.height = l.baseY + depthBase
	if l.hasAtLeast {
		l.height += 18
	}
	return l
}

// specWidth is the width of a spec's group: its bars, or its error.
func specWidth(sp KnowledgeDepths) float64 {
	w := max(2*barW, textWidth("no answer", fontSize)+16, textWidth(sp.Err, smallSize)+16)
	if sp.Err == "" {
		w = barsWidth(sp)
	}
	return max(w, textWidth(sp.Spec, 13)+8, textWidth(commonText(sp), smallSize)+8)
}

func commonText(sp KnowledgeDepths) string {
	if sp.Common {
		return "common knowledge: yes"
	}
	return "common knowledge: no"
}

// levelLabel says in words what depth d means for a machine.
func levelLabel(d int) string {
	switch d {
	case 0:
		return "0  does not know"
	case 1:
		return "1  knows the fact"
	case 2:
		return "2  knows everyone knows it"
	case 3:
		return "3  knows everyone knows everyone knows it"
	}
	return fmt.Sprintf("%d  knows (everyone knows)×%d it", d, d-1)
}

func (l *depthLayout) levelY(d int) float64 { return l.baseY - float64(d)*levelH }

// drawAxis writes the levels: a labelled grid line per depth.
func (l *depthLayout) drawAxis(s *svgWriter) {
	right := l.width - margin
	for d := 0; d <= l.top; d++ {
		y := l.levelY(d)
		extra := ` stroke="#dddddd" stroke-width="1"`
		if d == 0 {
			extra = ` stroke="#333333" stroke-width="1.2"`
		}
		s.line(l.axisX, y, right, y, extra)
		s.text(l.axisX-8, y+4, "end", ` fill="#444444"`, levelLabel(d))
	}
	s.text(l.axisX-8, l.plotTop-16, "end", ` font-weight="bold"`, "depth")
	if l.hasAtLeast {
		s.text(margin, l.height-margin+2, "start", fmt.Sprintf(` fill="#666666" font-size="%.1f"`, smallSize), "≥d: the nesting examined stopped at d (--max-nesting), deeper levels may hold too")
	}
}

// drawSpec writes a spec's bars, or its error, and its labels under them.
func (l *depthLayout) drawSpec(s *svgWriter, sp KnowledgeDepths, x0 float64) {
	w := specWidth(sp)
	mid := x0 + w/2
	if sp.Err != "" {
		y := l.levelY(l.top)
		s.rect(x0, y, w, l.baseY-y, ` fill="white" stroke="#bbbbbb" stroke-dasharray="4,3"`)
		s.text(mid, (y+l.baseY)/2, "middle", fmt.Sprintf(` fill="%s" font-weight="bold"`, colorLost), "no answer")
		s.text(mid, (y+l.baseY)/2+16, "middle", fmt.Sprintf(` fill="#666666" font-size="%.1f"`, smallSize), sp.Err)
	} else {
		x := x0 + (w-barsWidth(sp))/2
		for i, m := range sp.Machines {
			x = l.drawBar(s, x, m, sp.Depth[i], sp.Bound, laneColor(i).value)
		}
		l.drawBar(s, x, "everyone", sp.Everyone, sp.Bound, grayColor.value)
	}
	s.text(mid, l.baseY+44, "middle", ` font-size="13" font-weight="bold"`, sp.Spec)
	if sp.Err == "" {
		s.text(mid, l.baseY+60, "middle", fmt.Sprintf(` fill="#444444" font-size="%.1f"`, smallSize), commonText(sp))
	}
}

// barsWidth is the width of a spec's bars without the margins its labels
// may need.
func barsWidth(sp KnowledgeDepths) float64 {
	w := -barGap
	for _, m := range append(append([]string{}, sp.Machines...), "everyone") {
		w += max(barW, textWidth(m, fontSize)+12) + barGap
	}
	return w
}

// drawBar writes one bar from the baseline to depth d, its depth above it
// and the machine under it, and returns the x of the next bar.
func (l *depthLayout) drawBar(s *svgWriter, x float64, name string, d, bound int, color string) float64 {
	bw := max(barW, textWidth(name, fontSize)+12)
	top := l.levelY(d)
	if d == 0 {
		top = l.baseY - stubH
	}
	label := fmt.Sprint(d)
	if bound > 0 && d == bound {
		label = fmt.Sprintf("≥%d", d)
	}
	s.printf("<g>")
	s.title(fmt.Sprintf("%s: depth %s", name, label))
	s.printf("\n")
	s.rect(x, top, bw, l.baseY-top, fmt.Sprintf(` fill="%s" rx="2"`, color))
	s.printf("</g>\n")
	s.text(x+bw/2, top-6, "middle", ` font-weight="bold"`, label)
	s.text(x+bw/2, l.baseY+18, "middle", "", name)
	return x + bw + barGap
}
