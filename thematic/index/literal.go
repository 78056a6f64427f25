package index

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
	"golang.org/x/text/unicode/norm"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// A quoted phrase matches the literal words in order (docs/search.md): no
// stemming, stop words kept, only case, accents and the punctuation between
// words ignored. The text field cannot answer that (it is stemmed and drops
// stop words), so the index holds a second field, literal, built for it in
// the manner of common-grams indexes:
//
//   - a word that is common in the study (in at least 1% of the documents,
//     "the", "group" and "pain" in a pain service) is indexed only in pairs
//     with a common neighbour ("the group"), since its own list of documents
//     is long and would have to be checked one by one;
//   - any other word is indexed alone: its list is short;
//   - emoji and other symbols are indexed alone.
//
// A phrase of two common words is then one term lookup, exact and fast
// (a positional phrase query would decode the positions of both words in
// every document holding both: 90 ms at 100,000 answers). Any other phrase
// looks up its terms together and checks the few documents holding all of
// them against their text. See docs/PERFORMANCE.md.

// fieldLiteral holds the literal terms, without positions.
const fieldLiteral = "literal"

// commonKey is the internal key under which build stores the common words
// it chose, so that queries are compiled against the same choice.
var commonKey = []byte("mixeval.common-words")

// commonShare is the share of documents a word must be in to be common;
// commonSample is how many documents (evenly spread) decide it.
const (
	commonShare  = 0.01
	commonSample = 20_000
)

// commonWords chooses the common words of docs from a sample of them:
// those in at least commonShare of the sampled documents.
func commonWords(docs corpus.Set) map[string]bool {
	total := docs.Len()
	step := max(1, total/commonSample)
	df := map[string]int{}
	seen := map[string]bool{}
	n := 0
	for i := 0; i < total; i += step {
		n++
		clear(seen)
		for _, t := range literalTokens(docs.Document(i).Text) {
			if !seen[t.word] {
				seen[t.word] = true
				df[t.word]++
			}
		}
	}
	common := map[string]bool{}
	for w, c := range df {
		if float64(c) >= commonShare*float64(n) {
			common[w] = true
		}
	}
	return common
}

// commonHeader starts the stored list of common words, so that an index
// without one (a build that did not finish) is told from a study without
// common words.
const commonHeader = "mixeval-common-words-1\n"

func encodeCommon(common map[string]bool) []byte {
	words := make([]string, 0, len(common))
	for w := range common {
		words = append(words, w)
	}
	sort.Strings(words)
	return []byte(commonHeader + strings.Join(words, "\n"))
}

func decodeCommon(b []byte) map[string]bool {
	common := map[string]bool{}
	for _, w := range strings.Split(strings.TrimPrefix(string(b), commonHeader), "\n") {
		if w != "" {
			common[w] = true
		}
	}
	return common
}

// litToken is one word of a text: its folded form and byte offsets.
// symbol marks an emoji or other symbol: a phrase of words reads past it
// as past punctuation, and a phrase that holds one matches it in place.
type litToken struct {
	word       string
	start, end int
	symbol     bool
}

// literalTokens splits text into words: runs of letters, digits and marks,
// with an apostrophe inside a word kept ("don't"), and each emoji or other
// symbol (with its modifiers and joined parts) as a word of its own.
// Everything else separates words.
func literalTokens(text string) []litToken {
	out := make([]litToken, 0, len(text)/6+1)
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				if isApostrophe(r2) && j+s2 < len(text) {
					if r3, _ := utf8.DecodeRuneInString(text[j+s2:]); isWordRune(r3) {
						j += s2
						continue
					}
				}
				break
			}
			out = append(out, litToken{word: fold(text[i:j]), start: i, end: j})
			i = j
		case isSymbolRune(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isSymbolModifier(r2) {
					j += s2
					continue
				}
				if r2 == '\u200d' && j+s2 < len(text) { // zero width joiner
					if r3, s3 := utf8.DecodeRuneInString(text[j+s2:]); isSymbolRune(r3) {
						j += s2 + s3
						continue
					}
				}
				break
			}
			out = append(out, litToken{word: fold(text[i:j]), start: i, end: j, symbol: true})
			i = j
		default:
			i += size
		}
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// isSymbolRune is an emoji or another symbol that people write as a word
// of its own (★, ♥, 😊).
func isSymbolRune(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	return unicode.Is(unicode.So, r) || r >= 0x1F1E6 && r <= 0x1F1FF // regional indicators (flags)
}

// isSymbolModifier continues a symbol: skin tones, variation selectors,
// the second regional indicator of a flag, the keycap mark.
func isSymbolModifier(r rune) bool {
	return r >= 0x1F3FB && r <= 0x1F3FF || r == 0xFE0E || r == 0xFE0F || r == 0x20E3 || r >= 0x1F1E6 && r <= 0x1F1FF
}

