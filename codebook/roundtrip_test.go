package codebook

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoOpSaveIsByteIdentical loads a representative file (unicode, emoji,
// multi-line definitions and memos, quoted strings, empty optional fields,
// every node kind, history) and saves it unchanged: git must see no diff.
func TestNoOpSaveIsByteIdentical(t *testing.T) {
	src := filepath.Join("testdata", "representative.yaml")
	want, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := Load(src)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	out := filepath.Join(t.TempDir(), FileName)
	if err := cb.Save(out); err != nil {
		t.Fatalf("save: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("save changed the file:\n%s", lineDiff(string(want), string(got)))
	}
}

// TestRoundTripTrickyText saves text that YAML treats specially in free
// text fields and checks that it reads back exactly and saves stably.
func TestRoundTripTrickyText(t *testing.T) {
	for _, s := range trickyTexts {
		cb := New()
		cb.Codes = []*Node{{ID: "c", Name: "C", Kind: Code, Definition: s, Memo: s + s, Scope: &Scope{Include: s}}}
		cb.History = []Event{{What: OpEdit, Who: "alice", When: "2026-03-01T10:00:00Z", ID: "c", Details: s}}
		first, err := cb.Marshal()
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		back, err := Parse("f.yaml", first)
		if err != nil {
			t.Errorf("%q: saved file does not load: %v\n%s", s, err, first)
			continue
		}
		n := back.Codes[0]
		if n.Definition != s || n.Memo != s+s || back.History[0].Details != s {
			t.Errorf("%q read back as %q / %q / %q\n%s", s, n.Definition, n.Memo, back.History[0].Details, first)
		}
		if s != "" && (n.Scope == nil || n.Scope.Include != s) {
			t.Errorf("%q: scope read back as %+v", s, n.Scope)
		}
		second, err := back.Marshal()
		if err != nil || !bytes.Equal(first, second) {
			t.Errorf("%q: second save differs (%v):\n%s", s, err, lineDiff(string(first), string(second)))
		}
	}
}

// trickyTexts are free texts that YAML treats specially.
var trickyTexts = []string{
	"", "yes", "no", "null", "~", "123", "1e3", "0x10", "- dash", "#hash", "a: b", "a #b",
	"'quoted'", `"double"`, "trailing  ", " leading", "tab\there", "multi\nline", "multi\nline\n",
	"multi\nline\n\n", "\nleading newline", " indented\nsecond", "trailing space \nnext",
	"emoji 🙂\nsecond line 👍🏽", "\uE000 private use and 🙂", "cr\r\nlf", "bom\uFEFF", "nul\x00",
	"line\u2028separator", "@at", "`tick", "%percent", "!bang", "&anchor", "*alias", "|pipe", "> gt",
	"{brace}", "[bracket]", "2026-03-01", "2026-03-01T10:00:00Z", strings.Repeat("long words ", 40),
	"日本語のテキスト\n第二行", "\n", "\n\n", "a\n\n\nb", " \n", "\t\nx", "\n 🙂", "ends with backslash \\", "---", "...", "? question",
}
