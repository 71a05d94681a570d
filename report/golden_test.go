package report

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

var update = flag.Bool("update", false, "rewrite report/testdata/*.golden (inspect the diff; commit only if you understand it)")

// goldenCase is a run whose reports every format writes to a golden file.
type goldenCase struct {
	name    string
	reports func() []*tcpcheck.Report
}

// goldenCases are three runs on small specs in testdata:
//   - handshake: a knowledge counterexample and a lasso, both unexpected,
//     and a trace to a world whose link is down;
//   - mixed: a matrix (two configurations; one mismatches, a property holds
//     vacuously in both), a model error and an invalid spec;
//   - undecided: unknown verdicts (compact mode, a state limit) and a
//     configuration not checked.
var goldenCases = []goldenCase{
	{"handshake", func() []*tcpcheck.Report {
		return verifyAll(context.Background(), tcpcheck.Options{}, "handshake.yaml")
	}},
	{"mixed", func() []*tcpcheck.Report {
		return verifyAll(context.Background(), tcpcheck.Options{}, "matrix.yaml", "broken.yaml", "invalid.yaml")
	}},
	{"undecided", func() []*tcpcheck.Report {
		compact := verifyAll(context.Background(), tcpcheck.Options{Search: explore.Options{Compact: true}}, "matrix.yaml")
		limited := verifyAll(context.Background(), tcpcheck.Options{Search: explore.Options{MaxStates: 10, Workers: 1}}, "handshake.yaml")
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return append(append(compact, limited...), verifyAll(ctx, tcpcheck.Options{}, "broken.yaml")...)
	}},
}

// verifyAll checks the specs of testdata, in order.
func verifyAll(ctx context.Context, opt tcpcheck.Options, files ...string) []*tcpcheck.Report {
	var out []*tcpcheck.Report
	for _, f := range files {
		out = append(out, tcpcheck.Verify(ctx, filepath.Join("testdata", f), opt)...)
	}
	return out
}

// goldenFormats write a run in each format, as verify does.
var goldenFormats = map[string]func(*testing.T, []*tcpcheck.Report) []byte{
	"txt": func(t *testing.T, reports []*tcpcheck.Report) []byte {
		var b bytes.Buffer
		for _, r := range reports {
			Text(&b, r, Options{})
		}
		b.WriteString(Summary(reports) + "\n")
		return b.Bytes()
	},
	"json": func(t *testing.T, reports []*tcpcheck.Report) []byte {
		var b bytes.Buffer
		if err := JSON(&b, reports, Options{}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	},
	"xml": func(t *testing.T, reports []*tcpcheck.Report) []byte {
		var b bytes.Buffer
		if err := JUnit(&b, reports, Options{}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	},
	"github": func(t *testing.T, reports []*tcpcheck.Report) []byte {
		var b bytes.Buffer
		for _, r := range reports {
			GitHub(&b, r, Options{})
		}
		b.WriteString(Summary(reports) + "\n")
		return b.Bytes()
	},
}

// TestGolden pins every format on the golden runs: a change of output
// shows up as a diff of testdata/*.golden in review. go test ./report
// -run TestGolden -update rewrites them.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		reports := c.reports()
		for ext, write := range goldenFormats {
			t.Run(c.name+"."+ext, func(t *testing.T) {
				got := write(t, reports)
				path := filepath.Join("testdata", c.name+"."+ext+".golden")
				if *update {
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./report -run TestGolden -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the golden file:\n--- got\n%s--- want\n%s", path, got, want)
				}
			})
		}
	}
}

// TestGolden_Deterministic: without Stats no format depends on the time
// the search took.
func TestGolden_Deterministic(t *testing.T) {
	for _, c := range goldenCases[:2] {
		a := c.reports()
		b := c.reports()
		for _, r := range b {
			r.Elapsed *= 1000 // what a slower machine would take
		}
		for ext, write := range goldenFormats {
			if x, y := write(t, a), write(t, b); !bytes.Equal(x, y) {
				t.Errorf("%s.%s depends on the time taken:\n%s\n---\n%s", c.name, ext, x, y)
			}
		}
	}
}

