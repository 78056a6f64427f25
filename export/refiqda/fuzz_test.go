package refiqda

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// FuzzReadQDPX: any bytes read as a project give an error or a package,
// never a panic.
func FuzzReadQDPX(f *testing.F) {
	f.Add(nvivoZip(f))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pkg, err := ReadQDPX(data)
		if err == nil {
			FromPackage(pkg, "imported")
		}
	})
}

// FuzzImportProject: any project.qde with a source text gives segments
// that lie inside their answers' normalised texts.
func FuzzImportProject(f *testing.F) {
	f.Add(nvivoProject, "\xEF\xBB\xBFHello there.\r\nThe cafe\u0301 was calm.\r\n")
	f.Add(`<Project name="p"><Sources><TextSource guid="x" plainTextPath="internal://x.txt"><PlainTextSelection guid="s" startPosition="0" endPosition="99"><Coding guid="c"><CodeRef targetGUID="k"/></Coding></PlainTextSelection></TextSource></Sources></Project>`, " a\r\n")
	f.Fuzz(func(t *testing.T, qde, text string) {
		data := zipOf(t, map[string][]byte{
			"project.qde": []byte(qde),
			"sources/D0000000-0000-4000-8000-000000000001.txt": []byte(text),
			"sources/x.txt": []byte(text),
		})
		pkg, err := ReadQDPX(data)
		if err != nil {
			return
		}
		im := FromPackage(pkg, "imported")
		texts := map[string]string{}
		for _, d := range im.Documents {
			texts[d.ID] = d.Text
		}
		for _, s := range im.Segments {
			n := utf8.RuneCountInString(texts[s.Document])
			if s.Start < 0 || s.End > n || s.Start >= s.End || len(s.Codes) == 0 {
				t.Fatalf("segment %+v does not fit %q", s, texts[s.Document])
			}
		}
	})
}

// FuzzParseQDC: no panic on any codebook file.
func FuzzParseQDC(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="a" name="A" isCodable="true"/></Codes><Sets/></CodeBook>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if c, err := ParseQDC(data); err == nil {
			FromQDC(c)
		}
	})
}

// FuzzNormalize: the text is what a study makes of it, and the map is
// monotone and stays inside it.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Hello there.\r\nThe cafe\u0301 was calm.\r\n", "\uFEFF  a\rb", "e\u0301\u0301 x", " \t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		text, m := Normalize(s)
		if want := strings.TrimSpace(corpus.NormalizeText(s)); text != want {
			t.Fatalf("Normalize(%q) = %q, the study keeps %q", s, text, want)
		}
		n, prev := utf8.RuneCountInString(text), 0
		for p := 0; p <= utf8.RuneCountInString(s); p++ {
			q := m.Map(p)
			if q < prev || q > n {
				t.Fatalf("Normalize(%q): Map(%d) = %d after %d (length %d)", s, p, q, prev, n)
			}
			prev = q
		}
	})
}
