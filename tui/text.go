package tui

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// grapheme is one user-perceived character of a text as the answer view
// draws it. Offsets still point at the real text (code points), while draw
// is a form whose width the terminal renderer (wcwidth) and lipgloss
// (grapheme widths) agree on: 👍🏽 is drawn as 👍, ❤️ as ❤, so that no line
// loses its last letters in a terminal without grapheme support.
type grapheme struct {
	start, end int // code points, end exclusive
	draw       string
	width      int
	space      bool // white space, where a word ends
	hardBreak  bool // a line break in the text
	canBreak   bool // a line may end after it (UAX #14)
	wordEnd    bool // a word boundary follows (UAX #29)
}

// drawForm returns how a grapheme cluster is drawn and its width in cells.
func drawForm(cluster string) (string, int) {
	r, _ := utf8.DecodeRuneInString(cluster)
	switch {
	case cluster == "\t":
		return " ", 1
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return "·", 1
	}
	if r < utf8.RuneSelf && len(cluster) == 1 {
		return cluster, 1
	}
	w := ansi.StringWidth(cluster)
	if w == ansi.StringWidthWc(cluster) && standsAlone(cluster) {
		return cluster, w
	}
	first := string(r)
	if w1 := ansi.StringWidth(first); w1 > 0 && w1 == ansi.StringWidthWc(first) && standsAlone(first) {
		return first, w1
	}
	return "?", 1
}

// standsAlone reports whether s stays a grapheme of its own between two
// letters. A lone accent or skin-tone modifier (after a control character
// in the text) would join the character drawn before it, and a prepended
// mark the one after: the screen's graphemes would no longer be the
// layout's.
func standsAlone(s string) bool {
	return uniseg.GraphemeClusterCount("a"+s+"a") == 3
}

// textLayout is a document's text cut into graphemes, words and lines of
// a given width: the map between code points (offsets) and cells (screen).
type textLayout struct {
	gs    []grapheme
	words [][2]int // grapheme index ranges of words (letters or digits)
	width int
	lines [][2]int // grapheme index ranges of display lines
}

// newTextLayout lays out text for a column of width cells.
func newTextLayout(text string, width int) *textLayout {
	l := &textLayout{width: max(width, 4)}
	cp, state := 0, -1
	rest := text
	wordStart, wordHasLetter := 0, false
	for len(rest) > 0 {
		var cluster string
		var bounds int
		cluster, rest, bounds, state = uniseg.StepString(rest, state)
		n := utf8.RuneCountInString(cluster)
		g := grapheme{start: cp, end: cp + n}
		cp += n
		r, _ := utf8.DecodeRuneInString(cluster)
		switch {
		case cluster == "\n" || cluster == "\r\n" || cluster == "\r" || r == '\u2028' || r == '\u2029':
			g.hardBreak, g.space = true, true
		default:
			g.draw, g.width = drawForm(cluster)
			g.space = unicode.IsSpace(r)
		}
		lb := bounds & uniseg.MaskLine
		g.canBreak = lb == uniseg.LineCanBreak || lb == uniseg.LineMustBreak
		g.wordEnd = bounds&uniseg.MaskWord != 0 || len(rest) == 0
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			wordHasLetter = true
		}
		l.gs = append(l.gs, g)
		if g.wordEnd {
			if wordHasLetter {
				l.words = append(l.words, [2]int{wordStart, len(l.gs)})
			}
			wordStart, wordHasLetter = len(l.gs), false
		}
	}
	l.wrap()
	return l
}

// wrap cuts the graphemes into lines at UAX #14 break opportunities; a
// word longer than the line is cut between graphemes. Spaces at a line's
// end may hang past the width: they are not drawn.
func (l *textLayout) wrap() {
	l.lines = l.lines[:0]
	from, w := 0, 0 // current line start and width
	segFrom, segW := 0, 0
	flushLine := func(to int) {
		l.lines = append(l.lines, [2]int{from, to})
		from, w = to, 0
	}
	for i := range l.gs {
		g := &l.gs[i]
		if g.hardBreak {
			flushLine(i + 1)
			segFrom, segW = i+1, 0
			continue
		}
		if !g.space {
			segW += g.width
		}
		if !g.canBreak && i < len(l.gs)-1 {
			continue
		}
		// [segFrom, i] is an unbreakable piece of segW cells (without
		// trailing spaces).
		if w > 0 && w+segW > l.width {
			flushLine(segFrom)
		}
		for segW > l.width { // cut a long word
			cut, cw := segFrom, 0
			for cut <= i && cw+l.gs[cut].width <= l.width {
				cw += l.gs[cut].width
				cut++
			}
			if cut == segFrom {
				cut++
			}
			flushLine(cut)
			segW -= cw
			segFrom = cut
		}
		for j := segFrom; j <= i; j++ {
			w += l.gs[j].width
		}
		segFrom, segW = i+1, 0
	}
	if from < len(l.gs) || len(l.lines) == 0 {
		l.lines = append(l.lines, [2]int{from, len(l.gs)})
	}
}

