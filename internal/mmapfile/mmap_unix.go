//go:build unix

package mmapfile

import (
	"errors"
	"os"
	"syscall"
)

// Map maps the file at path read-only and returns its bytes and the
// function that unmaps them. Map only files that are replaced by renaming
// a new file over them, never written in place: a mapping of a file
// truncated under it faults.
func Map(path string) ([]byte, func() error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := fi.Size()
	if size <= 0 || size != int64(int(size)) {
		return nil, nil, errors.New("empty or too large to map")
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return syscall.Munmap(data) }, nil
}
