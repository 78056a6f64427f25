package corpus

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a column header or file name into a short label for ids: lower
// case ASCII letters and digits joined by '-', accents dropped, at most
// maxWords words ("What helped you most?" → "what-helped-you-most"). It
// returns "" when nothing usable is left.
func Slug(s string, maxWords int) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: "é" decomposed is "e" + U+0301
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			cur.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "patient's" stays one word
		default:
			flush()
		}
	}
	flush()
	if maxWords > 0 && len(words) > maxWords {
		words = words[:maxWords]
	}
	return strings.Join(words, "-")
}

// labelStopWords are the words of question wording that say nothing about
// the question ("What did you find most helpful?" is about "most helpful").
var labelStopWords = map[string]bool{
	"a": true, "about": true, "an": true, "and": true, "any": true, "are": true, "be": true,
	"could": true, "did": true, "do": true, "does": true, "for": true, "how": true, "i": true,
	"if": true, "in": true, "is": true, "it": true, "like": true, "me": true, "my": true,
	"of": true, "on": true, "or": true, "please": true, "the": true, "there": true, "this": true,
	"to": true, "was": true, "we": true, "were": true, "what": true, "which": true, "would": true,
	"you": true, "your": true, "find": true, "tell": true, "us": true,
}

// QuestionLabel makes a short label from a column header: its first three
// words that are not question filler ("What could be improved about the
// group?" → "improved-group"), else Slug's first three words.
func QuestionLabel(header string) string {
	var kept []string
	for _, w := range strings.Split(Slug(header, 0), "-") {
		if w != "" && !labelStopWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return Slug(header, 3)
	}
	if len(kept) > 3 {
		kept = kept[:3]
	}
	return strings.Join(kept, "-")
}
