package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// The documents whose commands and YAML examples TestDocs runs, relative to
// the repository root.
var docFiles = []string{"README.md", "specs/README.md"}

// docException is a documented command that TestDocs does not run as
// written: it runs run instead, a smaller command of the same kind, or
// nothing when run is empty. Every exception must still appear in the docs,
// so that the list cannot outlive its commands.
type docException struct {
	run    string
	reason string
}

// docExceptions are the commands too long for a test, each with its reason.
var docExceptions = map[string]docException{
	"tcpcheck verify specs/": {"", "the whole suite (about 30 s); TestSpecs checks every spec's " +
		"verdicts against their expectations (exit 0 when all match) and pins them in the golden files"},
	"tcpcheck verify --stats specs/": {"", "the whole suite again, with statistics (about 30 s); see tcpcheck verify specs/"},
	"go test ./...":                  {"", "the test suite itself"},
	"go run ./cmd/tcpcheck verify --compact --stats --set CAP=4 specs/bench/tcp_model.yaml": {
		"tcpcheck verify --compact --stats --set CAP=2 specs/bench/tcp_model.yaml",
		"C4 is 8.9 M worlds (4 s, 470 MB); C2 (137,817 worlds) runs the same flags"},
	"tcpcheck verify -p close_terminates --set ISNS=2 --set LOSS=0 --set DUP=0 --set CAP=12 specs/tcp_connection.yaml": {"",
		"1.6 M worlds, 3 s and 380 MB; testdata/script/docs_close_terminates_isns.txtar runs it and checks its lasso"},
	"tcpcheck verify --coverage specs/tcp_connection.yaml": {
		"tcpcheck verify --coverage --set CAP=2 --set ISNS=1 specs/tcp_connection.yaml",
		"five configurations, 3 M worlds; TestSpecs pins the coverage of each, and the default " +
			"configuration (197,291 worlds) runs the same flags"},
}

// docCommand is a command shown in a document: where, the command line,
// the exit code the document promises, and the output it shows (nil if it
// shows none).
type docCommand struct {
	where  string
	line   string
	exit   int
	output []string
}

// TestDocs runs every command that README.md, specs/README.md and the
// --help texts show, so that the docs cannot rot (issue 11, item 12):
//
//   - each line of a ```sh block; a trailing comment "exit N" or "exits N"
//     states its exit code, which is otherwise 0;
//   - a fenced block whose first line is "$ COMMAND": the rest of the block
//     is its output, or an excerpt of it, which must appear in what the
//     command prints, line for line, except that a line "..." stands for
//     any number of lines and the excerpt may start and end anywhere;
//   - an inline `tcpcheck …` span with arguments, unless it is a synopsis
//     (an upper-case placeholder such as SPEC or [--when EXPR]);
//   - the lines after "Examples:" in the --help text of every command.
//
// "go run ./cmd/tcpcheck" and "tcpcheck" are the same command. Commands run
// through run in a scratch directory where specs/ is the repository's
// specs/ and docs/ is empty: a file a command writes into docs/ must be
// byte for byte the one committed there (the README's pictures), since
// rendering is deterministic. docExceptions lists the commands too long for
// a test. Every ```yaml block must parse, and a block that is a complete
// spec (it has name and machines) must load and verify with exit 0.
func TestDocs(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var cmds []docCommand
	var yamls []docYAML
	for _, f := range docFiles {
		src, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		c, y := docExtract(f, string(src))
		if len(c) == 0 {
			t.Errorf("%s: no commands found: has the extraction broken?", f)
		}
		cmds, yamls = append(cmds, c...), append(yamls, y...)
	}
	help := helpExamples(newRootCmd(io.Discard, io.Discard))
	if len(help) == 0 {
		t.Error("no Examples: in any --help text: has the extraction broken?")
	}
	cmds = append(cmds, help...)

	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "specs"), filepath.Join(dir, "specs")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	used := map[string]bool{}
	for _, c := range cmds {
		line := c.line
		if ex, ok := docExceptions[line]; ok {
			used[line] = true
			if ex.run == "" {
				t.Logf("%s: not run: %s (%s)", c.where, line, ex.reason)
				continue
			}
			t.Logf("%s: %s runs as %s (%s)", c.where, line, ex.run, ex.reason)
			line = ex.run
		}
		t.Run(c.where, func(t *testing.T) {
			t.Log(line)
			runDocCommand(t, root, c, line)
		})
	}
	for line := range docExceptions {
		if !used[line] {
			t.Errorf("docExceptions lists %q, which no document shows any more: remove it", line)
		}
	}
	for _, y := range yamls {
		t.Run(y.where, func(t *testing.T) { checkDocYAML(t, y) })
	}
}

