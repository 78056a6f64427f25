package backend

import (
	"github.com/mixeval/mixeval/thematic/corpus"
)

// DocumentIDs returns the ids of the study's documents, sorted. When the
// documents have been read already it lists them; otherwise it reads only
// the respondent id column of each source (corpus.DocumentIDs), so that
// shell completion stays quick on a study of 100,000 answers.
func (b *Study) DocumentIDs() ([]string, error) {
	b.mu.Lock()
	read, docs := b.docsRead && b.docsErr == nil, b.docs
	b.mu.Unlock()
	if !read {
		return corpus.DocumentIDs(b.Manifest())
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}
