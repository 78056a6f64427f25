package triangulate

import (
	"os"
	"sync"

	"github.com/mixeval/mixeval/thematic/coding"
)

// ReadCoders reads each coder's coding (YAML plus any unfinished journal),
// without taking their locks.
// The files are read at the same time: reading is CPU-bound (parsing
// 300,000 segments takes about half a second), and a comparison has two
// coders or more. The first error in the order of names is returned, so
// the message does not depend on which read finished first.
func ReadCoders(studyDir string, names []string) ([]*coding.File, error) {
	out := make([]*coding.File, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() { out[i], errs[i] = coding.Read(studyDir, n) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
