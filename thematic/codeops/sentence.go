package codeops

// SentenceBounds widens the code point span [start, end) of text to the
// sentence or sentences holding it. A sentence ends after '.', '!' or '?'
// (with any run of them and closing quotes or brackets that follow, as in
// "Really?!" or "(it helped.)"), and at a line break. Whitespace around a
// sentence is not part of it.
//
// Known limit: an abbreviation ("Dr. Smith", "e.g. this") or a decimal
// point followed by a space ends a sentence here. A full stop between two
// letters or digits ("3.5", "e.g") does not, since sentence punctuation is
// only taken as an end when whitespace or the end of the text follows.
func SentenceBounds(text []rune, start, end int) (int, int) {
	start = max(0, min(start, len(text)))
	end = max(0, min(end, len(text)))
	if start > end {
		start = end
	}
	s := start
	for s > 0 && !endsSentenceBefore(text, s) {
		s--
	}
	for s < len(text) && isSpace(text[s]) {
		s++
	}
	e := end
	if e == start && e < len(text) {
		e++ // an empty span still belongs to a sentence
	}
	if e > 0 && endsSentenceBefore(text, e) {
		// The span already ends at a sentence end.
	} else {
		for e < len(text) && !endsSentenceBefore(text, e) {
			e++
		}
	}
	for e > s && isSpace(text[e-1]) {
		e--
	}
	if s > start {
		s = start // a span starting in whitespace keeps its start
	}
	if e < end {
		e = end
	}
	return s, e
}

// endsSentenceBefore reports whether a sentence ends just before position i:
// text[i-1] is a line break, or i follows sentence punctuation (and closers)
// and is at the end of the text or at whitespace.
func endsSentenceBefore(text []rune, i int) bool {
	if i <= 0 {
		return false
	}
	if i >= len(text)+1 {
		return true
	}
	if isLineBreak(text[i-1]) {
		return true
	}
	if i < len(text) && !isSpace(text[i]) {
		return false
	}
	j := i - 1
	for j >= 0 && isCloser(text[j]) {
		j--
	}
	return j >= 0 && isTerminal(text[j])
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '’', '”', '»':
		return true
	}
	return false
}

func isLineBreak(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' }

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2028', '\u2029':
		return true
	}
	return false
}
