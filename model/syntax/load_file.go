package syntax

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// MaxSpecSize is the largest spec file Load accepts: 4 MiB, hundreds of
// times the largest hand-written spec, yet small enough that a wrong path
// (a log, an image, /dev/zero) is refused before it fills memory.
const MaxSpecSize = 4 << 20

// Load reads and parses the spec file at path; with errors, it returns
// what it could read as [Parse] does. The path must
// name a regular file of at most [MaxSpecSize] bytes: a named pipe, a device
// or a directory is refused without being read, so that none can block or
// exhaust memory.
func Load(path string) (*Spec, error) {
	src, err := readSpecFile(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return Parse(path, src)
}

// readSpecFile reads a regular file of at most MaxSpecSize bytes. The mode
// is checked before opening, and again on the open file in case the path
// was replaced in between; O_NONBLOCK keeps that open from waiting for the
// writer of a named pipe.
func readSpecFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := checkSpecFile(fi); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := checkSpecFile(fi); err != nil {
		return nil, err
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxSpecSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxSpecSize {
		return nil, errTooLarge
	}
	return src, nil
}

// checkSpecFile accepts regular files within the size cap.
func checkSpecFile(fi fs.FileInfo) error {
	m := fi.Mode()
	if !m.IsRegular() {
		return fmt.Errorf("%s, not a regular file; a spec must be a regular file", fileKind(m))
	}
	if fi.Size() > MaxSpecSize {
		return errTooLarge
	}
	return nil
}

// errTooLarge is the error of a file over the size cap.
var errTooLarge = fmt.Errorf("larger than %d MiB (%d bytes), the limit of a spec file", MaxSpecSize>>20, MaxSpecSize)

// fileKind names the type of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "a special file"
}
