package render

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/model"
)

// faultActions drives testdata/faults.yaml through every fate of a message.
func faultActions() []model.Action {
	fire := func(m model.MachineID, t int) model.Action {
		return model.Action{Kind: model.ActFire, Machine: m, Trans: t, Slot: -1}
	}
	take := func(slot int, keep bool) model.Action {
		return model.Action{Kind: model.ActFire, Machine: 1, Trans: 0, Slot: slot, Keep: keep}
	}
	return []model.Action{
		fire(0, 0),                     // 1: a sends M(n=0)
		fire(0, 1),                     // 2: a sends M(n=1)
		take(1, false),                 // 3: b takes M(n=1) before the older M(n=0): it overtakes
		take(0, true),                  // 4: b takes M(n=0) and a copy stays: dup
		{Kind: model.ActDrop, Slot: 0}, // 5: the network loses the copy
		fire(0, 2),                     // 6: a sends M(n=2)
		{Kind: model.ActDiscard, Machine: 1, Slot: 0}, // 7: no transition of b takes M(n=2)
		{Kind: model.ActLinkDown, Slot: -1},           // 8
		fire(0, 3),                                    // 9: sent while the link is down: lost
		{Kind: model.ActLinkUp, Slot: -1},             // 10
		fire(0, 3),                                    // 11: still in flight at the end
	}
}

func faultTrace(t *testing.T) (*model.System, model.Trace) {
	t.Helper()
	sys := loadSystem(t, "testdata/faults.yaml")
	tr, err := sys.Replay(faultActions())
	if err != nil {
		t.Fatal(err)
	}
	return sys, tr
}

// TestChartPairsMessages checks the simulation of the channel: each
// receive, discard and loss is paired with the send it took.
func TestChartPairsMessages(t *testing.T) {
	sys, tr := faultTrace(t)
	c, err := buildChart(sys, NewRun("", tr))
	if err != nil {
		t.Fatal(err)
	}
	want := []arrow{
		{msg: "M(n=1)", from: 0, to: 1, sent: 2, end: 3, how: endRecv, overtakes: true},
		{msg: "M(n=0)", from: 0, to: 1, sent: 1, end: 4, how: endRecv, dup: true},
		{msg: "M(n=0)", from: 0, to: 1, sent: 1, end: 5, how: endLost, copyNo: 1},
		{msg: "M(n=2)", from: 0, to: 1, sent: 6, end: 7, how: endDiscard},
		{msg: "M(n=0)", from: 0, to: 1, sent: 9, end: 9, how: endLostAtSend, why: "link down"},
		{msg: "M(n=0)", from: 0, to: 1, sent: 11, end: 12, how: endInFlight},
	}
	if len(c.arrows) != len(want) {
		t.Fatalf("%d arrows, want %d", len(c.arrows), len(want))
	}
	for i, a := range c.arrows {
		if *a != want[i] {
			t.Errorf("arrow %d: got %+v, want %+v", i, *a, want[i])
		}
	}
	if got := c.rows[8].network; got != "link down a->b" {
		t.Errorf("row 8 network = %q", got)
	}
	if r := c.rows[3]; r.states[1] != "GOT" || !r.changed[1] || r.changed[0] || r.action != "recv" {
		t.Errorf("row 3 = %+v", r)
	}
}

// parseSVG checks that doc is well-formed XML and returns its text.
func parseSVG(t *testing.T, doc []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var text strings.Builder
	root := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tok.Name.Local
			}
		case xml.CharData:
			text.Write(tok)
			text.WriteByte('\n')
		}
	}
	if root != "svg" {
		t.Fatalf("root element %q, want svg", root)
	}
	return text.String()
}

