package liveness

import "context"

// A poller lets the long loops of the fair-cycle search notice a cancelled
// context cheaply: stop counts its calls and looks at the context only
// every pollEvery of them. Once it has seen the context done, every later
// call returns true at once. A poller belongs to one goroutine; the nil
// poller never stops. A search that stops early leaves a meaningless
// answer: the caller tests the context afterwards (see [Checker.Check]).
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
