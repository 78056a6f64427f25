//go:build unix

package safefile

import (
	"errors"
	"os"
	"syscall"
)

const (
	haveNoFollow = true
	oNoFollow    = syscall.O_NOFOLLOW
	// oNonBlock keeps an open of a named pipe from waiting for a writer.
	oNonBlock = syscall.O_NONBLOCK
)

func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }

func setBlocking(f *os.File) error { return syscall.SetNonblock(int(f.Fd()), false) }
