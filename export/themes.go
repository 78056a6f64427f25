package export

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// QuoteLimit says which quotes a node lists: all of them (AllQuotes), its
// pinned exemplars only (PinnedQuotes), or up to N, pinned first.
type QuoteLimit int

const (
	// AllQuotes lists every quote.
	AllQuotes QuoteLimit = -1
	// PinnedQuotes lists the pinned exemplars only.
	PinnedQuotes QuoteLimit = -2
)

// ParseQuoteLimit reads "all", "pinned" or a count of at least 1.
func ParseQuoteLimit(s string) (QuoteLimit, error) {
	switch s {
	case "", "all":
		return AllQuotes, nil
	case "pinned":
		return PinnedQuotes, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("quotes %q: give all, pinned or a number of quotes per theme (1 or more)", s)
	}
	return QuoteLimit(n), nil
}

func (q QuoteLimit) String() string {
	switch q {
	case AllQuotes:
		return "all"
	case PinnedQuotes:
		return "pinned"
	}
	return strconv.Itoa(int(q))
}

// ThemeOptions choose what the theme hierarchy holds.
type ThemeOptions struct {
	Quotes QuoteLimit
	// Codes lists the codes under their themes, each with its own quotes;
	// without it a theme's quotes gather its codes' quotes.
	Codes bool
}

// Themes is the theme hierarchy with its quotes: themes, subthemes (and
// codes when asked for), each with its definition, central organising
// concept, counts and quotes; codes not yet under a theme in a list of
// their own. It is what `mixeval themes` writes and what the report shows.
type Themes struct {
	Title string `json:"title" yaml:"title"`
	// Coding names the coding the quotes and counts come from; Defaulted
	// says it was chosen by default (no consensus, no coder named).
	Coding    string `json:"coding" yaml:"coding"`
	Defaulted bool   `json:"coding_defaulted" yaml:"coding_defaulted"`
	Quotes    string `json:"quotes" yaml:"quotes"`
	// Attributes name the respondent attributes that counts are broken
	// down by and quotes carry.
	Attributes []string     `json:"attributes" yaml:"attributes"`
	Themes     []*ThemeNode `json:"themes" yaml:"themes"`
	// Unthemed are the codes not yet under a theme, and codes the coding
	// uses that the codebook lacks; each always lists its quotes.
	Unthemed []*ThemeNode `json:"unthemed" yaml:"unthemed"`

	// warnings are about quotes left out (segments outside their answer).
	warnings []string
}

// ThemeNode is a theme, subtheme or code.
type ThemeNode struct {
	ID   string `json:"id" yaml:"id"`
	Name string `json:"name" yaml:"name"`
	// Kind is "theme", "subtheme" or "code".
	Kind       string `json:"kind" yaml:"kind"`
	Definition string `json:"definition,omitempty" yaml:"definition,omitempty"`
	Concept    string `json:"concept,omitempty" yaml:"concept,omitempty"`
	Include    string `json:"include,omitempty" yaml:"include,omitempty"`
	Exclude    string `json:"exclude,omitempty" yaml:"exclude,omitempty"`
	// NotInCodebook marks a code the coding uses that the codebook lacks.
	NotInCodebook bool `json:"not_in_codebook,omitempty" yaml:"not_in_codebook,omitempty"`
	// Counts cover every code under the node, whether listed or not.
	Counts NodeCounts `json:"counts" yaml:"counts"`
	// Quotes are the node's own: those of codes below it that are not
	// listed under a child, pinned exemplars first, then in answer order.
	Quotes   []Quote      `json:"quotes" yaml:"quotes"`
	Children []*ThemeNode `json:"children,omitempty" yaml:"children,omitempty"`
}

// NodeCounts count the coding under a node.
type NodeCounts struct {
	Counts `yaml:",inline"`
	// ByAttribute breaks the counts down by each attribute's values.
	ByAttribute map[string]map[string]Counts `json:"by_attribute,omitempty" yaml:"by_attribute,omitempty"`
}

// Counts are distinct segments, answers and respondents.
type Counts struct {
	Segments    int `json:"segments" yaml:"segments"`
	Answers     int `json:"answers" yaml:"answers"`
	Respondents int `json:"respondents" yaml:"respondents"`
}

