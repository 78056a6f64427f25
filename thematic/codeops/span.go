package codeops

import (
	"fmt"
	"unicode/utf8"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// DocumentMap indexes documents by id.
func DocumentMap(docs []corpus.Document) map[string]corpus.Document {
	m := make(map[string]corpus.Document, len(docs))
	for _, d := range docs {
		m[d.ID] = d
	}
	return m
}

// CheckSpan returns document id, after checking that it exists and that the
// code point span [start, end) lies within its text. Errors name the
// document and its length so that the user can correct the numbers.
func CheckSpan(docs map[string]corpus.Document, id string, start, end int) (corpus.Document, error) {
	d, ok := docs[id]
	if !ok {
		return d, fmt.Errorf("document %q is not in the study: ids look like P01/helped (respondent/question); 'mixeval search' lists them", id)
	}
	n := utf8.RuneCountInString(d.Text)
	switch {
	case start < 0:
		return d, fmt.Errorf("--start %d: positions count from 0", start)
	case start >= end:
		return d, fmt.Errorf("--start %d, --end %d: start must be less than end (end is exclusive)", start, end)
	case n == 0:
		return d, fmt.Errorf("document %s is empty (0 characters): there is nothing to code", id)
	case end > n:
		return d, fmt.Errorf("--end %d is past the end of document %s, which is %d characters long (positions are characters, counted from 0, end exclusive)", end, id, n)
	}
	return d, nil
}
