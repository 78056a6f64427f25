//go:build !unix

package safefile

import "os"

// Without O_NOFOLLOW the link check is made just before the open.
const (
	haveNoFollow = false
	oNoFollow    = 0
	oNonBlock    = 0
)

func isLoop(error) bool { return false }

func setBlocking(*os.File) error { return nil }
