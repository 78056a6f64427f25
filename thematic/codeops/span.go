package codeops

import (
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
