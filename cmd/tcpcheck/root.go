package main

import (
	"context"
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

// Unwrap returns the error the exit code stands for, if any.
func (e *exitError) Unwrap() error { return e.err }

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// run is main without os.Exit, so tests can call it. SIGINT and SIGTERM
// stop the command gracefully (see signalContext). Every write to stdout
// is checked: output that could not be written is an error (exit 2), even
// if the command otherwise succeeded.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signalContext(context.Background())
	defer stop()
	out := &errWriter{w: stdout}
	root := newRootCmd(out, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if werr := out.Err(); werr != nil {
		if !errors.Is(err, out.err) {
			exitCode(err, stderr) // another error besides: print it too
		}
		fmt.Fprintln(stderr, "tcpcheck:", werr)
		return exitInvalid
	}
	return exitCode(err, stderr)
}

// exitCode prints err, unless it was printed already, and returns the
// exit code it stands for.
func exitCode(err error, stderr io.Writer) int {
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
  3  a limit (--max-states, --max-depth, --max-memory, --timeout) or a signal
     (SIGINT, SIGTERM) stopped the search or analysis before a verdict

When several apply, 2 outranks 1, which outranks 3. Output that cannot be
written is exit 2.

SIGINT (Ctrl-C) or SIGTERM stops the search: what is decided is printed, the
rest is marked unknown, and the exit code is 3. A second signal kills at once.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.Version = versionText() // --version prints what the version command does
	root.SetVersionTemplate("{{.Version}}")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newVerifyCmd(stdout, stderr), newKnowledgeCmd(stdout, stderr), newSensitivityCmd(stdout, stderr), newRenderCmd(stdout, stderr), newVersionCmd(stdout))
	return root
}
