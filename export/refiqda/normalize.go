package refiqda

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize brings a source's text to the form a study keeps answers in
// (line endings LF, no U+FEFF, Unicode NFC, no white space at either end:
// what corpus.NormalizeText and the import's trimming make of it) and
// returns a map of code point positions in text onto positions in the
// result, so that selections made on the text as another tool had it
// (NVivo counts CRLF as two) still cover the same words.
func Normalize(text string) (string, PositionMap) {
	runes := []rune(text)
	// Step 1: drop U+FEFF and the CR of CRLF, turn a lone CR into LF.
	keep := make([]int, len(runes)+1) // position → position after step 1
	var b strings.Builder
	n := 0
	for i, r := range runes {
		keep[i] = n
		switch {
		case r == '\uFEFF':
			continue
		case r == '\r' && i+1 < len(runes) && runes[i+1] == '\n':
			continue
		case r == '\r':
			r = '\n'
		}
		b.WriteRune(r)
		n++
	}
	keep[len(runes)] = n
	step1 := b.String()
	// Step 2: NFC, segment by segment, mapping each segment's bounds.
	composed, nfc := composeWithMap(step1, n)
	// Step 3: trim white space.
	lead := 0
	for _, r := range composed {
		if !unicode.IsSpace(r) {
			break
		}
		lead++
	}
	out := strings.TrimSpace(composed)
	return out, PositionMap{step1: keep, nfc: nfc, lead: lead, n: utf8.RuneCountInString(out)}
}

// composeWithMap composes s (of n code points) to NFC; map[p] is where
// position p lands (a position inside a composed sequence lands at its
// end).
func composeWithMap(s string, n int) (string, []int) {
	m := make([]int, n+1)
	if norm.NFC.IsNormalString(s) {
		for i := range m {
			m[i] = i
		}
		return s, m
	}
	var it norm.Iter
	it.InitString(norm.NFC, s)
	var b strings.Builder
	in, out := 0, 0
	for !it.Done() {
		startByte := it.Pos()
		seg := it.Next()
		inRunes := utf8.RuneCountInString(s[startByte:it.Pos()])
		outRunes := utf8.RuneCount(seg)
		m[in] = out
		for k := 1; k < inRunes; k++ {
			m[in+k] = out + outRunes
		}
		in += inRunes
		out += outRunes
		b.Write(seg)
	}
	m[in] = out
	return b.String(), m
}

// PositionMap maps code point positions of a source's text as read onto
// the normalised text.
type PositionMap struct {
	step1, nfc []int
	lead, n    int
}

// Map returns where position p lands, clamped to the normalised text.
func (m PositionMap) Map(p int) int {
	if p < 0 {
		p = 0
	}
	if p >= len(m.step1) {
		p = len(m.step1) - 1
	}
	q := m.nfc[m.step1[p]] - m.lead
	return max(0, min(q, m.n))
}
