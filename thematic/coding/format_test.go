package coding

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadSaveRoundTripIsByteIdentical(t *testing.T) {
	want, err := os.ReadFile("testdata/alice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Load("testdata/alice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("load/save changed the file:\n--- got\n%s\n--- want\n%s", got, want)
	}
	// Values read, checked against the file by eye.
	if f.Coder != "alice" || f.Sequence != 7 || len(f.Segments) != 2 || len(f.Reviewed) != 3 {
		t.Fatalf("read %+v", f)
	}
	s := f.Segments[0]
	if s.ID != "0a1b2c3d4e" || s.Document != "P01/helped" || s.Start != 0 || s.End != 24 ||
		strings.Join(s.Codes, ",") != "connection,safeness" || s.Hash != "9f86d081884c" ||
		!s.Created.Equal(time.Date(2026, 11, 20, 10, 15, 0, 0, time.UTC)) {
		t.Fatalf("segment 0 = %+v", s)
	}
	if f.DocumentMemos["P02/helped"] != `Talks about the group as "family"; check with bob.` {
		t.Fatalf("document memo = %q", f.DocumentMemos["P02/helped"])
	}
	if f.Memo != "Reading the answers about online sessions first.\nSeveral mention the camera being off." {
		t.Fatalf("study memo = %q", f.Memo)
	}
}

func TestSaveSortsIntoCanonicalOrder(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f := &File{Coder: "bob", Reviewed: []string{"b", "a", "b"}, Segments: []Segment{
		{ID: "z", Document: "P02/q", Start: 0, End: 3, Codes: []string{"y", "x"}, Created: at, Updated: at},
		{ID: "b", Document: "P01/q", Start: 5, End: 9, Codes: []string{"x"}, Created: at, Updated: at},
		{ID: "a", Document: "P01/q", Start: 5, End: 7, Codes: []string{"x"}, Created: at, Updated: at},
		{ID: "c", Document: "P01/q", Start: 1, End: 9, Codes: []string{"x"}, Created: at, Updated: at},
	}}
	data, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	g, err := Parse("bob.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range g.Segments {
		ids = append(ids, s.ID)
	}
	// By document, then start, then end: P01 1-9 (c), P01 5-7 (a), P01 5-9 (b), P02 (z).
	if strings.Join(ids, " ") != "c a b z" {
		t.Fatalf("order = %v", ids)
	}
	if strings.Join(g.Reviewed, " ") != "a b" || strings.Join(g.Segments[3].Codes, " ") != "x y" {
		t.Fatalf("reviewed %v codes %v", g.Reviewed, g.Segments[3].Codes)
	}
	again, _ := g.Marshal()
	if !bytes.Equal(again, data) {
		t.Fatal("second save differs from first")
	}
}

