package expr

// The precedence levels of expressions, loosest first. Each function parses
// one level; the binary levels loop, so long chains do not recurse.

// parseExpr parses a full expression: the implies level.
func (p *parser) parseExpr() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	return p.parseImplies()
}

// parseImplies parses a implies b implies c, which groups to the right:
// a implies (b implies c).
func (p *parser) parseImplies() (Expr, error) {
	x, err := p.parseOr()
	if err != nil || !p.is("implies") {
		return x, err
	}
	operands, ops := []Expr{x}, []token{}
	for p.is("implies") {
		ops = append(ops, p.next())
		y, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		operands = append(operands, y)
	}
	e := operands[len(operands)-1]
	for i := len(ops) - 1; i >= 0; i-- {
		e = &Binary{Op: OpImplies, OpAt: ops[i].pos, X: operands[i], Y: e}
	}
	return e, nil
}

// leftAssoc parses operands of sub separated by any of ops, grouping to the
// left.
func (p *parser) leftAssoc(sub func() (Expr, error), ops ...string) (Expr, error) {
	x, err := sub()
	if err != nil {
		return nil, err
	}
	for {
		t, ok := p.oneOf(ops)
		if !ok {
			return x, nil
		}
		y, err := sub()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: opFor[t.text], OpAt: t.pos, X: x, Y: y}
	}
}

// oneOf consumes the current token if it is one of texts.
func (p *parser) oneOf(texts []string) (token, bool) {
	for _, s := range texts {
		if p.is(s) {
			return p.next(), true
		}
	}
	return token{}, false
}

func (p *parser) parseOr() (Expr, error) { return p.leftAssoc(p.parseAnd, "or") }

func (p *parser) parseAnd() (Expr, error) { return p.leftAssoc(p.parseNot, "and") }

// parseNot parses not x, which binds looser than comparisons:
// not a == b means not (a == b).
func (p *parser) parseNot() (Expr, error) {
	if !p.is("not") {
		return p.parseCmp()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.next()
	x, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	return &Unary{At: t.pos, Op: OpNot, X: x}, nil
}

var (
	cmpOps   = []string{"==", "!=", "<=", ">=", "<", ">"}
	chainOps = []string{"==", "!=", "<=", ">=", "<", ">", "in"}
)

// parseCmp parses one comparison or membership. Comparisons do not chain.
func (p *parser) parseCmp() (Expr, error) {
	x, err := p.parseBitOr()
	if err != nil {
		return nil, err
	}
	if t, ok := p.oneOf(cmpOps); ok {
		y, err := p.parseBitOr()
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: opFor[t.text], OpAt: t.pos, X: x, Y: y}
	} else if p.is("in") {
		if x, err = p.parseIn(x); err != nil {
			return nil, err
		}
	} else {
		return x, nil
	}
	if t, ok := p.oneOf(chainOps); ok {
		return nil, errorf(t.pos, "comparisons do not chain: %q cannot follow another comparison; join them with \"and\", as in a < b and b < c", t.text)
	}
	return x, nil
}

func (p *parser) parseBitOr() (Expr, error) { return p.leftAssoc(p.parseBitAnd, "|") }

func (p *parser) parseBitAnd() (Expr, error) { return p.leftAssoc(p.parseAdd, "&") }

func (p *parser) parseAdd() (Expr, error) { return p.leftAssoc(p.parseMul, "+", "-") }

func (p *parser) parseMul() (Expr, error) { return p.leftAssoc(p.parseNeg, "*", "/", "%") }

// parseNeg parses unary minus, which binds tighter than every binary
// operator: -a * b means (-a) * b.
func (p *parser) parseNeg() (Expr, error) {
	if !p.is("-") {
		return p.parsePrimary()
	}
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	t := p.next()
	x, err := p.parseNeg()
	if err != nil {
		return nil, err
	}
	return &Unary{At: t.pos, Op: OpSub, X: x}, nil
}

// parseIn parses the right side of x in S, x in {a, b} or x in lo..hi; the
// current token is "in".
func (p *parser) parseIn(x Expr) (Expr, error) {
	in := &In{X: x, InAt: p.next().pos}
	if p.is("{") {
		return p.parseSet(in)
	}
	y, err := p.parseBitOr()
	if err != nil {
		return nil, err
	}
	if !p.is("..") {
		in.Set = []Expr{y}
		return in, nil
	}
	p.next()
	hi, err := p.parseBitOr()
	if err != nil {
		return nil, err
	}
	in.Range = &Range{Lo: y, Hi: hi}
	return in, nil
}

// parseSet parses the braced members of in; the current token is "{".
func (p *parser) parseSet(in *In) (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	in.Braced, in.Lbrace = true, p.next().pos
	if p.is("}") {
		return nil, errorf(p.tok().pos, `empty set "{}": a set needs at least one member`)
	}
	for {
		m, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		in.Set = append(in.Set, m)
		switch {
		case p.is("}"):
			in.Rbrace = p.next().pos
			return in, nil
		case p.is(".."):
			return nil, errorf(p.tok().pos, "a range is written without braces, as in x in 0..3")
		case !p.is(","):
			return nil, p.errExpected(`"," or "}" in the set`)
		}
		p.next()
	}
}
