package expr

import (
	"strconv"
	"strings"
)

// Range is the inclusive integer range Lo..Hi, used for variable domains
// (ParseRange) and for membership x in Lo..Hi.
type Range struct {
	Lo, Hi Expr
}

// Assign is the assignment Name Op Value, where Op is OpAssign ("="),
// OpAddAssign ("+=") or OpSubAssign ("-=").
type Assign struct {
	Name  *Ident
	OpAt  int // offset of the operator
	Op    Op
	Value Expr
}

// Field is Name = Value inside a message: a field of a sent message or a
// field pattern of a received one.
type Field struct {
	Name  *Ident
	Value Expr
}

// Send is the message send Type(Fields...) to To.
type Send struct {
	Type   *Ident
	Fields []*Field
	Rparen int    // offset of ")" if the fields were parenthesised, else 0
	To     *Ident // the receiving machine; nil if absent
}

// TriggerKind is what makes a transition fire. The zero value is invalid.
// The values match the order call, recv, timeout, internal, idle starting at 1.
type TriggerKind uint8

// The trigger kinds.
const (
	_               TriggerKind = iota
	TriggerCall                 // call NAME
	TriggerRecv                 // recv TYPE(fields) from NAME, or recv *
	TriggerTimeout              // timeout, timeout NAME
	TriggerInternal             // internal, internal NAME
	TriggerIdle                 // idle, idle NAME
)

var triggerWords = [...]string{
	TriggerCall:     "call",
	TriggerRecv:     "recv",
	TriggerTimeout:  "timeout",
	TriggerInternal: "internal",
	TriggerIdle:     "idle",
}

// String returns the keyword that introduces the trigger, e.g. "recv".
func (k TriggerKind) String() string {
	if int(k) < len(triggerWords) && triggerWords[k] != "" {
		return triggerWords[k]
	}
	return "TriggerKind(" + strconv.Itoa(int(k)) + ")"
}

// Trigger is the event of a transition.
type Trigger struct {
	Kind TriggerKind
	At   int // offset of the keyword
	// Name is the call name, the received message type, or the timeout,
	// internal or idle name. It is nil for recv * and a bare timeout,
	// internal or idle.
	Name   *Ident
	Any    bool     // recv *
	Star   int      // offset of "*" when Any
	Fields []*Field // recv field patterns: recv SYN(seq = x)
	Rparen int      // offset of ")" if the patterns were parenthesised, else 0
	From   *Ident   // recv ... from NAME; nil if absent
}

// Pos returns the start of Lo.
func (r *Range) Pos() int { return r.Lo.Pos() }

// End returns the end of Hi.
func (r *Range) End() int { return r.Hi.End() }

// Pos returns the start of the assigned name.
func (a *Assign) Pos() int { return a.Name.Pos() }

// End returns the end of the value.
func (a *Assign) End() int { return a.Value.End() }

// Pos returns the start of the field name.
func (f *Field) Pos() int { return f.Name.Pos() }

// End returns the end of the value.
func (f *Field) End() int { return f.Value.End() }

// Pos returns the start of the message type.
func (s *Send) Pos() int { return s.Type.Pos() }

// End returns the end of the send, including any "to NAME".
func (s *Send) End() int {
	switch {
	case s.To != nil:
		return s.To.End()
	case s.Rparen > 0:
		return s.Rparen + 1
	}
	return s.Type.End()
}

// Pos returns the offset of the trigger's keyword.
func (t *Trigger) Pos() int { return t.At }

// End returns the end of the trigger's last part.
func (t *Trigger) End() int {
	switch {
	case t.From != nil:
		return t.From.End()
	case t.Rparen > 0:
		return t.Rparen + 1
	case t.Name != nil:
		return t.Name.End()
	case t.Any:
		return t.Star + 1
	}
	return t.At + len(t.Kind.String())
}

// String returns "lo..hi".
func (r *Range) String() string {
	var b strings.Builder
	writeRange(&b, r, true)
	return b.String()
}

// String returns the canonical text of the assignment, e.g. "x += 1".
func (a *Assign) String() string {
	return a.Name.Name + " " + a.Op.String() + " " + a.Value.String()
}

// String returns "name = value".
func (f *Field) String() string {
	return f.Name.Name + " = " + f.Value.String()
}

// String returns the canonical text of the send, e.g.
// "SYN_ACK(seq = iss, ack = msg.seq + 1) to client". A send without fields
// prints without parentheses.
func (s *Send) String() string {
	out := s.Type.Name + fieldsString(s.Fields)
	if s.To != nil {
		out += " to " + s.To.Name
	}
	return out
}

// String returns the canonical text of the trigger, e.g. "recv SYN from
// client" or "timeout".
func (t *Trigger) String() string {
	out := t.Kind.String()
	switch {
	case t.Any:
		out += " *"
	case t.Name != nil:
		out += " " + t.Name.Name
	}
	out += fieldsString(t.Fields)
	if t.From != nil {
		out += " from " + t.From.Name
	}
	return out
}

func fieldsString(fs []*Field) string {
	if len(fs) == 0 {
		return ""
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.String()
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