// Quote is a coded extract, never cut: Text is the answer's code points
// [Start, End) (after any redaction, in the redacted answer).
type Quote struct {
	Segment    string            `json:"segment,omitempty" yaml:"segment,omitempty"`
	Document   string            `json:"document" yaml:"document"`
	Respondent string            `json:"respondent" yaml:"respondent"`
	Question   string            `json:"question" yaml:"question"`
	Attributes map[string]string `json:"attributes,omitempty" yaml:"attributes,omitempty"`
	Start      int               `json:"start" yaml:"start"`
	End        int               `json:"end" yaml:"end"`
	Text       string            `json:"text" yaml:"text"`
	Codes      []string          `json:"codes,omitempty" yaml:"codes,omitempty"`
	Pinned     bool              `json:"pinned,omitempty" yaml:"pinned,omitempty"`
}

// Warnings are about the hierarchy's content: segments left out because
// they no longer fit their answer.
func (t *Themes) Warnings() []string { return t.warnings }

// BuildThemes lays out the codebook with the quotes and counts of the
// coding d.Used. The texts are as in the study: run Guard before writing.
func BuildThemes(d *Data, opt ThemeOptions) (*Themes, error) {
	f := d.UsedCoding()
	if f == nil {
		return nil, fmt.Errorf("the coding %q is not among the study's codings", d.Used)
	}
	if opt.Quotes == 0 {
		opt.Quotes = AllQuotes
	}
	b := &themeBuilder{d: d, opt: opt, cb: d.Codebook, byCode: map[string][]int{}, bySpan: map[spanKey]int{},
		tally: newTally(len(d.Attributes))}
	if b.cb == nil {
		b.cb = codebook.New()
	}
	b.index(f)
	t := &Themes{
		Title: d.Title, Coding: d.Used, Defaulted: d.Defaulted, Quotes: opt.Quotes.String(),
		Attributes: slices.Clone(d.Attributes), Themes: []*ThemeNode{}, Unthemed: []*ThemeNode{},
	}
	if t.Attributes == nil {
		t.Attributes = []string{}
	}
	for _, n := range b.cb.Themes {
		if n != nil {
			t.Themes = append(t.Themes, b.node(n, 0))
		}
	}
	for _, n := range b.cb.Codes {
		if n != nil {
			cn := b.node(n, 1)
			cn.Quotes = b.quotes([]string{n.ID}, n.Exemplars, AllQuotes)
			t.Unthemed = append(t.Unthemed, cn)
		}
	}
	for _, id := range b.unknownCodes() {
		cn := &ThemeNode{ID: id, Name: id, Kind: "code", NotInCodebook: true}
		cn.Counts = b.counts([]string{id})
		cn.Quotes = b.quotes([]string{id}, nil, AllQuotes)
		t.Unthemed = append(t.Unthemed, cn)
	}
	t.warnings = b.warnings
	return t, nil
}

// themeBuilder holds the coding indexed for building a Themes.
type themeBuilder struct {
	d        *Data
	opt      ThemeOptions
	cb       *codebook.Codebook
	segs     []placedSegment
	byCode   map[string][]int // code id → indices into segs
	bySpan   map[spanKey]int  // answer and span → index into segs
	tally    *tally
	warnings []string
}

// placedSegment is a segment of the coding with its answer and quote.
type placedSegment struct {
	seg   *coding.Segment
	doc   *corpus.Document
	quote string
	// di and ri number the answer and respondent, vals each attribute's
	// value (-1 when the answer has none), for counting (tally).
	di, ri int32
	vals   []int32
}

func (b *themeBuilder) index(f *coding.File) {
	for i := range f.Segments {
		s := &f.Segments[i]
		doc, ok := b.d.Document(s.Document)
		if !ok {
			b.warnings = append(b.warnings, fmt.Sprintf("segment %s of %s is on %s, which the study no longer has: left out", s.ID, f.Coder, s.Document))
			continue
		}
		q, ok := coding.Quote(doc.Text, *s)
		if !ok {
			b.warnings = append(b.warnings, fmt.Sprintf("segment %s of %s (%s %d-%d) lies outside its answer, which has changed: left out", s.ID, f.Coder, s.Document, s.Start, s.End))
			continue
		}
		k := len(b.segs)
		b.segs = append(b.segs, placedSegment{seg: s, doc: doc, quote: q})
		b.tally.place(&b.segs[k], b.d.Attributes)
		if _, ok := b.bySpan[spanKey{s.Document, s.Start, s.End}]; !ok {
			b.bySpan[spanKey{s.Document, s.Start, s.End}] = k
		}
		for _, c := range s.Codes {
			b.byCode[c] = append(b.byCode[c], k)
		}
	}
}

