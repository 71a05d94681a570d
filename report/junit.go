package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/properties"
)

// JUnitSuites is the --format junit document, in the form CI test
// reporters read (Jenkins, GitLab, GitHub Actions' test-report actions):
// a test suite per spec and configuration, a test case per property.
// Times are there only with Options.Stats, so that by default the same
// reports give the same bytes.
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr,omitempty"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite is one report: its name is the report's title (the file,
// and the configuration of a matrix).
type JUnitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr,omitempty"`
	Properties []JUnitProperty `xml:"properties>property"`
	Cases      []JUnitCase     `xml:"testcase"`
	// SystemOut holds the search's statistics, and why it is incomplete.
	SystemOut *JUnitText `xml:"system-out"`
}

// JUnitProperty is a name and a value that describe a suite: the spec's
// file, name and configuration.
type JUnitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// JUnitCase is one property (classname is the spec's name), or, for a
// report that decided none, what stopped it: an invalid spec, a model
// error, a configuration not checked.
type JUnitCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	File      string `xml:"file,attr,omitempty"`
	Line      int    `xml:"line,attr,omitempty"`
	// Failure is a verdict that is not the expected one (or, with
	// --fail-vacuous, one that holds vacuously): its text is what verify
	// prints for the property, the counterexample included.
	Failure *JUnitResult `xml:"failure"`
	// Error is an invalid spec or a model error, with the trace to it.
	Error *JUnitResult `xml:"error"`
	// Skipped is an unknown verdict, with the note that says why.
	Skipped *JUnitResult `xml:"skipped"`
	// SystemOut is, for a property that holds vacuously without
	// failing, what verify prints for it.
	SystemOut *JUnitText `xml:"system-out"`
}

// JUnitResult is a failure, an error or a skip: a one-line message, a
// type, and the full text.
type JUnitResult struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// JUnitText is text kept as written, in a CDATA section.
type JUnitText struct {
	Text string `xml:",cdata"`
}

// JUnit writes the reports as one JUnit XML document.
func JUnit(w io.Writer, reports []*tcpcheck.Report, o Options) error {
	doc := JUnitDocument(reports, o)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// JUnitDocument is the JUnit document of the reports.
func JUnitDocument(reports []*tcpcheck.Report, o Options) JUnitSuites {
	doc := JUnitSuites{Name: "tcpcheck"}
	var secs float64
	for _, r := range reports {
		s := junitSuite(r, o)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
		secs += r.Elapsed.Seconds()
		doc.Suites = append(doc.Suites, s)
	}
	if o.Stats {
		doc.Time = fmt.Sprintf("%.3f", secs)
	}
	return doc
}

// junitSuite is the suite of one report.
func junitSuite(r *tcpcheck.Report, o Options) JUnitSuite {
	s := JUnitSuite{Name: r.Title(), Properties: []JUnitProperty{{"file", r.File}}}
	class := r.File
	if r.System != nil {
		class = r.System.Name
		s.Properties = append(s.Properties, JUnitProperty{"spec", class})
	}
	if r.Config != "" {
		s.Properties = append(s.Properties, JUnitProperty{"config", r.Config})
	}
	if c := junitStopped(r, o, class); c != nil {
		s.Cases = append(s.Cases, *c)
	}
	for _, res := range r.Results {
		s.Cases = append(s.Cases, junitCase(r, res, class))
	}
	for _, c := range s.Cases {
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
	}
	if r.System != nil && r.Err == nil {
		s.SystemOut = &JUnitText{xmlText(searchText(r, o))}
	}
	if o.Stats {
		s.Time = fmt.Sprintf("%.3f", r.Elapsed.Seconds())
	}
	return s
}

// junitStopped is the test case of what kept r from deciding its
// properties: an invalid spec, the context's end before it, a model error;
// nil if nothing did.
func junitStopped(r *tcpcheck.Report, o Options, class string) *JUnitCase {
	c := &JUnitCase{Classname: class, File: r.File}
	switch {
	case r.Err != nil:
		c.Name = "invalid spec"
		c.Error = &JUnitResult{Message: firstLine(r.Err.Error()), Type: "invalid", Text: xmlText(r.Err.Error() + "\n")}
	case r.Skipped != nil:
		why := "not checked: " + o.reason(r, r.Skipped)
		c.Name, c.Skipped = "not checked", &JUnitResult{Message: why, Text: xmlText(why + "\n")}
	case r.ModelError != nil:
		var b bytes.Buffer
		ModelError(&b, r.System, r.ModelError, r.ModelTrace)
		c.Name = "model error"
		c.Error = &JUnitResult{Message: firstLine(r.ModelError.Error()), Type: "model error", Text: xmlText(dedent(b.String()))}
	default:
		return nil
	}
	return c
}

// junitCase is the test case of one property of r.
func junitCase(r *tcpcheck.Report, res properties.Result, class string) JUnitCase {
	p := res.Property
	c := JUnitCase{Name: p.Name, Classname: class, File: p.Pos.File, Line: p.Pos.Line}
	text := xmlText(resultText(r, res))
	vacuous := res.Verdict == properties.Holds && len(res.Vacuous) > 0
	switch {
	case res.Verdict == properties.Unknown:
		msg := res.Note
		if msg == "" {
			msg = "unknown"
		}
		c.Skipped = &JUnitResult{Message: msg, Text: text}
	case !res.OK():
		c.Failure = &JUnitResult{Message: fmt.Sprintf("%s, expected %s", res.Verdict, p.Expect), Type: "mismatch", Text: text}
	case !r.Passes(res):
		c.Failure = &JUnitResult{Message: "holds vacuously (--fail-vacuous)", Type: "vacuous", Text: text}
	case vacuous:
		c.SystemOut = &JUnitText{text}
	}
	return c
}

// resultText is what Text writes for one property, without the indent
// of the report.
func resultText(r *tcpcheck.Report, res properties.Result) string {
	var b bytes.Buffer
	Result(&b, r, res)
	return dedent(b.String())
}

// searchText is what Text writes after the verdicts: why the search or
// the analysis is incomplete, the coverage and the statistics.
func searchText(r *tcpcheck.Report, o Options) string {
	var b bytes.Buffer
	if r.Limit != nil {
		fmt.Fprintf(&b, "search incomplete: %s\n", o.reason(r, r.Limit))
	}
	if r.Interrupted != nil {
		fmt.Fprintf(&b, "analysis incomplete: %s\n", o.reason(r, r.Interrupted))
	}
	var cov bytes.Buffer
	writeCoverage(&cov, r.Coverage)
	b.WriteString(dedent(cov.String()))
	fmt.Fprintf(&b, "%s worlds, %s transitions, depth %d", Count(r.Stats.States), Count(r.Stats.Transitions), r.Stats.MaxDepth)
	if o.Stats {
		fmt.Fprintf(&b, ", %.3fs, %s worlds/s, %.1f bytes/world", r.Elapsed.Seconds(), Count(int64(rate(r))), bytesPerWorld(r))
	}
	var compact bytes.Buffer
	writeCompact(&compact, r)
	b.WriteString(dedent(compact.String()))
	b.WriteByte('\n')
	return b.String()
}

// dedent takes the two spaces of a report's indent off every line.
func dedent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	return strings.Join(lines, "")
}

// firstLine is s up to its first newline.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// xmlText makes s fit in a CDATA section: a character XML does not allow
// (a control character, invalid UTF-8) becomes U+FFFD, as encoding/xml
// does in attributes.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if !xmlChar(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

// xmlChar reports whether XML 1.0 allows r (its production Char).
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
