package syntax

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decodeYAML decodes the one YAML document of src. A second document (after
// a --- line) is an error: the loader would otherwise ignore it silently.
// It returns a nil node for a file with no document at all.
func decodeYAML(file string, src []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, yamlError(file, src, err)
	}
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case errors.Is(err, io.EOF):
		return &doc, nil
	case err != nil:
		return nil, yamlError(file, src, err)
	}
	var l ErrorList
	l.Add(Pos{File: file, Line: second.Line, Col: second.Column}, "",
		"a second YAML document; a spec file holds one document: remove this --- line and what follows, or move it to a file of its own")
	return nil, l.Err()
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// splitYAMLError separates the YAML library's message from the line it
// names, if any.
func splitYAMLError(m string) (line int, msg string) {
	sm := yamlLine.FindStringSubmatch(m)
	if sm == nil {
		return 0, m
	}
	if sm[1] != "" {
		line, _ = strconv.Atoi(sm[1])
	}
	return line, sm[2]
}

// yamlError turns the YAML library's error into a positioned ErrorList.
//
// The library (go.yaml.in/yaml/v3, a port of libyaml) gives no column, and
// its line is not the line of the problem: for a scanner error it is the
// line where the enclosing token started (a quoted string), for a parser
// error the 0-based line of the enclosing collection, so one line early,
// and it leaves the line out altogether when that 0-based line is 0. The
// true position is therefore found again from the source; see
// locateYAMLError.
func yamlError(file string, src []byte, err error) error {
	var l ErrorList
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line, msg := splitYAMLError(m)
		var pos Pos
		note := " (the position is the YAML library's: the file is too large to locate the error exactly)"
		if len(src) <= maxLocate {
			pos, note = locateYAMLError(src, msg)
		}
		if !pos.IsValid() {
			pos = Pos{Line: max(line, 1), Col: 1}
		}
		pos.File = file
		l.Add(pos, "", "invalid YAML: %s%s%s", msg, note, yamlHint(msg))
	}
	return l.Err()
}

// maxLocate bounds the files whose YAML errors locateYAMLError places: it
// parses a prefix of the file some 2 log2(size) times, a second on a file of
// this size, far larger than a hand-written spec.
const maxLocate = 256 << 10

// yamlHint explains the usual causes of two YAML errors in specs.
func yamlHint(msg string) string {
	switch {
	case strings.HasPrefix(msg, "did not find expected ',' or '}'"):
		return `: inside { }, quote a value that contains [ ] { } or a comma, e.g. from: "client[0]"`
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		return `: a ": " inside a value starts a mapping; quote the value (invariant: "all i: ...") or write it as a block scalar (invariant: >)`
	}
	return ""
}

