package main

import (
	"fmt"
	"io"
)

// errWriter remembers the first error of the writes to w, and fails every
// write after it: the report is lost from there on, and the command must
// say so and exit 2 (a full disk, a closed pipe), not report success.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	e.err = err
	return n, err
}

// Err is the first write error, wrapped for the user, or nil.
func (e *errWriter) Err() error {
	if e.err == nil {
		return nil
	}
	return fmt.Errorf("writing the output: %w", e.err)
}

// outputError returns the write error of w, if w remembers one.
func outputError(w io.Writer) error {
	if e, ok := w.(interface{ Err() error }); ok {
		return e.Err()
	}
	return nil
}
