package codebook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that the loader never panics and that whatever it
// accepts saves in a form that loads again and saves to the same bytes.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, tt := range loadErrorCases {
		f.Add([]byte(tt.in))
	}
	f.Add([]byte("version: 1\ncodes:\n  - id: a\n    name: \"A \\U0001F600\\n\\tb\"\n"))
	f.Add([]byte("codes:\n  - id: a\n    name: A\n    memo: \"x \\n\\n\"\n"))
	for _, s := range trickyTexts {
		cb := New()
		cb.Codes = []*Node{{ID: "c", Name: "C", Kind: Code, Definition: s, Memo: s}}
		if data, err := cb.Marshal(); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cb, err := Parse("f.yaml", data)
		if err != nil {
			return
		}
		first, err := cb.Marshal()
		if err != nil {
			t.Fatalf("marshal of a loaded codebook failed: %v", err)
		}
		again, err := Parse("f.yaml", first)
		if err != nil {
			t.Fatalf("saved codebook does not load: %v\n%s", err, first)
		}
		second, err := again.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("save is not stable:\n%s", lineDiff(string(first), string(second)))
		}
	})
}
