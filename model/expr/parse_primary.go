package expr

import (
	"fmt"
	"strconv"
)

// parsePrimary parses an operand: a literal, a name, a selector, a call, a
// parenthesised expression or a conditional.
func (p *parser) parsePrimary() (Expr, error) {
	t := p.tok()
	switch t.kind {
	case tInt:
		return p.parseInt()
	case tIdent:
		if p.isQuant() {
			return p.parseQuant()
		}
		return p.parseName()
	case tKeyword:
		switch t.text {
		case "true", "false":
			p.next()
			return &Bool{At: t.pos, Value: t.text == "true"}, nil
		case "if":
			return p.parseCond()
		case "not":
			return nil, errorf(t.pos, `"not" binds more loosely than comparisons and arithmetic; write (not ...) here`)
		}
	case tPunct:
		if t.text == "(" {
			return p.parseParen()
		}
	}
	return nil, p.errExpected(p.operandWanted())
}

// operandWanted describes the missing operand by what precedes it.
func (p *parser) operandWanted() string {
	if p.i == 0 {
		return "an expression"
	}
	return fmt.Sprintf("an operand after %q", p.toks[p.i-1].text)
}

func (p *parser) parseInt() (Expr, error) {
	t := p.next()
	v, err := strconv.ParseInt(t.text, 10, 64)
	if err != nil {
		return nil, errorf(t.pos, "integer %s is too large (the largest is %d)", t.text, int64(1<<63-1))
	}
	return &Int{At: t.pos, Value: v, Lit: t.text}, nil
}

// parseName parses a name, an instance x[i], a selector x.y or x[i].y, or
// a call f(...).
func (p *parser) parseName() (Expr, error) {
	t := p.next()
	var x Expr = &Ident{At: t.pos, Name: t.text}
	id := x.(*Ident)
	switch {
	case p.is("("):
		return p.parseCall(id)
	case p.is("["):
		var err error
		if x, err = p.parseIndex(id); err != nil {
			return nil, err
		}
	}
	if !p.is(".") {
		return x, nil
	}
	p.next()
	sel, err := p.ident(fmt.Sprintf("a field name after \"%s.\"", id.Name))
	if err != nil {
		return nil, err
	}
	if p.is(".") {
		return nil, errorf(p.tok().pos, "only one level of selection is allowed, as in client.iss")
	}
	return &Selector{X: x, Sel: sel}, nil
}

// parseCall parses the arguments of fun; the current token is "(".
func (p *parser) parseCall(fun *Ident) (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.next()
	call := &Call{Fun: fun}
	for !p.is(")") {
		if len(call.Args) > 0 {
			if _, err := p.expect(",", fmt.Sprintf("or \")\" after argument %d of %s", len(call.Args), fun.Name)); err != nil {
				return nil, err
			}
		}
		arg, err := p.parseArg()
		if err != nil {
			return nil, err
		}
		call.Args = append(call.Args, arg)
	}
	call.Rparen = p.next().pos
	return call, nil
}

// parseArg parses one call argument: a channel a->b or an expression.
func (p *parser) parseArg() (Expr, error) {
	ch, err := p.parseChanRef()
	if err != nil {
		return nil, err
	}
	if ch == nil {
		return p.parseExpr()
	}
	return ch, nil
}

// parseParen parses (x); the current token is "(".
func (p *parser) parseParen() (Expr, error) {
	lp := p.next()
	x, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	rp, err := p.expect(")", "to close the \"(\"")
	if err != nil {
		return nil, err
	}
	return &Paren{Lparen: lp.pos, X: x, Rparen: rp.pos}, nil
}

// parseCond parses if c then a else b; the current token is "if". Each
// part is a full expression, so the else branch extends as far right as
// it can.
func (p *parser) parseCond() (Expr, error) {
	c := &Cond{At: p.next().pos}
	var err error
	if c.If, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if _, err = p.expect("then", `after the condition of "if"`); err != nil {
		return nil, err
	}
	if c.Then, err = p.parseExpr(); err != nil {
		return nil, err
	}
	if _, err = p.expect("else", `after "then ...": an "if" needs both branches`); err != nil {
		return nil, err
	}
	if c.Else, err = p.parseExpr(); err != nil {
		return nil, err
	}
	return c, nil
}
