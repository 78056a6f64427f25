//go:build unix

package backend

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (user and system, every
// thread, the garbage collector's too): steadier than wall time on a
// machine shared with other jobs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
