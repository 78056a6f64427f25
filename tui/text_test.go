package tui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestDrawForm checks the graphemes the renderer (wcwidth) and lipgloss
// (grapheme widths) measure differently: each is drawn in a form both
// measure alike, its base character.
func TestDrawForm(t *testing.T) {
	cases := []struct {
		in, draw string
		width    int
	}{
		{"a", "a", 1},
		{"中", "中", 2},
		{"e\u0301", "e\u0301", 1}, // decomposed é: one cell either way
		{"👍🏽", "👍", 2},            // thumbs up with a skin tone modifier
		{"❤️", "❤", 1},            // heart with VS16: 2 cells as a grapheme, 1 by wcwidth
		{"👩\u200d👧", "👩", 2},      // woman and girl joined by ZWJ
		{"\t", " ", 1},
		{"🏽", "?", 1},      // a lone skin tone (after a control character) would join the character before
		{"\u0301", "?", 1}, // so would a lone accent
		{"\x07", "·", 1},
	}
	for _, c := range cases {
		draw, w := drawForm(c.in)
		if draw != c.draw || w != c.width {
			t.Errorf("drawForm(%q) = %q, %d; want %q, %d", c.in, draw, w, c.draw, c.width)
		}
		if ansi.StringWidth(draw) != ansi.StringWidthWc(draw) {
			t.Errorf("%q is drawn as %q, which the two measures still disagree on", c.in, draw)
		}
	}
}

// TestGraphemesAndWords lays out "Cafe\u0301 👩‍👧 ok", whose code points
// are C0 a1 f2 e3 ◌́4 space5 👩6 ZWJ7 👧8 space9 o10 k11: nine graphemes,
// the é spanning 3-5 and the family 6-9; the words are "Café" (graphemes
// 0-4) and "ok" (7-9); the emoji is no word.
func TestGraphemesAndWords(t *testing.T) {
	l := newTextLayout("Cafe\u0301 👩\u200d👧 ok", 40)
	var spans [][2]int
	for _, g := range l.gs {
		spans = append(spans, [2]int{g.start, g.end})
	}
	want := [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 5}, {5, 6}, {6, 9}, {9, 10}, {10, 11}, {11, 12}}
	if len(spans) != len(want) {
		t.Fatalf("graphemes %v, want %v", spans, want)
	}
	for i := range want {
		if spans[i] != want[i] {
			t.Fatalf("graphemes %v, want %v", spans, want)
		}
	}
	if got := l.words; len(got) != 2 || got[0] != [2]int{0, 4} || got[1] != [2]int{7, 9} {
		t.Fatalf("words %v, want [[0 4] [7 9]]", got)
	}
	// A word selection from the start ends after the é's accent: code
	// point 5, never between e and its accent.
	if end := l.offset(l.wordEndAfter(0)); end != 5 {
		t.Fatalf("the first word ends at code point %d, want 5", end)
	}
	if g := l.graphemeAt(4); g != 3 {
		t.Fatalf("code point 4 (the accent) is in grapheme %d, want 3", g)
	}
	if g := l.graphemeAt(7); g != 5 {
		t.Fatalf("code point 7 (the ZWJ) is in grapheme %d, want 5", g)
	}
	if l.offset(len(l.gs)) != 12 {
		t.Fatalf("the end of the text is code point %d, want 12", l.offset(len(l.gs)))
	}
}

func lineTexts(l *textLayout) []string {
	var out []string
	for _, r := range l.lines {
		var b strings.Builder
		for _, g := range l.gs[r[0]:r[1]] {
			b.WriteString(g.draw)
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	return out
}

func TestWrap(t *testing.T) {
	cases := []struct {
		text  string
		width int
		want  []string
	}{
		{"aaa bbb ccc", 7, []string{"aaa bbb", "ccc"}},
		{"aaa bbb ccc", 8, []string{"aaa bbb", "ccc"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"one\ntwo", 20, []string{"one", "two"}},
		// UAX #14 lets a line break after a hyphen, not inside "self".
		{"well self-compassion", 12, []string{"well self-", "compassion"}},
		{"中文字符测试", 6, []string{"中文字", "符测试"}},
	}
	for _, c := range cases {
		got := lineTexts(newTextLayout(c.text, c.width))
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", c.text, c.width, got, c.want)
		}
	}
}

// checkRendered holds the invariants of a layout: every grapheme on
// exactly one line, in order, and every drawn line exactly the width by
// both measures, so that tmux and lipgloss agree on where it ends.
func checkRendered(t *testing.T, text string, width int) {
	t.Helper()
	l := newTextLayout(text, width)
	next := 0
	for _, r := range l.lines {
		if r[0] != next || r[1] < r[0] {
			t.Fatalf("%q at %d: lines %v do not cover the graphemes in order", text, width, l.lines)
		}
		next = r[1]
	}
	if next != len(l.gs) {
		t.Fatalf("%q at %d: lines end at grapheme %d of %d", text, width, next, len(l.gs))
	}
	cursor := len(l.gs) / 2
	style := func(g int) int {
		if g == cursor {
			return 1
		}
		return 0
	}
	for i, line := range l.render(0, len(l.lines), style, []lipgloss.Style{{}, lipgloss.NewStyle().Reverse(true)}) {
		if a, b := ansi.StringWidth(line), ansi.StringWidthWc(line); a != l.width || b != l.width {
			t.Fatalf("%q at %d: line %d is %d cells by graphemes and %d by wcwidth, want %d: %q", text, width, i, a, b, l.width, line)
		}
	}
}

func TestRenderedWidths(t *testing.T) {
	for _, text := range []string{
		"Thanks 👍🏽 to all ❤️ and my family 👩\u200d👧 too",
		"Cafe\u0301 au lait, naïve résumé",
		"tabs\there and\x07bells",
		"",
		"a",
		strings.Repeat("word ", 40),
	} {
		for _, w := range []int{4, 10, 37, 80} {
			checkRendered(t, text, w)
		}
	}
}

// FuzzTextLayout lays out any answer text (answers are user data) and
// checks the invariants above.
func FuzzTextLayout(f *testing.F) {
	f.Add("Thanks 👍🏽 ❤️ 👩\u200d👧", 10)
	f.Add("e\u0301\u0301\u0301 x", 4)
	f.Add("a\r\nb\u2028c", 3)
	f.Fuzz(func(t *testing.T, text string, width int) {
		if !utf8.ValidString(text) || width < 4 || width > 200 || len(text) > 2000 {
			return
		}
		checkRendered(t, text, width)
		l := newTextLayout(text, width)
		if l.offset(len(l.gs)) != utf8.RuneCountInString(text) {
			t.Fatalf("the layout ends at code point %d, the text has %d", l.offset(len(l.gs)), utf8.RuneCountInString(text))
		}
	})
}
