package coding

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// partialDocs are documents whose ids the canonical layout writes plain,
// double-quoted and as yaml.v3 renders them.
var partialDocs = []string{"P01/helped", "P02/helped", "P 03: x/helped", "P04/helped", "123/4"}

// seedCoding writes alice's file with two segments per document, every
// document but the last reviewed, memos, and a study memo.
func seedCoding(t *testing.T, dir string) {
	t.Helper()
	s := openTest(t, dir)
	for i, id := range partialDocs {
		d := doc(id, "one two three four five six")
		if _, err := s.Code(d, 0, 3, []string{"a"}, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Code(d, 4, 7, []string{"b", "c"}, fmt.Sprintf("memo %d", i)); err != nil {
			t.Fatal(err)
		}
		if i < len(partialDocs)-1 {
			if err := s.MarkReviewed(id); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetDocumentMemo(id, "about "+id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetStudyMemo("first ideas"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// actions runs the same coding actions on a session, whole or partial.
func actions(t *testing.T, s *Session, target string) []Segment {
	t.Helper()
	d := doc(target, "one two three four five six")
	var out []Segment
	for _, r := range []struct {
		start, end int
		codes      []string
	}{{0, 3, []string{"z"}}, {8, 13, []string{"a"}}, {4, 7, []string{"b"}}} {
		seg, err := s.Code(d, r.start, r.end, r.codes, "")
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, seg)
	}
	if err := s.MarkReviewed(target); err != nil {
		t.Fatal(err)
	}
	if err := s.Uncode(out[1].ID); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPartialSessionActsAsWhole runs the same actions through a whole
// session and through one opened for a single document, on copies of
// one study, and compares what they return and the files they leave.
func TestPartialSessionActsAsWhole(t *testing.T) {
	for _, target := range partialDocs {
		t.Run(target, func(t *testing.T) {
			whole, part := newStudy(t), newStudy(t)
			seedCoding(t, whole)
			seedCoding(t, part)
			before, _ := os.ReadFile(coderFile(part, "alice"))

			sw := openTest(t, whole)
			if got, want := sw.SegmentsIn(target), 2; len(got) != want {
				t.Fatalf("seeded %d segments on %s, want %d", len(got), target, want)
			}
			want := actions(t, sw, target)
			if err := sw.Close(); err != nil {
				t.Fatal(err)
			}

			c := &clock{t: t0}
			sp, err := OpenWithOptions(part, "alice", Options{Now: c.now, Documents: []string{target}, KeepJournal: true})
			if err != nil {
				t.Fatal(err)
			}
			if !sp.partial {
				t.Fatal("the session read the whole file")
			}
			got := actions(t, sp, target)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("segments\n got %+v\nwant %+v", got, want)
			}
			if err := sp.Close(); err != nil {
				t.Fatal(err)
			}
			// KeepJournal: the file is as it was, the journal holds the work.
			after, _ := os.ReadFile(coderFile(part, "alice"))
			if !bytes.Equal(before, after) {
				t.Error("closing with KeepJournal rewrote the coder file")
			}
			fw, err := Read(whole, "alice")
			if err != nil {
				t.Fatal(err)
			}
			fp, err := Read(part, "alice")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(fw, fp) {
				t.Errorf("coding read back differs:\n got %+v\nwant %+v", fp, fw)
			}
			// A fold from a partial session writes the whole coding.
			sp, err = OpenWithOptions(part, "alice", Options{Now: c.now, Documents: []string{target}})
			if err != nil {
				t.Fatal(err)
			}
			if err := sp.Close(); err != nil {
				t.Fatal(err)
			}
			wb, _ := os.ReadFile(coderFile(whole, "alice"))
			pb, _ := os.ReadFile(coderFile(part, "alice"))
			if !bytes.Equal(wb, pb) {
				t.Errorf("folded files differ:\n%s\n---\n%s", pb, wb)
			}
		})
	}
}

// TestPartialSessionAvoidsIDsElsewhere gives a segment on another document
// the id a new span would take: the partial session, which did not read
// that segment, must still pick another id, as a whole session does.
func TestPartialSessionAvoidsIDsElsewhere(t *testing.T) {
	dir := newStudy(t)
	st := newState(&File{Coder: "alice"})
	taken := st.segmentID("P01/helped", 0, 3)
	f := &File{Coder: "alice", Sequence: 1, DocumentMemos: map[string]string{}, Segments: []Segment{{
		ID: taken, Document: "P09/other", Start: 0, End: 1, Codes: []string{"a"},
		Created: t0, Updated: t0,
	}}}
	if err := os.MkdirAll(filepath.Join(dir, "coding"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(coderFile(dir, "alice")); err != nil {
		t.Fatal(err)
	}
	opt := Options{Documents: []string{"P01/helped"}, KeepJournal: true, Now: func() time.Time { return t0 }}
	// The file was not written by a fold: the first session reads it
	// whole, finds it canonical and records it; the next reads a part.
	s, err := OpenWithOptions(dir, "alice", opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Snapshot().Segments) != 1 {
		t.Fatalf("first session holds %+v, want the whole file", s.Snapshot().Segments)
	}
	s.Close()
	s, err = OpenWithOptions(dir, "alice", opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if len(s.Snapshot().Segments) != 0 {
		t.Fatalf("partial session holds %+v", s.Snapshot().Segments)
	}
	seg, err := s.Code(doc("P01/helped", "one two"), 0, 3, []string{"a"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if seg.ID == taken {
		t.Errorf("new segment took id %s, used by P09/other", taken)
	}
	full := newState(f)
	if want := full.segmentID("P01/helped", 0, 3); seg.ID != want {
		t.Errorf("id %s, want %s (a whole session's choice)", seg.ID, want)
	}
}

func TestPartialCoderFileLayouts(t *testing.T) {
	canonical := "coder: alice\nsequence: 3\nreviewed:\n  - P01/a\n  - P02/a\nsegments:\n" +
		"  - id: aaaaaaaaaa\n    document: P01/a\n    start: 0\n    end: 1\n    codes:\n      - x\n    created: 2026-01-01T00:00:00Z\n    updated: 2026-01-01T00:00:00Z\n" +
		"  - id: bbbbbbbbbb\n    document: P02/a\n    start: 0\n    end: 1\n    codes:\n      - x\n    created: 2026-01-01T00:00:00Z\n    updated: 2026-01-01T00:00:00Z\n"
	tests := []struct {
		name, data string
		ok         bool
		want       string
	}{
		{"canonical", canonical, true, "coder: alice\nsequence: 3\nreviewed:\n  - P02/a\nsegments:\n" +
			"  - id: bbbbbbbbbb\n    document: P02/a\n    start: 0\n    end: 1\n    codes:\n      - x\n    created: 2026-01-01T00:00:00Z\n    updated: 2026-01-01T00:00:00Z\n"},
		{"flow list", "coder: alice\nreviewed: [P01/a, P02/a]\n", false, ""},
		{"other indent", "coder: alice\nsegments:\n- id: aaaaaaaaaa\n  document: P02/a\n", false, ""},
		{"unknown key first", "version: 2\ncoder: alice\n", false, ""},
		{"nothing of it", "coder: alice\n", true, "coder: alice\n"},
	}
	for _, tt := range tests {
		got, ok := partialCoderFile([]byte(tt.data), []string{"P02/a"})
		if ok != tt.ok || ok && string(got) != tt.want {
			t.Errorf("%s: got %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzPartialCoderFile holds the partial read to the whole one: whenever
// it accepts a valid file's layout, it gives exactly that file's header,
// memos, and the reviewed entry and segments of the one document asked for.
func FuzzPartialCoderFile(f *testing.F) {
	f.Add([]byte("coder: alice\nsequence: 3\nmemo: hi\nreviewed:\n  - P01/a\n  - P02/a\ndocuments:\n  - document: P02/a\n    memo: m\nsegments:\n"+
		"  - id: aaaaaaaaaa\n    document: P01/a\n    start: 0\n    end: 1\n    codes:\n      - x\n    created: 2026-01-01T00:00:00Z\n    updated: 2026-01-01T00:00:00Z\n"+
		"  - id: bbbbbbbbbb\n    document: P02/a\n    start: 0\n    end: 1\n    codes:\n      - x\n      - y\n    memo: |-\n      two\n      lines\n    created: 2026-01-01T00:00:00Z\n    updated: 2026-01-01T00:00:00Z\n"), "P02/a")
	f.Add([]byte("coder: alice\nsegments:\n  - id: \"0123456789\"\n    document: \"P 03: x/helped\"\n    start: 0\n    end: 1\n    codes:\n      - x\n    created: 2026-01-01T00:00:00Z\n    updated: 2026-01-01T00:00:00Z\n"), "P 03: x/helped")
	f.Fuzz(func(t *testing.T, data []byte, doc string) {
		full, err := Parse("f", data)
		if err != nil {
			return
		}
		part, ok := partialCoderFile(data, []string{doc})
		if !ok {
			return
		}
		got, err := Parse("f", part)
		if err != nil {
			t.Fatalf("the part of a valid file does not parse: %v\n%s", err, part)
		}
		want := &File{Coder: full.Coder, Sequence: full.Sequence, Memo: full.Memo, DocumentMemos: full.DocumentMemos}
		for _, d := range full.Reviewed {
			if d == doc {
				want.Reviewed = []string{d}
			}
		}
		for _, s := range full.Segments {
			if s.Document == doc {
				want.Segments = append(want.Segments, s)
			}
		}
		if got.Coder != want.Coder || got.Sequence != want.Sequence || got.Memo != want.Memo ||
			!reflect.DeepEqual(got.Reviewed, want.Reviewed) || !reflect.DeepEqual(got.DocumentMemos, want.DocumentMemos) ||
			len(got.Segments) != len(want.Segments) || len(want.Segments) > 0 && !reflect.DeepEqual(got.Segments, want.Segments) {
			t.Fatalf("part\n%+v\nwant\n%+v\nfrom\n%s", got, want, data)
		}
	})
}

// TestPartialSessionReadsChangedFileWhole replaces a folded coder file by
// an equivalent one in another layout (as a hand edit could leave it): the
// partial session must not cut it, and reads it whole.
func TestPartialSessionReadsChangedFileWhole(t *testing.T) {
	dir := newStudy(t)
	seedCoding(t, dir)
	path := coderFile(dir, "alice")
	data, _ := os.ReadFile(path)
	// The same coding with one document id quoted.
	f, err := Parse("x", data)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.ReplaceAll(data, []byte("document: P02/helped\n"), []byte("document: 'P02/helped'\n"))
	g, err := Parse("x", edited)
	if err != nil || !reflect.DeepEqual(f, g) {
		t.Fatalf("edited file is not the same coding: %v", err)
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := OpenWithOptions(dir, "alice", Options{Documents: []string{"P01/helped"}, KeepJournal: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := len(s.Snapshot().Segments); got != 2*len(partialDocs) {
		t.Errorf("session holds %d segments, want all %d (the file read whole)", got, 2*len(partialDocs))
	}
}