// TestJUnit_ParsesBack: the JUnit document decodes to what was encoded,
// counterexamples and counts included.
func TestJUnit_ParsesBack(t *testing.T) {
	for _, c := range goldenCases {
		reports := c.reports()
		var b bytes.Buffer
		if err := JUnit(&b, reports, Options{}); err != nil {
			t.Fatal(err)
		}
		var got JUnitSuites
		if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("%s: %v\n%s", c.name, err, b.String())
		}
		want := JUnitDocument(reports, Options{})
		want.XMLName = got.XMLName
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded\n%+v\nwant\n%+v", c.name, got, want)
		}
		if got.Tests == 0 || got.Tests != sumCases(got) {
			t.Errorf("%s: tests=%d, %d test cases", c.name, got.Tests, sumCases(got))
		}
	}
}

func sumCases(d JUnitSuites) int {
	n := 0
	for _, s := range d.Suites {
		n += len(s.Cases)
	}
	return n
}

// TestJUnit_Verdicts: a mismatch is a failure with the text verify prints
// for the property, an unknown verdict is skipped with its note, an
// invalid spec and a model error are errors.
func TestJUnit_Verdicts(t *testing.T) {
	doc := JUnitDocument(goldenCases[0].reports(), Options{})
	cases := map[string]JUnitCase{}
	for _, c := range doc.Suites[0].Cases {
		cases[c.Name] = c
	}
	knows, finishes := cases["server_knows_delivery"], cases["finishes"]
	if knows.Failure == nil || !strings.Contains(knows.Failure.Text, "server cannot tell the last worlds of these two runs apart") {
		t.Errorf("knowledge failure: %+v", knows.Failure)
	}
	if finishes.Failure == nil || !strings.Contains(finishes.Failure.Text, "↻ loop: steps 2–3 return to the world after step 1, forever") {
		t.Errorf("lasso failure: %+v", finishes.Failure)
	}
	if c := cases["can_finish"]; c.Failure != nil || c.Skipped != nil || c.Error != nil || c.Classname != "handshake" {
		t.Errorf("a passing property: %+v", c)
	}
	if doc.Failures != 2 || doc.Errors != 0 || doc.Skipped != 0 {
		t.Errorf("failures %d, errors %d, skipped %d; want 2, 0, 0", doc.Failures, doc.Errors, doc.Skipped)
	}
	mixed := JUnitDocument(goldenCases[1].reports(), Options{})
	if mixed.Errors != 2 || mixed.Suites[2].Cases[0].Name != "model error" || mixed.Suites[3].Cases[0].Name != "invalid spec" {
		t.Errorf("mixed: %d errors: %+v", mixed.Errors, mixed.Suites[2:])
	}
	undecided := JUnitDocument(goldenCases[2].reports(), Options{})
	if undecided.Skipped == 0 || undecided.Suites[len(undecided.Suites)-1].Cases[0].Skipped == nil {
		t.Errorf("undecided: nothing skipped: %+v", undecided)
	}
}

// TestJUnit_FailVacuous: with --fail-vacuous a property that holds
// vacuously is a failure; without, it passes and says why in system-out.
func TestJUnit_FailVacuous(t *testing.T) {
	for _, fail := range []bool{false, true} {
		reports := verifyAll(context.Background(), tcpcheck.Options{FailVacuous: fail}, "matrix.yaml")
		doc := JUnitDocument(reports, Options{})
		quiet := doc.Suites[0].Cases[1]
		switch {
		case quiet.Name != "quiet":
			t.Fatalf("case %s", quiet.Name)
		case fail && (quiet.Failure == nil || quiet.Failure.Type != "vacuous"):
			t.Errorf("--fail-vacuous: %+v", quiet)
		case !fail && (quiet.Failure != nil || quiet.SystemOut == nil || !strings.Contains(quiet.SystemOut.Text, "vacuous in")):
			t.Errorf("without --fail-vacuous: %+v", quiet)
		}
		// The summary counts such a pass as unexpected, as the exit code does.
		want := Totals{Specs: 1, Configurations: 2, Properties: 6, Held: 5, Unexpected: 1, Vacuous: 2, Outcome: "mismatch"}
		if fail {
			want.Held, want.Unexpected = 3, 3
		}
		if got := Total(reports); got != want {
			t.Errorf("fail-vacuous %v: totals %+v, want %+v", fail, got, want)
		}
	}
}

