package report

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// excerptRE finds the examples of docs/formats.md: a fenced block after a
// line naming the golden file it is an excerpt of.
var excerptRE = regexp.MustCompile("(?ms)^<!-- excerpt: report/(testdata/[^ ]+) -->\n```[a-z]*\n(.*?)^```\n")

// TestDocs_Formats: every example of docs/formats.md is an excerpt of a
// golden file, which TestGolden compares with what the code writes; and
// every format has one.
func TestDocs_Formats(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "docs", "formats.md"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range excerptRE.FindAllStringSubmatch(string(src), -1) {
		golden, err := os.ReadFile(m[1])
		if err != nil {
			t.Fatal(err)
		}
		seen[strings.Split(filepath.Base(m[1]), ".")[1]] = true
		if err := excerptOf(strings.Split(strings.TrimSuffix(m[2], "\n"), "\n"), string(golden)); err != "" {
			t.Errorf("docs/formats.md: an example is not an excerpt of %s: %s", m[1], err)
		}
	}
	for _, ext := range []string{"json", "xml", "github"} {
		if !seen[ext] {
			t.Errorf("docs/formats.md has no example of %s", ext)
		}
	}
}

// excerptOf checks that the lines of excerpt follow each other in text,
// except where a line "..." skips any number of lines; it says what does
// not, or "".
func excerptOf(excerpt []string, text string) string {
	lines := strings.Split(text, "\n")
	at := 0
	var chunk []string
	flush := func() string {
		if len(chunk) == 0 {
			return ""
		}
		for i := at; i+len(chunk) <= len(lines); i++ {
			if equalLines(lines[i:i+len(chunk)], chunk) {
				at, chunk = i+len(chunk), nil
				return ""
			}
		}
		return "these lines do not follow:\n" + strings.Join(chunk, "\n")
	}
	for _, l := range excerpt {
		if strings.TrimSpace(l) == "..." {
			if err := flush(); err != "" {
				return err
			}
			continue
		}
		chunk = append(chunk, l)
	}
	return flush()
}

func equalLines(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
