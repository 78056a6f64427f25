//go:build unix

package index

import (
	"errors"
	"syscall"
)

// processRunning says whether pid is a live process (EPERM: alive, not ours).
func processRunning(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
