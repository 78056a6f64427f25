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
	type mark struct {
		at    int
		open  bool
		glyph string
	}
	var marks []mark
	add := func(spans []Span, open, close string) {
		for _, s := range spans {
			marks = append(marks, mark{min(max(s.Start, 0), n), true, open}, mark{min(s.End, n), false, close})
		}
	}
	add(a, "[", "]")
	add(b, "{", "}")
	slices.SortStableFunc(marks, func(x, y mark) int {
		if x.at != y.at {
			return x.at - y.at
		}
		if x.open != y.open {
			if x.open {
				return 1
			}
			return -1
		}
		return 0
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
