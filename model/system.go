package model

import "github.com/tcpcheck/tcpcheck/model/syntax"

// System is a compiled spec: every name resolved to a small index, every
// expression compiled to a closure, and the layout of a world fixed. It is
// immutable and safe for concurrent use.
type System struct {
	Name     string
	Doc      string
	File     string
	Params   []Param
	Messages []*MsgType
	Machines []*Machine
	Channels []*Channel
	// Final reports whether a world is declared final (quiescent): such a
	// world is not a deadlock when it has no successor. Nil means none is.
	Final *Cond
	// Properties are the spec's properties as written; package properties
	// compiles them with [System.CompileExpr].
	Properties []*syntax.PropertySpec

	width     int
	msgWidth  int // bytes per message slot: type, then fields
	maxFields int
	ghosts    []ghost // delivered(...) flags referenced by the spec
	groups    []*Group
	valBase   []int // first message-value index of each type; see compile_fair.go
	valFields bool  // message values distinguish field values
	spec      *syntax.Spec
	// checks counts the operations of transitions compiled with a run-time
	// check, which their operands' domains do not prove safe
	// (compile_arith.go).
	checks int
}

// Param is a resolved spec parameter.
type Param struct {
	Name  string
	Value int64
}

// MachineID, StateID, ChannelID and MsgID are dense indices into the
// System's slices; names live in the System.
type (
	MachineID uint8
	StateID   uint8
	ChannelID uint8
	MsgID     uint8
)

// Machine is a compiled endpoint. Its local part of a world (control state,
// then variables) is the contiguous byte range [off, off+1+len(Vars)), which
// makes a machine's view of a world a cheap slice.
type Machine struct {
	ID          MachineID
	Name        string
	Doc         string
	States      []string
	Init        StateID
	Vars        []*Var
	Transitions []*Transition
	Pos         syntax.Pos
	// Discard is true when a deliverable message that no transition accepts
	// is consumed by an explicit discard action; false means it stays
	// (blocking a FIFO channel), as in Promela.
	Discard bool
	// Fair is the machine's own fair key: the default of its transitions,
	// and the fairness of its discards.
	Fair Fairness
	// Group is the machine's name in the spec. A machine declared with
	// count: K is K machines, Group[0] to Group[K-1], and Instance is the
	// index in Name; otherwise Group is Name and Instance is -1.
	Group    string
	Instance int

	off     int
	byState [][]*Transition // transitions by source state
	in      []ChannelID     // channels this machine receives from
}

// VarKind says how a variable's values are written.
type VarKind uint8

// The kinds of variable.
const (
	_       VarKind = iota
	VarInt          // an integer in Lo..Hi
	VarBool         // false or true, stored as 0 or 1
	VarEnum         // one of Enum, stored as its index
)

// Var is a bounded local variable. Its value v is stored as one byte v-Lo.
type Var struct {
	Name   string
	Kind   VarKind
	Lo, Hi int64
	Enum   []string
	Init   int64
	Pos    syntax.Pos
	off    int
}

// Format writes a value of v as the spec writes it.
func (v *Var) Format(x int64) string { return formatValue(v.Kind, v.Enum, x) }

// TriggerKind is what makes a transition fire: RFC 9293 §3.10 groups the
// events of a TCP endpoint into user calls, arriving segments and timeouts;
// internal steps are added for models that need them.
type TriggerKind uint8

// The kinds of trigger.
const (
	_          TriggerKind = iota
	OnCall                 // a user call such as open or close
	OnRecv                 // a message arrives
	OnTimeout              // a timer expires (untimed: any time its guard holds)
	OnInternal             // an internal step
	OnIdle                 // a long timer: only when its surroundings are quiet (idle.go)
)

var triggerNames = [...]string{OnCall: "call", OnRecv: "recv", OnTimeout: "timeout", OnInternal: "internal", OnIdle: "idle"}

// String returns the trigger keyword.
func (k TriggerKind) String() string {
	if int(k) < len(triggerNames) && triggerNames[k] != "" {
		return triggerNames[k]
	}
	return "?"
}

// Transition is a compiled transition of one machine.
type Transition struct {
	Index   int
	Name    string // given name, or one derived from trigger and states
	From    []StateID
	To      StateID // meaningful when !Stay
	Stay    bool    // no "to": the machine stays in its current state
	Trigger TriggerKind
	Event   string      // call/timeout/internal name, or "" (recv uses Msg)
	Msg     MsgID       // received type, when Trigger == OnRecv and !AnyMsg
	AnyMsg  bool        // recv *
	FromCh  []ChannelID // channels it may receive from
	Choices []*Choice
	Pos     syntax.Pos
	Fair    Fairness // assumed on infinite runs; see [Fairness]

	guard   func(*env) bool
	guarded bool // it has a when or a receive pattern: guard is not constant true
	assigns []assign
	sends   []send
	nChoice int // product of the choice domain sizes
}

// Choice is a nondeterministically chosen value of a transition.
type Choice struct {
	Name   string
	Lo, Hi int64
}

type assign struct {
	v     *Var
	value func(*env) int64
	src   syntax.Text
}

type send struct {
	ch     ChannelID
	msg    MsgID
	fields []func(*env) int64 // one per field of the type
	src    syntax.Text
}

// LossMode says which messages in flight a channel may lose.
type LossMode uint8

// The loss modes.
const (
	NoLoss   LossMode = iota
	LossAny           // any message in flight
	LossHead          // only the oldest (the head of a FIFO queue)
)

// Channel is a compiled directed channel. Its part of a world is a length
// byte, then Cap message slots (unused slots all zero; a reordering channel
// keeps its slots sorted so that equal multisets encode equally), then a link
// byte if it is flaky.
type Channel struct {
	ID       ChannelID
	Name     string // "from->to"
	From, To MachineID
	Cap      int
	Loss     LossMode
	Dup      bool // a delivery may leave the message in the channel
	Reorder  bool // any message in flight may be delivered next
	DropFull bool // a send into a full channel loses the message instead of blocking
	Flaky    bool
	Fair     bool // fair-lossy: a message sent infinitely often is delivered infinitely often
	Pos      syntax.Pos

	off     int
	linkOff int
}

// MsgType is a compiled message type. In a world a message is stored as its
// ID+1 (0 marks an empty slot) followed by its fields, each as value-Lo.
type MsgType struct {
	ID     MsgID
	Name   string
	Fields []*Field
}

// Field is a bounded field of a message type.
type Field struct {
	Name   string
	Lo, Hi int64
}

// ghost is a history flag kept in the world only because a property reads
// it: delivered(ch) or delivered(ch, TYPE) ("any" when msg is anyMsg).
type ghost struct {
	ch  ChannelID
	msg int // MsgID, or anyMsg
	off int
}

const anyMsg = -1

// Width returns the size in bytes of every world of s.
func (s *System) Width() int { return s.width }

// Machine returns the machine called name, or nil.
func (s *System) Machine(name string) *Machine {
	for _, m := range s.Machines {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// ChannelBetween returns the channel from a to b, or nil.
func (s *System) ChannelBetween(a, b MachineID) *Channel {
	for _, c := range s.Channels {
		if c.From == a && c.To == b {
			return c
		}
	}
	return nil
}
