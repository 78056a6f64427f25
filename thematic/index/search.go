package index

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// SearchOptions shape a search.
type SearchOptions struct {
	// Limit is the most hits returned, best first; 0 returns every hit.
	Limit int
	// Open and Close surround each match in snippets; "[[" and "]]" when
	// both are empty.
	Open, Close string
	// SnippetWidth is the snippet's length in characters; 160 when 0,
	// no snippet when negative (autocode needs only the spans).
	SnippetWidth int
}

// Results are the hits of one search.
type Results struct {
	// Total counts every matching document, also those beyond Limit.
	Total int
	Hits  []Hit
}

// Hit is one matching document.
type Hit struct {
	Doc        string
	Respondent string
	Question   string
	Attributes map[string]string
	Score      float64
	// Spans are the matched words in the document text, sorted and not
	// overlapping; a phrase is one span.
	Spans   []Span
	Snippet string
}

// Span is a match: Unicode code point offsets into the document text,
// start inclusive, end exclusive (DESIGN.md §4), and the text they slice.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Search runs a query (the language is described in docs/search.md).
// Syntax errors are *QueryError values carrying the column.
func (ix *Index) Search(q string, opt SearchOptions) (*Results, error) {
	if ix.bleve == nil {
		return nil, errors.New("search: the index is closed")
	}
	c, err := compileQuery(q, ix.an, ix.attrs, ix.literal())
	if err != nil {
		return nil, err
	}
	res, err := ix.run(c.q, opt.Limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	out := &Results{Total: res.total, Hits: make([]Hit, 0, len(res.hits))}
	if opt.Open == "" && opt.Close == "" {
		opt.Open, opt.Close = "[[", "]]"
	}
	if opt.SnippetWidth == 0 {
		opt.SnippetWidth = 160
	}
	for _, h := range res.hits {
		i, ok := ix.docs.Find(h.ID)
		if !ok {
			return nil, fmt.Errorf("search: the index holds document %q, which the study no longer has; delete %s to rebuild it", h.ID, ix.dir)
		}
		d := ix.docs.Document(i)
		spans := matchSpans(d.Text, h.Locations[fieldText], c.phrases, c.literals)
		out.Hits = append(out.Hits, Hit{
			Doc:        d.ID,
			Respondent: d.Respondent,
			Question:   d.Question,
			Attributes: d.Attributes,
			Score:      h.Score,
			Spans:      spans,
		})
		if opt.SnippetWidth > 0 {
			out.Hits[len(out.Hits)-1].Snippet = Snippet(d.Text, spans, opt.SnippetWidth, opt.Open, opt.Close)
		}
	}
	return out, nil
}

// literal is what compiling a literal phrase needs from the index.
func (ix *Index) literal() literalInfo { return literalInfo{common: ix.common, text: ix.text} }

// text returns the text of the document id.
func (ix *Index) text(id string) (string, bool) {
	i, ok := ix.docs.Find(id)
	if !ok {
		return "", false
	}
	return ix.docs.Document(i).Text, true
}

// recoverDamage turns a panic inside bleve, which damage to the index files
// after Open can cause, into an error saying how to recover.
func (ix *Index) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("the search index in %s is damaged (%v): delete that folder and run the command again to rebuild it", ix.dir, r)
	}
}

type rawResults struct {
	total int
	hits  search.DocumentMatchCollection
}

// run finds the best limit hits (all when limit is 0) with their match
// locations. Collecting locations costs time for every matching document,
// not only the ones returned, so a limited search runs twice: once without
// locations to rank, then again on the chosen documents alone.
func (ix *Index) run(q query.Query, limit int) (res *rawResults, err error) {
	defer ix.recoverDamage(&err)
	if n := ix.docs.Len(); limit <= 0 || limit >= n {
		req := bleve.NewSearchRequestOptions(q, max(n, 1), 0, false)
		req.IncludeLocations = true
		res, err := ix.bleve.Search(req)
		if err != nil {
			return nil, err
		}
		sortHits(res.Hits)
		return &rawResults{total: int(res.Total), hits: res.Hits}, nil
	}
	rank, err := ix.bleve.Search(bleve.NewSearchRequestOptions(q, limit, 0, false))
	if err != nil {
		return nil, err
	}
	out := &rawResults{total: int(rank.Total), hits: rank.Hits}
	if len(rank.Hits) == 0 {
		return out, nil
	}
	ids := make([]string, len(rank.Hits))
	for i, h := range rank.Hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), q}), len(ids), 0, false)
	req.IncludeLocations = true
	located, err := ix.bleve.Search(req)
	if err != nil {
		return nil, err
	}
	locs := make(map[string]search.FieldTermLocationMap, len(located.Hits))
	for _, h := range located.Hits {
		locs[h.ID] = h.Locations
	}
	for _, h := range out.hits {
		h.Locations = locs[h.ID]
	}
	sortHits(out.hits)
	return out, nil
}

// sortHits orders hits best first and equal scores by document id, so that
// the order is the same on every run. (Asking bleve to sort by id as well
// costs a stored-field read for every matching document.)
func sortHits(hits search.DocumentMatchCollection) {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
}

// location is one matched token: its position and byte offsets.
type location struct {
	term       string
	pos        int
	start, end int
	used       bool
}