// TestStats_Times: times appear in JUnit and JSON only with Stats.
func TestStats_Times(t *testing.T) {
	reports := goldenCases[0].reports()
	for _, stats := range []bool{false, true} {
		var x, j bytes.Buffer
		if err := JUnit(&x, reports, Options{Stats: stats}); err != nil {
			t.Fatal(err)
		}
		if err := JSON(&j, reports, Options{Stats: stats}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(x.String(), ` time="`); got != stats {
			t.Errorf("stats %v: JUnit has time attributes: %v", stats, got)
		}
		if got := strings.Contains(j.String(), `"seconds":`); got != stats {
			t.Errorf("stats %v: JSON has seconds: %v", stats, got)
		}
	}
}

// TestJSON_ParsesBack: the JSON document decodes into JSONDocument and
// encodes to the same bytes: no field is lost on the way.
func TestJSON_ParsesBack(t *testing.T) {
	for _, c := range goldenCases {
		var b bytes.Buffer
		if err := JSON(&b, c.reports(), Options{}); err != nil {
			t.Fatal(err)
		}
		var doc JSONDocument
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if doc.Schema != Schema || len(doc.Reports) == 0 {
			t.Errorf("%s: schema %q, %d reports", c.name, doc.Schema, len(doc.Reports))
		}
		var again bytes.Buffer
		enc := json.NewEncoder(&again)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		if again.String() != b.String() {
			t.Errorf("%s: the document changes through decoding:\n%s\n---\n%s", c.name, again.String(), b.String())
		}
	}
}

// TestJSON_OneShape: one report or several, the top level is the same
// object, and its summary counts what the text summary line does.
func TestJSON_OneShape(t *testing.T) {
	for _, c := range goldenCases {
		reports := c.reports()
		for _, rs := range [][]*tcpcheck.Report{reports[:1], reports} {
			var b bytes.Buffer
			if err := JSON(&b, rs, Options{}); err != nil {
				t.Fatal(err)
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal(b.Bytes(), &top); err != nil {
				t.Fatalf("%s: not an object: %v", c.name, err)
			}
			for _, k := range []string{"schema", "reports", "summary"} {
				if top[k] == nil {
					t.Errorf("%s: no %s", c.name, k)
				}
			}
		}
	}
	mixed := Total(goldenCases[1].reports())
	want := Totals{Specs: 3, Configurations: 4, Properties: 6, Held: 5, Unexpected: 1, Vacuous: 2, Invalid: 2, Outcome: "invalid"}
	if mixed != want {
		t.Errorf("mixed: %+v, want %+v", mixed, want)
	}
}

// TestJSON_Worlds: every world's values say what its text says: each
// machine's state and variables, each channel's messages.
func TestJSON_Worlds(t *testing.T) {
	for _, c := range goldenCases[:2] {
		reports := c.reports()
		doc := Document(reports, Options{})
		for i, jr := range doc.Reports {
			sys := reports[i].System
			for _, p := range jr.Properties {
				steps := p.Trace
				if p.Alternative != nil {
					steps = append(steps, p.Alternative.Trace...)
				}
				for _, st := range steps {
					for _, m := range sys.Machines {
						jm := st.Machines[m.Name]
						text := jm.State
						for _, v := range m.Vars {
							text += " " + v.Name + "=" + jsonText(jm.Vars[v.Name])
						}
						if text != st.World[m.Name] {
							t.Errorf("%s step %d: %s is %q in text, %q from its values", p.Name, st.Index, m.Name, st.World[m.Name], text)
						}
					}
					for _, ch := range sys.Channels {
						var parts []string
						for _, msg := range st.Channels[ch.Name] {
							parts = append(parts, msgText(sys.Messages[typeID(sys, msg.Type)].Fields, msg))
						}
						text := "[" + strings.Join(parts, ", ") + "]"
						if slices.Contains(st.LinksDown, ch.Name) {
							text += " (down)"
						}
						if text != st.World[ch.Name] {
							t.Errorf("%s step %d: %s is %q in text, %q from its values", p.Name, st.Index, ch.Name, st.World[ch.Name], text)
						}
					}
				}
			}
		}
	}
}

// jsonText writes a variable's JSON value as text does.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}

// msgText writes a message from its JSON values as text does.
func msgText(fields []*model.Field, m JSONMessage) string {
	if len(fields) == 0 {
		return m.Type
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = fmt.Sprintf("%s=%d", f.Name, m.Fields[f.Name])
	}
	return m.Type + "(" + strings.Join(parts, ", ") + ")"
}

// typeID finds the message type named name.
func typeID(sys *model.System, name string) model.MsgID {
	for _, t := range sys.Messages {
		if t.Name == name {
			return t.ID
		}
	}
	panic("no message type " + name)
}
