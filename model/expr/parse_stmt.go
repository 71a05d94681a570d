package expr

import "fmt"

// ParseAssign parses one assignment: x = e, x += e or x -= e, where x is a
// plain variable name. A transition lists several assignments as separate
// YAML list items, not separated by commas.
func ParseAssign(src string) (*Assign, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	name, err := p.ident("a variable name")
	if err != nil {
		return nil, err
	}
	if p.is(".") {
		return nil, errorf(p.tok().pos, "only a plain variable can be assigned, not %s.%s; a machine assigns its own variables", name.Name, p.peek(1).text)
	}
	a := &Assign{Name: name}
	t, ok := p.oneOf([]string{"=", "+=", "-="})
	if !ok {
		return nil, errorf(p.tok().pos, `expected "=", "+=" or "-=" after %s, found %s`, name.Name, p.tok().describe())
	}
	a.OpAt, a.Op = t.pos, opFor[t.text]
	if a.Value, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if p.is(",") {
		return nil, errorf(p.tok().pos, `one assignment per list item: write each one as its own YAML list entry`)
	}
	if err := p.expectEOF("an operator or end of input"); err != nil {
		return nil, err
	}
	return a, nil
}

// ParseSend parses a message send: TYPE or TYPE(field = e, ...), optionally
// followed by "to NAME", e.g. SYN_ACK(seq = iss, ack = msg.seq + 1) to
// client. TYPE() is accepted as TYPE.
func ParseSend(src string) (*Send, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	s := &Send{}
	if s.Type, err = p.ident("a message type"); err != nil {
		return nil, err
	}
	if p.is("(") {
		if s.Fields, s.Rparen, err = p.parseFields(s.Type.Name); err != nil {
			return nil, err
		}
	}
	if p.isWord("to") {
		p.next()
		if s.To, err = p.ident(`a machine name after "to"`); err != nil {
			return nil, err
		}
	}
	if err := p.expectEOF(`"to MACHINE" or end of input`); err != nil {
		return nil, err
	}
	return s, nil
}

// parseFields parses (name = e, ...) after the message type typ; the current
// token is "(". It returns the fields and the offset of ")".
func (p *parser) parseFields(typ string) ([]*Field, int, error) {
	if err := p.enter(); err != nil {
		return nil, 0, err
	}
	defer p.leave()
	p.next()
	var fields []*Field
	for !p.is(")") {
		if len(fields) > 0 {
			where := fmt.Sprintf("or \")\" after field %s of %s", fields[len(fields)-1].Name.Name, typ)
			if _, err := p.expect(",", where); err != nil {
				return nil, 0, err
			}
		}
		f, err := p.parseField(typ)
		if err != nil {
			return nil, 0, err
		}
		fields = append(fields, f)
	}
	return fields, p.next().pos, nil
}

// parseField parses name = e.
func (p *parser) parseField(typ string) (*Field, error) {
	name, err := p.ident(fmt.Sprintf("a field name in %s(...)", typ))
	if err != nil {
		return nil, err
	}
	if !p.is("=") {
		return nil, errorf(p.tok().pos, `expected "=" after field %s, found %s`, name.Name, p.tok().describe())
	}
	p.next()
	v, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	return &Field{Name: name, Value: v}, nil
}

// triggerKinds maps each trigger keyword to its kind.
var triggerKinds = map[string]TriggerKind{
	"call":     TriggerCall,
	"recv":     TriggerRecv,
	"timeout":  TriggerTimeout,
	"internal": TriggerInternal,
	"idle":     TriggerIdle,
}

// ParseTrigger parses the event of a transition, one of:
//
//	call NAME
//	recv TYPE [(field = e, ...)] [from NAME]
//	recv * [from NAME]
//	timeout [NAME]
//	internal [NAME]
//	idle [NAME]
func ParseTrigger(src string) (*Trigger, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	t := p.tok()
	kind := triggerKinds[t.text]
	if t.kind != tIdent || kind == 0 {
		return nil, p.errExpected(`"call", "recv", "timeout", "internal" or "idle"`)
	}
	p.next()
	tr := &Trigger{Kind: kind, At: t.pos}
	switch kind {
	case TriggerCall:
		tr.Name, err = p.ident(`a name after "call"`)
	case TriggerRecv:
		err = p.parseRecv(tr)
	default:
		if p.tok().kind == tIdent {
			tr.Name, _ = p.ident("a name")
		}
	}
	if err != nil {
		return nil, err
	}
	if err := p.expectEOF(trailingWant(tr)); err != nil {
		return nil, err
	}
	return tr, nil
}

// parseRecv parses what follows "recv".
func (p *parser) parseRecv(tr *Trigger) error {
	var err error
	switch {
	case p.is("*"):
		tr.Any, tr.Star = true, p.next().pos
		if p.is("(") {
			return errorf(p.tok().pos, "recv * accepts every message type, so it takes no field patterns")
		}
	case p.tok().kind == tIdent && (p.tok().text != "from" || p.peek(1).kind != tIdent):
		tr.Name, _ = p.ident("a message type")
		if p.is("(") {
			tr.Fields, tr.Rparen, err = p.parseFields(tr.Name.Name)
		}
	default:
		return p.errExpected(`a message type or "*" after "recv"`)
	}
	if err != nil || !p.isWord("from") {
		return err
	}
	p.next()
	tr.From, err = p.ident(`a machine name after "from"`)
	return err
}

// trailingWant describes what may follow a complete trigger.
func trailingWant(tr *Trigger) string {
	switch {
	case tr.Kind == TriggerRecv && tr.From == nil:
		return `"from MACHINE" or end of input`
	case tr.Name == nil && tr.Kind != TriggerRecv:
		return "a name or end of input after " + `"` + tr.Kind.String() + `"`
	}
	return "end of input"
}
