package properties

import (
	"context"
	"fmt"
)

// A poller lets the long loops of the analyses after a search (liveness,
// knowledge) notice a cancelled context cheaply: stop counts its calls
// and looks at the context only every pollEvery of them. Once it has seen
// the context done, every later call returns true at once. A poller
// belongs to one goroutine; the nil poller never stops.
//
// A loop that stops early leaves a half-computed answer: whoever started
// the analysis must test the context afterwards and discard the answer
// (see [cancelled]), never turn it into a verdict.
type poller struct {
	done    <-chan struct{}
	n       uint32
	stopped bool
}

// pollEvery is how many calls of stop pass between two looks at the
// context: a look costs a channel poll, a call an increment.
const pollEvery = 1 << 10

func newPoller(ctx context.Context) *poller { return &poller{done: ctx.Done()} }

// stop reports whether the context is done, looking at it only every
// pollEvery calls.
func (p *poller) stop() bool {
	if p == nil || p.done == nil {
		return false
	}
	if p.stopped {
		return true
	}
	if p.n++; p.n%pollEvery != 0 {
		return false
	}
	select {
	case <-p.done:
		p.stopped = true
	default:
	}
	return p.stopped
}

// cancelled is the verdict on p when ctx ended before it was decided:
// Unknown, with the cause (a timeout, an interruption) as the note.
func cancelled(ctx context.Context, p *Property) Result {
	return Result{Property: p, Verdict: Unknown, Note: fmt.Sprintf("not decided: %v", context.Cause(ctx))}
}
