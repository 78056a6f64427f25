package coding

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"testing"
	"time"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/thematic/corpus"
)

func TestDocumentHash(t *testing.T) {
	// SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2 example).
	if got := DocumentHash(corpus.Document{Text: "abc"}); got != "ba7816bf8f01" {
		t.Fatalf("hash of text = %s", got)
	}
	if got := DocumentHash(corpus.Document{Text: "ignored", Hash: "ABCDEF0123456789"}); got != "abcdef012345" {
		t.Fatalf("hash from Document.Hash = %s", got)
	}
}

func TestCheckAndStale(t *testing.T) {
	sum := sha256.Sum256([]byte("Café 🙂"))
	docs := map[string]corpus.Document{
		// 6 code points, 11 bytes.
		"P01/q": {ID: "P01/q", Text: "Café 🙂", Hash: hex.EncodeToString(sum[:])},
		"P02/q": {ID: "P02/q", Text: "edited text"},
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	seg := func(id, d string, start, end int, hash string) Segment {
		return Segment{ID: id, Document: d, Start: start, End: end, Codes: []string{"c"}, Hash: hash, Created: at, Updated: at}
	}
	f := &File{Coder: "bob",
		Reviewed:      []string{"P01/q", "P09/q"},
		DocumentMemos: map[string]string{"P08/q": "gone"},
		Segments: []Segment{
			seg("ok", "P01/q", 0, 6, DocumentHash(docs["P01/q"])), // ends exactly at the end: fine
			seg("long", "P01/q", 2, 7, ""),                        // one past the end
			seg("gone", "P07/q", 0, 1, "abc"),
			seg("old", "P02/q", 0, 4, "0123456789ab"), // coded on a text that has changed
			seg("nohash", "P02/q", 1, 4, ""),          // no hash recorded: cannot tell
		}}
	wantCheck := problem.List{
		{File: "coding/bob.yaml", Msg: "segment long in P01/q: span 2-7 ends beyond the text, which has 6 characters; recode it"},
		{File: "coding/bob.yaml", Msg: "segment gone in P07/q: the document is not in the study's sources; re-import it or remove the segment"},
		{File: "coding/bob.yaml", Msg: "document P09/q: marked as reviewed but not in the study's sources"},
		{File: "coding/bob.yaml", Msg: "document P08/q: has a memo but is not in the study's sources"},
	}
	if got := f.Check(docs, Lines{}); !reflect.DeepEqual(got, wantCheck) {
		t.Fatalf("Check:\n got %v\nwant %v", got, wantCheck)
	}
	stale := f.Stale(docs, Lines{})
	if len(stale) != 1 {
		t.Fatalf("Stale = %v", stale)
	}
	if s := stale[0].Error(); s[:38] != "coding/bob.yaml: segment old in P02/q:" {
		t.Fatalf("Error = %q", s)
	}
}

func TestQuote(t *testing.T) {
	const text = "Café 🙂 ok" // 9 code points, 13 bytes
	tests := []struct {
		start, end int
		want       string
		ok         bool
	}{
		{0, 4, "Café", true},
		{3, 4, "é", true},
		{5, 6, "🙂", true},
		{7, 9, "ok", true},
		{0, 9, text, true},
		{9, 9, "", true},
		{8, 10, "", false},
		{-1, 2, "", false},
		{3, 2, "", false},
	}
	for _, tt := range tests {
		got, ok := Quote(text, Segment{Start: tt.start, End: tt.end})
		if got != tt.want || ok != tt.ok {
			t.Errorf("Quote(%d, %d) = %q, %v; want %q, %v", tt.start, tt.end, got, ok, tt.want, tt.ok)
		}
	}
}

// TestRecodingClearsStale: a segment coded before its source was edited is
// stale; coding the same span again on the new text confirms it, records
// the new hash and counts as a change, and survives a fold and reopen.
func TestRecodingClearsStale(t *testing.T) {
	dir := newStudy(t)
	old := doc("P01/q", "Felt safe here")
	edited := doc("P01/q", "Felt safe there")
	s := openTest(t, dir)
	if _, err := s.Code(old, 0, 9, []string{"safe"}, ""); err != nil {
		t.Fatal(err)
	}
	docs := map[string]corpus.Document{"P01/q": edited}
	if got := s.Snapshot().Stale(docs, Lines{}); len(got) != 1 {
		t.Fatalf("before recoding: %d stale segments, want 1", len(got))
	}
	res, err := s.CodeBatch([]CodeRequest{{Doc: edited, Start: 0, End: 9, Codes: []string{"safe"}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Extended != 1 || res.Unchanged != 0 {
		t.Fatalf("recoding on the edited text: %+v, want 1 extended", res)
	}
	if got := s.Snapshot().Stale(docs, Lines{}); len(got) != 0 {
		t.Fatalf("after recoding: stale %v, want none", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := Read(dir, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Stale(docs, Lines{}); len(got) != 0 || f.Segments[0].Hash != DocumentHash(edited) {
		t.Fatalf("after reopen: stale %v, hash %q, want none and %q", got, f.Segments[0].Hash, DocumentHash(edited))
	}
}
