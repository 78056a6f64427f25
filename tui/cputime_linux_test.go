package tui

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time used by the calling OS thread (who 1,
// RUSAGE_THREAD) or by the whole process (who 0, RUSAGE_SELF). On a
// machine shared with other work it measures more steadily than the wall
// clock.
func cpuTime(who int) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
