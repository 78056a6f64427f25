package triangulate

import (
	"slices"
	"strings"
)

// Markup returns text with the first coder's spans in [square brackets] and
// the second coder's in {braces}, so that both codings of one answer can be
// read in one line. At one position, spans close before others open.
// Positions are code points; spans beyond the text close at its end.
func Markup(text string, a, b []Span) string {
	runes := []rune(text)
	n := len(runes)
	// other is the span's other end and coder 0 or 1: at one position,
	// marks are ordered so that spans nest (the longer opens first, the
	// inner closes first) and a before b when the spans are the same.
	type mark struct {
		at, other, coder int
		open             bool
		glyph            string
	}
	var marks []mark
	add := func(spans []Span, coder int, open, close string) {
		for _, s := range spans {
			st, en := min(max(s.Start, 0), n), min(max(s.End, 0), n)
			marks = append(marks, mark{st, en, coder, true, open}, mark{en, st, coder, false, close})
		}
	}
	add(a, 0, "[", "]")
	add(b, 1, "{", "}")
	slices.SortStableFunc(marks, func(x, y mark) int {
		switch {
		case x.at != y.at:
			return x.at - y.at
		case x.open != y.open:
			if x.open {
				return 1
			}
			return -1
		case x.other != y.other:
			return y.other - x.other
		case x.open:
			return x.coder - y.coder
		}
		return y.coder - x.coder
	})
	var sb strings.Builder
	pos := 0
	for _, m := range marks {
		sb.WriteString(string(runes[pos:m.at]))
		pos = m.at
		sb.WriteString(m.glyph)
	}
	sb.WriteString(string(runes[pos:]))
	return sb.String()
}
