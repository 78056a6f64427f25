package backend

import (
	"github.com/mixeval/mixeval/thematic/corpus"
)

// DocumentFilter selects documents; the zero value selects all.
type DocumentFilter struct {
	Question string
	// Attributes must all match (attribute name to value).
	Attributes map[string]string
	// Coder and Reviewed select by a coder's reviewed state: with Coder
	// set, Reviewed true keeps the documents the coder reviewed, false
	// those not yet reviewed.
	Coder    string
	Reviewed bool
}

// FilterDocuments returns the documents that match f, in study order.
func (b *Study) FilterDocuments(f DocumentFilter) ([]corpus.Document, error) {
	docs, err := b.Documents()
	if err != nil {
		return nil, err
	}
	var reviewed map[string]bool
	if f.Coder != "" {
		cf, err := b.ReadCoding(f.Coder)
		if err != nil {
			return nil, err
		}
		reviewed = make(map[string]bool, len(cf.Reviewed))
		for _, d := range cf.Reviewed {
			reviewed[d] = true
		}
	}
	var out []corpus.Document
	for _, d := range docs {
		if f.Question != "" && d.Question != f.Question {
			continue
		}
		if !attrsMatch(d, f.Attributes) {
			continue
		}
		if reviewed != nil && reviewed[d.ID] != f.Reviewed {
			continue
		}
		out = append(out, d)
	}
	return out, nil
}

func attrsMatch(d corpus.Document, want map[string]string) bool {
	for k, v := range want {
		if d.Attributes[k] != v {
			return false
		}
	}
	return true
}