// fold makes a word case- and accent-insensitive: lower case, accents
// removed ("Café" → "cafe"), "’" written "'", variation selectors dropped.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r) && !isSymbolModifier(r):
			// an accent
		case r == 0xFE0E || r == 0xFE0F:
		case r == '’':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() == 0 {
		return strings.ToLower(w) // a word of marks alone keeps them
	}
	return norm.NFC.String(b.String())
}

// literalAnalyzer makes the literal field's terms from the common words
// (see the top of this file): each word that is not common, each symbol,
// and each pair of adjacent common words joined by a space. Pairs are
// taken both over every word and symbol and over the words alone, since a
// phrase of words reads past symbols as past punctuation.
type literalAnalyzer struct{ common map[string]bool }

func (a literalAnalyzer) Analyze(input []byte) analysis.TokenStream {
	toks := literalTokens(string(input))
	out := make(analysis.TokenStream, 0, len(toks)+len(toks)/2)
	pos := 0
	add := func(term string, start, end int) {
		pos++
		out = append(out, &analysis.Token{Term: []byte(term), Start: start, End: end, Position: pos, Type: analysis.AlphaNumeric})
	}
	prevWord := -1 // the last word that is not a symbol
	for k, t := range toks {
		if t.symbol || !a.common[t.word] {
			add(t.word, t.start, t.end)
		}
		if k > 0 && a.common[t.word] && a.common[toks[k-1].word] {
			add(toks[k-1].word+" "+t.word, toks[k-1].start, t.end)
		}
		if t.symbol {
			continue
		}
		if prevWord >= 0 && prevWord != k-1 && a.common[t.word] && a.common[toks[prevWord].word] {
			add(toks[prevWord].word+" "+t.word, toks[prevWord].start, t.end)
		}
		prevWord = k
	}
	return out
}

// literalPlan is how a phrase is looked up: the terms that every matching
// document holds, and whether holding them is enough (else each document
// found is checked against its text).
func literalPlan(words []string, common map[string]bool) (terms []string, exact bool) {
	seen := map[string]bool{}
	addTerm := func(t string) {
		if !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	for k, w := range words {
		if isSymbolRune(firstRune(w)) || !common[w] {
			addTerm(w)
		}
		if k > 0 && common[w] && common[words[k-1]] {
			addTerm(words[k-1] + " " + w)
		}
	}
	switch len(words) {
	case 1:
		exact = len(terms) == 1
	case 2:
		exact = len(terms) == 1 && strings.Contains(terms[0], " ")
	}
	return terms, exact
}

// literalQuery matches the documents whose text holds words in order: it
// looks up the plan's terms and, unless they are exact, checks each
// document found against its text.
type literalQuery struct {
	words []string
	terms []string
	exact bool
	text  func(id string) (string, bool) // a document's text by id
}

func newLiteralQuery(words []string, common map[string]bool, text func(string) (string, bool)) query.Query {
	terms, exact := literalPlan(words, common)
	l := &literalQuery{words: words, terms: terms, exact: exact, text: text}
	if exact {
		return l.lookup()
	}
	return l
}

// lookup is the query of the plan's terms; a phrase of common words that
// no pair covers (one common word) has none, and is checked in every
// document.
func (l *literalQuery) lookup() query.Query {
	var qs []query.Query
	for _, t := range l.terms {
		q := query.NewTermQuery(t)
		q.SetField(fieldLiteral)
		qs = append(qs, q)
	}
	switch len(qs) {
	case 0:
		return query.NewMatchAllQuery()
	case 1:
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

func (l *literalQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opt search.SearcherOptions) (search.Searcher, error) {
	s, err := l.lookup().Searcher(ctx, r, m, opt)
	if err != nil {
		return nil, err
	}
	return searcher.NewFilteringSearcher(ctx, s, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		id, err := r.ExternalID(d.IndexInternalID)
		if err != nil {
			return false
		}
		text, ok := l.text(id)
		return ok && len(literalMatches(literalTokens(text), l.words)) > 0
	}), nil
}

// literalMatches returns the byte spans where words occur in order in toks;
// unless words hold a symbol, the symbols of toks are skipped.
func literalMatches(toks []litToken, words []string) [][2]int {
	if !hasSymbol(words) {
		kept := make([]litToken, 0, len(toks))
		for _, t := range toks {
			if !t.symbol {
				kept = append(kept, t)
			}
		}
		toks = kept
	}
	var out [][2]int
	n := len(words)
	for i := 0; i+n <= len(toks); i++ {
		k := 0
		for k < n && toks[i+k].word == words[k] {
			k++
		}
		if k == n {
			out = append(out, [2]int{toks[i].start, toks[i+n-1].end})
		}
	}
	return out
}

func hasSymbol(words []string) bool {
	for _, w := range words {
		if isSymbolRune(firstRune(w)) {
			return true
		}
	}
	return false
}
