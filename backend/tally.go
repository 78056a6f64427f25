package backend

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// Tally counts every coder's use of the codebook: segments, documents and
// respondents per code, and per theme over the codes below it, with the
// consensus as a column of its own once reconciled. Each coder's file is
// read with its unfinished journal, so a session running elsewhere is
// counted as far as it has got.
func (b *Study) Tally(cb *codebook.Codebook) (codebook.Tally, error) {
	coders, err := b.Coders()
	if err != nil {
		return codebook.Tally{}, err
	}
	// Read at once: each coder file is parsed on its own core.
	files := make([]*coding.File, len(coders))
	errs := make([]error, len(coders))
	var wg sync.WaitGroup
	for i, c := range coders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			files[i], errs[i] = b.ReadCoding(c)
		}()
	}
	wg.Wait()
	var uses []codebook.Use
	for i := range coders {
		if errs[i] != nil {
			return codebook.Tally{}, errs[i]
		}
		uses = append(uses, segmentUses(files[i])...)
	}
	// Only the consensus segments count; validate checks the rest.
	c, err := reconcile.LoadSegments(b.layout.Dir)
	switch {
	case err == nil:
		f := c.AsCoding()
		coders = append(coders, f.Coder)
		uses = append(uses, segmentUses(f)...)
	case !errors.Is(err, fs.ErrNotExist):
		return codebook.Tally{}, err
	}
	return cb.Count(coders, uses), nil
}

// Affected is how many of one coder's segments lie on one changed document.
type Affected struct {
	Coder    string `json:"coder"`
	Document string `json:"document"`
	Segments int    `json:"segments"`
}

// AffectedSegments finds the coded segments on the documents in changed
// (from an import), per coder and document. They are reported, never
// shifted: the coder recodes or uncodes them, and until then validation
// lists them as stale.
func (b *Study) AffectedSegments(changed []string) ([]Affected, error) {
	if len(changed) == 0 {
		return nil, nil
	}
	coders, err := b.Coders()
	if err != nil {
		return nil, err
	}
	var out []Affected
	for _, c := range coders {
		f, err := b.ReadCoding(c)
		if err != nil {
			return nil, fmt.Errorf("read %s's coding: %w", c, err)
		}
		for _, doc := range changed {
			if n := len(f.SegmentsIn(doc)); n > 0 {
				out = append(out, Affected{Coder: c, Document: doc, Segments: n})
			}
		}
	}
	return out, nil
}

// segmentUses lists one codebook.Use per code of every segment of f.
func segmentUses(f *coding.File) []codebook.Use {
	var out []codebook.Use
	for _, seg := range f.Segments {
		for _, c := range seg.Codes {
			out = append(out, codebook.Use{
				Coder: f.Coder, Segment: seg.ID, Code: c,
				Document: seg.Document, Respondent: respondent(seg.Document),
			})
		}
	}
	return out
}

// respondent is the respondent part of a document id "<respondent>/<question>".
// Question labels never hold '/', so the id is split at its last one.
func respondent(doc string) string {
	if i := strings.LastIndexByte(doc, '/'); i >= 0 {
		return doc[:i]
	}
	return doc
}
