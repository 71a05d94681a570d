package model

// ActionKind says who acted in a step of the world: a machine, or the
// network.
type ActionKind uint8

// The kinds of action.
const (
	_           ActionKind = iota
	ActFire                // a machine takes a transition (call, recv, timeout, internal)
	ActDiscard             // a machine consumes a message that no transition accepts
	ActDrop                // the network loses a message in flight
	ActLinkDown            // the network takes a flaky link down
	ActLinkUp              // the network brings a flaky link back up
)

var actionNames = [...]string{ActFire: "fire", ActDiscard: "discard", ActDrop: "drop", ActLinkDown: "link-down", ActLinkUp: "link-up"}

// String returns a short lower-case name for k.
func (k ActionKind) String() string {
	if int(k) < len(actionNames) && actionNames[k] != "" {
		return actionNames[k]
	}
	return "?"
}

// ByNetwork reports whether the network, not a machine, takes the action.
func (k ActionKind) ByNetwork() bool { return k >= ActDrop }

// Action is one labelled step of the world. It is a small value: which
// machine or channel acted, and enough indices to describe the step and to
// replay it.
type Action struct {
	Kind    ActionKind
	Machine MachineID // the acting machine (ActFire, ActDiscard)
	Trans   int       // index into the machine's Transitions (ActFire)
	Choice  int       // index of the chosen values (ActFire), see [Transition.ChoiceValues]
	Channel ChannelID // the channel (recv, discard, drop, link)
	Slot    int       // position of the message in the channel, or -1
	Keep    bool      // the delivered message stays in the channel (duplication)
}

// ChoiceValues returns the values of t's choices for choice index i. The
// first choice varies slowest.
func (t *Transition) ChoiceValues(i int) []int64 {
	out := make([]int64, len(t.Choices))
	t.decodeChoice(i, out)
	return out
}

func (t *Transition) decodeChoice(i int, out []int64) {
	for k := len(t.Choices) - 1; k >= 0; k-- {
		c := t.Choices[k]
		n := int(c.Hi - c.Lo + 1)
		out[k] = c.Lo + int64(i%n)
		i /= n
	}
}
