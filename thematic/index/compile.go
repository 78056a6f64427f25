package index

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// phraseTerm is one analysed word of a phrase at its position relative to
// the phrase's first word (stop words leave gaps).
type phraseTerm struct {
	term string
	rel  int
}

// compiled is a bleve query plus what spans.go needs to join the words of
// each phrase into one span.
type compiled struct {
	q       query.Query
	phrases [][]phraseTerm
	// literals are the folded words of each quoted phrase (and emoji),
	// located in a hit's text by literalMatches.
	literals [][]string
}

// compiler turns a parsed query into bleve queries with the index's
// analysers and fields.
type compiler struct {
	q        string
	an       *analyzers
	attrs    map[string]string // search field -> attribute name
	lit      literalInfo
	phrases  [][]phraseTerm
	literals [][]string
}

func (c *compiler) errorf(col int, format string, args ...any) error {
	return &QueryError{Query: c.q, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// compileQuery parses and compiles q.
// lit is what compiling a quoted phrase needs from the index.
func compileQuery(q string, an *analyzers, attrs map[string]string, lit literalInfo) (*compiled, error) {
	n, err := parseQuery(q)
	if err != nil {
		return nil, err
	}
	c := &compiler{q: q, an: an, attrs: attrs, lit: lit}
	bq, err := c.node(n)
	if err != nil {
		return nil, err
	}
	if bq == nil {
		return nil, c.errorf(n.column(), "the query holds only stop words (such as \"the\", \"and\"), which are not indexed")
	}
	return &compiled{q: bq, phrases: c.phrases, literals: c.literals}, nil
}

// node compiles n; a nil query with a nil error means n was only stop
// words, which are left out of the query around it.
func (c *compiler) node(n node) (query.Query, error) {
	switch n := n.(type) {
	case *termNode:
		return c.term(n)
	case *notNode:
		inner, err := c.node(n.child)
		if err != nil || inner == nil {
			return nil, err
		}
		return query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{excluded{inner}}), nil
	case *orNode:
		var qs []query.Query
		for _, ch := range n.children {
			q, err := c.node(ch)
			if err != nil {
				return nil, err
			}
			if q != nil {
				qs = append(qs, q)
			}
		}
		switch len(qs) {
		case 0:
			return nil, nil
		case 1:
			return qs[0], nil
		}
		return query.NewDisjunctionQuery(qs), nil
	case *andNode:
		var must, mustNot []query.Query
		for _, ch := range n.children {
			target, exclude := &must, false
			if not, ok := ch.(*notNode); ok {
				ch, target, exclude = not.child, &mustNot, true
			}
			q, err := c.node(ch)
			if err != nil {
				return nil, err
			}
			if q != nil && exclude {
				q = excluded{q}
			}
			if q != nil {
				*target = append(*target, q)
			}
		}
		if len(must) == 0 && len(mustNot) == 0 {
			return nil, nil
		}
		if len(must) == 0 {
			must = []query.Query{query.NewMatchAllQuery()}
		}
		if len(mustNot) == 0 {
			if len(must) == 1 {
				return must[0], nil
			}
			return query.NewConjunctionQuery(must), nil
		}
		return query.NewBooleanQuery(must, nil, mustNot), nil
	}
	return nil, fmt.Errorf("search query: unknown node %T", n)
}

// term compiles one word, prefix, fuzzy word or phrase, in the text field
// or in a keyword field.
func (c *compiler) term(n *termNode) (query.Query, error) {
	switch n.field {
	case "", fieldText:
		return c.textTerm(n)
	case fieldRespondent, fieldQuestion:
		return c.keywordTerm(n, n.field), nil
	}
	name := n.field
	if strings.HasPrefix(name, attrPrefix) {
		name = strings.TrimPrefix(name, attrPrefix)
	}
	if _, ok := c.attrs[strings.ToLower(name)]; ok {
		return c.keywordTerm(n, attrPrefix+strings.ToLower(name)), nil
	}
	return nil, c.errorf(n.col, "unknown field %q: use %s", n.field, strings.Join(c.fieldList(), ", "))
}

func (c *compiler) fieldList() []string {
	fields := []string{fieldText, fieldRespondent, fieldQuestion}
	var attrs []string
	for f := range c.attrs {
		attrs = append(attrs, f)
	}
	sort.Strings(attrs)
	return append(fields, attrs...)
}

// keywordTerm matches a whole field value, case-insensitively.
func (c *compiler) keywordTerm(n *termNode, field string) query.Query {
	value := strings.ToLower(n.value)
	switch n.kind {
	case kindPrefix:
		q := query.NewPrefixQuery(value)
		q.SetField(field)
		return q
	case kindFuzzy:
		q := query.NewFuzzyQuery(value)
		q.SetFuzziness(n.fuzziness)
		q.SetField(field)
		return q
	}
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}

// textTerm analyses the user's word with the index's analyser, so that
// "nurses" searches the stem "nurs" that the index holds.
func (c *compiler) textTerm(n *termNode) (query.Query, error) {
	switch n.kind {
	case kindPrefix:
		return c.prefix(n), nil
	case kindFuzzy:
		toks := c.an.text.Analyze([]byte(n.value))
		if len(toks) != 1 {
			return nil, c.errorf(n.valueCol, "%q~ must be one word that is not a stop word", n.value)
		}
		q := query.NewFuzzyQuery(string(toks[0].Term))
		q.SetFuzziness(n.fuzziness)
		q.SetField(fieldText)
		return q, nil
	}
	if n.kind == kindPhrase {
		return c.literal(n)
	}
	toks := c.an.text.Analyze([]byte(n.value))
	if len(toks) == 0 {
		if lit := literalTokens(n.value); len(lit) > 0 && isSymbolRune(firstRune(lit[0].word)) {
			return c.literal(n) // an emoji, which the text field does not hold
		}
		return nil, nil // a stop word: "nurses and doctors" means nurses doctors
	}
	if len(toks) == 1 {
		q := query.NewTermQuery(string(toks[0].Term))
		q.SetField(fieldText)
		return q, nil
	}
	// Several words (a phrase, or a word such as "well-being" that the
	// analyser splits) must appear in order.
	return c.phrase(toks), nil
}

// literal compiles a quoted phrase (or an emoji) to match its literal words
// in order.
func (c *compiler) literal(n *termNode) (query.Query, error) {
	toks := literalTokens(n.value)
	if len(toks) == 0 {
		return nil, c.errorf(n.valueCol, "the phrase \"%s\" holds no words to search for: only letters, digits and emoji are searched", n.value)
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.word
	}
	c.literals = append(c.literals, words)
	return newLiteralQuery(words, c.lit.common, c.lit.text), nil
}

// literalInfo is what compiling a literal phrase needs from the index: the
// common words it was built with, and the documents' text by id.
type literalInfo struct {
	common map[string]bool
	text   func(id string) (string, bool)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func (c *compiler) phrase(toks analysis.TokenStream) query.Query {
	first := toks[0].Position
	last := first
	for _, t := range toks {
		first = min(first, t.Position)
		last = max(last, t.Position)
	}
	slots := make([][]string, last-first+1)
	var terms []phraseTerm
	for _, t := range toks {
		slots[t.Position-first] = append(slots[t.Position-first], string(t.Term))
		terms = append(terms, phraseTerm{term: string(t.Term), rel: t.Position - first})
	}
	c.phrases = append(c.phrases, terms)
	return query.NewMultiPhraseQuery(slots, fieldText)
}

// prefix matches words starting with the lower-cased prefix and, when
// stemming changes it ("happy*" -> "happi"), with its stem too, because the
// index holds stems.
func (c *compiler) prefix(n *termNode) query.Query {
	lower := strings.ToLower(n.value)
	prefixes := []string{lower}
	if toks := c.an.text.Analyze([]byte(n.value)); len(toks) == 1 && string(toks[0].Term) != lower {
		prefixes = append(prefixes, string(toks[0].Term))
	}
	var qs []query.Query
	for _, p := range prefixes {
		q := query.NewPrefixQuery(p)
		q.SetField(fieldText)
		qs = append(qs, q)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// excluded is a query whose matches are excluded (NOT): only which
// documents it matches counts, never a score or where the words are, so its
// searcher is built without them. Bleve would otherwise decode frequencies
// and norms (and, when locating, term vectors) for every posting of an
// excluded word, such as "online" in 35% of the documents.
type excluded struct{ query.Query }

func (e excluded) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, _ search.SearcherOptions) (search.Searcher, error) {
	return e.Query.Searcher(ctx, r, m, search.SearcherOptions{Score: "none"})
}
