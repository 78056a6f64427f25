package main

import (
	"strings"
	"unicode/utf8"
)

// Widths of table cells: a table stays readable, and its size bounded,
// whatever the study holds (a 50 MB answer or attribute value would
// otherwise pad every line to its width). JSON output is never cut.
const (
	cellWidth    = 40  // ids, attribute values, words, span lists
	snippetWidth = 160 // snippets, already cut to about this by the index
)

// tableCell fits s into one table cell: one line, at most width
// characters, ending in "…" when cut.
func tableCell(s string, width int) string {
	if strings.ContainsAny(s, "\t\r\n") {
		s = strings.NewReplacer("\t", " ", "\r\n", " ", "\r", " ", "\n", " ").Replace(s)
	}
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	k := 0
	for i := range s {
		if k == width-1 {
			return s[:i] + "…"
		}
		k++
	}
	return s
}
