// Package filelock serialises the read-modify-write of a shared study file
// (codebook, consensus, manifest, privacy decisions) between processes. A
// writer takes the file's lock, re-reads the file, changes it and saves it,
// then releases the lock, so that two people changing the codebook at the
// same moment each apply their change to the other's result.
//
// The lock is an flock(2) on a lock file: the kernel releases it when its
// process dies, however it dies, so a crashed mixeval never leaves a stale
// lock. Beside it, a holder file names the process holding it, for the
// message a writer sees when it gives up waiting.
//
//	l, err := filelock.Acquire(layout.LockDir(), "codebook", 10*time.Second, "mixeval codebook merge")
//	if err != nil { ... }   // e.g. "codebook.yaml is being changed by another mixeval (pid 4242: mixeval tui)"
//	defer l.Release()
package filelock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/mixeval/mixeval/internal/safefile"
)

// DefaultWait is how long a writer waits for a shared file's lock: changes
// take milliseconds, so a longer wait means a process is stuck.
const DefaultWait = 10 * time.Second

// Lock is a held lock; Release gives it up.
type Lock struct {
	fl     *flock.Flock
	holder string
}

// BusyError is returned when the lock stayed held for the whole wait.
type BusyError struct {
	Name   string // the lock's name, e.g. "codebook"
	PID    int    // the holder's process id, 0 when unknown
	Holder string // what the holder said it was doing, when known
}

func (e *BusyError) Error() string {
	who := "another process"
	switch {
	case e.PID > 0 && e.Holder != "":
		who = fmt.Sprintf("another process (pid %d: %s)", e.PID, e.Holder)
	case e.PID > 0:
		who = fmt.Sprintf("another process (pid %d)", e.PID)
	}
	return fmt.Sprintf("%s is being changed by %s and stayed locked: try again when it has finished", e.Name, who)
}

// Acquire takes the lock called name in dir (made if missing), waiting up
// to wait (0: one try). what says what this process is doing, for others'
// messages.
func Acquire(dir, name string, wait time.Duration, what string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	path := filepath.Join(dir, name+".lock")
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return nil, fmt.Errorf("lock %s: %w", name, &safefile.SymlinkError{Path: path})
	}
	fl := flock.New(path, flock.SetPermissions(0o644))
	var ok bool
	var err error
	if wait <= 0 {
		// One try: a context that has already expired would report a free
		// lock as busy.
		ok, err = fl.TryLock()
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		ok, err = fl.TryLockContext(ctx, 20*time.Millisecond)
	}
	holder := filepath.Join(dir, name+".holder")
	if !ok {
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		pid, what := readHolder(holder)
		return nil, &BusyError{Name: name, PID: pid, Holder: what}
	}
	// Not atomic, and need not be: the holder file only words messages.
	// Never written through a link (docs/safety.md).
	if f, err := safefile.OpenFile(holder, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644); err == nil {
		f.WriteString(strconv.Itoa(os.Getpid()) + " " + what + "\n")
		f.Close()
	}
	return &Lock{fl: fl, holder: holder}, nil
}

// Release gives the lock up. A nil Lock releases nothing.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	os.Remove(l.holder)
	return l.fl.Unlock()
}

func readHolder(path string) (int, string) {
	b, err := safefile.ReadFile(path, 4096)
	if err != nil {
		return 0, ""
	}
	pid, what, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 {
		return 0, ""
	}
	return n, what
}
