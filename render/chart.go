package render

import (
	"fmt"
	"strings"

	"github.com/tcpcheck/tcpcheck/model"
)

// Run is one run of a system to draw in a sequence chart: a counterexample,
// a witness, or one of the two runs of a knowledge counterexample.
type Run struct {
	// Title is written above the run's lanes; it may be empty.
	Title string
	Trace model.Trace
	// LoopStart is, for a lasso (a liveness counterexample), the index in
	// Trace.Worlds where the loop starts: the actions from there to the end
	// repeat forever, and the chart brackets them. LoopStart ==
	// Trace.Len() means the run stops in its last world and stays there.
	// -1 means no loop; see [NewRun].
	LoopStart int
}

// NewRun returns a run without a loop.
func NewRun(title string, t model.Trace) Run { return Run{Title: title, Trace: t, LoopStart: -1} }

// checkRun reports a run whose worlds and actions do not match, or whose
// loop starts outside it.
func checkRun(run Run) error {
	tr := run.Trace
	if len(tr.Worlds) != len(tr.Actions)+1 {
		return fmt.Errorf("render: run %q: %d worlds for %d actions", run.Title, len(tr.Worlds), len(tr.Actions))
	}
	if run.LoopStart > len(tr.Actions) || run.LoopStart < -1 {
		return fmt.Errorf("render: run %q: loop start %d outside 0..%d", run.Title, run.LoopStart, len(tr.Actions))
	}
	return nil
}

// chart is a run laid out in rows and lanes, before drawing: what each
// machine is in at each step, and every message as an arrow from the row
// that sent it to the row where it ended.
type chart struct {
	title  string
	lanes  []string
	rows   []chartRow
	arrows []*arrow
	loop   int
}

// chartRow is one step: rows[0] is the initial world, rows[i] the world
// after the i-th action.
type chartRow struct {
	states  []string // each lane's control state after the step
	changed []bool   // whether it changed in this step (all, in row 0)
	actor   int      // the lane of the machine that acted; -1 for the network and row 0
	action  string   // what it did: "call open", "timeout", "recv", "discard"
	note    string   // its transition, choices and changed variables
	network string   // what the network did, for a link going down or up
}

// arrowEnd is how a message's arrow ends.
type arrowEnd uint8

const (
	endRecv       arrowEnd = iota + 1 // delivered to a transition
	endDiscard                        // delivered, and consumed by no transition
	endLost                           // lost in flight by the network
	endLostAtSend                     // never entered the channel: full, or the link down
	endInFlight                       // still in the channel when the run ends
)

// arrow is one message from the row that sent it to the row where it ended.
// A duplicated message has several arrows from the same send.
type arrow struct {
	msg       string
	from, to  int // lanes
	sent, end int // rows
	how       arrowEnd
	dup       bool   // delivered while a copy stays in flight
	overtakes bool   // delivered while an older message of its channel is still in flight
	why       string // why a message was lost at send
	spread    int    // for a message in flight at the end: its place in its channel
	copyNo    int    // earlier arrows from the same send: copies of a duplicated message
}

// pending is a message in flight: sent in row sent, not yet delivered (or
// delivered with a copy kept).
type pending struct {
	msg      string
	from, to int
	sent     int
}

// buildChart replays a run's descriptions into rows and arrows. It keeps a
// queue of the messages in flight on each channel, in the order they were
// sent, and pairs each receive, discard or loss with the message it takes:
// by slot on a FIFO channel, whose slot 0 is the oldest; by content on a
// reordering channel, whose slots are kept sorted, taking the oldest equal
// copy.
func buildChart(sys *model.System, run Run) (*chart, error) {
	tr := run.Trace
	if err := checkRun(run); err != nil {
		return nil, err
	}
	c := &chart{title: run.Title, loop: run.LoopStart}
	for _, m := range sys.Machines {
		c.lanes = append(c.lanes, m.Name)
	}
	queues := make([][]*pending, len(sys.Channels))
	for _, ch := range sys.Channels {
		for _, m := range sys.InFlight(tr.Worlds[0], ch.ID) {
			queues[ch.ID] = append(queues[ch.ID], &pending{msg: sys.FormatMessage(m), from: int(ch.From), to: int(ch.To)})
		}
	}
	c.rows = append(c.rows, initialRow(sys, tr.Worlds[0]))
	for i, a := range tr.Actions {
		st := sys.Describe(tr.Worlds[i], tr.Worlds[i+1], a)
		if err := c.step(sys, queues, i+1, a, st); err != nil {
			return nil, fmt.Errorf("render: run %q: step %d: %w", run.Title, i+1, err)
		}
		c.rows = append(c.rows, c.nextRow(sys, tr.Worlds[i+1], a, st))
	}
	for _, q := range queues {
		for k, p := range q {
			c.arrows = append(c.arrows, &arrow{msg: p.msg, from: p.from, to: p.to, sent: p.sent, end: len(c.rows), how: endInFlight, spread: k})
		}
	}
	c.numberCopies()
	return c, nil
}

