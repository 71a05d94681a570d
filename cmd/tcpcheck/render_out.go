package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
	"github.com/tcpcheck/tcpcheck/render"
)

// outputFormat is --format, else the output file's extension, else SVG.
// renderInputs reads what every render subcommand needs: the output format
// and the compiled spec. Its error is ready to return from a command.
func renderInputs(o *renderOptions, file string) (render.Format, *model.System, error) {
	f, err := outputFormat(o)
	if err != nil {
		return f, nil, &exitError{exitInvalid, err}
	}
	sys, err := loadSystem(file, o.set)
	if err != nil {
		return f, nil, &exitError{exitInvalid, err}
	}
	return f, sys, nil
}

func outputFormat(o *renderOptions) (render.Format, error) {
	if o.format != "" {
		return render.ParseFormat(o.format)
	}
	if f := render.FormatOf(o.out); f != "" {
		return f, nil
	}
	return render.SVG, nil
}

// layOut turns DOT into the chosen format and writes it.
func layOut(ctx context.Context, o *renderOptions, dot []byte, f render.Format, stdout io.Writer, file string) error {
	var pic bytes.Buffer
	err := render.Image(ctx, dot, f, &pic)
	if err := stopped(ctx, file); err != nil {
		return err
	}
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	return writeOutput(o.out, pic.Bytes(), stdout)
}

// writeOutput writes a finished picture to path, or to stdout for "-".
func writeOutput(path string, pic []byte, stdout io.Writer) error {
	var err error
	if path == "-" {
		_, err = stdout.Write(pic)
	} else {
		err = os.WriteFile(path, pic, 0o644)
	}
	if err != nil {
		return &exitError{exitInvalid, err}
	}
	return nil
}

// drawEvidence draws a result's counterexample or witness: as a sequence
// chart in SVG, or as a chain of worlds in DOT (and PNG laid out from it).
func drawEvidence(ctx context.Context, sys *model.System, res properties.Result, f render.Format) ([]byte, error) {
	runs, opt := evidenceRuns(sys, res)
	var b bytes.Buffer
	if f == render.SVG {
		err := render.SequenceSVG(&b, sys, runs, opt)
		return b.Bytes(), err
	}
	if err := render.TraceDOT(&b, sys, runs[0]); err != nil {
		return nil, err
	}
	var pic bytes.Buffer
	err := render.Image(ctx, b.Bytes(), f, &pic)
	return pic.Bytes(), err
}

// evidenceRuns are the runs a result's chart shows: its trace (a lasso's
// loop marked), and for a knowledge counterexample the run the agent cannot
// tell apart from it, side by side, the agent's lane shaded.
func evidenceRuns(sys *model.System, res properties.Result) ([]render.Run, render.ChartOptions) {
	p := res.Property
	what := "counterexample"
	if res.Verdict == properties.Holds {
		what = "witness"
	}
	opt := render.ChartOptions{Title: fmt.Sprintf("%s: %s (%s) %s", sys.Name, p.Name, p.Kind, res.Verdict)}
	run := render.NewRun(fmt.Sprintf("%s, %d steps", what, res.Trace.Len()), res.Trace)
	if res.Lasso() {
		run.LoopStart = res.LoopStart
	}
	runs := []render.Run{run}
	if res.Alt.Worlds != nil {
		runs[0].Title = fmt.Sprintf("this run, %d steps", res.Trace.Len())
		runs = append(runs, render.NewRun(fmt.Sprintf("a run it cannot be told apart from, %d steps (differs from step %d)", res.Alt.Len(), res.Diverge), res.Alt))
		opt.Note = res.AltNote
		if agent, _, _ := strings.Cut(res.AltNote, " "); sys.Machine(agent) != nil {
			opt.Focus = agent
		}
	}
	return runs, opt
}

// writeSVGDir writes, for verify --svg-dir, one sequence chart per
// violated property with a trace and per witness, named
// <spec>-<property>.svg, or <spec>-<config>-<property>.svg for a
// configuration of a matrix.
func writeSVGDir(dir string, reports []*tcpcheck.Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, r := range reports {
		if r.System == nil {
			continue
		}
		for _, res := range r.Results {
			if res.Trace.Worlds == nil {
				continue
			}
			runs, opt := evidenceRuns(r.System, res)
			var b bytes.Buffer
			if err := render.SequenceSVG(&b, r.System, runs, opt); err != nil {
				return fmt.Errorf("%s: property %s: %w", r.File, res.Property.Name, err)
			}
			name := filepath.Join(dir, svgName(r, res.Property.Name))
			if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// svgName is the file name of a chart: spec, configuration (LOSS=0
// REORDER=1 becomes LOSS0_REORDER1) and property.
func svgName(r *tcpcheck.Report, prop string) string {
	parts := []string{r.System.Name}
	if r.Config != "" {
		parts = append(parts, strings.NewReplacer("=", "", " ", "_").Replace(r.Config))
	}
	return strings.Join(append(parts, prop), "-") + ".svg"
}
