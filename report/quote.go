package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// trimSpace trims white space from both ends of a quote that starts at
// code point start of its answer, returning the text and its new start.
// The text stays an exact stretch of the answer, so the personal-data
// guard can place it.
func trimSpace(text string, start int) (string, int) {
	trimmed := strings.TrimLeftFunc(text, unicode.IsSpace)
	start += utf8.RuneCountInString(text[:len(text)-len(trimmed)])
	return strings.TrimRightFunc(trimmed, unicode.IsSpace), start
}

// cutAtWord returns the byte length of the longest prefix of text that has
// at most limit characters and ends at a word boundary, without trailing
// spaces or clause punctuation, and whether anything was cut. A first
// word longer than limit is cut inside the word.
func cutAtWord(text string, limit int) (n int, cut bool) {
	if utf8.RuneCountInString(text) <= limit {
		return len(text), false
	}
	end, count := 0, 0 // byte offset after limit characters
	for i := range text {
		if count == limit {
			end = i
			break
		}
		count++
	}
	// A boundary is a space: the cut keeps everything before the last
	// space at or before end, unless the next character is a space too,
	// in which case the prefix ends on a whole word already.
	next, _ := utf8.DecodeRuneInString(text[end:])
	n = end
	if !unicode.IsSpace(next) {
		n = strings.LastIndexFunc(text[:end], unicode.IsSpace)
	}
	if n > 0 {
		n = len(strings.TrimRightFunc(text[:n], func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(",;:–—-(", r)
		}))
	}
	if n <= 0 { // one long first word: cut inside it
		n = len(strings.TrimRightFunc(text[:end], unicode.IsSpace))
	}
	return n, true
}
