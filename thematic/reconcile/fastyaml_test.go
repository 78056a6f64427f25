package reconcile

import (
	"bytes"
	"os"
	"reflect"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/yamlutil"
)

// oddStrings are values YAML quotes or reads as other types, next to
// plain ones.
var oddStrings = []string{"P01/helped", "pain", "true", "Yes", "n", "null", "123", "0x1f", "0b101", "1e5", "12e", "1d31653977",
	"0123456789", "12-40", "1-2-3", "a: b", "- x", "#c", "x #c", "", " lead", "trail ", "two\nlines", "é/ü", "[x]", "a,b",
	"2026-01-02", "822e827172", "1e400", "1.5", ".inf", "~", "it's", `say "hi"`, "_x", "x_", "a/b/c", "Z"}

// sampleFile builds a file that uses s in every field.
func sampleFile(s string) *fileYAML {
	return &fileYAML{
		Version: 1, Coders: []string{"alice", "bob"}, Overlap: 92.5,
		Reviewed: []string{"P01/helped", s},
		Items: []itemYAML{
			{ID: "1d31653977", Document: "P01/helped", Code: "pain", Status: "open", A: []string{"0-87"}, B: []string{}},
			{ID: s, Document: s, Code: s, Status: "decided", A: []string{s, "3-9"}, B: []string{"0-2"}, Decision: "edit", Span: "1-5", Memo: s, By: s, At: "2026-11-25T10:00:00Z"},
			{ID: "aa06c030e7", Document: "P02/x", Code: s, Status: "decided", A: []string{}, B: []string{"4-9"}, Decision: "accept-b"},
		},
		Segments: []segmentYAML{
			{Document: "P01/helped", Start: 0, End: 87, Codes: []string{"pain"}, Items: []string{"1d31653977"}},
			{Document: s, Start: 3, End: 9, Codes: []string{s, "x"}, Items: []string{s}},
		},
		Log: []logYAML{{At: "2026-11-25T10:00:00Z", By: s, Action: "update", Details: s}},
	}
}

// checkSameAsYAMLv3 holds encodeFile to yaml.v3's bytes, and decodeFile,
// when it reads the result, to what yaml.v3 decodes.
func checkSameAsYAMLv3(t *testing.T, y *fileYAML) {
	t.Helper()
	want, err := marshalYAMLv3(y)
	if err != nil {
		return // yaml.v3 cannot write it either
	}
	got, err := encodeFile(fileComment, y)
	if err != nil {
		t.Fatalf("encodeFile: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("encodeFile differs from yaml.v3:\n%s\n--- yaml.v3:\n%s", got, want)
	}
	checkDecode(t, want)
}

func checkDecode(t *testing.T, data []byte) {
	t.Helper()
	fast, ok := decodeFile(data)
	if !ok {
		return
	}
	var slow fileYAML
	if _, err := yamlutil.DecodeStrict("f", data, &slow); err != nil {
		t.Fatalf("decodeFile read a file yaml.v3 rejects (%v):\n%s", err, data)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("decodeFile read\n%+v\nyaml.v3 read\n%+v\nfrom\n%s", fast, slow, data)
	}
}

func TestMarshalMatchesYAMLv3(t *testing.T) {
	for _, s := range oddStrings {
		checkSameAsYAMLv3(t, sampleFile(s))
	}
	// The plain parts are read without yaml.v3.
	data, _ := encodeFile(fileComment, sampleFile("plain"))
	if _, ok := decodeFile(data); !ok {
		t.Errorf("decodeFile refused a file it wrote:\n%s", data)
	}
}

func TestPlainText(t *testing.T) {
	for _, s := range oddStrings {
		checkPlain(t, s)
	}
	for s, want := range map[string]bool{"P01/helped": true, "1d31653977": true, "12-40": true, "true": false, "0123456789": false, "1e5": false, "0x1f": false, "822e827172": true} {
		if plainText(s) != want {
			t.Errorf("plainText(%q) = %v, want %v", s, !want, want)
		}
	}
}

// checkPlain: whatever plainText accepts, yaml.v3 writes as it is, as a
// value and in a flow list, and reads back as the same string.
func checkPlain(t *testing.T, s string) {
	t.Helper()
	if !plainText(s) {
		return
	}
	block, _ := yaml.Marshal(map[string]string{"k": s})
	var flow bytes.Buffer
	yaml.NewEncoder(&flow).Encode(struct {
		K []string `yaml:"k,flow"`
	}{[]string{s, s}})
	var back any
	yaml.Unmarshal([]byte(s), &back)
	if string(block) != "k: "+s+"\n" || flow.String() != "k: ["+s+", "+s+"]\n" || back != s {
		t.Errorf("plainText(%q), but yaml.v3 writes %q and %q and reads %#v", s, block, flow.String(), back)
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range oddStrings {
		f.Add(s)
	}
	f.Fuzz(checkPlain)
}

func FuzzMarshalMatchesYAMLv3(f *testing.F) {
	for _, s := range oddStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkSameAsYAMLv3(t, sampleFile(s)) })
}

func FuzzParseMatchesYAMLv3(f *testing.F) {
	for _, s := range []string{"plain", "P 01", "1e5"} {
		data, _ := encodeFile(fileComment, sampleFile(s))
		f.Add(data)
	}
	f.Add([]byte("version: 1\ncoders: [a, b]\noverlap: 90\nreviewed:\n  - x/y\nlog:\n  - at: \"2026-11-25T10:00:00Z\"\n    action: update\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkDecode(t, data) })
}

// TestLoadSegmentsMatchesLoad reads the consensus segments alone and
// checks them against the whole file read by Load.
func TestLoadSegmentsMatchesLoad(t *testing.T) {
	c := New("alice", "bob")
	a, b := coders()
	c.Update(a, b, docs, Options{Now: func() time.Time { return t0 }})
	c.Decide(c.Open()[0].ID, Decision{Kind: AcceptA, By: "alice", At: t0}, nil)
	dir := t.TempDir()
	if err := c.Save(dir); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(Path(dir))
	if _, ok := decodeSegments(data); !ok {
		t.Fatalf("decodeSegments refused a file Save wrote:\n%s", data)
	}
	whole, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	part, err := LoadSegments(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Segments) == 0 || !reflect.DeepEqual(part.AsCoding(), whole.AsCoding()) {
		t.Errorf("segments\n%+v\nwant\n%+v", part.AsCoding(), whole.AsCoding())
	}
}
