package study

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// MarshalYAML renders v the way every human-edited mixeval file is written:
// two-space indent, keys in struct order, so that git diffs stay small.
func MarshalYAML(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
