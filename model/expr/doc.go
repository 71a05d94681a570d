// Package expr lexes and parses the small language written inside the YAML
// scalars of a tcpcheck spec: expressions (guards, invariants, initial
// values), assignments, message sends, transition triggers and ranges. It
// builds a syntax tree whose nodes carry byte offsets into the parsed string;
// it does not type-check or evaluate. Package model compiles the trees.
//
// # Grammar
//
// In EBNF, with the precedence levels loosest first:
//
//	Expr       = Implies .
//	Implies    = Or [ "implies" Implies ] .              (* right-assoc *)
//	Or         = And { "or" And } .
//	And        = Not { "and" Not } .
//	Not        = "not" Not | Cmp .
//	Cmp        = BitOr [ CmpOp BitOr | "in" InRhs ] .    (* no chaining *)
//	CmpOp      = "==" | "!=" | "<" | "<=" | ">" | ">=" .
//	InRhs      = "{" Expr { "," Expr } "}" | BitOr [ ".." BitOr ] .
//	BitOr      = BitAnd { "|" BitAnd } .
//	BitAnd     = Add { "&" Add } .
//	Add        = Mul { ( "+" | "-" ) Mul } .
//	Mul        = Neg { ( "*" | "/" | "%" ) Neg } .
//	Neg        = "-" Neg | Primary .
//	Primary    = int | "true" | "false" | Ref [ "." ident ] | Call
//	           | "(" Expr ")" | "if" Expr "then" Expr "else" Expr | Quant .
//	Ref        = ident [ "[" Expr "]" ] .                (* client, client[i] *)
//	Quant      = ( "all" | "some" ) ident [ "in" BitOr ".." BitOr ] ":" Expr .
//	Call       = ident "(" [ Arg { "," Arg } ] ")" .
//	Arg        = Ref "->" Ref | Expr .
//
//	Assign     = ident ( "=" | "+=" | "-=" ) Expr .
//	Send       = ident [ Fields ] [ "to" ident ] .
//	Trigger    = "call" ident
//	           | "recv" ( ident [ Fields ] | "*" ) [ "from" ident ]
//	           | "timeout" [ ident ] | "internal" [ ident ] | "idle" [ ident ] .
//	Fields     = "(" [ Field { "," Field } ] ")" .
//	Field      = ident "=" Expr .
//	Range      = BitOr ".." BitOr .
//
// Tokens: an ident is a letter or "_" followed by letters, digits and "_"
// (ASCII, case-sensitive); an int is decimal digits and must fit in int64.
// The keywords and, or, not, implies, in, if, then, else, true and false
// cannot be names. The words to, from, call, recv, timeout, internal and idle are
// keywords only where the statement grammar expects them, and all and some
// only where a name follows them (a quantifier). Spaces, tabs and
// newlines separate tokens. There are no comments.
//
// Notes on the grammar:
//
//   - "not" binds looser than comparisons: not a == b is not (a == b), and
//     not cannot appear directly as an operand of arithmetic or comparison
//     (write a == (not b)).
//   - Comparisons do not chain: a < b < c is an error.
//   - x in S with a single operand S means x == S; x in {a, b} tests
//     membership of a set; x in lo..hi tests an inclusive integer range.
//   - if c then a else b is an operand whose three parts are full
//     expressions, like Python's conditional expression, so the else branch
//     extends as far right as it can: 1 + if c then 2 else 3 * 4 is
//     1 + (if c then 2 else (3 * 4)). Parenthesise the conditional to end it
//     earlier.
//   - A channel a->b is allowed only as a call argument, as in
//     len(client->server) or len(client[i]->server[i]).
//   - x[i] names instance i of a machine declared with a count; a
//     quantifier all i: e (or some i: e) extends as far right as it can, like
//     the else branch of a conditional. Without "in lo..hi" the values of i
//     are inferred by the compiler from the instances the body indexes.
//   - Nesting is limited to 1000 levels.
//
// # Errors
//
// Every parse function returns a *Error whose Offset lies in [0, len(src)]
// and whose Msg says what was expected and what was found. Common slips from
// other languages ("=", "&&", "||", "!", "=>") get messages of their own.
//
// # Printing
//
// Every node's String method prints a canonical form: single spaces around
// operators, and parentheses exactly where the tree has a Paren (plus any a
// hand-built tree needs to keep its shape). For a parsed expression e,
// Parse(e.String()) is Equal to e.
package expr
