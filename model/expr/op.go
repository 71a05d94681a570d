package expr

import "strconv"

// Op is an operator. Its String method returns the source spelling.
type Op uint8

// The operators. The zero Op is invalid.
const (
	_           Op = iota
	OpImplies      // implies
	OpOr           // or
	OpAnd          // and
	OpNot          // not (prefix)
	OpEq           // ==
	OpNe           // !=
	OpLt           // <
	OpLe           // <=
	OpGt           // >
	OpGe           // >=
	OpBitOr        // |
	OpBitAnd       // &
	OpAdd          // +
	OpSub          // - (binary, and unary negation)
	OpMul          // *
	OpDiv          // /
	OpMod          // %
	OpAssign       // = (assignments only)
	OpAddAssign    // += (assignments only)
	OpSubAssign    // -= (assignments only)
)

var opNames = [...]string{
	OpImplies:   "implies",
	OpOr:        "or",
	OpAnd:       "and",
	OpNot:       "not",
	OpEq:        "==",
	OpNe:        "!=",
	OpLt:        "<",
	OpLe:        "<=",
	OpGt:        ">",
	OpGe:        ">=",
	OpBitOr:     "|",
	OpBitAnd:    "&",
	OpAdd:       "+",
	OpSub:       "-",
	OpMul:       "*",
	OpDiv:       "/",
	OpMod:       "%",
	OpAssign:    "=",
	OpAddAssign: "+=",
	OpSubAssign: "-=",
}

// String returns the operator as it is written in the source, e.g. "<=" or
// "implies".
func (op Op) String() string {
	if int(op) < len(opNames) && opNames[op] != "" {
		return opNames[op]
	}
	return "Op(" + strconv.Itoa(int(op)) + ")"
}

// Precedence levels, lowest first. A binary operator's operands bind tighter
// than the operator itself.
const (
	precImplies = 1 + iota
	precOr
	precAnd
	precNot
	precCmp
	precBitOr
	precBitAnd
	precAdd
	precMul
	precNeg
	precPrimary
)

// binaryPrec is the precedence of a binary operator, or 0 if op is not one.
func binaryPrec(op Op) int {
	switch op {
	case OpImplies:
		return precImplies
	case OpOr:
		return precOr
	case OpAnd:
		return precAnd
	case OpEq, OpNe, OpLt, OpLe, OpGt, OpGe:
		return precCmp
	case OpBitOr:
		return precBitOr
	case OpBitAnd:
		return precBitAnd
	case OpAdd, OpSub:
		return precAdd
	case OpMul, OpDiv, OpMod:
		return precMul
	}
	return 0
}

// opFor maps the spelling of a binary operator to its Op.
var opFor = map[string]Op{
	"implies": OpImplies, "or": OpOr, "and": OpAnd,
	"==": OpEq, "!=": OpNe, "<": OpLt, "<=": OpLe, ">": OpGt, ">=": OpGe,
	"|": OpBitOr, "&": OpBitAnd, "+": OpAdd, "-": OpSub,
	"*": OpMul, "/": OpDiv, "%": OpMod,
	"=": OpAssign, "+=": OpAddAssign, "-=": OpSubAssign,
}
