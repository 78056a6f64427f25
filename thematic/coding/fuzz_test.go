package coding

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

// FuzzParse checks that any input is either refused with an error or
// accepted, and that an accepted file survives save and reload unchanged.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/alice.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("coder: a\n"))
	f.Add([]byte("coder: a\nmemo: \"x \\n y\\t\"\nreviewed: [\"\", b]\n"))
	f.Add([]byte("coder: a\nsegments:\n  - {id: x, document: d, start: 0, end: 1, codes: [c], created: 2026-01-01T00:00:00Z, updated: 2026-01-01T00:00:00.5+01:00}\n"))
	f.Add([]byte("coder: a\nsegments:\n  - id: &x y\n    document: *x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("f.yaml", data)
		if err != nil {
			return
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
