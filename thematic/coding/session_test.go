package coding

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// clock is a fake time source advancing one minute per call.
type clock struct{ t time.Time }

func (c *clock) now() time.Time {
	c.t = c.t.Add(time.Minute)
	return c.t
}

var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func newStudy(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mixeval.yaml"), []byte("title: test\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func openTest(t testing.TB, dir string) *Session {
	t.Helper()
	c := &clock{t: t0}
	s, err := OpenWithOptions(dir, "alice", Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// abandon drops a session as a crash would: no fold, lock released by
// closing its file.
func (s *Session) abandon() {
	s.closed = true
	s.j.close()
	s.lock.fl.Close()
}

func doc(id, text string) corpus.Document {
	return corpus.Document{ID: id, Text: text}
}

// Texts whose code point and byte offsets differ: "é" is 2 bytes, the emoji 4.
var (
	docA = doc("P01/helped", "Café group felt safe 🙂 and kind")
	docB = doc("P02/helped", "The toolkit helped me pace")
)

func TestCodeNewSegment(t *testing.T) {
	s := openTest(t, newStudy(t))
	defer s.Close()
	seg, err := s.Code(docA, 0, 4, []string{"safeness", "connection"}, "first")
	if err != nil {
		t.Fatal(err)
	}
	// The hash recorded is the first 12 hex digits of SHA-256 of the text.
	want := Segment{ID: seg.ID, Document: "P01/helped", Start: 0, End: 4,
		Codes: []string{"connection", "safeness"}, Memo: "first", Hash: DocumentHash(docA),
		Created: t0.Add(time.Minute), Updated: t0.Add(time.Minute)}
	if !reflect.DeepEqual(seg, want) {
		t.Fatalf("segment\n got %+v\nwant %+v", seg, want)
	}
	if len(seg.ID) != 10 || len(seg.Hash) != HashLen {
		t.Fatalf("id %q hash %q", seg.ID, seg.Hash)
	}
	if q, _ := Quote(docA.Text, seg); q != "Café" {
		t.Fatalf("quote = %q", q)
	}
	// "🙂" is code point 21 (C-a-f-é-space = 5, "group felt safe " = 16).
	seg2, err := s.Code(docA, 21, 22, []string{"emoji"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if q, _ := Quote(docA.Text, seg2); q != "🙂" {
		t.Fatalf("quote = %q", q)
	}
}

func TestCodeSameSpanAddsCodes(t *testing.T) {
	s := openTest(t, newStudy(t))
	defer s.Close()
	a, _ := s.Code(docB, 4, 11, []string{"toolkit"}, "")
	b, err := s.Code(docB, 4, 11, []string{"practice", "toolkit"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != a.ID || strings.Join(b.Codes, ",") != "practice,toolkit" || !b.Created.Equal(a.Created) || !b.Updated.After(a.Updated) {
		t.Fatalf("after recoding: %+v (first %+v)", b, a)
	}
	if s.Len() != 1 {
		t.Fatalf("%d segments, want 1", s.Len())
	}
	// Coding again with nothing new changes nothing, not even the time.
	c, _ := s.Code(docB, 4, 11, []string{"toolkit"}, "")
	if !c.Updated.Equal(b.Updated) {
		t.Fatal("a no-op recode changed the updated time")
	}
}

func TestCodeRefusesBadRequests(t *testing.T) {
	tests := []struct {
		name       string
		doc        corpus.Document
		start, end int
		codes      []string
		want       string
	}{
		{"negative start", docA, -1, 3, []string{"a"}, "start -1 is negative"},
		{"end equals start", docA, 3, 3, []string{"a"}, "end 3 must be greater than start 3"},
		{"end before start", docA, 5, 2, []string{"a"}, "end 2 must be greater than start 5"},
		// docA has 31 code points (35 bytes): end 32 is beyond it, 31 is not.
		{"end beyond text", docA, 0, 32, []string{"a"}, "end 32 is beyond the text, which has 31 characters"},
		{"no codes", docA, 0, 3, nil, "give at least one code"},
		{"empty code", docA, 0, 3, []string{""}, `code "" is not a code id`},
		{"code with spaces", docA, 0, 3, []string{" a"}, `code " a" is not a code id`},
		{"no document", doc("", "x"), 0, 1, []string{"a"}, "no document id"},
	}
	s := openTest(t, newStudy(t))
	defer s.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Code(tt.doc, tt.start, tt.end, tt.codes, "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := s.Code(docA, 0, 31, []string{"a"}, ""); err != nil {
		t.Fatalf("whole text refused: %v", err)
	}
	if s.j.size == 0 || s.Len() != 1 {
		t.Fatal("refused requests must not reach the journal")
	}
}

func TestUncode(t *testing.T) {
	tests := []struct {
		name      string
		remove    []string
		wantCodes string // "" when the segment is gone
		wantErr   string
	}{
		{"one code", []string{"b"}, "a,c", ""},
		{"two codes", []string{"a", "c"}, "b", ""},
		{"all codes removes the segment", []string{"a", "b", "c"}, "", ""},
		{"no codes removes the segment", nil, "", ""},
		{"code not on segment", []string{"z"}, "a,b,c", `is not coded "z"; its codes are a, b, c`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t, newStudy(t))
			defer s.Close()
			seg, _ := s.Code(docA, 0, 4, []string{"a", "b", "c"}, "")
			err := s.Uncode(seg.ID, tt.remove...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			got, ok := s.Segment(seg.ID)
			if tt.wantCodes == "" {
				if ok || s.Len() != 0 || len(s.SegmentsIn(docA.ID)) != 0 {
					t.Fatalf("segment still there: %+v", got)
				}
				if _, ok := s.FindSpan(docA.ID, 0, 4); ok {
					t.Fatal("span index still holds the segment")
				}
				return
			}
			if strings.Join(got.Codes, ",") != tt.wantCodes {
				t.Fatalf("codes = %v, want %s", got.Codes, tt.wantCodes)
			}
		})
	}
	s := openTest(t, newStudy(t))
	defer s.Close()
	if err := s.Uncode("nope"); err == nil || !strings.Contains(err.Error(), `coder alice has no segment "nope"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestMemosAndReviewed(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	seg, _ := s.Code(docA, 0, 4, []string{"a"}, "")
	steps := []struct {
		name string
		do   func() error
	}{
		{"study memo", func() error { return s.SetStudyMemo("line one\nline two") }},
		{"document memo", func() error { return s.SetDocumentMemo(docA.ID, "ask bob") }},
		{"second document memo", func() error { return s.SetDocumentMemo(docB.ID, "short") }},
		{"remove document memo", func() error { return s.SetDocumentMemo(docB.ID, "") }},
		{"segment memo", func() error { return s.SetSegmentMemo(seg.ID, "why: tone") }},
		{"review", func() error { return s.MarkReviewed(docB.ID, docA.ID, docA.ID) }},
		{"unreview", func() error { return s.UnmarkReviewed(docA.ID) }},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
	}
	check := func(label string, f *File) {
		t.Helper()
		got, _ := s.Segment(seg.ID)
		if f.Memo != "line one\nline two" || !reflect.DeepEqual(f.DocumentMemos, map[string]string{docA.ID: "ask bob"}) ||
			!reflect.DeepEqual(f.Reviewed, []string{docB.ID}) || f.Segments[0].Memo != "why: tone" || got.Memo != "why: tone" {
			t.Fatalf("%s: %+v", label, f)
		}
	}
	check("live", s.Snapshot())
	if !s.Reviewed(docB.ID) || s.Reviewed(docA.ID) || s.DocumentMemo(docA.ID) != "ask bob" || s.StudyMemo() != "line one\nline two" {
		t.Fatal("queries disagree with the snapshot")
	}
	if err := s.SetSegmentMemo("nope", "x"); err == nil {
		t.Fatal("memo on a missing segment accepted")
	}
	if err := s.MarkReviewed(""); err == nil {
		t.Fatal("empty document id accepted")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := Load(filepath.Join(dir, "coding", "alice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	check("reloaded", f)
}

func TestRecode(t *testing.T) {
	tests := []struct {
		name     string
		do       func(s *Session) error
		want     []string // codes of the three segments, in file order
		wantWith map[string]int
	}{
		{"rename", func(s *Session) error { return s.RenameCode("a", "z") }, []string{"b,z", "z", "c"}, map[string]int{"a": 0, "z": 2}},
		{"merge into existing code", func(s *Session) error { return s.MergeCodes([]string{"a"}, "b") }, []string{"b", "b", "c"}, map[string]int{"b": 2}},
		{"merge two into new", func(s *Session) error { return s.MergeCodes([]string{"a", "c"}, "x") }, []string{"b,x", "x", "x"}, map[string]int{"x": 3}},
		{"unused code", func(s *Session) error { return s.RenameCode("q", "r") }, []string{"a,b", "a", "c"}, map[string]int{"a": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newStudy(t)
			s := openTest(t, dir)
			s.Code(docA, 0, 4, []string{"a", "b"}, "")
			s.Code(docA, 5, 10, []string{"a"}, "")
			s.Code(docB, 0, 3, []string{"c"}, "")
			if err := tt.do(s); err != nil {
				t.Fatal(err)
			}
			for _, f := range []*File{s.Snapshot(), reopenSnapshot(t, s, dir)} {
				var got []string
				for _, seg := range f.Segments {
					got = append(got, strings.Join(seg.Codes, ","))
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("codes = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// reopenSnapshot crashes s (no fold) and returns what a new session
// replays from the journal.
func reopenSnapshot(t *testing.T, s *Session, dir string) *File {
	t.Helper()
	s.abandon()
	s2 := openTest(t, dir)
	defer s2.Close()
	return s2.Snapshot()
}

func TestQueries(t *testing.T) {
	s := openTest(t, newStudy(t))
	defer s.Close()
	s.Code(docB, 4, 11, []string{"toolkit"}, "")
	s.Code(docA, 5, 10, []string{"connection"}, "")
	s.Code(docA, 0, 4, []string{"safeness", "connection"}, "")
	in := s.SegmentsIn(docA.ID)
	if len(in) != 2 || in[0].Start != 0 || in[1].Start != 5 {
		t.Fatalf("SegmentsIn = %+v", in)
	}
	with := s.SegmentsWith("connection")
	if len(with) != 2 || with[0].Document != docA.ID {
		t.Fatalf("SegmentsWith = %+v", with)
	}
	all := s.Segments()
	if len(all) != 3 || all[2].Document != docB.ID {
		t.Fatalf("Segments = %+v", all)
	}
	if f := s.Snapshot(); len(f.SegmentsIn(docA.ID)) != 2 || len(f.SegmentsIn("none")) != 0 {
		t.Fatal("File.SegmentsIn disagrees")
	}
	// Returned segments are copies: changing one changes nothing stored.
	all[0].Codes[0] = "changed"
	if s.Segments()[0].Codes[0] == "changed" {
		t.Fatal("query returned shared memory")
	}
}

func TestBatch(t *testing.T) {
	s := openTest(t, newStudy(t))
	defer s.Close()
	s.Code(docA, 0, 4, []string{"a"}, "")
	res, err := s.CodeBatch([]CodeRequest{
		{Doc: docA, Start: 0, End: 4, Codes: []string{"a"}},       // unchanged
		{Doc: docA, Start: 0, End: 4, Codes: []string{"b"}},       // extends
		{Doc: docB, Start: 0, End: 3, Codes: []string{"a"}},       // added
		{Doc: docB, Start: 0, End: 3, Codes: []string{"a"}},       // same new span again: unchanged
		{Doc: docB, Start: 4, End: 11, Codes: []string{"a", "c"}}, // added
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || res.Extended != 1 || res.Unchanged != 2 || len(res.Segments) != 5 || s.Len() != 3 {
		t.Fatalf("result %+v, %d segments", res, s.Len())
	}
	if res.Segments[2].ID != res.Segments[3].ID || strings.Join(res.Segments[1].Codes, ",") != "a,b" {
		t.Fatalf("segments %+v", res.Segments)
	}
	// One bad request refuses the whole batch, naming it.
	before := s.j.size
	_, err = s.CodeBatch([]CodeRequest{{Doc: docB, Start: 0, End: 2, Codes: []string{"x"}}, {Doc: docB, Start: 0, End: 999, Codes: []string{"x"}}})
	if err == nil || !strings.HasPrefix(err.Error(), "request 2: P02/helped: end 999") || s.j.size != before || s.Len() != 3 {
		t.Fatalf("err = %v", err)
	}
}

func TestReopenAfterCloseAndAfterCrash(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	s.Code(docA, 0, 4, []string{"a"}, "m")
	s.MarkReviewed(docA.ID)
	want := s.Snapshot()
	s.abandon() // crash: nothing folded, the journal holds it all
	if _, err := os.Stat(filepath.Join(dir, "coding", "alice.yaml")); !os.IsNotExist(err) {
		t.Fatalf("coder file written before any fold: %v", err)
	}
	s = openTest(t, dir)
	if got := s.Snapshot(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after replay\n got %+v\nwant %+v", got, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(journalFile(dir, "alice")); err != nil || fi.Size() != 0 {
		t.Fatalf("journal after close: %v %v", fi, err)
	}
	f, err := Load(filepath.Join(dir, "coding", "alice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Sequence != 2 || !reflect.DeepEqual(f, want) {
		t.Fatalf("saved\n got %+v\nwant %+v", f, want)
	}
	if _, err := s.Code(docA, 0, 1, []string{"a"}, ""); !errors.Is(err, ErrClosed) {
		t.Fatalf("action after close: %v", err)
	}
}

func TestCrashBetweenSaveAndTruncateDuplicatesNothing(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	s.Code(docA, 0, 4, []string{"a"}, "")
	s.Code(docA, 0, 4, []string{"b"}, "")
	s.MarkReviewed(docA.ID)
	want := s.Snapshot()
	// Fold, but die after the YAML is saved and before the journal is cut.
	s.hook = func(stage string) {
		if stage == "fold-saved" {
			panic("crash")
		}
	}
	func() {
		defer func() { recover() }()
		s.Compact()
	}()
	s.abandon()
	if fi, _ := os.Stat(journalFile(dir, "alice")); fi.Size() == 0 {
		t.Fatal("the simulated crash should leave the journal full")
	}
	s = openTest(t, dir)
	defer s.Close()
	if got := s.Snapshot(); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if fi, _ := os.Stat(journalFile(dir, "alice")); fi.Size() != 0 {
		t.Fatal("Open should empty a journal the file already includes")
	}
	// Numbering continues after the folded records.
	s.Code(docB, 0, 3, []string{"c"}, "")
	if s.st.seq != 4 {
		t.Fatalf("sequence %d, want 4", s.st.seq)
	}
}

func TestTornLastRecordIsDropped(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	s.Code(docA, 0, 4, []string{"a"}, "")
	s.Code(docA, 5, 9, []string{"b"}, "")
	want := s.Snapshot()
	s.Code(docB, 0, 3, []string{"c"}, "")
	s.abandon()
	path := journalFile(dir, "alice")
	data, _ := os.ReadFile(path)
	recs, _, _ := scanJournal(path, data)
	lastLen := len(data) - recordOffset(t, data, 2)
	for _, cut := range []int{1, headerLen - 1, headerLen, headerLen + 5, lastLen - 1} {
		t.Run("cut to "+itoa(cut), func(t *testing.T) {
			torn := data[:len(data)-lastLen+cut]
			if err := os.WriteFile(path, torn, 0o644); err != nil {
				t.Fatal(err)
			}
			s := openTest(t, dir)
			if got := s.Snapshot(); !reflect.DeepEqual(got, want) {
				t.Fatalf("got %+v\nwant %+v", got, want)
			}
			if fi, _ := os.Stat(path); fi.Size() != int64(len(data)-lastLen) {
				t.Fatalf("torn tail not cut off: size %d", fi.Size())
			}
			s.Code(docB, 0, 3, []string{"c"}, "") // appends after the good records
			s.abandon()
			s = openTest(t, dir)
			defer s.Close()
			if s.Len() != 3 {
				t.Fatalf("%d segments after recoding, want 3", s.Len())
			}
			s.abandon()
		})
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3", len(recs))
	}
}

func TestGarbledTailAndCorruptMiddle(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	s.Code(docA, 0, 4, []string{"a"}, "")
	s.Code(docA, 5, 9, []string{"b"}, "")
	s.abandon()
	path := journalFile(dir, "alice")
	data, _ := os.ReadFile(path)

	for _, tc := range []struct {
		name string
		at   int
	}{
		// A whole last record with a wrong checksum cannot come from a
		// crash: records are written whole and synced one at a time.
		{"last record", len(data) - 2},
		// Damage in the first of two records cannot either.
		{"first record", headerLen + 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := append([]byte(nil), data...)
			bad[tc.at] ^= 0xff
			os.WriteFile(path, bad, 0o644)
			if _, err := Read(dir, "alice"); err == nil {
				t.Fatal("Read accepted a damaged journal")
			}
			_, err := Open(dir, "alice")
			var ce *CorruptJournalError
			if !errors.As(err, &ce) || ce.MovedTo == "" || !strings.Contains(err.Error(), "moved it to") {
				t.Fatalf("err = %v, want the journal moved aside", err)
			}
			kept, _ := os.ReadFile(ce.MovedTo)
			if !bytes.Equal(kept, bad) {
				t.Fatal("the damaged journal was not kept as it was")
			}
			if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
				t.Fatal("the damaged journal is still in place")
			}
			// The next open starts from the coder file alone.
			s := openTest(t, dir)
			if s.Len() != 0 {
				t.Fatalf("%d segments, want 0", s.Len())
			}
			s.Close()
			os.Remove(ce.MovedTo)
		})
	}
}

// A journal that is a symbolic link is refused; its target (outside the
// study) keeps its content.
func TestJournalLinkIsRefused(t *testing.T) {
	dir := newStudy(t)
	outside := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(outside, []byte("someone's notes, not a journal\n"), 0o644)
	os.MkdirAll(journalDir(dir), 0o755)
	os.Symlink(outside, journalFile(dir, "alice"))
	_, err := Open(dir, "alice")
	var se *safefile.SymlinkError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a SymlinkError", err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "someone's notes, not a journal\n" {
		t.Fatalf("the link's target was changed: %q", b)
	}
	// The lock file and the folders are refused the same way.
	os.Remove(journalFile(dir, "alice"))
	os.Remove(filepath.Join(journalDir(dir), "alice.lock"))
	if err := os.Symlink(outside, filepath.Join(journalDir(dir), "alice.lock")); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, "alice"); !errors.As(err, &se) {
		t.Fatalf("lock link: err = %v", err)
	}
	os.Remove(filepath.Join(journalDir(dir), "alice.lock"))
	os.Symlink(t.TempDir(), filepath.Join(dir, "coding"))
	if _, err := Open(dir, "alice"); !errors.As(err, &se) {
		t.Fatalf("coding folder link: err = %v", err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "someone's notes, not a journal\n" {
		t.Fatalf("the link's target was changed: %q", b)
	}
}

// Each action is synced before it returns: the sync sees the action's
// record in the file. Removing the journal's fsync fails this test.
func TestEveryActionIsSynced(t *testing.T) {
	dir := newStudy(t)
	var synced []int64 // journal size at each sync of the journal file
	sync := func(f *os.File) error {
		if fi, err := f.Stat(); err == nil && !fi.IsDir() {
			synced = append(synced, fi.Size())
		}
		return nil
	}
	c := &clock{t: t0}
	s, err := OpenWithOptions(dir, "alice", Options{Now: c.now, sync: sync})
	if err != nil {
		t.Fatal(err)
	}
	defer s.abandon()
	synced = nil
	for k := 0; k < 3; k++ {
		if _, err := s.Code(docA, k, k+1, []string{"a"}, ""); err != nil {
			t.Fatal(err)
		}
		if len(synced) != k+1 || synced[k] != s.j.size {
			t.Fatalf("after action %d: syncs at sizes %v, want the last at %d", k+1, synced, s.j.size)
		}
	}
	// A failed sync fails the action, which is not applied, and the
	// journal is cut back.
	before := s.j.size
	s.j.sync = func(f *os.File) error {
		if fi, _ := f.Stat(); fi.Size() > before {
			return errors.New("disk gone")
		}
		return nil
	}
	if _, err := s.Code(docB, 0, 3, []string{"b"}, ""); err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Fatalf("err = %v", err)
	}
	if s.Len() != 3 || s.j.size != before {
		t.Fatalf("%d segments, journal %d bytes; want 3 and %d", s.Len(), s.j.size, before)
	}
	if fi, _ := os.Stat(journalFile(dir, "alice")); fi.Size() != before {
		t.Fatalf("journal %d bytes on disk, want %d", fi.Size(), before)
	}
}

// Stale temporary files of the coder file, left by a killed fold, are
// removed when the coder's coding is opened.
func TestOpenRemovesStaleTempFiles(t *testing.T) {
	dir := newStudy(t)
	os.MkdirAll(filepath.Join(dir, "coding"), 0o755)
	for _, name := range []string{".alice.yaml.tmp-123", ".alice.yaml.tmp-456", ".bob.yaml.tmp-789"} {
		os.WriteFile(filepath.Join(dir, "coding", name), []byte("partial"), 0o644)
	}
	s := openTest(t, dir)
	s.Close()
	entries, _ := os.ReadDir(filepath.Join(dir, "coding"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{".bob.yaml.tmp-789"}) {
		t.Fatalf("coding/ holds %v; want only bob's temp file, which alice's lock does not cover", names)
	}
}

func TestJournalAheadOfReplacedFileIsAnError(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	s.Code(docA, 0, 4, []string{"a"}, "")
	s.Close()
	s = openTest(t, dir)
	s.Code(docA, 5, 9, []string{"a"}, "") // record 2, on top of a file at 1
	s.abandon()
	// The file is replaced by an older one, as a git checkout might.
	(&File{Coder: "alice"}).Save(filepath.Join(dir, "coding", "alice.yaml"))
	_, err := Open(dir, "alice")
	if err == nil || !strings.Contains(err.Error(), "continues at action 2 but coding/alice.yaml ends at action 0") {
		t.Fatalf("err = %v", err)
	}
}

func TestFoldWhenJournalGrows(t *testing.T) {
	dir := newStudy(t)
	c := &clock{t: t0}
	s, err := OpenWithOptions(dir, "alice", Options{CompactBytes: 1000, Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	folds := 0
	s.hook = func(stage string) {
		if stage == "fold-saved" {
			folds++
		}
	}
	for i := 0; i < 30; i++ {
		if _, err := s.Code(docB, i%20, i%20+1+i/20, []string{"c" + itoa(i)}, ""); err != nil {
			t.Fatal(err)
		}
	}
	if folds == 0 || s.j.size >= 1000 {
		t.Fatalf("folds %d, journal %d bytes", folds, s.j.size)
	}
	want := s.Snapshot()
	s.abandon()
	s = openTest(t, dir)
	defer s.Close()
	if got := s.Snapshot(); !reflect.DeepEqual(got, want) {
		t.Fatal("state after folds and replay differs")
	}
}

func TestReadSeesOpenSession(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	defer s.Close()
	s.Code(docA, 0, 4, []string{"a"}, "")
	f, err := Read(dir, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Segments) != 1 || !reflect.DeepEqual(f, s.Snapshot()) {
		t.Fatalf("Read = %+v", f)
	}
	if f, err := Read(dir, "nobody"); err != nil || len(f.Segments) != 0 || f.Coder != "nobody" {
		t.Fatalf("Read of a new coder = %+v, %v", f, err)
	}
	if _, err := Read(dir, "../x"); err == nil {
		t.Fatal("bad coder name accepted")
	}
}

func recordOffset(t *testing.T, data []byte, n int) int {
	t.Helper()
	off := 0
	for i := 0; i < n; i++ {
		_, next, ok := decodeAt(data, off)
		if !ok {
			t.Fatalf("record %d unreadable", i)
		}
		off = next
	}
	return off
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestConcurrentActions(t *testing.T) {
	dir := newStudy(t)
	c := &clock{t: t0}
	var mu sync.Mutex
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return c.now() }
	s, err := OpenWithOptions(dir, "alice", Options{Now: now, CompactBytes: 2000})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				if _, err := s.Code(docB, g*5+i%5, g*5+i%5+1+i/5, []string{"g" + itoa(g)}, ""); err != nil {
					t.Error(err)
				}
				s.SegmentsIn(docB.ID)
				s.MarkReviewed(docA.ID)
			}
		}()
	}
	wg.Wait()
	want := s.Snapshot()
	if len(want.Segments) != 100 { // 4 goroutines × 25 distinct spans
		t.Fatalf("%d segments, want 100", len(want.Segments))
	}
	s.abandon()
	s = openTest(t, dir)
	defer s.Close()
	if got := s.Snapshot(); !reflect.DeepEqual(got, want) {
		t.Fatal("replay after concurrent actions differs")
	}
}

func TestFoldRefusesFileChangedOnDisk(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	s.Code(docA, 0, 4, []string{"a"}, "")
	s.Compact()
	s.Code(docA, 5, 9, []string{"b"}, "")
	// Another program (git pull) replaces the file meanwhile.
	path := filepath.Join(dir, "coding", "alice.yaml")
	theirs := []byte("coder: alice\nsequence: 9\nmemo: from the other laptop\n")
	if err := os.WriteFile(path+".new", theirs, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Rename(path+".new", path)
	s.Code(docB, 0, 3, []string{"c"}, "") // an action still succeeds
	if err := s.Compact(); err == nil || s.FoldError() == nil {
		t.Fatalf("fold over a replaced file: %v", err)
	}
	err := s.Close()
	var ce *ChangedOnDiskError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "coding/alice.yaml was changed by another program") {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(theirs) {
		t.Fatal("the other program's file was overwritten")
	}
	if fi, _ := os.Stat(journalFile(dir, "alice")); fi.Size() == 0 {
		t.Fatal("the journal was emptied although the fold did not happen")
	}
	// The next Open sees that the journal does not continue the new file.
	if _, err := Open(dir, "alice"); err == nil || !strings.Contains(err.Error(), "Move the journal aside") {
		t.Fatalf("reopen: %v", err)
	}
}

func TestJournalNotMatchingFileIsAnError(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	for i := 0; i < 3; i++ {
		s.Code(docA, i, i+1, []string{"a"}, "")
	}
	s.abandon()
	// A file that includes action 2 of 3 cannot come from this journal.
	os.Mkdir(filepath.Join(dir, "coding"), 0o755)
	if err := (&File{Coder: "alice", Sequence: 2}).Save(filepath.Join(dir, "coding", "alice.yaml")); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, "alice")
	if err == nil || !strings.Contains(err.Error(), "holds actions 1 to 3, which do not match coding/alice.yaml (it includes actions up to 2)") {
		t.Fatalf("err = %v", err)
	}
}
