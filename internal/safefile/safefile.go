// Package safefile holds mixeval's rules for touching files, so that a
// study folder holding something other than what mixeval put there cannot
// make it destroy, hang on or swallow something else (docs/safety.md):
//
//   - Links: mixeval never follows a symbolic link to a file or folder it
//     creates, truncates or replaces inside a study. It refuses, naming the
//     link (SymlinkError), rather than writing through it to a file outside
//     the study.
//
//   - Reading: only regular files are read (NotRegularError for a pipe, a
//     device or a socket, which could block or never end), and a reader
//     states how much it accepts (TooLargeError).
//
//     f, err := safefile.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644) // refuses a link or a pipe
//     data, err := safefile.ReadFile(path, 64<<20)                  // refuses a pipe or a 1 GB file
package safefile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// SymlinkError is a symbolic link where mixeval writes its own files.
type SymlinkError struct{ Path string }

func (e *SymlinkError) Error() string {
	return fmt.Sprintf("%s is a symbolic link: mixeval does not follow links for the files and folders it writes in a study; replace the link with the file or folder itself", e.Path)
}

// NotRegularError is a path that is not a regular file (a folder, a named
// pipe, a device, a socket) where a file is to be read.
type NotRegularError struct {
	Path string
	Kind string // e.g. "a named pipe (FIFO)"
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file: mixeval reads only regular files", e.Path, e.Kind)
}

// TooLargeError is a file larger than its reader accepts.
type TooLargeError struct {
	Path  string
	Size  int64 // -1 when the file grew past Limit while being read
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than the %s that mixeval reads from such a file", e.Path, Bytes(e.Limit))
}

// Bytes words a size for messages: "512 MB", "1 MB", "300 bytes".
func Bytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// RefuseLink returns a *SymlinkError when path is a symbolic link; a
// missing path is fine.
func RefuseLink(path string) error {
	fi, err := os.Lstat(path)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return &SymlinkError{Path: path}
	}
	return nil
}

// RefuseLinksUnder returns a *SymlinkError when path, or any folder between
// root and path, is a symbolic link. root itself may be a link (a study
// reached through a link is still the study).
func RefuseLinksUnder(root, path string) error {
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return RefuseLink(path)
	}
	at := root
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		at = filepath.Join(at, part)
		if err := RefuseLink(at); err != nil {
			return err
		}
	}
	return nil
}

// MkdirAll makes dir and the folders above it up to root, refusing any
// symbolic link among them.
func MkdirAll(root, dir string) error {
	if err := RefuseLinksUnder(root, dir); err != nil {
		return err
	}
	return os.MkdirAll(dir, 0o755)
}

// OpenFile opens path as os.OpenFile does, but never through a symbolic
// link (O_NOFOLLOW) and only when it is a regular file: the open does not
// block on a named pipe (O_NONBLOCK), and what it finds is checked before
// the file is returned.
func OpenFile(path string, flag int, perm os.FileMode) (*os.File, error) {
	if !haveNoFollow {
		if err := RefuseLink(path); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(path, flag|oNoFollow|oNonBlock, perm)
	if err != nil {
		if isLoop(err) {
			return nil, &SymlinkError{Path: path}
		}
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{Path: path, Kind: kind(fi.Mode())}
	}
	// Back to blocking mode: a regular file never blocks, and Go's poller
	// must not treat it as a pipe.
	if err := setBlocking(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Open opens a file for reading: links are followed (a user's own file may
// be reached through one), but only a regular file is opened.
func Open(path string) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|oNonBlock, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		if fi.IsDir() {
			return nil, nil, &NotRegularError{Path: path, Kind: "a folder"}
		}
		return nil, nil, &NotRegularError{Path: path, Kind: kind(fi.Mode())}
	}
	if err := setBlocking(f); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// ReadFile reads a regular file of at most limit bytes (no limit when
// limit <= 0).
func ReadFile(path string, limit int64) ([]byte, error) {
	f, fi, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if limit > 0 && fi.Size() > limit {
		return nil, &TooLargeError{Path: path, Size: fi.Size(), Limit: limit}
	}
	r := io.Reader(f)
	if limit > 0 {
		// The file may grow while it is read.
		r = io.LimitReader(f, limit+1)
	}
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, &TooLargeError{Path: path, Size: -1, Limit: limit}
	}
	return data, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}
