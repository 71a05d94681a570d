package expr

import (
	"errors"
	"testing"
)

func TestErrors(t *testing.T) {
	parse := func(s string) error { _, err := Parse(s); return err }
	assign := func(s string) error { _, err := ParseAssign(s); return err }
	send := func(s string) error { _, err := ParseSend(s); return err }
	trigger := func(s string) error { _, err := ParseTrigger(s); return err }
	rng := func(s string) error { _, err := ParseRange(s); return err }
	tests := []struct {
		name  string
		parse func(string) error
		src   string
		off   int
		msg   string
	}{
		{"empty", parse, "", 0, `expected an expression, found end of input`},
		{"blank", parse, "  ", 2, `expected an expression, found end of input`},
		{"assign in expr", parse, "a = b", 2, `"=" is assignment; did you mean "=="?`},
		{"&&", parse, "a && b", 2, `"&&" is not an operator; use "and"`},
		{"||", parse, "a || b", 2, `"||" is not an operator; use "or"`},
		{"!", parse, "!a", 0, `"!" is not an operator; use "not" (or "!=" for inequality)`},
		{"==>", parse, "a ==> b", 2, `"==>" is not an operator; use "implies"`},
		{"=>", parse, "a => b", 2, `"=>" is not an operator; use "implies"`},
		{"<>", parse, "a <> b", 2, `"<>" is not an operator; use "!="`},
		{"not in", parse, "(x not in S)", 3, `"not in" is not an operator; write not (x in S)`},
		{"unknown char", parse, "a $ b", 2, `unknown character '$'`},
		{"comment", parse, "a # c", 2, `unknown character '#'; comments are not allowed inside an expression`},
		{"bad utf8", parse, "a \xff", 2, `unknown byte 0xff (not valid UTF-8)`},
		{"non-ascii", parse, "é", 0, `unknown character 'é'`},
		{"after chan arg", parse, "delivered(client->server and x)", 25, `expected "," or ")" after argument 1 of delivered, found "and"`},
		{"unclosed call", parse, "f(a", 3, `expected "," or ")" after argument 1 of f, found end of input`},
		{"empty arg", parse, "f(a, )", 5, `expected an operand after ",", found ")"`},
		{"chan without to", parse, "f(a->)", 5, `expected a machine name after "->", found ")"`},
		{"chan outside call", parse, "x->y", 1, `"->" names a channel and is only allowed as a call argument, as in len(client->server)`},
		{"unclosed paren", parse, "(a b", 3, `expected ")" to close the "(", found "b"`},
		{"missing operator", parse, "a b", 2, `expected an operator or end of input, found "b"`},
		{"unmatched )", parse, "a)", 1, `unmatched ")"`},
		{"range outside in", parse, "1..2", 1, `a range lo..hi is only allowed after "in", as in x in 0..3`},
		{"then without if", parse, "a then b", 2, `"then" without "if"`},
		{"chained", parse, "a < b < c", 6, `comparisons do not chain: "<" cannot follow another comparison; join them with "and", as in a < b and b < c`},
		{"chained in", parse, "a in S == b", 7, `comparisons do not chain: "==" cannot follow another comparison; join them with "and", as in a < b and b < c`},
		{"not operand", parse, "a + not b", 4, `"not" binds more loosely than comparisons and arithmetic; write (not ...) here`},
		{"two selectors", parse, "a.b.c", 3, `only one level of selection is allowed, as in client.iss`},
		{"selector keyword", parse, "a.in", 2, `expected a field name after "a.", found keyword "in"`},
		{"+= in expr", parse, "a += 1", 2, `"+=" is only allowed in an assignment such as x += 1`},
		{"empty set", parse, "x in {}", 6, `empty set "{}": a set needs at least one member`},
		{"range in braces", parse, "x in {1..2}", 7, `a range is written without braces, as in x in 0..3`},
		{"set comma", parse, "x in {1 2}", 8, `expected "," or "}" in the set, found "2"`},
		{"too large", parse, "99999999999999999999", 0, `integer 99999999999999999999 is too large (the largest is 9223372036854775807)`},
		{"malformed number", parse, "0x10", 0, `malformed number "0x10": a number is decimal digits only`},
		{"fraction", parse, "1.5", 0, `"1.5" is not an integer; only integers are supported`},
		{"if without else", parse, "if a then b", 11, `expected "else" after "then ...": an "if" needs both branches, found end of input`},
		{"if without then", parse, "if a b", 5, `expected "then" after the condition of "if", found "b"`},
		{"dangling op", parse, "1 +", 3, `expected an operand after "+", found end of input`},
		{"assign empty", assign, "", 0, `expected a variable name, found end of input`},
		{"assign ==", assign, "x == 1", 2, `expected "=", "+=" or "-=" after x, found "=="`},
		{"assign selector", assign, "client.x = 1", 6, `only a plain variable can be assigned, not client.x; a machine assigns its own variables`},
		{"assign keyword", assign, "in = 1", 0, `expected a variable name, found keyword "in"`},
		{"assign list", assign, "x = 1, y = 2", 5, `one assignment per list item: write each one as its own YAML list entry`},
		{"assign :=", assign, "x := 1", 2, `":=" is not an operator; assign with "="`},
		{"send empty", send, "", 0, `expected a message type, found end of input`},
		{"send field ==", send, "SYN(seq == 1)", 8, `expected "=" after field seq, found "=="`},
		{"send comma", send, "SYN(seq = 1 ack = 2)", 12, `expected "," or ")" after field seq of SYN, found "ack"`},
		{"send trailing comma", send, "SYN(seq = 1,)", 12, `expected a field name in SYN(...), found ")"`},
		{"send to", send, "SYN to", 6, `expected a machine name after "to", found end of input`},
		{"send from", send, "SYN from x", 4, `expected "to MACHINE" or end of input, found "from"`},
		{"trigger empty", trigger, "", 0, `expected "call", "recv", "timeout", "internal" or "idle", found end of input`},
		{"trigger unknown", trigger, "send SYN", 0, `expected "call", "recv", "timeout", "internal" or "idle", found "send"`},
		{"call without name", trigger, "call", 4, `expected a name after "call", found end of input`},
		{"recv alone", trigger, "recv", 4, `expected a message type or "*" after "recv", found end of input`},
		{"recv from only", trigger, "recv from client", 5, `expected a message type or "*" after "recv", found "from"`},
		{"recv to", trigger, "recv SYN to x", 9, `expected "from MACHINE" or end of input, found "to"`},
		{"recv any fields", trigger, "recv * (seq = 1)", 7, `recv * accepts every message type, so it takes no field patterns`},
		{"recv from nothing", trigger, "recv SYN from", 13, `expected a machine name after "from", found end of input`},
		{"timeout number", trigger, "timeout 5", 8, `expected a name or end of input after "timeout", found "5"`},
		{"call extra", trigger, "call a b", 7, `expected end of input, found "b"`},
		{"range no dots", rng, "0", 1, `expected ".." between the bounds of a range lo..hi, found end of input`},
		{"range two dots", rng, "0..3..4", 4, `a range has exactly one "..", as in 0..SEQ-1`},
		{"range low or", rng, "a or b..c", 2, `expected ".." between the bounds of a range lo..hi, found "or"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse(tt.src)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("%q: error %v (%T), want *Error", tt.src, err, err)
			}
			if pe.Offset != tt.off || pe.Msg != tt.msg || pe.Error() != tt.msg {
				t.Errorf("%q:\n got %d: %s\nwant %d: %s", tt.src, pe.Offset, pe.Msg, tt.off, tt.msg)
			}
		})
	}
}