// node builds n (at depth, 0 for a top-level theme) and its children.
func (b *themeBuilder) node(n *codebook.Node, depth int) *ThemeNode {
	tn := &ThemeNode{ID: n.ID, Name: n.Name, Kind: n.Kind.String(), Definition: n.Definition, Concept: n.Concept}
	if n.Kind == codebook.Theme && depth > 0 {
		tn.Kind = "subtheme"
	}
	if n.Scope != nil {
		tn.Include, tn.Exclude = n.Scope.Include, n.Scope.Exclude
	}
	codes := codeIDs(b.cb.CodesUnder(n.ID))
	if n.Kind == codebook.Code {
		codes = []string{n.ID}
	}
	tn.Counts = b.counts(codes)
	if n.Kind == codebook.Code {
		tn.Quotes = b.quotes(codes, n.Exemplars, b.opt.Quotes)
		return tn
	}
	for _, s := range n.Subthemes {
		if s != nil {
			tn.Children = append(tn.Children, b.node(s, depth+1))
		}
	}
	// The node's own quotes are those of its direct codes, unless the
	// codes are listed as children with quotes of their own.
	own := n.Exemplars
	var direct []string
	for _, c := range n.Codes {
		if c == nil {
			continue
		}
		if b.opt.Codes {
			tn.Children = append(tn.Children, b.node(c, depth+1))
			continue
		}
		direct = append(direct, c.ID)
		own = append(slices.Clone(own), c.Exemplars...)
	}
	tn.Quotes = b.quotes(direct, own, b.opt.Quotes)
	return tn
}

func codeIDs(ns []*codebook.Node) []string {
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	return ids
}