// matchSpans turns bleve's per-term locations (byte offsets) into spans in
// code points. The words of each phrase occurrence join into one span, which
// then also covers the stop words and punctuation between them.
//
// literals are the folded words of quoted phrases, found in the text
// itself.
func matchSpans(text string, locs search.TermLocationMap, phrases [][]phraseTerm, literals [][]string) []Span {
	var all []*location
	at := map[string]map[int]*location{}
	for term, ls := range locs {
		for _, l := range ls {
			if int(l.End) > len(text) || l.Start >= l.End {
				continue
			}
			loc := &location{term: term, pos: int(l.Pos), start: int(l.Start), end: int(l.End)}
			if at[term] == nil {
				at[term] = map[int]*location{}
			}
			if _, dup := at[term][loc.pos]; dup {
				continue
			}
			at[term][loc.pos] = loc
			all = append(all, loc)
		}
	}
	var byteSpans [][2]int
	for _, ph := range phrases {
		for _, first := range at[ph[0].term] {
			start, end, ok := first.start, first.end, true
			for _, pt := range ph[1:] {
				l := at[pt.term][first.pos+pt.rel]
				if l == nil {
					ok = false
					break
				}
				start, end = min(start, l.start), max(end, l.end)
			}
			if !ok {
				continue
			}
			first.used = true
			for _, pt := range ph[1:] {
				at[pt.term][first.pos+pt.rel].used = true
			}
			byteSpans = append(byteSpans, [2]int{start, end})
		}
	}
	for _, l := range all {
		if !l.used {
			byteSpans = append(byteSpans, [2]int{l.start, l.end})
		}
	}
	if len(literals) > 0 {
		toks := literalTokens(text)
		for _, words := range literals {
			byteSpans = append(byteSpans, literalMatches(toks, words)...)
		}
	}
	return toCodePoints(text, mergeOverlaps(byteSpans))
}

// mergeOverlaps sorts spans and joins those that overlap.
func mergeOverlaps(spans [][2]int) [][2]int {
	if len(spans) == 0 {
		return nil
	}
	sortSpans(spans)
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s[0] < last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

func sortSpans(spans [][2]int) {
	// Insertion sort: a document has a handful of matches.
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && (spans[j][0] < spans[j-1][0] || spans[j][0] == spans[j-1][0] && spans[j][1] < spans[j-1][1]); j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
}

// toCodePoints converts sorted, non-overlapping byte spans into code point
// spans in one pass over the text.
func toCodePoints(text string, spans [][2]int) []Span {
	out := make([]Span, 0, len(spans))
	cp, b := 0, 0 // code point index at byte offset b
	advance := func(to int) int {
		for b < to {
			_, size := decodeRune(text[b:])
			b += size
			cp++
		}
		return cp
	}
	for _, s := range spans {
		start := advance(s[0])
		end := advance(s[1])
		out = append(out, Span{Start: start, End: end, Text: text[s[0]:s[1]]})
	}
	return out
}

// Snippet shows about width characters of text around the first span, with
// every span inside marked by open and close, on one line. Its cost grows
// with the length of the text only up to the window shown: a long answer
// is not copied whole.
func Snippet(text string, spans []Span, width int, open, close string) string {
	n := utf8.RuneCountInString(text)
	from, to := 0, n
	anchor := 0
	if n > width {
		if len(spans) > 0 {
			anchor = min(spans[0].Start, n)
		}
		from = max(0, anchor-width/4)
		to = min(n, from+width)
		from = max(0, min(from, to-width))
	}
	// The runes from `from` to `to` (one more, to look at the character
	// after the window), the only part of the text used.
	first := from
	rs := runeWindow(text, first, min(n, to+1))
	at := func(k int) rune { return rs[k-first] }
	if n > width {
		// Cut at spaces, not inside words.
		if from > 0 {
			for k := from; k < anchor && k < from+20; k++ {
				if isSpaceRune(at(k)) {
					from = k + 1
					break
				}
			}
		}
		if to < n {
			for k := to; k > to-20 && k > from; k-- {
				if isSpaceRune(at(k)) {
					to = k
					break
				}
			}
		}
	}
	window := rs[from-first : to-first]
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	k := from
	for _, s := range spans {
		if s.End <= from || s.Start >= to {
			continue
		}
		start, end := max(s.Start, from, k), min(s.End, to)
		if start >= end {
			continue
		}
		writeFlat(&b, window[k-from:start-from])
		b.WriteString(open)
		writeFlat(&b, window[start-from:end-from])
		b.WriteString(close)
		k = end
	}
	writeFlat(&b, window[k-from:to-from])
	if to < n {
		b.WriteString("…")
	}
	return b.String()
}

// runeWindow returns the code points from index from (inclusive) to to
// (exclusive) of text, walking no further than needed.
func runeWindow(text string, from, to int) []rune {
	out := make([]rune, 0, to-from)
	k := 0
	for _, r := range text {
		if k >= to {
			break
		}
		if k >= from {
			out = append(out, r)
		}
		k++
	}
	return out
}

// writeFlat writes rs with line breaks and tabs as spaces.
func writeFlat(b *strings.Builder, rs []rune) {
	for _, r := range rs {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		b.WriteRune(r)
	}
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }

// decodeRune is utf8.DecodeRuneInString, named for the reader of toCodePoints.
func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
