//go:build !unix

package corpus

import "os"

// mapFile reads path whole where memory mapping is not available.
func mapFile(path string) ([]byte, func() error, error) {
	b, err := os.ReadFile(path)
	return b, nil, err
}
