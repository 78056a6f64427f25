package codebook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestNoOpSaveIsByteIdentical loads a representative file (unicode, emoji,
// multi-line definitions and memos, quoted strings, empty optional fields,
// every node kind, history) and saves it unchanged: git must see no diff.
func TestNoOpSaveIsByteIdentical(t *testing.T) {
	src := filepath.Join("testdata", "representative.yaml")
	want, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := Load(src)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	out := filepath.Join(t.TempDir(), FileName)
	if err := cb.Save(out); err != nil {
		t.Fatalf("save: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("save changed the file:\n%s", lineDiff(string(want), string(got)))
	}
}