// runDocCommand runs line, which stands for c, and checks its exit code, its
// output against the excerpt c shows, and the files it writes into docs/.
func runDocCommand(t *testing.T, root string, c docCommand, line string) {
	words, err := shellWords(line)
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	args, ok := tcpcheckArgs(words)
	if !ok {
		t.Fatalf("%s: not a tcpcheck command; list it in docExceptions with a reason", line)
	}
	if err := os.RemoveAll("docs"); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir("docs", 0o755); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	if code != c.exit {
		t.Fatalf("%s exited %d, the doc says %d\nstdout:\n%s\nstderr:\n%s", line, code, c.exit, stdout.String(), stderr.String())
	}
	if c.output != nil {
		if err := matchExcerpt(c.output, stdout.String()); err != nil {
			t.Errorf("%s: the output shown differs from what it prints: %v\nstdout:\n%s", line, err, stdout.String())
		}
	}
	written, _ := filepath.Glob("docs/*")
	for _, f := range written {
		got, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Errorf("%s writes %s, which is not committed: %v", line, f, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s writes a %s that differs from the committed one: rerun it from the repository root and commit the picture", line, f)
		}
	}
}

// docYAML is a ```yaml block of a document.
type docYAML struct {
	where string
	src   string
}

// checkDocYAML parses every document of the block and, if the block is a
// complete spec, verifies it.
func checkDocYAML(t *testing.T, y docYAML) {
	dec := yaml.NewDecoder(strings.NewReader(y.src))
	var first *yaml.Node
	for {
		var n yaml.Node
		if err := dec.Decode(&n); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("does not parse as YAML: %v\n%s", err, y.src)
		}
		if first == nil {
			first = &n
		}
	}
	if first == nil || len(first.Content) == 0 || !hasKeys(first.Content[0], "name", "machines") {
		return // a fragment: parsing is all that can be asked of it
	}
	file := strings.NewReplacer("/", "_", ":", "_", ".", "_").Replace(y.where) + ".yaml"
	if err := os.WriteFile(file, []byte(y.src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"verify", file}, &stdout, &stderr); code != exitOK {
		t.Errorf("a complete spec, but verify exits %d:\n%s%s\n%s", code, stdout.String(), stderr.String(), y.src)
	}
}

// hasKeys reports whether n is a mapping with all the keys.
func hasKeys(n *yaml.Node, keys ...string) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	found := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		found[n.Content[i].Value] = true
	}
	for _, k := range keys {
		if !found[k] {
			return false
		}
	}
	return true
}

var (
	fenceRE  = regexp.MustCompile("(?ms)^```([a-z]*)\n(.*?)^```\n")
	inlineRE = regexp.MustCompile("`([^`]+)`")
	exitRE   = regexp.MustCompile(`\bexits? (\d+)\b`)
	// A synopsis writes a placeholder for an argument: SPEC, DIR, [--when EXPR].
	placeholderRE = regexp.MustCompile(`^\[?-*[A-Z][A-Z_|.]*\]?$`)
)

// docExtract returns the commands and the YAML blocks of a Markdown
// document (see TestDocs for which commands).
func docExtract(file, src string) ([]docCommand, []docYAML) {
	var cmds []docCommand
	var yamls []docYAML
	lineOf := func(off int) int { return strings.Count(src[:off], "\n") + 1 }
	for _, m := range fenceRE.FindAllStringSubmatchIndex(src, -1) {
		info, body := src[m[2]:m[3]], src[m[4]:m[5]]
		where := fmt.Sprintf("%s:%d", file, lineOf(m[0]))
		lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
		switch {
		case info == "yaml":
			yamls = append(yamls, docYAML{where, body})
		case info == "sh":
			for i, l := range lines {
				if c, ok := shLine(l); ok {
					cmds = append(cmds, docCommand{where: fmt.Sprintf("%s:%d", file, lineOf(m[0])+1+i), line: c.line, exit: c.exit})
				}
			}
		case strings.HasPrefix(lines[0], "$ "):
			cmds = append(cmds, docCommand{where: where, line: normalize(lines[0][2:]), output: lines[1:]})
		}
	}
	prose := fenceRE.ReplaceAllStringFunc(src, func(block string) string {
		return strings.Repeat("\n", strings.Count(block, "\n")) // keep the line numbers
	})
	lineOf = func(off int) int { return strings.Count(prose[:off], "\n") + 1 }
	for _, m := range inlineRE.FindAllStringSubmatchIndex(prose, -1) {
		line := normalize(prose[m[2]:m[3]])
		words := strings.Fields(line)
		if _, ok := tcpcheckArgs(words); !ok || len(words) < 3 || isSynopsis(words) {
			continue
		}
		cmds = append(cmds, docCommand{where: fmt.Sprintf("%s:%d", file, lineOf(m[0])), line: line})
	}
	return cmds, yamls
}

