package report

import (
	"errors"
	"strings"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// Problem is one error of a report with where the spec has it, so that a
// CI annotation can point at the line: each problem of an invalid spec,
// or a model error at the expression or assignment that broke.
type Problem struct {
	Pos     syntax.Pos // invalid (no line) when the error names none
	Message string     // the error without its position
}

// Problems splits err into its problems: one per entry of a
// syntax.ErrorList, else one, positioned if err holds a syntax.Error,
// model.EvalError or model.RangeError. file is the position of an error
// that names none.
func Problems(err error, file string) []Problem {
	var list syntax.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		out := make([]Problem, len(list))
		for i, e := range list {
			out[i] = problem(e.Error(), e.Pos)
		}
		return out
	}
	return []Problem{problem(err.Error(), errorPos(err, file))}
}

// errorPos finds the position err names, or gives file.
func errorPos(err error, file string) syntax.Pos {
	var (
		e  *syntax.Error
		ev *model.EvalError
		rg *model.RangeError
	)
	switch {
	case errors.As(err, &e):
		return e.Pos
	case errors.As(err, &ev):
		return ev.Pos
	case errors.As(err, &rg):
		return rg.Pos
	}
	return syntax.Pos{File: file}
}

// problem is msg at pos, without the position msg starts with.
func problem(msg string, pos syntax.Pos) Problem {
	if pos.IsValid() {
		msg = strings.TrimPrefix(msg, pos.String()+": ")
	}
	return Problem{Pos: pos, Message: msg}
}
