package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a run of letters and digits in a text, in byte offsets. An
// apostrophe or hyphen between two letters stays inside the token, so
// "O'Brien", "Smith-Jones" and "Sarah's" are one token each.
type token struct {
	start, end int
	hasDigit   bool
	hasLetter  bool
}

// tokenize appends the tokens of text to toks.
func tokenize(text string, toks []token) []token {
	in := false
	var cur token
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		n := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		digit := c >= '0' && c <= '9'
		letter := !digit && (c < utf8.RuneSelf && isLetter(c) || c >= utf8.RuneSelf && unicode.IsLetter(r))
		switch {
		case digit || letter:
			if !in {
				cur = token{start: i}
				in = true
			}
			cur.hasDigit = cur.hasDigit || digit
			cur.hasLetter = cur.hasLetter || letter
		case in && isJoiner(r) && cur.hasLetter && !cur.hasDigit && letterAt(text, i+n):
			// inside a word: O'Brien, Smith-Jones
		default:
			if in {
				cur.end = i
				toks = append(toks, cur)
				in = false
			}
		}
		i += n
	}
	if in {
		cur.end = len(text)
		toks = append(toks, cur)
	}
	return toks
}

func isJoiner(r rune) bool { return r == '\'' || r == '’' || r == '-' }

func letterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return isLetter(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// word is the token's text.
func (s *scan) word(i int) string { return s.text[s.toks[i].start:s.toks[i].end] }

// capitalised reports whether w looks like a name: letters only (with
// inner apostrophes and hyphens), at least two of them, an upper-case first
// letter and at least one lower-case letter ("McDonald", "O'Brien"; not
// "NHS", not "I").
func capitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || len(w) <= n {
		return false
	}
	lower := false
	for _, r := range w[n:] {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsLetter(r) || isJoiner(r):
		default:
			return false
		}
	}
	return lower
}

// namePart strips a possessive "'s" from a word: "Sarah's" → "Sarah".
func namePart(w string) string {
	for _, suf := range []string{"'s", "’s"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// spaceBetween reports whether tokens i and j are separated by one or two
// spaces only (no punctuation, no line break).
func (s *scan) spaceBetween(i, j int) bool {
	if j >= len(s.toks) || i < 0 {
		return false
	}
	gap := s.text[s.toks[i].end:s.toks[j].start]
	if gap == "" || len(gap) > 4 {
		return false
	}
	for _, r := range gap {
		if r != ' ' && r != '\u00a0' {
			return false
		}
	}
	return true
}

// sentenceStart reports whether token i begins a sentence: it is the
// first word of the text, of a line, or follows . ! ? : or ; (opening
// quotes and brackets in between are skipped). A full stop after an
// honorific ("Dr.") ends no sentence.
func (s *scan) sentenceStart(i int) bool {
	p := s.toks[i].start
	for p > 0 {
		r, n := utf8.DecodeLastRuneInString(s.text[:p])
		switch r {
		case ' ', '\t', '\u00a0', '"', '\'', '“', '‘', '(', '[', '*', '•', '-', '–':
			p -= n
			continue
		case '\n', '\r', '!', '?', ':', ';':
			return true
		case '.':
			return i == 0 || !s.d.words.honorific[s.word(i-1)]
		}
		return false
	}
	return true
}
