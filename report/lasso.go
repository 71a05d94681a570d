package report

import (
	"fmt"
	"io"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// writeLasso prints the counterexample of a liveness property: the prefix,
// then the loop, marked, which returns to the world where it starts and
// repeats forever. A loop of no steps is a run that stops and stays in its
// last world: nothing is enabled there, or only user calls (see the note).
func writeLasso(w io.Writer, sys *model.System, res properties.Result) {
	tr, loop := res.Trace, res.LoopStart
	if loop == tr.Len() {
		fmt.Fprintf(w, "       counterexample, %d steps, then the run stops and stays in the final world forever:\n", tr.Len())
	} else {
		fmt.Fprintf(w, "       counterexample (lasso), %d steps: %s, then %s forever:\n",
			tr.Len(), prefixText(loop), repeatText(loop+1, tr.Len()))
	}
	writeSteps(w, sys, tr, "         ", loop)
}

// loopMarker is the line printed before the first step of a loop.
func loopMarker(start, n int) string {
	steps := fmt.Sprintf("steps %d–%d return", start+1, n)
	if start+1 == n {
		steps = fmt.Sprintf("step %d returns", n)
	}
	if start == 0 {
		return fmt.Sprintf("↻ loop: %s to the initial world, forever", steps)
	}
	return fmt.Sprintf("↻ loop: %s to the world after step %d, forever", steps, start)
}

func prefixText(loop int) string {
	switch loop {
	case 0:
		return "no step leads to the loop"
	case 1:
		return "step 1 leads to the loop"
	}
	return fmt.Sprintf("steps 1–%d lead to the loop", loop)
}

func repeatText(a, b int) string {
	if a == b {
		return fmt.Sprintf("step %d repeats", a)
	}
	return fmt.Sprintf("steps %d–%d repeat", a, b)
}
