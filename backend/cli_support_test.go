package backend

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"

	"github.com/mixeval/mixeval/codebook"
	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/study"
)

// sampleCopy opens a copy of the bundled sample study (alice and bob have
// coded all 13 respondents × 3 questions).
func sampleCopy(t *testing.T) *Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sample")
	if err := study.InitFromFS(dir, sampledata.FS()); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{Who: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// countLines counts the lines of a file that match re, an independent
// reading of a coder file's segments and reviewed answers.
func countLines(t *testing.T, path, re string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return len(regexp.MustCompile(re).FindAll(data, -1))
}

// TestCoderSummaries: each coder's segments and reviewed answers as the
// files hold them, plus work still in a session's journal; a session open
// in this process shows as open with its pid; a coder file the manifest
// does not list comes last, marked.
func TestCoderSummaries(t *testing.T) {
	b := sampleCopy(t)
	lay := b.Layout()
	segRe, revRe := `(?m)^  - id: `, `(?m)^  - P\d\d/`
	aliceSegs := countLines(t, lay.CoderFile("alice"), segRe)
	bobSegs := countLines(t, lay.CoderFile("bob"), segRe)
	bobReviewed := countLines(t, lay.CoderFile("bob"), revRe)
	if err := os.WriteFile(lay.CoderFile("zed"), []byte("coder: zed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bob, err := b.OpenCoder("bob")
	if err != nil {
		t.Fatal(err)
	}
	defer bob.Close()
	// bob has not read P13/online (the one answer missing from his
	// reviewed list); coding a span of it (0-2) marks it reviewed.
	if _, err := bob.Code(CodeRequest{Doc: "P13/online", Start: 0, End: 2, Codes: []string{"no-travel"}}); err != nil {
		t.Fatal(err)
	}
	got, err := b.CoderSummaries()
	if err != nil {
		t.Fatal(err)
	}
	want := []CoderSummary{
		// Both reviewed every answer: 13 respondents × 3 questions = 39.
		{Name: "alice", Listed: true, Segments: aliceSegs, Reviewed: 39},
		{Name: "bob", Listed: true, Segments: bobSegs + 1, Reviewed: bobReviewed + 1, Open: true, PID: os.Getpid()},
		{Name: "zed"},
	}
	if bobReviewed != 38 {
		t.Fatalf("bob's file lists %d reviewed answers; the sample has 38", bobReviewed)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CoderSummaries =\n%+v\nwant\n%+v", got, want)
	}
}

// TestDocumentIDs: read from the id column alone, the ids are those of
// the documents: 13 respondents × 3 questions, sorted.
func TestDocumentIDsMatchDocuments(t *testing.T) {
	b := sampleCopy(t)
	ids, err := b.DocumentIDs()
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 39 || ids[0] != "P01/helped" || ids[38] != "P13/online" {
		t.Fatalf("DocumentIDs = %d ids, %q … %q", len(ids), ids[0], ids[len(ids)-1])
	}
	docs, err := b.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if ids[i] != d.ID {
			t.Fatalf("id %d: %q, document %q", i, ids[i], d.ID)
		}
	}
	again, _ := b.DocumentIDs() // now from the documents read
	if !reflect.DeepEqual(again, ids) {
		t.Error("ids differ once the documents are read")
	}
}

// TestSegmentOwner: a span both coders coded has the same segment id in
// both files, so the owner must be named; a segment only one coder has
// is theirs; the consensus speaks first once it has the segment.
func TestSegmentOwner(t *testing.T) {
	b := sampleCopy(t)
	tests := []struct {
		seg, want string
		both      bool
	}{
		{"72ce113097", "", true},       // P11/helped 23-94 in alice.yaml and bob.yaml
		{"0eb233e7d6", "alice", false}, // P01/improve 37-65, alice only
		{"033efa5eab", "bob", false},   // P08/helped 119-237, bob only
	}
	for _, tt := range tests {
		got, err := b.SegmentOwner(tt.seg)
		var amb *AmbiguousSegmentError
		if tt.both {
			if !errors.As(err, &amb) || !reflect.DeepEqual(amb.Coders, []string{"alice", "bob"}) {
				t.Errorf("%s: err %v, want both coders named", tt.seg, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: owner %q, %v; want %q", tt.seg, got, err, tt.want)
		}
	}
	if _, err := b.SegmentOwner("0000000000"); err == nil {
		t.Error("a segment no one has got an owner")
	}
}

// TestSplitChecksFirst: a segment that does not carry the code, or a code
// that does not exist, refuses the split before any file changes.
func TestSplitChecksFirst(t *testing.T) {
	b := sampleCopy(t)
	before, _ := os.ReadFile(b.Layout().Codebook())
	alice, _ := os.ReadFile(b.Layout().CoderFile("alice"))
	parts := []codebook.NewNode{{Kind: codebook.Code, ID: "breathing", Name: "Breathing"}, {Kind: codebook.Code, ID: "imagery", Name: "Imagery"}}
	wrong := SplitRequest{ID: "skills-and-techniques", Into: parts, Assign: map[string]string{"0eb233e7d6": "imagery"}} // wish-for-contact
	if _, err := b.SplitNode(wrong); err == nil || !regexp.MustCompile(`0eb233e7d6.*nothing was changed`).MatchString(err.Error()) {
		t.Errorf("a segment with another code: %v", err)
	}
	if _, err := b.SplitNode(SplitRequest{ID: "no-such-code", Into: parts}); !errors.Is(err, codebook.ErrNotFound) {
		t.Errorf("unknown code: %v", err)
	}
	after, _ := os.ReadFile(b.Layout().Codebook())
	aliceAfter, _ := os.ReadFile(b.Layout().CoderFile("alice"))
	if string(before) != string(after) || string(alice) != string(aliceAfter) {
		t.Error("a refused split changed codebook.yaml or alice's file")
	}
}