// shLine reads a line of a ```sh block: the command and the exit code its
// comment states (0 if none).
func shLine(l string) (docCommand, bool) {
	cmd, comment, _ := strings.Cut(l, "#")
	cmd = normalize(cmd)
	if cmd == "" {
		return docCommand{}, false
	}
	c := docCommand{line: cmd}
	if m := exitRE.FindStringSubmatch(comment); m != nil {
		c.exit, _ = strconv.Atoi(m[1])
	}
	return c, true
}

func isSynopsis(words []string) bool {
	for _, w := range words {
		if placeholderRE.MatchString(w) {
			return true
		}
	}
	return false
}

// normalize joins a command's words with single spaces (an inline span may
// break across lines).
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// tcpcheckArgs returns the arguments of a tcpcheck command, written
// "tcpcheck ARGS" or "go run ./cmd/tcpcheck ARGS".
func tcpcheckArgs(words []string) ([]string, bool) {
	switch {
	case len(words) >= 1 && words[0] == "tcpcheck":
		return words[1:], true
	case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/tcpcheck":
		return words[3:], true
	}
	return nil, false
}

// helpExamples returns the lines after "Examples:" in the help text of cmd
// and of every command below it.
func helpExamples(cmd *cobra.Command) []docCommand {
	var out []docCommand
	_, ex, ok := strings.Cut(cmd.Long, "\nExamples:\n")
	for _, l := range strings.Split(ex, "\n") {
		if ok && strings.HasPrefix(l, "  tcpcheck ") {
			out = append(out, docCommand{where: cmd.CommandPath() + " --help", line: normalize(l)})
		}
	}
	for _, sub := range cmd.Commands() {
		out = append(out, helpExamples(sub)...)
	}
	return out
}

// shellWords splits a command line as sh would, for the quoting the docs
// use: words, '…' and "…" (without escapes, variables or redirections).
func shellWords(s string) ([]string, error) {
	var out []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("unterminated %c", c)
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				out = append(out, w.String())
				w.Reset()
				inWord = false
			}
		case strings.IndexByte("$|&;<>()`\\*?", c) >= 0:
			return nil, fmt.Errorf("%q: shell syntax that TestDocs does not run; keep doc commands plain", c)
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, w.String())
	}
	return out, nil
}

// matchExcerpt checks that the excerpt's lines appear in out as
// consecutive lines, except where a line "..." (any indentation) skips
// any number of them. The excerpt may start and end anywhere in out.
func matchExcerpt(excerpt []string, out string) error {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	var chunks [][]string
	cur := []string{}
	for _, l := range excerpt {
		if strings.TrimSpace(l) == "..." {
			chunks, cur = append(chunks, cur), []string{}
			continue
		}
		cur = append(cur, strings.TrimRight(l, " "))
	}
	chunks = append(chunks, cur)
	at := 0
	for _, ch := range chunks {
		if len(ch) == 0 {
			continue
		}
		i := findChunk(lines, at, ch)
		if i < 0 {
			return fmt.Errorf("these lines do not follow in the output:\n%s", strings.Join(ch, "\n"))
		}
		at = i + len(ch)
	}
	return nil
}

// findChunk returns the first index i >= from where lines[i:] starts with
// chunk, or -1.
func findChunk(lines []string, from int, chunk []string) int {
	for i := from; i+len(chunk) <= len(lines); i++ {
		match := true
		for j, l := range chunk {
			if lines[i+j] != l {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
