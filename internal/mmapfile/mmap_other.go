//go:build !unix

package mmapfile

import "os"

// Map reads path whole where memory mapping is not available.
func Map(path string) ([]byte, func() error, error) {
	b, err := os.ReadFile(path)
	return b, nil, err
}

// Drop does nothing where files are read, not mapped.
func Drop(b []byte) {}
