package expr

import "strconv"

// Node is any syntax tree node. Pos and End are byte offsets into the parsed
// source string: Pos is the first byte of the node and End is one past its
// last byte, so src[n.Pos():n.End()] is the node's text.
type Node interface {
	Pos() int
	End() int
}

// Expr is an expression. The set of expressions is closed: it is exactly
// *Ident, *Int, *Bool, *Selector, *Unary, *Binary, *In, *Call, *ChanRef,
// *Cond, *Paren, *Index and *Quant.
type Expr interface {
	Node
	// String returns the canonical text of the expression, which parses
	// back to an equal expression.
	String() string
	exprNode()
}

// Ident is a name: a variable, parameter, machine, state, enum value or
// message type. Names are case-sensitive.
type Ident struct {
	At   int // offset of the first byte
	Name string
}

// Int is a non-negative decimal integer literal. A negative number is a
// Unary negation of an Int.
type Int struct {
	At    int    // offset of the first digit
	Value int64  // the value, at least 0
	Lit   string // the digits as written, e.g. "007"; may be empty in built trees
}

// Bool is the literal true or false.
type Bool struct {
	At    int // offset of the keyword
	Value bool
}

// Selector is X.Sel, e.g. client.iss, msg.seq or client[1].iss. X is an
// *Ident or an *Index. Only one level is allowed.
type Selector struct {
	X   Expr
	Sel *Ident
}

// Unary is a prefix operation: not X (Op is OpNot) or -X (Op is OpSub).
type Unary struct {
	At int // offset of the operator
	Op Op
	X  Expr
}

// Binary is X Op Y for every binary operator except membership, which is In.
// Op is one of OpImplies, OpOr, OpAnd, OpEq, OpNe, OpLt, OpLe, OpGt, OpGe,
// OpBitOr, OpBitAnd, OpAdd, OpSub, OpMul, OpDiv and OpMod.
type Binary struct {
	Op   Op
	OpAt int // offset of the operator
	X, Y Expr
}

// In is membership, in exactly one of three forms:
//
//	x in S            Set = [S], Braced = false
//	x in {a, b, c}    Set = [a, b, c], Braced = true
//	x in lo..hi       Range = lo..hi, Set = nil
//
// The first form tests x == S; it reads well for control states, as in
// client in ESTABLISHED. A braced set has at least one member.
type In struct {
	X      Expr
	InAt   int    // offset of the keyword in
	Set    []Expr // the members; nil when Range is set
	Braced bool   // Set was written in braces
	Lbrace int    // offset of "{" when Braced
	Rbrace int    // offset of "}" when Braced
	Range  *Range // the inclusive range, or nil
}

// Call is a function call Fun(Args...). An argument may be a ChanRef.
type Call struct {
	Fun    *Ident
	Args   []Expr
	Rparen int // offset of ")"
}

// ChanRef names the channel From->To. The parser produces it only as a call
// argument, as in len(client->server) or len(client[i]->server[i]). From
// and To are each an *Ident or an *Index.
type ChanRef struct {
	From, To Expr
}

// Cond is the conditional if If then Then else Else. It is parsed as an
// operand whose branches are full expressions, so the else branch extends as
// far right as possible: a + if c then 1 else 2 * b means
// a + (if c then 1 else (2 * b)).
type Cond struct {
	At             int // offset of the keyword if
	If, Then, Else Expr
}

// Paren is a parenthesised expression (X). It is kept in the tree so that
// String reproduces the source's grouping.
type Paren struct {
	Lparen int
	X      Expr
	Rparen int
}

// Pos returns the offset of the first byte of the name.
func (x *Ident) Pos() int { return x.At }

// End returns the offset just past the name.
func (x *Ident) End() int { return x.At + len(x.Name) }

// Pos returns the offset of the first digit.
func (x *Int) Pos() int { return x.At }

// End returns the offset just past the last digit.
func (x *Int) End() int {
	if x.Lit != "" {
		return x.At + len(x.Lit)
	}
	return x.At + len(strconv.FormatInt(x.Value, 10))
}

// Pos returns the offset of the keyword.
func (x *Bool) Pos() int { return x.At }

// End returns the offset just past the keyword.
func (x *Bool) End() int {
	if x.Value {
		return x.At + len("true")
	}
	return x.At + len("false")
}

// Pos returns the start of X.
func (x *Selector) Pos() int { return x.X.Pos() }

// End returns the end of Sel.
func (x *Selector) End() int { return x.Sel.End() }

// Pos returns the offset of the operator.
func (x *Unary) Pos() int { return x.At }

// End returns the end of the operand.
func (x *Unary) End() int { return x.X.End() }

// Pos returns the start of the left operand.
func (x *Binary) Pos() int { return x.X.Pos() }

// End returns the end of the right operand.
func (x *Binary) End() int { return x.Y.End() }

// Pos returns the start of X.
func (x *In) Pos() int { return x.X.Pos() }

// End returns the end of the set or range.
func (x *In) End() int {
	switch {
	case x.Range != nil:
		return x.Range.End()
	case x.Braced:
		return x.Rbrace + 1
	case len(x.Set) > 0:
		return x.Set[len(x.Set)-1].End()
	}
	return x.InAt + len("in")
}

// Pos returns the start of the function name.
func (x *Call) Pos() int { return x.Fun.Pos() }

// End returns the offset just past ")".
func (x *Call) End() int { return x.Rparen + 1 }

// Pos returns the start of From.
func (x *ChanRef) Pos() int { return x.From.Pos() }

// End returns the end of To.
func (x *ChanRef) End() int { return x.To.End() }

// Pos returns the offset of the keyword if.
func (x *Cond) Pos() int { return x.At }

// End returns the end of the else branch.
func (x *Cond) End() int { return x.Else.End() }

// Pos returns the offset of "(".
func (x *Paren) Pos() int { return x.Lparen }

// End returns the offset just past ")".
func (x *Paren) End() int { return x.Rparen + 1 }

func (*Ident) exprNode()    {}
func (*Int) exprNode()      {}
func (*Bool) exprNode()     {}
func (*Selector) exprNode() {}
func (*Unary) exprNode()    {}
func (*Binary) exprNode()   {}
func (*In) exprNode()       {}
func (*Call) exprNode()     {}
func (*ChanRef) exprNode()  {}
func (*Cond) exprNode()     {}
func (*Paren) exprNode()    {}
