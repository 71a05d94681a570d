package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/model/syntax"
	"github.com/tcpcheck/tcpcheck/properties"
)

// This file writes --format github: GitHub Actions workflow commands,
// which the runner turns into annotations on the lines of the spec.
//
//	::error file=specs/two_way.yaml,line=62,col=5,title=...::message
//
// See https://docs.github.com/actions/reference/workflow-commands-for-github-actions.

// GitHub writes one report as workflow commands: an error at each
// property whose verdict fails the run (at the property's position, with
// the counterexample), a warning at each unknown verdict and each property
// that holds vacuously, an error at each problem of an invalid spec and
// at a model error, a warning for a search cut short or a configuration
// not checked. A report that passes writes nothing.
func GitHub(w io.Writer, r *tcpcheck.Report, o Options) {
	label := specLabel(r)
	switch {
	case r.Err != nil:
		for _, p := range Problems(r.Err, r.File) {
			annotate(w, "error", p.Pos, label+": invalid spec", p.Message)
		}
		return
	case r.Skipped != nil:
		annotate(w, "warning", syntax.Pos{File: r.File}, label+": not checked", o.reason(r, r.Skipped))
		return
	case r.ModelError != nil:
		var b bytes.Buffer
		ModelError(&b, r.System, r.ModelError, r.ModelTrace)
		annotate(w, "error", errorPos(r.ModelError, r.File), label+": model error", strings.TrimRight(dedent(b.String()), "\n"))
	}
	for _, res := range r.Results {
		githubResult(w, r, res, label)
	}
	if r.Limit != nil {
		annotate(w, "warning", syntax.Pos{File: r.File}, label+": search incomplete", o.reason(r, r.Limit))
	}
	if r.Interrupted != nil {
		annotate(w, "warning", syntax.Pos{File: r.File}, label+": analysis incomplete", o.reason(r, r.Interrupted))
	}
}

// githubResult writes the annotation of one verdict, if it needs one.
func githubResult(w io.Writer, r *tcpcheck.Report, res properties.Result, label string) {
	p := res.Property
	title := fmt.Sprintf("%s: %s %s", label, p.Name, verdictWord(res))
	level := "error"
	switch {
	case res.Verdict == properties.Unknown:
		level = "warning"
	case !res.OK():
		title += ", expected " + p.Expect.String()
	case r.Passes(res) && len(res.Vacuous) > 0:
		level = "warning"
	case r.Passes(res):
		return
	}
	annotate(w, level, p.Pos, title, strings.TrimRight(resultText(r, res), "\n"))
}

// specLabel names the spec of r and its configuration.
func specLabel(r *tcpcheck.Report) string {
	name := r.File
	if r.System != nil {
		name = r.System.Name
	}
	if r.Config != "" {
		name += " [" + r.Config + "]"
	}
	return name
}

// annotate writes one workflow command: level (error, warning, notice)
// at pos, with a title and a message.
func annotate(w io.Writer, level string, pos syntax.Pos, title, msg string) {
	var b strings.Builder
	b.WriteString("::" + level + " ")
	var props []string
	if pos.File != "" {
		props = append(props, "file="+escapeProperty(pos.File))
	}
	if pos.IsValid() {
		props = append(props, "line="+strconv.Itoa(pos.Line))
		if pos.Col > 0 {
			props = append(props, "col="+strconv.Itoa(pos.Col))
		}
	}
	props = append(props, "title="+escapeProperty(title))
	b.WriteString(strings.Join(props, ","))
	b.WriteString("::")
	b.WriteString(escapeData(msg))
	b.WriteByte('\n')
	io.WriteString(w, b.String())
}

// escapeData escapes a workflow command's message as the runner reads it
// (actions/toolkit, command.ts): %, CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property's value: as a message, and the ':'
// and ',' that end a property.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
