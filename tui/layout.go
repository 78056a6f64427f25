package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// cut truncates s (which may hold styles) to w cells, with an ellipsis.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// pad truncates or pads s to exactly w cells.
func pad(s string, w int) string {
	s = cut(s, w)
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// column pads every line to w cells and the column to h lines.
func column(lines []string, w, h int) []string {
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = pad(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return out
}

// beside joins columns of lines side by side with a separator.
func beside(sep string, cols ...[]string) []string {
	h := 0
	for _, c := range cols {
		h = max(h, len(c))
	}
	out := make([]string, h)
	for i := 0; i < h; i++ {
		var b strings.Builder
		for j, c := range cols {
			if j > 0 {
				b.WriteString(sep)
			}
			if i < len(c) {
				b.WriteString(c[i])
			}
		}
		out[i] = b.String()
	}
	return out
}

// flat makes text one line: line breaks and tabs become spaces.
func flat(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// wrapText wraps plain text to w cells (UAX #14), as lines.
func wrapText(s string, w int) []string {
	l := newTextLayout(s, w)
	plain := func(int) int { return 0 }
	lines := l.render(0, len(l.lines), plain, nil)
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return lines
}

// cellWidth is the width of s (which may hold styles) in cells.
func cellWidth(s string) int { return ansi.StringWidth(s) }
