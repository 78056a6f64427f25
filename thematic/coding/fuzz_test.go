package coding

import (
	"bytes"
	"os"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse checks that any input is either refused with an error or
// accepted, and that an accepted file survives save and reload unchanged.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/alice.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("coder: a\n"))
	f.Add([]byte("coder: a\nreviewed:\n  - b\nread:\n  - b\n  - c\n"))
	f.Add([]byte("coder: a\nmemo: \"x \\n y\\t\"\nreviewed: [\"\", b]\n"))
	f.Add([]byte("coder: a\nsegments:\n  - {id: x, document: d, start: 0, end: 1, codes: [c], created: 2026-01-01T00:00:00Z, updated: 2026-01-01T00:00:00.5+01:00}\n"))
	f.Add([]byte("coder: a\nsegments:\n  - id: &x y\n    document: *x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("f.yaml", data)
		slow, _, slowErr := parseSlow("f.yaml", data)
		if (err == nil) != (slowErr == nil) {
			t.Fatalf("fast and yaml.v3 parsers disagree: %v / %v", err, slowErr)
		}
		if err != nil {
			if err.Error() != slowErr.Error() {
				t.Fatalf("errors differ:\n%v\n%v", err, slowErr)
			}
			return
		}
		if !reflect.DeepEqual(file, slow) {
			t.Fatalf("fast parser read\n%#v\nyaml.v3 read\n%#v", file, slow)
		}
		out, err := file.Marshal()
		if err != nil {
			t.Fatalf("accepted file cannot be saved: %v", err)
		}
		if ref, err := file.marshalReference(); err != nil || !bytes.Equal(out, ref) {
			t.Fatalf("emitter differs from yaml.v3 (%v):\n%s\n---\n%s", err, out, ref)
		}
		again, err := Parse("f.yaml", out)
		if err != nil {
			t.Fatalf("saved file is refused: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(normalizedForCompare(file), normalizedForCompare(again)) {
			t.Fatalf("reload differs:\n%#v\n%#v\n%s", file, again, out)
		}
		out2, err := again.Marshal()
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("second save differs (%v):\n%s\n---\n%s", err, out, out2)
		}
	})
}

// normalizedForCompare maps empty and nil collections alike.
func normalizedForCompare(f *File) *File {
	g := f.Clone()
	if len(g.Reviewed) == 0 {
		g.Reviewed = nil
	}
	if len(g.Read) == 0 {
		g.Read = nil
	}
	if len(g.DocumentMemos) == 0 {
		g.DocumentMemos = nil
	}
	if len(g.Segments) == 0 {
		g.Segments = nil
	}
	for i := range g.Segments {
		if g.Segments[i].Codes == nil {
			g.Segments[i].Codes = []string{}
		}
	}
	return g
}

// FuzzSaveLoad puts arbitrary text in every free-text place of a coder file,
// saves it, and checks that both readers give back exactly what was saved.
func FuzzSaveLoad(f *testing.F) {
	f.Add("P01/helped", "connection", "a memo\nwith lines", "9f86d081884c")
	f.Add("0b101", "1e5", " x\n\n", "")
	f.Add("a: b", "- c", "|\n  x", "-")
	f.Fuzz(func(t *testing.T, doc, code, memo, id string) {
		if doc == "" || code == "" || id == "" || !utf8.ValidString(doc) || !utf8.ValidString(code) || !utf8.ValidString(memo) || !utf8.ValidString(id) {
			return // Session refuses such text before it reaches a file
		}
		at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		in := &File{Coder: "alice", Memo: memo, Reviewed: []string{doc}, Read: []string{doc}, DocumentMemos: map[string]string{doc: memo},
			Segments: []Segment{{ID: id, Document: doc, Start: 0, End: 1, Codes: []string{code}, Memo: memo, Created: at, Updated: at}}}
		if in.DocumentMemos[doc] == "" {
			in.DocumentMemos = map[string]string{}
		}
		out, err := in.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		slow, _, err := parseSlow("f.yaml", out)
		if err != nil {
			return // e.g. invalid UTF-8, which no reader accepts
		}
		if !reflect.DeepEqual(normalizedForCompare(slow), normalizedForCompare(in)) {
			t.Fatalf("yaml.v3 reads back\n%#v\nsaved\n%#v\n%s", slow, in, out)
		}
		if y, ok := parseCanonical(out); ok {
			fast, errs := fromYAML("f.yaml", nil, &y)
			if len(errs) > 0 || !reflect.DeepEqual(fast, slow) {
				t.Fatalf("fast reader gives\n%#v (%v)\nyaml.v3\n%#v\n%s", fast, errs, slow, out)
			}
		}
	})
}
