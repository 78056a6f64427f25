package thematic

import (
	"errors"

	"github.com/mixeval/mixeval/study"
)

// LoadDocuments is a stand-in so that the index branch compiles; the sources
// branch provides the real one and the lead deletes this file at merge.
func LoadDocuments(s *study.Study) ([]Document, error) {
	return nil, errors.New("no sources: the import feature is not merged yet")
}
