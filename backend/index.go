package backend

import (
	"github.com/mixeval/mixeval/thematic/index"
)

// IndexOptions tune opening the index.
type IndexOptions struct {
	// Progress, when set, is called as documents are indexed during a
	// rebuild.
	Progress func(done, total int)
}

// OpenIndex opens the study's search index, rebuilding it when it is
// missing, stale or damaged (Index.Rebuilt says why). The caller closes it.
// The index lives in .mixeval/index and is derived from the sources.
func (b *Study) OpenIndex(opt IndexOptions) (*index.Index, error) {
	docs, err := b.DocumentSet()
	if err != nil {
		return nil, err
	}
	return index.OpenSet(b.layout.IndexDir(), docs, opt.Progress)
}

// Search runs a query (the language of docs/search.md) on the index.
func (b *Study) Search(query string, so index.SearchOptions, opt IndexOptions) (*index.Results, *index.Index, error) {
	ix, err := b.OpenIndex(opt)
	if err != nil {
		return nil, nil, err
	}
	res, err := ix.Search(query, so)
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	return res, ix, nil
}
