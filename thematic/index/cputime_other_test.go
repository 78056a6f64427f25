//go:build !linux

package index

import "time"

// threadCPU is not measured here.
func threadCPU() time.Duration { return 0 }
