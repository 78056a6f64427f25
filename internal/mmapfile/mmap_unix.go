//go:build unix

package mmapfile

import (
	"errors"
	"os"
	"syscall"
	"unsafe"
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

// Drop gives back the pages of b, a part of a mapping, that lie wholly
// inside it: the process no longer counts them, the file's data stays in
// the page cache, and reading b again brings them back.
func Drop(b []byte) {
	page := syscall.Getpagesize()
	if len(b) < page {
		return
	}
	addr := uintptr(unsafe.Pointer(&b[0]))
	skip := (page - int(addr%uintptr(page))) % page
	n := (len(b) - skip) / page * page
	if n > 0 {
		_ = syscall.Madvise(b[skip:skip+n], syscall.MADV_DONTNEED)
	}
}