// segmentsOf returns the indices of the segments carrying any of codes,
// each once, in the coding's order (answer, then start).
func (b *themeBuilder) segmentsOf(codes []string) []int {
	if len(codes) == 1 {
		return b.byCode[codes[0]]
	}
	var out []int
	for _, c := range codes {
		out = append(out, b.byCode[c]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// counts counts the distinct segments, answers and respondents carrying
// any of codes, overall and per attribute value. Answers and respondents
// are numbered (tally), so that a distinct count is a pass with a stamp
// per number rather than a set of strings: a theme of 100,000 segments is
// counted in milliseconds.
func (b *themeBuilder) counts(codes []string) NodeCounts {
	idx := b.segmentsOf(codes)
	nc := NodeCounts{Counts: b.tally.count(b.segs, idx)}
	for a, name := range b.d.Attributes {
		buckets := map[int32][]int{}
		for _, k := range idx {
			if v := b.segs[k].vals[a]; v >= 0 {
				buckets[v] = append(buckets[v], k)
			}
		}
		if len(buckets) == 0 {
			continue
		}
		if nc.ByAttribute == nil {
			nc.ByAttribute = map[string]map[string]Counts{}
		}
		byValue := make(map[string]Counts, len(buckets))
		for v, ks := range buckets {
			byValue[b.tally.values[a][v]] = b.tally.count(b.segs, ks)
		}
		nc.ByAttribute[name] = byValue
	}
	return nc
}

// tally numbers answers, respondents and attribute values, and counts
// distinct ones by stamping.
type tally struct {
	docs, resps map[string]int32
	values      [][]string         // per attribute, the values by number
	valueIndex  []map[string]int32 // per attribute, value → number
	docMark     []int32
	respMark    []int32
	stamp       int32
}

func newTally(attrs int) *tally {
	t := &tally{docs: map[string]int32{}, resps: map[string]int32{}, values: make([][]string, attrs), valueIndex: make([]map[string]int32, attrs)}
	for a := range t.valueIndex {
		t.valueIndex[a] = map[string]int32{}
	}
	return t
}

func (t *tally) number(m map[string]int32, key string) int32 {
	n, ok := m[key]
	if !ok {
		n = int32(len(m))
		m[key] = n
	}
	return n
}

// place numbers a segment's answer, respondent and attribute values.
func (t *tally) place(ps *placedSegment, attrs []string) {
	ps.di = t.number(t.docs, ps.doc.ID)
	ps.ri = t.number(t.resps, ps.doc.Respondent)
	ps.vals = make([]int32, len(attrs))
	for a, name := range attrs {
		v, ok := ps.doc.Attributes[name]
		if !ok {
			ps.vals[a] = -1
			continue
		}
		n, seen := t.valueIndex[a][v]
		if !seen {
			n = int32(len(t.values[a]))
			t.valueIndex[a][v] = n
			t.values[a] = append(t.values[a], v)
		}
		ps.vals[a] = n
	}
}

// count counts segments idx (distinct already), their distinct answers
// and respondents.
func (t *tally) count(segs []placedSegment, idx []int) Counts {
	if len(t.docMark) < len(t.docs) {
		t.docMark = make([]int32, len(t.docs))
		t.respMark = make([]int32, len(t.resps))
		t.stamp = 0
	}
	t.stamp++
	c := Counts{Segments: len(idx)}
	for _, k := range idx {
		ps := &segs[k]
		if t.docMark[ps.di] != t.stamp {
			t.docMark[ps.di] = t.stamp
			c.Answers++
		}
		if t.respMark[ps.ri] != t.stamp {
			t.respMark[ps.ri] = t.stamp
			c.Respondents++
		}
	}
	return c
}

// quotes lists the quotes of the segments carrying codes: the pinned
// exemplars first (in their order), then the rest in answer order, as
// many as limit allows. An exemplar whose segment the coding lacks is
// still quoted from its answer: someone chose it.
func (b *themeBuilder) quotes(codes []string, pinned []codebook.Exemplar, limit QuoteLimit) []Quote {
	out := []Quote{}
	done := map[spanKey]bool{}
	for _, e := range pinned {
		key := spanKey{e.Document, e.Start, e.End}
		if done[key] {
			continue
		}
		q, ok := b.exemplarQuote(e)
		if !ok {
			continue
		}
		done[key] = true
		out = append(out, q)
	}
	if limit == PinnedQuotes {
		return out
	}
	for _, k := range b.segmentsOf(codes) {
		if limit > 0 && len(out) >= int(limit) {
			break
		}
		ps := b.segs[k]
		key := spanKey{ps.seg.Document, ps.seg.Start, ps.seg.End}
		if done[key] {
			continue
		}
		done[key] = true
		out = append(out, b.quote(ps, false))
	}
	if limit > 0 && len(out) > int(limit) {
		out = out[:limit]
	}
	return out
}

// spanKey identifies a quote by its answer and span.
type spanKey struct {
	doc        string
	start, end int
}

func (b *themeBuilder) quote(ps placedSegment, pinned bool) Quote {
	return Quote{
		Segment: ps.seg.ID, Document: ps.doc.ID, Respondent: ps.doc.Respondent, Question: ps.doc.Question,
		Attributes: b.attributes(ps.doc), Start: ps.seg.Start, End: ps.seg.End, Text: ps.quote,
		Codes: slices.Clone(ps.seg.Codes), Pinned: pinned,
	}
}

// exemplarQuote quotes a pinned exemplar, from the coding's segment with
// that span when there is one.
func (b *themeBuilder) exemplarQuote(e codebook.Exemplar) (Quote, bool) {
	if k, ok := b.bySpan[spanKey{e.Document, e.Start, e.End}]; ok {
		return b.quote(b.segs[k], true), true
	}
	doc, ok := b.d.Document(e.Document)
	if !ok {
		return Quote{}, false
	}
	seg := coding.Segment{Document: e.Document, Start: e.Start, End: e.End}
	text, ok := coding.Quote(doc.Text, seg)
	if !ok {
		b.warnings = append(b.warnings, fmt.Sprintf("the exemplar %s %d-%d lies outside its answer, which has changed: left out", e.Document, e.Start, e.End))
		return Quote{}, false
	}
	q := Quote{Document: doc.ID, Respondent: doc.Respondent, Question: doc.Question, Attributes: b.attributes(doc),
		Start: e.Start, End: e.End, Text: text, Pinned: true}
	if e.Code != "" {
		q.Codes = []string{e.Code}
	}
	return q, true
}

// attributes copies the answer's values of the study's attributes.
func (b *themeBuilder) attributes(doc *corpus.Document) map[string]string {
	if len(b.d.Attributes) == 0 {
		return nil
	}
	out := make(map[string]string, len(b.d.Attributes))
	for _, a := range b.d.Attributes {
		if v, ok := doc.Attributes[a]; ok {
			out[a] = v
		}
	}
	return out
}

// unknownCodes are codes the coding uses that the codebook lacks, sorted.
func (b *themeBuilder) unknownCodes() []string {
	var out []string
	for c := range b.byCode {
		if b.cb.Find(c) == nil {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, cmp.Compare)
	return out
}
