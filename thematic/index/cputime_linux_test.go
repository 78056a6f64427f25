package index

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time the calling OS thread has used. On a machine
// shared with other work it measures a search more steadily than the
// wall clock; the caller locks its goroutine to the thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
