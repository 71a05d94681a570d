package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadSizeCap checks both sides of the cap: a file of exactly
// MaxSpecSize bytes is read (and parsed), one byte more is refused unread.
func TestLoadSizeCap(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		size    int64
		message string
	}{
		{MaxSpecSize, "empty spec"},
		{MaxSpecSize + 1, "larger than 4 MiB"},
	} {
		p := filepath.Join(dir, "spec.yaml")
		src := []byte("# a comment\n")
		// Pad with spaces: a valid, empty YAML document of the given size.
		pad := make([]byte, tc.size-int64(len(src)))
		for i := range pad {
			pad[i] = ' '
		}
		if err := os.WriteFile(p, append(src, pad...), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(p)
		if err == nil || !strings.Contains(err.Error(), tc.message) {
			t.Errorf("size %d: got %v, want %q", tc.size, err, tc.message)
		}
	}
}

func TestLoadDirectory(t *testing.T) {
	_, err := Load(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "a directory, not a regular file") {
		t.Errorf("got %v", err)
	}
}
