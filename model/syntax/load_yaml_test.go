package syntax

import (
	"strings"
	"testing"
)

// TestYAMLErrorPositions checks that YAML syntax errors point at the
// offending token, not at column 1 of the line the YAML library names.
func TestYAMLErrorPositions(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"colon in a plain value", "name: a\nfinal: all i: x\n",
			"f.yaml:2:13: invalid YAML: mapping values are not allowed in this context"},
		{"colon on line 1", "name: a: b\n",
			"f.yaml:1:8: invalid YAML: mapping values are not allowed"},
		{"junk after a quoted value", "a:\n  b: {x: \"y\" z}\n",
			"f.yaml:2:14: invalid YAML: did not find expected ',' or '}'"},
		{"bracket inside braces", "machines:\n  a:\n    transitions:\n      - { from: client[0], to: S }\n",
			"f.yaml:4:23: invalid YAML: did not find expected ',' or '}'"},
		{"key indented too little", "machines:\n  a:\n    states: [S]\n   init: S\n",
			"f.yaml:4:4: invalid YAML: did not find expected key"},
		{"key indented between levels", "a:\n  b: 1\n c: 2\n",
			"f.yaml:3:2: invalid YAML: did not find expected key"},
		{"list item in a mapping", "a: b\n- c\n",
			"f.yaml:2:1: invalid YAML: did not find expected key"},
		{"key in a list", "a:\n  - x\n  y: 1\n",
			"f.yaml:3:3: invalid YAML: did not find expected '-' indicator"},
		{"tab indentation", "a:\n\tb: c\n",
			"f.yaml:2:1: invalid YAML: found character that cannot start any token"},
		{"reserved character", "a: @x\n",
			"f.yaml:1:4: invalid YAML: found character that cannot start any token"},
		{"extra closing brace", "x: 1\na: {b: c}}\n",
			"f.yaml:2:10: invalid YAML: did not find expected key"},
		{"unterminated quote", "name: a\ndoc: 'abc\nb: c\n",
			"f.yaml:2:6: invalid YAML: found unexpected end of stream"},
		{"bracket never closed", "name: a\nstates: [x, y\nb: c\n",
			"f.yaml:3:1: invalid YAML: did not find expected ',' or ']' (inside the [ opened at line 2, column 9)"},
		{"flow never closed", "name: a\nstates: [x, y\n",
			"f.yaml:2:9: invalid YAML: did not find expected ',' or ']'; the [ here is never closed"},
		{"unknown alias", "name: a\nstates: *nope\n",
			"f.yaml:2:9: invalid YAML: unknown anchor 'nope' referenced"},
		{"error after a multi-line flow and a block scalar",
			"a: { b: 1,\n  c: 2 }\nd: >\n  it's [\ne: [1, 2]]\n",
			"f.yaml:5:10: invalid YAML: did not find expected key"},
		{"error in a second document", "a: b\n---\nc: d: e\n",
			"f.yaml:3:5: invalid YAML: mapping values are not allowed"},
	} {
		_, err := Parse("f.yaml", []byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got\n%v\nwant\n%s", tc.name, err, tc.want)
		}
	}
}

func TestSecondDocument(t *testing.T) {
	_, err := Parse("f.yaml", []byte("name: a\nmachines:\n  a: {states: [S], init: S}\n---\nname: b\n"))
	want := "f.yaml:4:1: a second YAML document; a spec file holds one document"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
	if _, err := Parse("f.yaml", []byte("---\nname: a\nmachines:\n  a: {states: [S], init: S}\n...\n")); err != nil {
		t.Errorf("one document between --- and ...: %v", err)
	}
}
