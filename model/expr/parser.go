package expr

import "fmt"

// maxDepth caps the nesting of parentheses, braces, calls, conditionals and
// prefix operators, so that hostile input yields an error rather than a
// stack overflow.
const maxDepth = 1000

// parser holds the tokens of one source string and the position in them.
type parser struct {
	toks  []token
	i     int
	depth int
}

func newParser(src string) (*parser, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	return &parser{toks: toks}, nil
}

// tok returns the current token.
func (p *parser) tok() token { return p.toks[p.i] }

// peek returns the token k places ahead, or the final tEOF.
func (p *parser) peek(k int) token {
	return p.toks[min(p.i+k, len(p.toks)-1)]
}

// next consumes and returns the current token. It never moves past tEOF.
func (p *parser) next() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

// is reports whether the current token is the keyword or punctuation text.
func (p *parser) is(text string) bool {
	t := p.tok()
	return (t.kind == tKeyword || t.kind == tPunct) && t.text == text
}

// isWord reports whether the current token is the plain identifier word,
// such as the contextual keywords "to" and "from".
func (p *parser) isWord(word string) bool {
	t := p.tok()
	return t.kind == tIdent && t.text == word
}

// expect consumes the keyword or punctuation text, or fails saying what
// was expected where.
func (p *parser) expect(text, where string) (token, error) {
	if !p.is(text) {
		return token{}, p.errExpected(fmt.Sprintf("%q %s", text, where))
	}
	return p.next(), nil
}

// ident consumes an identifier, or fails with "expected <what>".
func (p *parser) ident(what string) (*Ident, error) {
	t := p.tok()
	if t.kind == tKeyword {
		return nil, errorf(t.pos, "expected %s, found keyword %q", what, t.text)
	}
	if t.kind != tIdent {
		return nil, p.errExpected(what)
	}
	p.next()
	return &Ident{At: t.pos, Name: t.text}, nil
}

// errExpected reports that what was expected at the current token. Tokens
// that are a common slip get a message of their own.
func (p *parser) errExpected(what string) *Error {
	t := p.tok()
	if t.kind == tKeyword && t.text == "not" && p.peek(1).text == "in" {
		return errorf(t.pos, `"not in" is not an operator; write not (x in S)`)
	}
	if t.kind == tPunct {
		switch t.text {
		case "=":
			return errorf(t.pos, `"=" is assignment; did you mean "=="?`)
		case "+=", "-=":
			return errorf(t.pos, "%q is only allowed in an assignment such as x %s 1", t.text, t.text)
		case "->":
			return errorf(t.pos, `"->" names a channel and is only allowed as a call argument, as in len(client->server)`)
		}
	}
	return errorf(t.pos, "expected %s, found %s", what, t.describe())
}

// errTrailing reports tokens left over after a complete expression or
// statement.
func (p *parser) errTrailing(what string) *Error {
	t := p.tok()
	switch {
	case t.kind == tPunct && (t.text == ")" || t.text == "}"):
		return errorf(t.pos, "unmatched %q", t.text)
	case t.kind == tPunct && t.text == "..":
		return errorf(t.pos, `a range lo..hi is only allowed after "in", as in x in 0..3`)
	case t.kind == tKeyword && (t.text == "then" || t.text == "else"):
		return errorf(t.pos, `%q without "if"`, t.text)
	}
	return p.errExpected(what)
}

// expectEOF checks that the whole input was consumed.
func (p *parser) expectEOF(what string) error {
	if p.tok().kind != tEOF {
		return p.errTrailing(what)
	}
	return nil
}

// enter counts one level of nesting; leave undoes it.
func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return errorf(p.tok().pos, "expression nested too deeply (more than %d levels)", maxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// Parse parses a complete expression, such as a guard, an invariant or the
// initial value of a variable.
func Parse(src string) (Expr, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if err := p.expectEOF("an operator or end of input"); err != nil {
		return nil, err
	}
	return e, nil
}

// ParseRange parses an inclusive range lo..hi such as 0..SEQ-1, used for
// the domain of a variable or message field. Each bound is an operand of
// the precedence of "|" or tighter, as on the right of "in".
func ParseRange(src string) (*Range, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	lo, err := p.parseBitOr()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect("..", "between the bounds of a range lo..hi"); err != nil {
		return nil, err
	}
	hi, err := p.parseBitOr()
	if err != nil {
		return nil, err
	}
	if p.is("..") {
		return nil, errorf(p.tok().pos, `a range has exactly one "..", as in 0..SEQ-1`)
	}
	if err := p.expectEOF("an operator or end of input"); err != nil {
		return nil, err
	}
	return &Range{Lo: lo, Hi: hi}, nil
}

// Error is a syntax error. Offset is the byte offset in the parsed string
// where the problem is, always within [0, len(src)]; the caller maps it to a
// line and column of the spec file. Msg says what was expected and what was
// found, without any position.
type Error struct {
	Offset int
	Msg    string
}

// Error returns Msg alone: the position is in Offset.
func (e *Error) Error() string { return e.Msg }

func errorf(off int, format string, args ...any) *Error {
	return &Error{Offset: off, Msg: fmt.Sprintf(format, args...)}
}
