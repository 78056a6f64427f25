package triangulate

import (
	"slices"
	"unicode/utf8"

	"github.com/mixeval/mixeval/thematic/agree"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// DefaultOverlap is the overlap rule's default: a segment agrees with the
// other coder's when they share at least 90% of their union.
const DefaultOverlap = 90.0

// CharAgreement is NVivo-style agreement for one code in one document: each
// code point of the text is a unit, coded or not by each coder.
type CharAgreement struct {
	Document string `json:"document"`
	Code     string `json:"code"`
	// Length is the text's length in code points; the counts below add up
	// to it.
	Length  int `json:"length"`
	Both    int `json:"both"`
	OnlyA   int `json:"only_a"`
	OnlyB   int `json:"only_b"`
	Neither int `json:"neither"`
	// Agreement is (Both + Neither) / Length.
	Agreement agree.Result `json:"agreement"`
	Kappa     agree.Result `json:"kappa"`
}

// OverlapAgreement counts, for one code, the segments of each coder that
// the other coder matched under the overlap rule.
type OverlapAgreement struct {
	Code      string `json:"code"`
	SegmentsA int    `json:"segments_a"`
	MatchedA  int    `json:"matched_a"`
	SegmentsB int    `json:"segments_b"`
	MatchedB  int    `json:"matched_b"`
	// Agreement is (MatchedA + MatchedB) / (SegmentsA + SegmentsB).
	Agreement agree.Result `json:"agreement"`
}

// Disagreement is one group of overlapping segments with one code on which
// the coders do not agree, with the text to show it in.
type Disagreement struct {
	Document string `json:"document"`
	Code     string `json:"code"`
	A        []Span `json:"a"`
	B        []Span `json:"b"`
	// Kind is "only-a", "only-b" or "boundaries" (both coded here, but the
	// spans do not match under the overlap rule).
	Kind string `json:"kind"`
	Text string `json:"-"`
}

// Diagnostics are the views that locate disagreements between two coders.
type Diagnostics struct {
	Coders  [2]string `json:"coders"`
	Overlap float64   `json:"overlap_percent"`
	// Compared is the number of documents both coders reviewed: the only
	// ones these views look at.
	Compared      int                `json:"documents_compared"`
	Characters    []CharAgreement    `json:"characters"`
	Segments      []OverlapAgreement `json:"segments"`
	Disagreements []Disagreement     `json:"disagreements"`
}

// Index gathers one coder's spans by document and code.
type Index map[string]map[string][]Span

// NewIndex indexes a coder's segments by document, then code; spans are
// sorted.
func NewIndex(f *coding.File) Index {
	ix := Index{}
	for _, s := range f.Segments {
		byCode := ix[s.Document]
		if byCode == nil {
			byCode = map[string][]Span{}
			ix[s.Document] = byCode
		}
		for _, c := range s.Codes {
			byCode[c] = append(byCode[c], Span{s.Start, s.End})
		}
	}
	for _, byCode := range ix {
		for c := range byCode {
			slices.SortFunc(byCode[c], func(x, y Span) int {
				if x.Start != y.Start {
					return x.Start - y.Start
				}
				return x.End - y.End
			})
		}
	}
	return ix
}

// reviewedSet is the documents a coder reviewed, counting any document
// with a segment.
func reviewedSet(f *coding.File) map[string]bool {
	set := make(map[string]bool, len(f.Reviewed))
	for _, d := range f.Reviewed {
		set[d] = true
	}
	for _, s := range f.Segments {
		set[s.Document] = true
	}
	return set
}

// Diagnose compares two coders on the documents both reviewed, for the
// given codes (all codes either used when codes is empty), in document
// order then code order.
func Diagnose(docs []corpus.Document, a, b *coding.File, codes []string, pct float64) *Diagnostics {
	if pct <= 0 {
		pct = DefaultOverlap
	}
	ia, ib := NewIndex(a), NewIndex(b)
	ra, rb := reviewedSet(a), reviewedSet(b)
	want := map[string]bool{}
	for _, c := range codes {
		want[c] = true
	}
	d := &Diagnostics{Coders: [2]string{a.Coder, b.Coder}, Overlap: pct,
		Characters: []CharAgreement{}, Segments: []OverlapAgreement{}, Disagreements: []Disagreement{}}
	perCode := map[string]*OverlapAgreement{}
	kappas := map[[4]int]agree.Result{} // by (both, only a, only b, neither)
	var order []string
	for _, doc := range docs {
		if !ra[doc.ID] || !rb[doc.ID] {
			continue
		}
		d.Compared++
		for _, code := range docCodes(ia[doc.ID], ib[doc.ID]) {
			if len(want) > 0 && !want[code] {
				continue
			}
			sa, sb := ia[doc.ID][code], ib[doc.ID][code]
			d.Characters = append(d.Characters, characters(doc, code, sa, sb, kappas))
			o := perCode[code]
			if o == nil {
				o = &OverlapAgreement{Code: code}
				perCode[code] = o
				order = append(order, code)
			}
			o.SegmentsA += len(sa)
			o.SegmentsB += len(sb)
			for _, s := range sa {
				if anyMatch(s, sb, pct) {
					o.MatchedA++
				}
			}
			for _, s := range sb {
				if anyMatch(s, sa, pct) {
					o.MatchedB++
				}
			}
			for _, g := range Groups(doc.ID, code, sa, sb, pct) {
				if g.Agreed {
					continue
				}
				kind := "boundaries"
				switch {
				case len(g.B) == 0:
					kind = "only-a"
				case len(g.A) == 0:
					kind = "only-b"
				}
				d.Disagreements = append(d.Disagreements, Disagreement{Document: doc.ID, Code: code, A: nonNil(g.A), B: nonNil(g.B), Kind: kind, Text: doc.Text})
			}
		}
	}
	slices.Sort(order)
	for _, c := range order {
		o := perCode[c]
		n := o.SegmentsA + o.SegmentsB
		o.Agreement = share(o.MatchedA+o.MatchedB, n, "no segments with this code")
		d.Segments = append(d.Segments, *o)
	}
	return d
}

// docCodes lists, sorted, the codes either coder applied in a document.
func docCodes(a, b map[string][]Span) []string {
	var out []string
	for c := range a {
		out = append(out, c)
	}
	for c := range b {
		if _, ok := a[c]; !ok {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

func share(k, n int, why string) agree.Result {
	if n == 0 {
		return agree.Result{Note: why}
	}
	return agree.Result{Value: float64(k) / float64(n), Defined: true, Units: n}
}

// Characters computes character-level agreement and kappa for one code in
// one document. Spans beyond the text are cut at its end.
func Characters(doc corpus.Document, code string, a, b []Span) CharAgreement {
	return characters(doc, code, a, b, nil)
}

// characters is Characters with a cache of kappas by the four counts, which
// are all kappa depends on: answers coded alike share them.
func characters(doc corpus.Document, code string, a, b []Span, cache map[[4]int]agree.Result) CharAgreement {
	n := utf8.RuneCountInString(doc.Text)
	c := CharAgreement{Document: doc.ID, Code: code, Length: n}
	// Counted from the spans, not code point by code point: the union of
	// each coder's spans and their intersection give the four counts.
	ua, ub := union(a, n), union(b, n)
	inA, inB := covered(ua), covered(ub)
	c.Both = overlapLength(ua, ub)
	c.OnlyA, c.OnlyB = inA-c.Both, inB-c.Both
	c.Neither = n - inA - inB + c.Both
	c.Agreement = share(c.Both+c.Neither, n, "the document is empty")
	key := [4]int{c.Both, c.OnlyA, c.OnlyB, c.Neither}
	if k, ok := cache[key]; ok {
		c.Kappa = k
		return c
	}
	// Kappa over code points, by the agreement library: one unit per code
	// point, added as the four patterns' counts.
	m, _ := agree.NewMatrix([]string{"a", "b"}, []float64{0, 1})
	add := func(k int, va, vb float64) {
		if k > 0 {
			m.AddUnits(doc.ID, []float64{va, vb}, k)
		}
	}
	add(c.Both, 1, 1)
	add(c.OnlyA, 1, 0)
	add(c.OnlyB, 0, 1)
	add(c.Neither, 0, 0)
	c.Kappa = agree.CohenKappa(m)
	if cache != nil {
		cache[key] = c.Kappa
	}
	return c
}

// union clips spans to [0, n) and merges them into sorted, disjoint spans.
func union(spans []Span, n int) []Span {
	out := make([]Span, 0, len(spans))
	for _, s := range spans {
		s.Start, s.End = max(s.Start, 0), min(s.End, n)
		if s.Start < s.End {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(x, y Span) int { return x.Start - y.Start })
	merged := out[:0]
	for _, s := range out {
		if k := len(merged); k > 0 && s.Start <= merged[k-1].End {
			merged[k-1].End = max(merged[k-1].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

func covered(spans []Span) int {
	n := 0
	for _, s := range spans {
		n += s.End - s.Start
	}
	return n
}

// overlapLength is how much two sorted, disjoint span lists share.
func overlapLength(a, b []Span) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].Start, b[j].Start), min(a[i].End, b[j].End)
		if lo < hi {
			n += hi - lo
		}
		if a[i].End < b[j].End {
			i++
		} else {
			j++
		}
	}
	return n
}

// nonNil makes an empty list marshal as [] rather than null.
func nonNil(s []Span) []Span {
	if s == nil {
		return []Span{}
	}
	return s
}
