package coding

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLineIndex(t *testing.T) {
	// Line numbers counted by hand in the file below.
	text := `coder: alice
reviewed:
  - P01/helped
  - "1234/helped"
documents:
  - document: P02/helped
    memo: x
segments:
  - id: 0a1b2c3d4e
    document: P01/helped
    start: 0
  - id: "0123456789"
    document: P03/helped
`
	path := filepath.Join(t.TempDir(), "alice.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	fl := LocateLines(path)
	for id, want := range map[string]int{"0a1b2c3d4e": 9, "0123456789": 12} {
		if got := fl.Segment(id); got != want {
			t.Errorf("segment %s on line %d, want %d", id, got, want)
		}
	}
	for doc, want := range map[string]int{"P01/helped": 3, "1234/helped": 4, "P02/helped": 6} {
		if got := fl.Document(doc); got != want {
			t.Errorf("document %s on line %d, want %d", doc, got, want)
		}
	}
	if missing := LocateLines(filepath.Join(t.TempDir(), "none.yaml")); missing.Segment("0a1b2c3d4e") != 0 || (Lines{}).Document("P01/helped") != 0 {
		t.Error("a missing file has lines")
	}
}