// numberCopies counts, for each arrow, the earlier arrows that leave the
// same lane in the same row with the same message: the copies of a
// duplicated message, whose labels must not sit on top of each other.
func (c *chart) numberCopies() {
	for i, a := range c.arrows {
		for _, b := range c.arrows[:i] {
			if b.from == a.from && b.sent == a.sent && b.msg == a.msg && a.sent > 0 {
				a.copyNo++
			}
		}
	}
}

// step pairs the message action a takes, if any, with its send, and queues
// or ends the messages it sends.
func (c *chart) step(sys *model.System, queues [][]*pending, row int, a model.Action, st model.Step) error {
	if a.Slot >= 0 {
		q := queues[a.Channel]
		k := matchPending(q, a.Slot, st.Message, sys.Channels[a.Channel].Reorder)
		if k < 0 {
			return fmt.Errorf("%s is not in flight on %s", st.Message, st.Channel)
		}
		p := q[k]
		ar := &arrow{msg: p.msg, from: p.from, to: p.to, sent: p.sent, end: row, how: endRecv, dup: a.Keep, overtakes: k > 0}
		switch a.Kind {
		case model.ActDiscard:
			ar.how = endDiscard
		case model.ActDrop:
			ar.how, ar.overtakes = endLost, false
		}
		c.arrows = append(c.arrows, ar)
		if !a.Keep {
			queues[a.Channel] = append(q[:k:k], q[k+1:]...)
		}
	}
	for _, s := range st.Sent {
		ch := channelNamed(sys, s.Channel)
		if ch == nil {
			return fmt.Errorf("no channel %s", s.Channel)
		}
		p := &pending{msg: s.Message, from: int(ch.From), to: int(ch.To), sent: row}
		if s.Lost != "" {
			c.arrows = append(c.arrows, &arrow{msg: p.msg, from: p.from, to: p.to, sent: row, end: row, how: endLostAtSend, why: s.Lost})
			continue
		}
		queues[ch.ID] = append(queues[ch.ID], p)
	}
	return nil
}

// matchPending finds the queued message that slot of the channel holds: on
// a FIFO channel the queue is in slot order; on a reordering channel the
// slots are sorted, so the oldest message with the same content is taken.
func matchPending(q []*pending, slot int, msg string, reorder bool) int {
	if !reorder && slot < len(q) && q[slot].msg == msg {
		return slot
	}
	for k, p := range q {
		if p.msg == msg {
			return k
		}
	}
	return -1
}

func channelNamed(sys *model.System, name string) *model.Channel {
	for _, ch := range sys.Channels {
		if ch.Name == name {
			return ch
		}
	}
	return nil
}

func initialRow(sys *model.System, w model.World) chartRow {
	r := chartRow{actor: -1, action: "initial"}
	for _, m := range sys.Machines {
		r.states = append(r.states, m.States[sys.State(w, m.ID)])
		r.changed = append(r.changed, true)
	}
	return r
}

// nextRow describes the world after action a.
func (c *chart) nextRow(sys *model.System, w model.World, a model.Action, st model.Step) chartRow {
	prev := c.rows[len(c.rows)-1]
	r := chartRow{actor: -1}
	for i, m := range sys.Machines {
		s := m.States[sys.State(w, m.ID)]
		r.states = append(r.states, s)
		r.changed = append(r.changed, s != prev.states[i])
	}
	switch a.Kind {
	case model.ActFire, model.ActDiscard:
		r.actor = int(a.Machine)
		r.action, r.note = actionText(st)
	case model.ActLinkDown, model.ActLinkUp:
		r.network = strings.Replace(st.Kind, "-", " ", 1) + " " + st.Channel
	}
	return r
}

// actionText says what a machine did, and notes its transition, choices
// and the variables it changed: ("call open", "active_open isn=1 iss 0→1").
func actionText(st model.Step) (action, note string) {
	action = st.Kind
	if st.Event != "" {
		action += " " + st.Event
	}
	var parts []string
	if st.Kind == "discard" {
		parts = append(parts, "no transition accepts it")
	}
	if st.Transition != "" {
		parts = append(parts, st.Transition)
	}
	parts = append(parts, st.Choices...)
	for _, ch := range st.Changes {
		if _, v, ok := strings.Cut(ch.What, "."); ok && strings.HasPrefix(ch.What, st.Actor+".") {
			parts = append(parts, fmt.Sprintf("%s %s→%s", v, ch.From, ch.To))
		}
	}
	return action, strings.Join(parts, " ")
}
