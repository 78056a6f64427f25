package coding

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestReadState checks that "read" is kept apart from "reviewed", survives
// a crash (journal replay) and a fold (the YAML's read list), and that
// Progress counts what was done: 2 read, 1 reviewed, 1 coded, 1 segment.
func TestReadState(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	if err := s.MarkRead(docA.ID, docB.ID, docA.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkReviewed(docB.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Code(docA, 0, 4, []string{"cafe"}, ""); err != nil {
		t.Fatal(err)
	}
	if !s.IsRead(docA.ID) || !s.IsRead(docB.ID) || s.Reviewed(docA.ID) {
		t.Fatalf("read A %v, read B %v, reviewed A %v: want true, true, false", s.IsRead(docA.ID), s.IsRead(docB.ID), s.Reviewed(docA.ID))
	}
	if got, want := s.Progress(), (Progress{Read: 2, Reviewed: 1, Coded: 1, Segments: 1}); got != want {
		t.Fatalf("progress %+v, want %+v", got, want)
	}
	s.abandon() // a crash: the journal alone holds the marks

	f, err := Read(dir, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{docA.ID, docB.ID}; !reflect.DeepEqual(f.Read, want) {
		t.Fatalf("after a crash read %v, want %v", f.Read, want)
	}
	s = openTest(t, dir)
	if err := s.UnmarkRead(docB.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "coding", "alice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "reviewed:\n  - P02/helped\nread:\n  - P01/helped\n") {
		t.Fatalf("coder file lacks the reviewed and read lists in order:\n%s", data)
	}
	g, err := Load(filepath.Join(dir, "coding", "alice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.Read, []string{docA.ID}) || !reflect.DeepEqual(g.Reviewed, []string{docB.ID}) {
		t.Fatalf("reloaded read %v reviewed %v", g.Read, g.Reviewed)
	}
}

// TestReadListProblems checks that a bad read list is reported at its line.
func TestReadListProblems(t *testing.T) {
	_, err := Parse("coding/alice.yaml", []byte("coder: alice\nread:\n  - P01/helped\n  - P01/helped\n"))
	if err == nil || !strings.Contains(err.Error(), "coding/alice.yaml:4:5") || !strings.Contains(err.Error(), "listed as read twice") {
		t.Fatalf("got %v, want the repeat at line 4 column 5", err)
	}
}
