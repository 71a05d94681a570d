package expr

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF     tokKind = iota
	tIdent           // a name that is not a keyword
	tInt             // decimal digits
	tKeyword         // and or not implies in if then else true false
	tPunct           // an operator or delimiter
)

// token is one lexical token: its kind, its offset and its text.
type token struct {
	kind tokKind
	pos  int
	text string
}

var keywords = map[string]bool{
	"and": true, "or": true, "not": true, "implies": true, "in": true,
	"if": true, "then": true, "else": true, "true": true, "false": true,
}

// puncts lists the operators and delimiters, longer ones before their
// prefixes so that the first match is the longest.
var puncts = []string{
	"==", "!=", "<=", ">=", "->", "+=", "-=", "..",
	"(", ")", "{", "}", "[", "]", ",", ".", ":", "+", "-", "*", "/", "%", "&", "|",
	"<", ">", "=",
}

// misspelled maps operators from other languages to an explanation. They
// are checked before puncts, so "==>" is not read as "==" then ">".
var misspelled = []struct{ text, msg string }{
	{"==>", `"==>" is not an operator; use "implies"`},
	{"=>", `"=>" is not an operator; use "implies"`},
	{"&&", `"&&" is not an operator; use "and"`},
	{"||", `"||" is not an operator; use "or"`},
	{"<>", `"<>" is not an operator; use "!="`},
	{":=", `":=" is not an operator; assign with "="`},
	{"!", `"!" is not an operator; use "not" (or "!=" for inequality)`},
}

// lex splits src into tokens, ending with a tEOF token at len(src).
func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case isLetter(c):
			t := token{kind: tIdent, pos: i, text: src[i:scanWord(src, i)]}
			if keywords[t.text] {
				t.kind = tKeyword
			}
			toks = append(toks, t)
		case isDigit(c):
			t, err := lexInt(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
		default:
			t, err := lexPunct(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
		}
		i = toks[len(toks)-1].pos + len(toks[len(toks)-1].text)
	}
	return append(toks, token{kind: tEOF, pos: len(src)}), nil
}

// scanWord returns the end of the identifier-like word starting at i.
func scanWord(src string, i int) int {
	for i < len(src) && (isLetter(src[i]) || isDigit(src[i])) {
		i++
	}
	return i
}

func lexInt(src string, i int) (token, error) {
	end := i
	for end < len(src) && isDigit(src[end]) {
		end++
	}
	if w := scanWord(src, end); w > end {
		return token{}, errorf(i, "malformed number %q: a number is decimal digits only", src[i:w])
	}
	if end+1 < len(src) && src[end] == '.' && isDigit(src[end+1]) {
		return token{}, errorf(i, "%q is not an integer; only integers are supported", src[i:scanFraction(src, end+1)])
	}
	return token{kind: tInt, pos: i, text: src[i:end]}, nil
}

func scanFraction(src string, i int) int {
	for i < len(src) && isDigit(src[i]) {
		i++
	}
	return i
}

func lexPunct(src string, i int) (token, error) {
	rest := src[i:]
	for _, m := range misspelled {
		if strings.HasPrefix(rest, m.text) && !strings.HasPrefix(rest, "!=") {
			return token{}, errorf(i, "%s", m.msg)
		}
	}
	for _, p := range puncts {
		if strings.HasPrefix(rest, p) {
			return token{kind: tPunct, pos: i, text: p}, nil
		}
	}
	return token{}, errorf(i, "%s", unknownChar(rest))
}

// unknownChar describes the character at the start of rest, which is not
// part of the language.
func unknownChar(rest string) string {
	r, size := utf8.DecodeRuneInString(rest)
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("unknown byte 0x%02x (not valid UTF-8)", rest[0])
	}
	msg := fmt.Sprintf("unknown character %q", r)
	switch r {
	case '#':
		msg += "; comments are not allowed inside an expression"
	case '"', '\'':
		msg += "; there are no strings: write names without quotes"
	}
	return msg
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// describe names a token for an error message: its text in quotes, or "end
// of input".
func (t token) describe() string {
	if t.kind == tEOF {
		return "end of input"
	}
	return fmt.Sprintf("%q", t.text)
}