// TestSequenceSVG: the chart is XML and names every machine and every
// step's message.
func TestSequenceSVG(t *testing.T) {
	sys, tr := faultTrace(t)
	var b bytes.Buffer
	if err := SequenceSVG(&b, sys, []Run{NewRun("every fault", tr)}, ChartOptions{Title: "faults"}); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "faults.chart.svg", b.Bytes())
	text := parseSVG(t, b.Bytes())
	for _, m := range sys.Machines {
		if !strings.Contains(text, m.Name) {
			t.Errorf("SVG lacks machine %s", m.Name)
		}
	}
	for i, a := range tr.Actions {
		st := sys.Describe(tr.Worlds[i], tr.Worlds[i+1], a)
		for _, msg := range append([]string{st.Message}, sentMessages(st)...) {
			if msg != "" && !strings.Contains(text, msg) {
				t.Errorf("step %d: SVG lacks message %s", i+1, msg)
			}
		}
	}
	for _, want := range []string{"· dup", "· overtakes", "lost: link down", "network: link down a->b", "still in flight when the run ends"} {
		if !strings.Contains(text, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func sentMessages(st model.Step) []string {
	var out []string
	for _, s := range st.Sent {
		out = append(out, s.Message)
	}
	return out
}

// TestSequenceSVGLassoAndTwoRuns: a loop is bracketed, and two runs are
// drawn side by side with their titles.
func TestSequenceSVGLassoAndTwoRuns(t *testing.T) {
	sys, tr := faultTrace(t)
	lasso, err := sys.Replay(faultActions()[:10]) // steps 8-10 return to the world after step 7
	if err != nil {
		t.Fatal(err)
	}
	prefix, err := sys.Replay(faultActions()[:4])
	if err != nil {
		t.Fatal(err)
	}
	runs := []Run{{Title: "run A", Trace: lasso, LoopStart: 7}, NewRun("run B", prefix)}
	var two, one bytes.Buffer
	if err := SequenceSVG(&two, sys, runs, ChartOptions{Focus: "b"}); err != nil {
		t.Fatal(err)
	}
	if err := SequenceSVG(&one, sys, runs[:1], ChartOptions{Focus: "b"}); err != nil {
		t.Fatal(err)
	}
	text := parseSVG(t, two.Bytes())
	checkGolden(t, "faults.two_runs.svg", two.Bytes())
	for _, want := range []string{"run A", "run B", "loop:", "steps 8-10", "repeat", "forever"} {
		if !strings.Contains(text, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if wOne, wTwo := svgWidth(t, one.Bytes()), svgWidth(t, two.Bytes()); wTwo <= wOne*1.5 {
		t.Errorf("two runs %v wide, one run %v: not side by side", wTwo, wOne)
	}
	if n := strings.Count(two.String(), `fill="`+colorFocus+`"`); n != 2 {
		t.Errorf("focus lane shaded %d times, want once per run", n)
	}
	if err := SequenceSVG(io.Discard, sys, []Run{{Trace: tr, LoopStart: 12}}, ChartOptions{}); err == nil {
		t.Error("a loop starting after the last world was accepted")
	}
	var stuck bytes.Buffer
	if err := SequenceSVG(&stuck, sys, []Run{{Trace: tr, LoopStart: 11}}, ChartOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(parseSVG(t, stuck.Bytes()), "stays") {
		t.Error("a run that stays in its last world is not marked")
	}
	if err := SequenceSVG(io.Discard, sys, nil, ChartOptions{}); err == nil {
		t.Error("no runs was accepted")
	}
}

func svgWidth(t *testing.T, doc []byte) float64 {
	t.Helper()
	var root struct {
		Width float64 `xml:"width,attr"`
	}
	if err := xml.Unmarshal(doc, &root); err != nil {
		t.Fatal(err)
	}
	return root.Width
}

// TestTraceDOTLasso: a lasso that returns to the world where its loop
// starts closes the loop with an edge back, inside cluster_loop.
func TestTraceDOTLasso(t *testing.T) {
	sys := loadSystem(t, "testdata/faults.yaml")
	tr, err := sys.Replay(faultActions()[:10]) // steps 8-10: link down, a send lost, link up
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(tr.Worlds[10], tr.Worlds[7]) {
		t.Fatal("the fault trace's last three steps do not form a loop")
	}
	var b bytes.Buffer
	if err := TraceDOT(&b, sys, Run{Title: "lasso", Trace: tr, LoopStart: 7}); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "faults.lasso.dot", b.Bytes())
	dot := b.String()
	for _, want := range []string{"subgraph cluster_loop {", "t9 -> t7 ", `label="10. network\nlink-up a->b"`} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	if strings.Contains(dot, "t10 ") {
		t.Error("the world that closes the loop is drawn twice")
	}
}
