package backend

import (
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// Import reads a feedback-form export into the study's sources and records
// its mapping in mixeval.yaml, under the manifest's lock with the manifest
// re-read inside it. It returns the import's result and the coded segments
// on documents whose text changed (reported, never shifted); a failure to
// read a coder file for the latter is returned as affectedErr, since the
// import itself is done.
func (b *Study) Import(opt corpus.ImportOptions) (res *corpus.ImportResult, affected []Affected, affectedErr error, err error) {
	l, err := b.lock("manifest", "import "+opt.Path)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := study.Load(b.layout.Dir)
	if err != nil {
		l.Release()
		return nil, nil, nil, err
	}
	res, err = corpus.Import(st, opt)
	l.Release()
	if err != nil {
		return nil, nil, nil, err
	}
	if st, err := study.Load(b.layout.Dir); err == nil {
		b.setStudy(st)
	}
	b.ReloadDocuments()
	affected, affectedErr = b.AffectedSegments(res.Changed)
	return res, affected, affectedErr, nil
}
