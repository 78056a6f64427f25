package codeops

import (
	"testing"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// TestPreviewMatchesCodeBatch holds the dry run's counts to what the real
// batch then reports.
func TestPreviewMatchesCodeBatch(t *testing.T) {
	dir := t.TempDir()
	d := corpus.Document{ID: "a/q", Text: "one two three four"}
	s, err := coding.Open(dir, "alice")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Code(d, 0, 3, []string{"x"}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Code(d, 4, 7, []string{"y"}, ""); err != nil {
		t.Fatal(err)
	}
	reqs := []coding.CodeRequest{
		{Doc: d, Start: 0, End: 3, Codes: []string{"x"}},
		{Doc: d, Start: 4, End: 7, Codes: []string{"x"}},
		{Doc: d, Start: 8, End: 13, Codes: []string{"x"}},
		{Doc: d, Start: 14, End: 18, Codes: []string{"x"}, Memo: "m"},
	}
	a, e, u := Preview(s.Snapshot(), reqs)
	res, err := s.CodeBatch(reqs)
	if err != nil {
		t.Fatal(err)
	}
	if a != res.Added || e != res.Extended || u != res.Unchanged {
		t.Errorf("Preview %d/%d/%d, CodeBatch %d/%d/%d", a, e, u, res.Added, res.Extended, res.Unchanged)
	}
	if res.Added != 2 || res.Extended != 1 || res.Unchanged != 1 {
		t.Errorf("CodeBatch %+v; want 2 added, 1 extended, 1 unchanged", res)
	}
}
