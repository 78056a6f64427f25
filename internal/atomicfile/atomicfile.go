// Package atomicfile writes files so that a reader, or a crash at any moment,
// sees either the old content or the new, never a partial file.
//
// A write goes to a temporary file named ".<name>.tmp-<random>" beside the
// target. A process killed mid-write leaves that file behind; RemoveStale
// removes such files, and study folders ignore the pattern in .gitignore.
// A target that is a symbolic link, or whose folder is one, is refused
// (docs/safety.md): replacing it would not write where a reader looks.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mixeval/mixeval/internal/safefile"
)

// TempMarker is what the names of temporary files contain: a file named
// "." + base + TempMarker + anything is one of ours.
const TempMarker = ".tmp-"

// GitignorePattern matches every temporary file of ours, for .gitignore.
const GitignorePattern = ".*" + TempMarker + "*"

// syncer makes a file's content, or a folder's entries, durable. Tests
// replace it to see each sync (and to fail one).
type syncer func(f *os.File) error

// WriteFile writes data to a temporary file in the same directory as path,
// syncs it, renames it over path and syncs the directory. The rename is
// atomic on POSIX file systems; the syncs make it durable before we report
// success, which is what lets a user trust a "saved" message.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return writeFile(path, data, perm, (*os.File).Sync)
}

func writeFile(path string, data []byte, perm os.FileMode, sync syncer) (err error) {
	dir := filepath.Dir(path)
	if err := safefile.RefuseLink(path); err != nil {
		return err
	}
	if err := safefile.RefuseLink(dir); err != nil {
		return err
	}
	// CreateTemp opens with O_EXCL: it never follows a link planted at the
	// temporary name.
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+TempMarker+"*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = sync(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(dir, sync)
}

func syncDir(dir string, sync syncer) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	// Some file systems refuse fsync on a directory; the rename is still atomic there.
	_ = sync(d)
	return nil
}

// RemoveStale removes the temporary files that writes of path left behind
// when their process was killed, if they are older than age (all of them
// when age is 0, which only a caller holding path's lock may ask: no write
// of path can be under way then). It returns how many it removed.
func RemoveStale(path string, age time.Duration) int {
	return removeTemps(filepath.Dir(path), "."+filepath.Base(path)+TempMarker, age)
}

// RemoveStaleIn removes, in dir, every temporary file of ours older than
// age, whatever file it was writing.
func RemoveStaleIn(dir string, age time.Duration) int {
	return removeTemps(dir, ".", age)
}

func removeTemps(dir, prefix string, age time.Duration) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !strings.Contains(name, TempMarker) || !e.Type().IsRegular() {
			continue
		}
		if age > 0 {
			fi, err := e.Info()
			if err != nil || time.Since(fi.ModTime()) < age {
				continue
			}
		}
		if os.Remove(filepath.Join(dir, name)) == nil {
			n++
		}
	}
	return n
}

// Writer writes a file atomically piece by piece, for content too large to
// hold in memory: Create, Write, then Commit (or Abort). Until Commit the
// target is untouched.
type Writer struct {
	path string
	tmp  *os.File
	perm os.FileMode
	sync syncer
}

// Create starts an atomic write of path.
func Create(path string, perm os.FileMode) (*Writer, error) {
	return create(path, perm, (*os.File).Sync)
}

func create(path string, perm os.FileMode, sync syncer) (*Writer, error) {
	dir := filepath.Dir(path)
	if err := safefile.RefuseLink(path); err != nil {
		return nil, err
	}
	if err := safefile.RefuseLink(dir); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+TempMarker+"*")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &Writer{path: path, tmp: tmp, perm: perm, sync: sync}, nil
}

// Write appends p to the file being written.
func (w *Writer) Write(p []byte) (int, error) { return w.tmp.Write(p) }

// Commit syncs the file, renames it over the target and syncs the folder.
func (w *Writer) Commit() error {
	fail := func(err error) error {
		w.Abort()
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	if err := w.tmp.Chmod(w.perm); err != nil {
		return fail(err)
	}
	if err := w.sync(w.tmp); err != nil {
		return fail(err)
	}
	if err := w.tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(w.tmp.Name(), w.path); err != nil {
		return fail(err)
	}
	return syncDir(filepath.Dir(w.path), w.sync)
}

// Abort drops the file being written; the target is untouched.
func (w *Writer) Abort() {
	w.tmp.Close()
	os.Remove(w.tmp.Name())
}
