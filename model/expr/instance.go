package expr

import (
	"fmt"
	"strings"
)

// Instances of a machine declared with count: K are named by indexing,
// client[0] to client[K-1], and quantifiers range over instance indexes:
//
//	all i: client[i] in ESTABLISHED implies server[i] in ESTABLISHED
//	some i in 0..K-1: len(client[i]->server[i]) > 0
//
// all and some are not reserved words: they start a quantifier only when a
// name follows them.

// Index names one instance of a counted machine, X[Index], as in client[1]
// or client[i]. It is a value of its own (the instance's control state), the
// left side of a Selector (client[1].iss) or an end of a ChanRef.
type Index struct {
	X      *Ident
	Lbrack int // offset of "["
	Index  Expr
	Rbrack int // offset of "]"
}

// Quant is a quantifier over instance indexes: all Var: Body holds when Body
// holds for every value of Var, some Var: Body when it holds for one. Range
// gives the values; when it is nil they are inferred from the instances that
// Body indexes with Var. Like a conditional, Body extends as far right as it
// can.
type Quant struct {
	At    int  // offset of the word all or some
	All   bool // all (every value) or some (at least one)
	Var   *Ident
	Range *Range // the values of Var, or nil
	Colon int    // offset of ":"
	Body  Expr
}

// Pos returns the offset of the machine name.
func (x *Index) Pos() int { return x.X.Pos() }

// End returns the offset just past "]".
func (x *Index) End() int { return x.Rbrack + 1 }

// Pos returns the offset of all or some.
func (x *Quant) Pos() int { return x.At }

// End returns the end of the body.
func (x *Quant) End() int { return x.Body.End() }

func (*Index) exprNode() {}
func (*Quant) exprNode() {}

// String returns "x[i]".
func (x *Index) String() string { return str(x) }

// String returns "all i: body" or "some i in lo..hi: body".
func (x *Quant) String() string { return str(x) }

// Word returns "all" or "some".
func (x *Quant) Word() string {
	if x.All {
		return "all"
	}
	return "some"
}

// isQuant reports whether the current token starts a quantifier: the word
// all or some followed by a name.
func (p *parser) isQuant() bool {
	t := p.tok()
	return t.kind == tIdent && (t.text == "all" || t.text == "some") && p.peek(1).kind == tIdent
}

// parseQuant parses all i: e, all i in lo..hi: e, and the same with some.
func (p *parser) parseQuant() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.next()
	q := &Quant{At: t.pos, All: t.text == "all"}
	q.Var, _ = p.ident("a name")
	if p.is("in") {
		p.next()
		lo, err := p.parseBitOr()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect("..", fmt.Sprintf("in the range of %s, as in %s %s in 0..K-1: ...", q.Var.Name, t.text, q.Var.Name)); err != nil {
			return nil, err
		}
		hi, err := p.parseBitOr()
		if err != nil {
			return nil, err
		}
		q.Range = &Range{Lo: lo, Hi: hi}
	}
	colon, err := p.expect(":", fmt.Sprintf("after %s %s, as in %s %s: client[%s] in ESTABLISHED", t.text, q.Var.Name, t.text, q.Var.Name, q.Var.Name))
	if err != nil {
		return nil, err
	}
	q.Colon = colon.pos
	if q.Body, err = p.parseExpr(); err != nil {
		return nil, err
	}
	return q, nil
}

// parseIndex parses [e] after the machine name id; the current token is "[".
func (p *parser) parseIndex(id *Ident) (*Index, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	x := &Index{X: id, Lbrack: p.next().pos}
	var err error
	if x.Index, err = p.parseExpr(); err != nil {
		return nil, err
	}
	rb, err := p.expect("]", fmt.Sprintf("to close %s[", id.Name))
	if err != nil {
		return nil, err
	}
	x.Rbrack = rb.pos
	return x, nil
}

// parseEndpoint parses a channel end: a machine name, or an instance x[e].
func (p *parser) parseEndpoint(what string) (Expr, error) {
	id, err := p.ident(what)
	if err != nil {
		return nil, err
	}
	if !p.is("[") {
		return id, nil
	}
	return p.parseIndex(id)
}

// parseChanRef tries to parse a channel a->b at the current token. It
// returns nil, leaving the position unchanged, when no "->" follows the
// first end; after "->" a missing second end is an error.
func (p *parser) parseChanRef() (*ChanRef, error) {
	if p.tok().kind != tIdent || (p.peek(1).text != "->" && p.peek(1).text != "[") || p.peek(1).kind != tPunct {
		return nil, nil
	}
	save, depth := p.i, p.depth
	from, err := p.parseEndpoint("a machine name")
	if err != nil || !p.is("->") {
		p.i, p.depth = save, depth
		return nil, nil
	}
	p.next()
	to, err := p.parseEndpoint(`a machine name after "->"`)
	if err != nil {
		return nil, err
	}
	return &ChanRef{From: from, To: to}, nil
}

func writeIndex(b *strings.Builder, x *Index) {
	b.WriteString(x.X.Name)
	b.WriteByte('[')
	write(b, x.Index, 0, true)
	b.WriteByte(']')
}

func writeQuant(b *strings.Builder, q *Quant, right bool) {
	b.WriteString(q.Word() + " " + q.Var.Name)
	if q.Range != nil {
		b.WriteString(" in ")
		writeRange(b, q.Range, true)
	}
	b.WriteString(": ")
	write(b, q.Body, 0, right)
}
