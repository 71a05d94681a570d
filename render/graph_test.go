package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/model"
)

// tinyHandshake is the actions of tiny.yaml's successful handshake:
// open, accept, complete.
func tinyHandshake() []model.Action {
	return []model.Action{
		{Kind: model.ActFire, Machine: 0, Trans: 0, Slot: -1},
		{Kind: model.ActFire, Machine: 1, Trans: 0, Channel: 0, Slot: 0},
		{Kind: model.ActFire, Machine: 0, Trans: 1, Channel: 1, Slot: 0},
	}
}

func TestWorldGraphGolden(t *testing.T) {
	sys := loadSystem(t, "testdata/tiny.yaml")
	path, err := sys.Replay(tinyHandshake())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	quotient, err := WorldGraph(&b, sys, exploreBFS(t, sys), GraphOptions{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if quotient {
		t.Fatal("tiny.yaml drawn as a quotient")
	}
	checkGolden(t, "tiny.graph.dot", b.Bytes())
	dot := b.String()
	for _, want := range []string{
		`s0 -> s1 [color="#c62828", fontcolor="#c62828", label="client open", penwidth="2.2"]`,
		`label="client: ESTABLISHED\lserver: ESTABLISHED\l", peripheries="2"`,
		`fillcolor="#fde2e2"`, // a deadlock: the SYN lost
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s", want)
		}
	}
}

// TestWorldGraphQuotient: above the bound the graph says so and groups the
// worlds by control states.
func TestWorldGraphQuotient(t *testing.T) {
	sys := loadSystem(t, "testdata/two_way.yaml")
	g := exploreBFS(t, sys)
	path, err := sys.Replay([]model.Action{
		{Kind: model.ActFire, Machine: 0, Trans: 0, Slot: -1},
		{Kind: model.ActFire, Machine: 1, Trans: 0, Channel: 0, Slot: 0},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	quotient, err := WorldGraph(&b, sys, g, GraphOptions{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if !quotient {
		t.Fatalf("%d worlds drawn one by one", g.Len())
	}
	checkGolden(t, "two_way.quotient.dot", b.Bytes())
	dot := b.String()
	for _, want := range []string{"487 worlds, more than 300", `client: SYN_SENT\lserver: ESTABLISHED\l(240 worlds)\l`, "server accept"} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %s", want)
		}
	}
	var small bytes.Buffer
	if q, _ := WorldGraph(&small, sys, g, GraphOptions{MaxWorlds: 1000}); q {
		t.Error("MaxWorlds 1000 still drew the quotient")
	}
}

// TestDeterministic draws each picture twice, from freshly built inputs,
// and compares the bytes: no map order, pointer or clock may leak in.
func TestDeterministic(t *testing.T) {
	draws := map[string]func() []byte{
		"world graph": func() []byte {
			sys := loadSystem(t, "testdata/tiny.yaml")
			var b bytes.Buffer
			if _, err := WorldGraph(&b, sys, exploreBFS(t, sys), GraphOptions{}); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		},
		"quotient": func() []byte {
			sys := loadSystem(t, "testdata/two_way.yaml")
			var b bytes.Buffer
			if _, err := WorldGraph(&b, sys, exploreBFS(t, sys), GraphOptions{MaxWorlds: 10}); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		},
		"sequence chart": func() []byte {
			sys, tr := faultTrace(t)
			var b bytes.Buffer
			if err := SequenceSVG(&b, sys, []Run{NewRun("a", tr), NewRun("b", tr)}, ChartOptions{Focus: "a"}); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		},
	}
	for _, name := range []string{"world graph", "quotient", "sequence chart"} {
		if a, b := draws[name](), draws[name](); !bytes.Equal(a, b) {
			t.Errorf("%s: two drawings differ", name)
		}
	}
}
