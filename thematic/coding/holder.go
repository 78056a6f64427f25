package coding

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gofrs/flock"
)

// Holder reports whether another session has coder's coding open for
// writing, and its pid (0 when unknown). It never disturbs a writer: only
// when a pid file is left (a session writes one after taking the lock and
// removes it on close) does it try the lock, to tell a running session
// from one that crashed; a crashed session's lock is free.
func Holder(studyDir, coder string) (pid int, open bool) {
	if !ValidCoder(coder) {
		return 0, false
	}
	jdir := journalDir(studyDir)
	pidPath := filepath.Join(jdir, coder+".pid")
	if _, err := os.Stat(pidPath); errors.Is(err, fs.ErrNotExist) {
		return 0, false
	}
	lockPath := filepath.Join(jdir, coder+".lock")
	if _, err := os.Stat(lockPath); err != nil {
		return 0, false
	}
	fl := flock.New(lockPath)
	ok, err := fl.TryLock()
	if err != nil {
		return 0, false
	}
	if ok {
		fl.Unlock()
		return 0, false
	}
	return readPID(pidPath), true
}
