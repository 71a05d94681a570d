package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// Aliases of aliases multiply: the loader stops them.
func TestLoad_AliasBomb(t *testing.T) {
	src := "name: x\nmachines:\n  a:\n    states: [S]\n    init: S\n    transitions:\n      - &a0 [{ from: S }, { from: S }, { from: S }, { from: S }]\n"
	for i := 1; i < 8; i++ {
		src += fmt.Sprintf("      - &a%d [*a%d, *a%d, *a%d, *a%d]\n", i, i-1, i-1, i-1, i-1)
	}
	_, err := Parse("test.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "more than 16384 transitions in one list") {
		t.Errorf("got %v", err)
	}
}
