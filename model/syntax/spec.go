package syntax

// This file holds the spec as written: every node keeps the position of its
// YAML key so that the compiler (model.Compile) can report file:line:col.
// Nothing here is resolved or checked beyond the YAML shape; meaning is
// the compiler's.

// Text is a scalar as written in the spec (an expression, a range, a trigger)
// together with where it starts, so that errors inside it can be positioned.
type Text struct {
	Src string
	Pos Pos
	// block is set for YAML block scalars (| and >), whose content starts on
	// the line after Pos and whose columns are only approximately known.
	block bool
}

// At returns the position of byte offset off within t.Src.
func (t Text) At(off int) Pos {
	p := t.Pos
	if !p.IsValid() {
		return p
	}
	off = max(0, min(off, len(t.Src)))
	line, col := 0, off
	for i := 0; i < off; i++ {
		if t.Src[i] == '\n' {
			line, col = line+1, off-i-1
		}
	}
	if t.block {
		return Pos{File: p.File, Line: p.Line + 1 + line, Col: p.Col + col}
	}
	if line == 0 {
		return Pos{File: p.File, Line: p.Line, Col: p.Col + col}
	}
	return Pos{File: p.File, Line: p.Line + line, Col: col + 1}
}

// Spec is a parsed spec file. model.Compile checks it and gives it meaning.
type Spec struct {
	Pos        Pos
	Name       string
	Doc        string
	Params     []*ParamSpec
	Matrix     *MatrixSpec // see matrix.go; nil without a matrix
	Messages   []*MessageSpec
	Machines   []*MachineSpec
	Channels   []*ChannelSpec
	Final      *Text
	Properties []*PropertySpec
}

// ParamSpec is a named integer constant, overridable from the command line
// (like a TLC constant).
type ParamSpec struct {
	Pos   Pos
	Name  string
	Value int64
}

// MessageSpec declares a message type and its bounded fields.
type MessageSpec struct {
	Pos    Pos
	Name   string
	Fields []*FieldSpec
}

// FieldSpec is one field of a message type with its domain, e.g. seq: 0..SEQ-1.
type FieldSpec struct {
	Pos    Pos
	Name   string
	Domain Text
}

// MachineSpec is one endpoint's state machine as written.
type MachineSpec struct {
	Pos         Pos
	Name        string
	Doc         string
	States      []Text
	Init        Text
	Vars        []*VarSpec
	Transitions []*TransitionSpec
	// Unmatched is "discard" (the default) or "block": what happens to a
	// deliverable message that no transition of this machine accepts.
	Unmatched Text
	// Fair is the fairness of every transition of the machine: "weak",
	// "strong" or "none" (the default); see model/compile_fair.go.
	Fair Text
	// Count, if set, makes the machine a group of instances, name[0] to
	// name[Count-1] (an integer expression over the parameters); see
	// model/instances.go.
	Count *Text
	// statesBroken and initMissing record that the loader could not read
	// the states or found no init, so that the check of the rest of a
	// spec with errors (see Parse) does not report their echoes.
	statesBroken, initMissing bool
}

// VarSpec is a bounded local variable: an integer range, a boolean or an enum.
type VarSpec struct {
	Pos    Pos
	Name   string
	Domain Text   // "lo..hi", "bool", or empty for an enum
	Enum   []Text // enum values, when the domain is an enum
	Init   *Text  // initial value; nil means the domain's first value
}

// TransitionSpec is one transition as written.
type TransitionSpec struct {
	Pos     Pos
	Path    string // e.g. machines.client.transitions[2], for error messages
	Name    string
	NamePos Pos    // where Name is written; zero without a name
	From    []Text // one or more states, or "*"
	On      Text   // trigger: call NAME | recv TYPE[(pattern)] [from M] | timeout [NAME] | internal [NAME]
	When    *Text
	Choose  []*ChoiceSpec
	Do      []Text
	Send    []Text
	To      *Text
	Fair    Text // weak | strong | none; empty means the machine's
}

// ChoiceSpec is a nondeterministic choice of a value, e.g. isn: 0..SEQ-1.
// The transition exists once for each value.
type ChoiceSpec struct {
	Pos    Pos
	Name   string
	Domain Text
}

// ChannelSpec is a directed channel between two machines and its faults.
type ChannelSpec struct {
	Pos      Pos
	Path     string
	From, To Text
	Capacity int
	CapPos   Pos
	// CapExpr, when set, is the capacity written as an expression over the
	// parameters (capacity: CAP); Compile evaluates it into Capacity.
	CapExpr *Text
	// Conds holds the fault keys (loss, dup, reorder, flaky, fair) written
	// as conditions over the parameters (dup: DUP == 1), by key; Compile
	// evaluates them into the fields below. A loss condition that holds
	// means loss: true.
	Conds map[string]Text
	// Loss is "", "false", "true"/"any" (any message in flight may be lost)
	// or "head" (only the oldest, as in Promela models).
	Loss    Text
	Dup     bool
	Reorder bool
	// Full is "block" (the default: a send into a full channel waits) or
	// "drop" (the message is lost).
	Full Text
	// Flaky lets the network take the link down and bring it back; while it
	// is down every message sent on it is lost.
	Flaky bool
	// Fair makes the channel fair-lossy: a message (type and field values)
	// sent on it infinitely often is delivered infinitely often (liveness
	// only).
	Fair bool
}

// PropertySpec is one property as written.
type PropertySpec struct {
	Pos    Pos
	Path   string
	Name   string
	Doc    string
	Kind   Text // one of PropertyKinds: invariant, reachable, ...
	Expr   *Text
	Expect Text // holds | violated; empty means holds
	// Fairness is "declared" (the default: the spec's fair keys) or "none"
	// (every infinite run counts); it concerns liveness properties only.
	Fairness Text
	// About names the transitions the property is about, as name or
	// machine.name: sensitivity analysis then says whether it depends on
	// them.
	About []Text
}