func TestSaveIsAtomicAndLoadChecksFileName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "coding")
	os.Mkdir(dir, 0o755)
	f := &File{Coder: "alice"}
	if err := f.Save(filepath.Join(dir, "bob.yaml")); err != nil {
		t.Fatal(err)
	}
	_, err := Load(filepath.Join(dir, "bob.yaml"))
	if err == nil || !strings.Contains(err.Error(), `coding/bob.yaml:1:8: coder "alice" does not match the file name`) {
		t.Fatalf("err = %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	const seg = `coder: alice
segments:
  - id: s1
    document: P01/q
    start: 0
    end: 5
    codes: [a]
    created: 2026-01-01T00:00:00Z
    updated: 2026-01-01T00:00:00Z
`
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown top key", "coder: alice\ncolour: red\n", `f.yaml:2:1: unknown key "colour"`},
		{"unknown segment key", strings.Replace(seg, "    start: 0", "    begin: 0", 1), `f.yaml:5:5: unknown key "begin"`},
		{"missing coder", "memo: x\n", `f.yaml:1:1: missing key "coder"`},
		{"bad coder", "coder: Alice Smith\n", `f.yaml:1:8: coder name "Alice Smith"`},
		{"start not a number", strings.Replace(seg, "start: 0", "start: zero", 1), `f.yaml:5: expected a different kind of value, got text`},
		{"negative start", strings.Replace(seg, "start: 0", "start: -2", 1), `f.yaml:5:12: segment "s1": start -2 is negative`},
		{"negative end", strings.Replace(seg, "end: 5", "end: -1", 1), `f.yaml:6:10: segment "s1": end -1 is negative`},
		{"start equals end", strings.Replace(seg, "end: 5", "end: 0", 1), `f.yaml:6:10: segment "s1": end 0 must be greater than start 0`},
		{"start after end", strings.Replace(seg, "start: 0", "start: 9", 1), `f.yaml:6:10: segment "s1": end 5 must be greater than start 9`},
		{"empty codes", strings.Replace(seg, "codes: [a]", "codes: []", 1), `f.yaml:3:5: segment "s1" has no codes`},
		{"missing codes", strings.Replace(seg, "    codes: [a]\n", "", 1), `f.yaml:3:5: segment "s1" has no codes`},
		{"empty code", strings.Replace(seg, "codes: [a]", `codes: [a, ""]`, 1), `f.yaml:7:16: segment "s1": empty code id`},
		{"code twice", strings.Replace(seg, "codes: [a]", `codes: [a, a]`, 1), `f.yaml:7:16: segment "s1": code "a" is listed twice`},
		{"bad created", strings.Replace(seg, "created: 2026-01-01T00:00:00Z", "created: yesterday", 1), `f.yaml:8:14: segment "s1": created time "yesterday"`},
		{"missing updated", strings.Replace(seg, "    updated: 2026-01-01T00:00:00Z\n", "", 1), `f.yaml:3:5: segment "s1": updated time ""`},
		{"bad month", strings.Replace(seg, "updated: 2026-01-01T00:00:00Z", "updated: 2026-13-01T00:00:00Z", 1), `f.yaml:9:14: segment "s1": updated time "2026-13-01T00:00:00Z"`},
		{"bad hash", strings.Replace(seg, "    created", "    hash: XYZ\n    created", 1), `f.yaml:8:11: segment "s1": hash "XYZ" is not lower-case hexadecimal`},
		{"no id", strings.Replace(seg, "  - id: s1\n    document", "  - document", 1), `f.yaml:3:5: segment without an id`},
		{"no document", strings.Replace(seg, "    document: P01/q\n", "", 1), `f.yaml:3:5: segment "s1" has no document`},
		{"duplicate id", seg + strings.Replace(strings.SplitN(seg, "segments:\n", 2)[1], "start: 0", "start: 1", 1),
			`f.yaml:10:9: segment id "s1" is used twice (first at segment 1)`},
		{"duplicate span", seg + strings.Replace(strings.SplitN(seg, "segments:\n", 2)[1], "id: s1", "id: s2", 1),
			`f.yaml:10:5: segment "s2" has the same document and span as segment 1`},
		// Sorted, the three same spans sit together; both repeats point at
		// the first.
		{"same span three times", seg + strings.Replace(strings.SplitN(seg, "segments:\n", 2)[1], "id: s1", "id: s2", 1) +
			strings.Replace(strings.SplitN(seg, "segments:\n", 2)[1], "id: s1", "id: s3", 1),
			`f.yaml:17:5: segment "s3" has the same document and span as segment 1`},
		// Unsorted (P02 between the two P01 segments), the repeat is found
		// all the same.
		{"same span apart", seg + strings.Replace(strings.SplitN(seg, "segments:\n", 2)[1], "P01/q", "P02/q", 1) +
			strings.Replace(strings.SplitN(seg, "segments:\n", 2)[1], "id: s1", "id: s3", 1),
			`f.yaml:17:5: segment "s3" has the same document and span as segment 1`},
		{"reviewed twice", "coder: alice\nreviewed: [a, b, a]\n", `f.yaml:2:18: document "a" is listed as reviewed twice`},
		{"reviewed twice in order", "coder: alice\nreviewed: [a, a, b]\n", `f.yaml:2:15: document "a" is listed as reviewed twice`},
		{"reviewed empty first", "coder: alice\nreviewed: [\"\", a]\n", `f.yaml:2:12: empty document id in reviewed list`},
		{"day past month end", strings.Replace(seg, "created: 2026-01-01T00:00:00Z", "created: 2026-02-29T00:00:00Z", 1), `f.yaml:8:14: segment "s1": created time "2026-02-29T00:00:00Z"`},
		{"hour 24", strings.Replace(seg, "created: 2026-01-01T00:00:00Z", "created: 2026-01-01T24:00:00Z", 1), `f.yaml:8:14: segment "s1": created time`},
		{"empty memo entry", "coder: alice\ndocuments:\n  - document: a\n    memo: \"\"\n", `f.yaml:3:5: document "a" has an empty memo`},
		{"two memos", "coder: alice\ndocuments:\n  - {document: a, memo: x}\n  - {document: a, memo: y}\n", `f.yaml:4:16: document "a" has two memos`},
		{"syntax", "coder: [alice\n", `f.yaml:1: YAML syntax`},
		{"empty file", "", `f.yaml: file is empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error:\n%v\nwant it to contain:\n%s", err, tt.want)
			}
		})
	}
	if _, err := Parse("f.yaml", []byte(seg)); err != nil {
		t.Fatalf("valid file refused: %v", err)
	}
}

func TestParseReportsEveryProblemAtOnce(t *testing.T) {
	data := "coder: alice\nsegments:\n  - id: a\n    document: d\n    start: 3\n    end: 1\n    codes: []\n    created: x\n    updated: 2026-01-01T00:00:00Z\n"
	_, err := Parse("f.yaml", []byte(data))
	if err == nil {
		t.Fatal("want errors")
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 3 {
		t.Fatalf("want 3 problems (end, codes, created), got %d:\n%v", n, err)
	}
}
