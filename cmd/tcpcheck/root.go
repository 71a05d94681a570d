package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Exit codes, documented in --help and the README.
const (
	exitOK       = 0 // every verdict matches its expectation
	exitMismatch = 1 // some verdict does not: an unexpected violation, or an expected one that no longer happens
	exitInvalid  = 2 // the command line or a spec is invalid, or a file cannot be read
	exitUnknown  = 3 // a limit stopped the search before some verdict was reached
)

// exitError carries an exit code out of a command; its message, if any, has
// already been printed or is printed once by run.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// run is main without os.Exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "tcpcheck:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "tcpcheck:", err)
	return exitInvalid // cobra's own errors: unknown command or flag
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "tcpcheck",
		Short: "Model-check connection protocols written as YAML state machines",
		Long: `tcpcheck explores every reachable world of endpoints that talk over channels
which may lose, duplicate and reorder messages, and checks safety,
reachability and deadlock properties, printing a counterexample for every
violation.

Exit codes:
  0  every verdict matches its expectation
  1  some verdict does not (an unexpected violation, or an expected one that no longer happens)
  2  the command line or a spec is invalid, or a file cannot be read
  3  a limit (--max-states, --max-depth, --timeout) stopped the search before a verdict`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.Version = versionText() // --version prints what the version command does
	root.SetVersionTemplate("{{.Version}}")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newVerifyCmd(stdout, stderr), newKnowledgeCmd(stdout, stderr), newRenderCmd(stdout, stderr), newVersionCmd(stdout))
	return root
}
