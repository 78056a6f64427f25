package report

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzCutAtWord checks the cut of any quote: a prefix of the text, at most
// limit characters, never ending in a space, and cut only when the text was
// longer.
func FuzzCutAtWord(f *testing.F) {
	f.Add("Being with people who just get it", 12)
	f.Add("  spaces  everywhere  ", 3)
	f.Add("é—é—é", 2)
	f.Add("    xyz", 2)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if !utf8.ValidString(text) || limit < 1 || limit > 1000 {
			return
		}
		n, cut := cutAtWord(text, limit)
		got := text[:n]
		if utf8.RuneCountInString(got) > limit {
			t.Fatalf("%q cut to %d: %q is longer", text, limit, got)
		}
		if cut != (utf8.RuneCountInString(text) > limit) {
			t.Fatalf("%q cut to %d: cut %v", text, limit, cut)
		}
		if cut && strings.TrimRightFunc(got, unicode.IsSpace) != got {
			t.Fatalf("%q cut to %d: %q ends in a space", text, limit, got)
		}
	})
}

// FuzzMarkdownCell checks that study text in a table cell can never end
// the cell or the row: no unescaped pipe, no line break.
func FuzzMarkdownCell(f *testing.F) {
	f.Add("a | b\nc")
	f.Add(`\|`)
	f.Fuzz(func(t *testing.T, s string) {
		c := mdCell(s)
		if strings.ContainsAny(c, "\n\r") {
			t.Fatalf("%q has a line break", c)
		}
		for i := 0; i < len(c); i++ {
			switch c[i] {
			case '\\':
				i++ // the escaped character
			case '|':
				t.Fatalf("%q has an unescaped pipe at %d", c, i)
			}
		}
	})
}
