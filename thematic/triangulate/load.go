package triangulate

import (
	"path/filepath"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// LoadStudy reads what a comparison needs from a study: its documents and
// its codebook (nil when codebook.yaml does not exist yet).
func LoadStudy(s *study.Study) ([]corpus.Document, *codebook.Codebook, error) {
	docs, err := corpus.LoadDocuments(s)
	if err != nil {
		return nil, nil, err
	}
	path := filepath.Join(s.Dir, "codebook.yaml")
	if !exists(path) {
		return docs, nil, nil
	}
	cb, err := codebook.Load(path)
	if err != nil {
		return nil, nil, err
	}
	return docs, cb, nil
}
