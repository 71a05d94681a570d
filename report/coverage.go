package report

import (
	"fmt"
	"strings"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// This file writes the values of a variable for --coverage, compactly and
// as the spec writes them: 0..2, 4 for integers, false or true, enum names.

// Values writes the values xs of variable v, ascending, with runs of three or
// more integers as lo..hi.
func Values(v *model.Var, xs []int64) string {
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		if v.Kind == model.VarInt {
			for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
				j++
			}
		}
		switch {
		case j-i >= 2:
			parts = append(parts, fmt.Sprintf("%d..%d", xs[i], xs[j]))
		default:
			for k := i; k <= j; k++ {
				parts = append(parts, v.Format(xs[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// varDomain writes v's domain: lo..hi, bool, or its enum values in braces.
func varDomain(v *model.Var) string {
	switch v.Kind {
	case model.VarBool:
		return "bool"
	case model.VarEnum:
		return "{" + strings.Join(v.Enum, ", ") + "}"
	}
	return fmt.Sprintf("%d..%d", v.Lo, v.Hi)
}

// varUse writes what a variable that does not take its whole domain takes:
// "keeps 0 of 0..2", or "takes only 0, 1 of 0..3".
func varUse(u properties.VarUse) string {
	verb := "takes only"
	if u.Constant() {
		verb = "keeps"
	}
	return fmt.Sprintf("%s %s of %s", verb, Values(u.Var, u.Taken), varDomain(u.Var))
}

// jsonValues gives values as JSON writes them: numbers, booleans, or enum
// names.
func jsonValues(v *model.Var, xs []int64) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = jsonValue(v, x)
	}
	return out
}

// jsonValue is the value x of variable v as JSON writes it: a number, a
// boolean, or an enum name.
func jsonValue(v *model.Var, x int64) any {
	switch v.Kind {
	case model.VarBool:
		return x != 0
	case model.VarEnum:
		return v.Format(x)
	}
	return x
}
