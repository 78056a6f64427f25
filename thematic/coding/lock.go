package coding

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofrs/flock"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/safefile"
)

// LockedError is returned by Open when another process has the coder's
// file open for writing.
type LockedError struct {
	File string // as the user sees it, e.g. coding/alice.yaml
	PID  int    // 0 when unknown
}

func (e *LockedError) Error() string {
	pid := "unknown"
	if e.PID > 0 {
		pid = strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("%s is open in another mixeval (pid %s)", e.File, pid)
}

// coderLock is an exclusive flock(2) on .mixeval/journal/<coder>.lock plus a
// pid file naming the holder. The kernel releases a flock when its process
// dies, however it dies, so a lock left by a crashed mixeval is recovered by
// the next Open without any guessing about whether a pid is still alive;
// the pid file only serves the message a second writer sees.
type coderLock struct {
	fl      *flock.Flock
	pidPath string
}

func acquireLock(journalDir, coder string) (*coderLock, error) {
	path := filepath.Join(journalDir, coder+".lock")
	if err := safefile.RefuseLink(path); err != nil {
		return nil, fmt.Errorf("lock coding/%s.yaml: %w", coder, err)
	}
	fl := flock.New(path, flock.SetPermissions(0o644))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock coding/%s.yaml: %w", coder, err)
	}
	pidPath := filepath.Join(journalDir, coder+".pid")
	if !ok {
		return nil, &LockedError{File: "coding/" + coder + ".yaml", PID: readPID(pidPath)}
	}
	atomicfile.RemoveStale(pidPath, 0)
	if err := atomicfile.WriteFile(pidPath, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		fl.Unlock()
		return nil, fmt.Errorf("lock coding/%s.yaml: %w", coder, err)
	}
	return &coderLock{fl: fl, pidPath: pidPath}, nil
}

func readPID(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

func (l *coderLock) release() error {
	os.Remove(l.pidPath)
	return l.fl.Unlock()
}