// graphemeAt returns the index of the grapheme holding code point cp
// (len(gs) for the end of the text).
func (l *textLayout) graphemeAt(cp int) int {
	return sort.Search(len(l.gs), func(i int) bool { return l.gs[i].end > cp })
}

// offset returns the code point where grapheme i starts (the text's length
// for i == len(gs)).
func (l *textLayout) offset(i int) int {
	if i >= len(l.gs) {
		if len(l.gs) == 0 {
			return 0
		}
		return l.gs[len(l.gs)-1].end
	}
	return l.gs[i].start
}

// lineOf returns the display line holding grapheme i.
func (l *textLayout) lineOf(i int) int {
	n := sort.Search(len(l.lines), func(k int) bool { return l.lines[k][1] > i })
	return min(n, len(l.lines)-1)
}

// column returns grapheme i's cell column in its line.
func (l *textLayout) column(i int) int {
	ln := l.lines[l.lineOf(i)]
	c := 0
	for j := ln[0]; j < i && j < len(l.gs); j++ {
		c += l.gs[j].width
	}
	return c
}

// at returns the grapheme at cell column col of line ln (the line's last
// position when col is past its end).
func (l *textLayout) at(ln, col int) int {
	ln = max(0, min(ln, len(l.lines)-1))
	r := l.lines[ln]
	c := 0
	for j := r[0]; j < r[1]; j++ {
		if l.gs[j].hardBreak || c+l.gs[j].width > col {
			return j
		}
		c += l.gs[j].width
	}
	if r[1] == len(l.gs) {
		return r[1]
	}
	return max(r[0], r[1]-1)
}

// wordEndAfter returns the end of the word at or after grapheme i: the
// grapheme index just past it (i itself when no word follows).
func (l *textLayout) wordEndAfter(i int) int {
	for _, w := range l.words {
		if w[1] > i {
			return w[1]
		}
	}
	return max(i, len(l.gs))
}

// wordStartBefore returns the start of the word before grapheme i (or of
// the word i is inside).
func (l *textLayout) wordStartBefore(i int) int {
	for k := len(l.words) - 1; k >= 0; k-- {
		if l.words[k][0] < i {
			return l.words[k][0]
		}
	}
	return 0
}

// wordStartAfter returns the start of the next word after grapheme i.
func (l *textLayout) wordStartAfter(i int) int {
	for _, w := range l.words {
		if w[0] > i {
			return w[0]
		}
	}
	return len(l.gs)
}

// wordEndBefore returns the end of the last word ending before grapheme i.
func (l *textLayout) wordEndBefore(i int) int {
	for k := len(l.words) - 1; k >= 0; k-- {
		if l.words[k][1] < i {
			return l.words[k][1]
		}
	}
	return 0
}

// snapStart moves grapheme i back to the start of the word it is inside.
func (l *textLayout) snapStart(i int) int {
	for _, w := range l.words {
		if w[0] <= i && i < w[1] {
			return w[0]
		}
	}
	return i
}

// render draws display lines [from, from+n) padded to the width; style
// gives each grapheme's style index into styles (0: plain), and the
// cursor, when >= 0, is drawn reversed.
func (l *textLayout) render(from, n int, style func(g int) int, styles []lipgloss.Style) []string {
	out := make([]string, 0, n)
	var b strings.Builder
	for ln := from; ln < from+n; ln++ {
		if ln >= len(l.lines) {
			out = append(out, strings.Repeat(" ", l.width))
			continue
		}
		b.Reset()
		r := l.lines[ln]
		w := 0
		run, runStyle := strings.Builder{}, -1
		flush := func() {
			if run.Len() > 0 {
				if runStyle > 0 {
					b.WriteString(styles[runStyle].Render(run.String()))
				} else {
					b.WriteString(run.String())
				}
				run.Reset()
			}
		}
		end := r[1]
		if end == len(l.gs) {
			end++ // the end of the text is a place for the cursor
		}
		for j := r[0]; j < end; j++ {
			var draw string
			var gw int
			switch {
			case j == len(l.gs):
				draw, gw = " ", 1
			case l.gs[j].hardBreak:
				draw, gw = " ", 1
			default:
				draw, gw = l.gs[j].draw, l.gs[j].width
			}
			if w+gw > l.width {
				break // a hanging space
			}
			s := style(j)
			if s == 0 && (j == len(l.gs) || l.gs[j].hardBreak) {
				continue
			}
			if s != runStyle {
				flush()
				runStyle = s
			}
			run.WriteString(draw)
			w += gw
		}
		flush()
		if w < l.width {
			b.WriteString(strings.Repeat(" ", l.width-w))
		}
		out = append(out, b.String())
	}
	return out
}
