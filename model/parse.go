package model

import (
	"errors"

	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// Load reads and parses the spec file at path, as [syntax.Load] does, and
// then reports every error of the file at once: see [Parse].
func Load(path string) (*syntax.Spec, error) {
	return checkRest(syntax.Load(path))
}

// Parse parses a spec from src, as [syntax.Parse] does. The filename only
// labels positions. When the spec has syntax errors, Parse also compiles
// what could be read and adds the compiler's errors, so that one run
// reports every independent error of the file: a missing states list does
// not hide an unknown variable in a guard. The spec is then nil and the
// error a [syntax.ErrorList] holding every problem found. A spec without
// syntax errors is returned uncompiled: [Compile] it, with the parameter
// values of one of its configurations.
func Parse(filename string, src []byte) (*syntax.Spec, error) {
	return checkRest(syntax.Parse(filename, src))
}

// checkRest completes the errors of a spec that the syntax layer returned
// with errors: the rest of it (see [syntax.Parse]) is compiled with the
// first configuration of its matrix, and the compiler's errors are added to
// the syntax errors, but for their echoes: a compiler error on a line with
// a syntax error, or one without a position, about a part that could not
// be read.
func checkRest(s *syntax.Spec, err error) (*syntax.Spec, error) {
	var errs syntax.ErrorList
	switch {
	case err == nil:
		return s, nil
	case s == nil || !errors.As(err, &errs):
		return nil, err
	}
	configs, cerr := s.Configurations(nil)
	if cerr != nil || len(configs) == 0 {
		return nil, err
	}
	var list syntax.ErrorList
	if _, cerr := Compile(s, configs[0].Set); !errors.As(cerr, &list) {
		return nil, err
	}
	bad := map[int]bool{}
	for _, e := range errs {
		bad[e.Pos.Line] = true
	}
	for _, e := range list {
		if e.Pos.IsValid() && !bad[e.Pos.Line] {
			errs = append(errs, e)
		}
	}
	return nil, errs.Err()
}
