package report

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// TestJUnit_Text: any text survives the trip through XML: "]]>", which
// would end a CDATA section, and characters XML does not allow, which
// become U+FFFD.
func TestJUnit_Text(t *testing.T) {
	const text = "a ]]> b \x01 c\n  d → e\n"
	doc := JUnitSuites{Suites: []JUnitSuite{{Name: "s\x02", Cases: []JUnitCase{{Name: "p",
		Failure: &JUnitResult{Message: "m", Text: xmlText(text)}}}}}}
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	var got JUnitSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if want := "a ]]> b \uFFFD c\n  d → e\n"; got.Suites[0].Cases[0].Failure.Text != want {
		t.Errorf("text %q, want %q", got.Suites[0].Cases[0].Failure.Text, want)
	}
	if got.Suites[0].Name != "s\uFFFD" {
		t.Errorf("name %q", got.Suites[0].Name)
	}
}
