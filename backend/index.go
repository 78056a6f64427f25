package backend

import (
	"errors"
	"time"

	"github.com/mixeval/mixeval/internal/filelock"
	"github.com/mixeval/mixeval/thematic/index"
)

// IndexOptions tune opening the index.
type IndexOptions struct {
	// Progress, when set, is called as documents are indexed during a
	// rebuild.
	Progress func(done, total int)
	// Waiting, when set, is called once when another process is building
	// the index and this one waits for it (pid 0 when unknown; what says
	// what that process is doing).
	Waiting func(pid int, what string)
}

// IndexBuildWait is how long a process waits for another one's build of
// the index before giving up: a build of a million answers takes minutes.
const IndexBuildWait = 30 * time.Minute

// OpenIndex opens the study's search index, rebuilding it when it is
// missing, stale or damaged (Index.Rebuilt says why). The caller closes it.
// The index lives in .mixeval/index and is derived from the sources.
//
// One process builds at a time: a build happens under the index's lock,
// and a process that finds the lock held waits for it (saying so through
// Waiting) and then uses the index just built, rather than building the
// same index again beside it.
func (b *Study) OpenIndex(opt IndexOptions) (*index.Index, error) {
	docs, err := b.DocumentSet()
	if err != nil {
		return nil, err
	}
	dir := b.layout.IndexDir()
	ix, _, err := index.OpenBuilt(dir, docs)
	if err != nil || ix != nil {
		return ix, err
	}
	l, err := filelock.Acquire(b.layout.LockDir(), "index", 0, b.opt.Doing+": build the search index")
	var busy *filelock.BusyError
	if errors.As(err, &busy) {
		if opt.Waiting != nil {
			opt.Waiting(busy.PID, busy.Holder)
		}
		l, err = filelock.Acquire(b.layout.LockDir(), "index", IndexBuildWait, b.opt.Doing+": build the search index")
	}
	if err != nil {
		return nil, err
	}
	defer l.Release()
	// Inside the lock: another process may have built it meanwhile, and
	// Open then only opens it.
	return index.OpenSet(dir, docs, opt.Progress)
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

// Words counts the words of every answer, most frequent first, broken down
// by an attribute, "question" or "respondent" when by is not empty.
func (b *Study) Words(by string, opt IndexOptions) (*index.WordFrequencies, *index.Index, error) {
	ix, err := b.OpenIndex(opt)
	if err != nil {
		return nil, nil, err
	}
	wf, err := ix.Words(by)
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	return wf, ix, nil
}
