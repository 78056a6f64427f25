package codeops

import (
	"fmt"
	"sort"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

// Unit is how much text autocode codes for each match.
type Unit string

// Units of autocoding.
const (
	// UnitMatch codes exactly the matched words (a phrase is one match).
	UnitMatch Unit = "match"
	// UnitSentence codes the sentence around each match (see SentenceBounds);
	// several matches in one sentence give one segment.
	UnitSentence Unit = "sentence"
	// UnitDocument codes each matching answer as a whole.
	UnitDocument Unit = "document"
)

// ParseUnit checks a unit's name.
func ParseUnit(s string) (Unit, error) {
	switch u := Unit(s); u {
	case UnitMatch, UnitSentence, UnitDocument:
		return u, nil
	}
	return "", fmt.Errorf("unit %q is not known: use match, sentence or document", s)
}

// Requests turns search hits into coding requests, one per distinct span,
// sorted by document id and then position (not by score), so that a preview
// reads like the coder file.
// docs gives each hit's document text; a hit whose document is missing is
// an error, since the index and the sources then disagree. A document with
// empty text cannot be coded and is skipped.
func Requests(hits []index.Hit, docs map[string]corpus.Document, unit Unit, codes []string, memo string) ([]coding.CodeRequest, error) {
	var reqs []coding.CodeRequest
	for _, h := range hits {
		d, ok := docs[h.Doc]
		if !ok {
			return nil, fmt.Errorf("search hit %s is not among the study's documents: rebuild the index by deleting .mixeval/index", h.Doc)
		}
		spans := hitSpans(h, []rune(d.Text), unit)
		for _, sp := range spans {
			reqs = append(reqs, coding.CodeRequest{Doc: d, Start: sp[0], End: sp[1], Codes: codes, Memo: memo})
		}
	}
	sort.SliceStable(reqs, func(i, j int) bool { return reqs[i].Doc.ID < reqs[j].Doc.ID })
	return reqs, nil
}

// hitSpans gives the distinct spans to code for one hit, sorted.
func hitSpans(h index.Hit, text []rune, unit Unit) [][2]int {
	n := len(text)
	if n == 0 {
		return nil
	}
	if unit == UnitDocument {
		return [][2]int{{0, n}}
	}
	seen := make(map[[2]int]bool)
	var out [][2]int
	for _, s := range h.Spans {
		start, end := s.Start, s.End
		if start < 0 || end > n || start >= end {
			continue // a span the text cannot hold: the index is stale
		}
		if unit == UnitSentence {
			start, end = SentenceBounds(text, start, end)
		}
		sp := [2]int{start, end}
		if !seen[sp] {
			seen[sp] = true
			out = append(out, sp)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}

// Preview counts what CodeBatch would do with reqs on the coding f, without
// changing anything: new segments, segments that would gain codes or a
// memo, and requests already fully coded.
func Preview(f *coding.File, reqs []coding.CodeRequest) (added, extended, unchanged int) {
	have := make(map[string]coding.Segment)
	key := func(doc string, start, end int) string { return fmt.Sprintf("%s\x00%d\x00%d", doc, start, end) }
	for _, s := range f.Segments {
		have[key(s.Document, s.Start, s.End)] = s
	}
	for _, r := range reqs {
		k := key(r.Doc.ID, r.Start, r.End)
		seg, ok := have[k]
		if !ok {
			added++
			seg = coding.Segment{Document: r.Doc.ID, Start: r.Start, End: r.End}
		} else {
			changed := r.Memo != "" && r.Memo != seg.Memo
			for _, c := range r.Codes {
				if !seg.HasCode(c) {
					changed = true
				}
			}
			if changed {
				extended++
			} else {
				unchanged++
			}
		}
		seg.Codes = append(append([]string(nil), seg.Codes...), r.Codes...)
		if r.Memo != "" {
			seg.Memo = r.Memo
		}
		have[k] = seg
	}
	return added, extended, unchanged
}