// locateYAMLError finds where the YAML error msg occurs in src. The YAML
// parser reads its input once, front to back, and stops at the first
// error, so a prefix of src that holds the offending token fails with the
// same message, and a shorter one does not, once the flow collections ([ ]
// and { }) the prefix leaves open are closed. The shortest failing prefix
// is found by bisection, first over lines, then within the line; the error
// is at the token that prefix ends in. An error that only the end of the
// input reveals (a bracket never closed) is placed at that bracket, with a
// note saying so.
func locateYAMLError(src []byte, msg string) (Pos, string) {
	fails := func(k int) bool { return failsWith(closePrefix(src[:k]), msg) }
	if !fails(len(src)) {
		if open, ok := openBracket(src); ok {
			return posAt(src, open), "; the " + string(src[open]) + " here is never closed"
		}
		return Pos{}, ""
	}
	var ends []int // the offset after each line
	for i, c := range src {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(src) {
		ends = append(ends, len(src))
	}
	li := sort.Search(len(ends), func(i int) bool { return fails(ends[i]) })
	start := 0
	if li > 0 {
		start = ends[li-1]
	}
	end := ends[min(li, len(ends)-1)]
	k := start + 1 + sort.Search(end-start, func(i int) bool { return fails(start + 1 + i) })
	at := culprit(src, start, min(k, len(src))-1, msg)
	pos := posAt(src, at)
	if open, ok := openBracket(src[:at]); ok {
		if p := posAt(src, open); p.Line < pos.Line {
			return pos, fmt.Sprintf(" (inside the %c opened at line %d, column %d)", src[open], p.Line, p.Col)
		}
	}
	return pos, ""
}

// culprit returns the start of the token that src[i], the last byte of the
// shortest failing prefix, belongs to, not before offset start: trailing
// spaces only end that token, and a ":" after a key (other than in a
// value, where it is the error itself) stands for the key.
func culprit(src []byte, start, i int, msg string) int {
	for i > start && (src[i] == ' ' || src[i] == '\r' || src[i] == '\n') {
		i--
	}
	if src[i] == ':' && i > start && isWordByte(src[i-1]) && !strings.HasPrefix(msg, "mapping values") {
		i--
	}
	for i > start && isWordByte(src[i-1]) && isWordByte(src[i]) {
		i--
	}
	return i
}

// failsWith reports whether parsing src fails with message msg.
func failsWith(src []byte, msg string) bool {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return false
		}
		if err != nil {
			_, m := splitYAMLError(err.Error())
			return m == msg
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c == '*' || c == '&' || c >= 0x80 ||
		('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// posAt is the line and column of byte offset off, counted as the YAML
// library counts them: columns in characters, and \n, \r, \r\n, NEL, LS
// and PS each end a line.
func posAt(src []byte, off int) Pos {
	off = max(0, min(off, len(src)))
	line, start := 1, 0
	for i := 0; i < off; {
		r, w := utf8.DecodeRune(src[i:])
		switch {
		case r == '\r' && i+1 < len(src) && src[i+1] == '\n':
			// counted at the \n
		case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
			line, start = line+1, i+w
		}
		i += w
	}
	return Pos{Line: line, Col: 1 + utf8.RuneCount(src[start:off])}
}

// closePrefix appends to a prefix of a YAML file the brackets that close the
// flow collections it leaves open, so that cutting the file there is not
// itself an error. A prefix that ends inside a quoted string is left as it
// is: cutting it is an error, as it should be when the quote is never
// closed.
func closePrefix(p []byte) []byte {
	s := scanBrackets(p)
	if s.quote != 0 || len(s.open) == 0 {
		return p
	}
	out := make([]byte, len(p), len(p)+len(s.open))
	copy(out, p)
	for i := len(s.open) - 1; i >= 0; i-- {
		if p[s.open[i]] == '[' {
			out = append(out, ']')
		} else {
			out = append(out, '}')
		}
	}
	return out
}

// openBracket returns the offset of the innermost flow bracket src leaves
// open.
func openBracket(src []byte) (int, bool) {
	s := scanBrackets(src)
	if len(s.open) == 0 {
		return 0, false
	}
	return s.open[len(s.open)-1], true
}

// bracketScan is what scanBrackets found: the offsets of the open flow
// brackets, innermost last, and the quote character of a quoted string
// left open (0 if none).
type bracketScan struct {
	open  []int
	quote byte
}

// scanBrackets follows the flow brackets of YAML source, skipping comments,
// quoted strings and block scalars (| and >). It is an approximation of the
// YAML scanner, good enough to place errors: outside brackets, [ and {
// start a collection only at the start of a token, since client[0] is a
// plain scalar there.
func scanBrackets(src []byte) bracketScan {
	var s bracketScan
	blockIndent := -1 // inside a block scalar: the indentation of its key
	for lineStart := 0; lineStart < len(src); {
		lineEnd := bytes.IndexByte(src[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(src)
		} else {
			lineEnd += lineStart
		}
		line := src[lineStart:lineEnd]
		indent := len(line) - len(bytes.TrimLeft(line, " "))
		if blockIndent >= 0 && s.quote == 0 && len(s.open) == 0 {
			if len(bytes.TrimSpace(line)) == 0 || indent > blockIndent {
				lineStart = lineEnd + 1
				continue
			}
			blockIndent = -1
		}
		if s.scanLine(src, lineStart, lineEnd) {
			blockIndent = indent
		}
		lineStart = lineEnd + 1
	}
	return s
}

// scanLine scans src[start:end], one line, and reports whether it ends in
// a block scalar indicator (| or >, with optional chomping and indentation
// indicators).
func (s *bracketScan) scanLine(src []byte, start, end int) bool {
	lastToken := -1 // where the last token outside quotes started
	for i := start; i < end; i++ {
		c := src[i]
		if s.quote != 0 {
			switch {
			case s.quote == '"' && c == '\\':
				i++
			case c == s.quote && s.quote == '\'' && i+1 < end && src[i+1] == '\'':
				i++
			case c == s.quote:
				s.quote = 0
			}
			continue
		}
		tokenStart := i == start || strings.IndexByte(" \t[{,", src[i-1]) >= 0
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && tokenStart:
			return lastToken >= 0 && isBlockIndicator(src[lastToken:i])
		case (c == '"' || c == '\'') && tokenStart:
			s.quote = c
		case (c == '[' || c == '{') && (tokenStart || len(s.open) > 0):
			s.open = append(s.open, i)
		case (c == ']' || c == '}') && len(s.open) > 0:
			s.open = s.open[:len(s.open)-1]
		}
		if tokenStart {
			lastToken = i
		}
	}
	return s.quote == 0 && lastToken >= 0 && isBlockIndicator(src[lastToken:end])
}

// isBlockIndicator reports whether tok is |, > or one of their forms with
// indicators, such as |- or >2.
func isBlockIndicator(tok []byte) bool {
	tok = bytes.TrimRight(tok, " \t\r")
	if len(tok) == 0 || (tok[0] != '|' && tok[0] != '>') {
		return false
	}
	for _, c := range tok[1:] {
		if c != '-' && c != '+' && (c < '1' || c > '9') {
			return false
		}
	}
	return true
}
