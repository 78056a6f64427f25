package codeops

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// ConsensusFile is the reconciled coding in coding/, written by
// 'mixeval reconcile'. It is not a coder's file, so CoderNames skips it;
// Tally counts it as a column of its own.
const ConsensusFile = "consensus.yaml"

// CoderNames returns the study's coders: those listed in mixeval.yaml, in
// its order, then any other coder file found in coding/, sorted.
func CoderNames(s *study.Study) ([]string, error) {
	names := append([]string(nil), s.Manifest.Coders...)
	seen := make(map[string]bool)
	for _, c := range names {
		seen[c] = true
	}
	entries, err := os.ReadDir(filepath.Join(s.Dir, study.CodingDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var extra []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") || name == ConsensusFile {
			continue
		}
		c := strings.TrimSuffix(name, ".yaml")
		if !seen[c] {
			seen[c] = true
			extra = append(extra, c)
		}
	}
	sort.Strings(extra)
	return append(names, extra...), nil
}

// Tally counts every coder's use of the codebook: segments, documents and
// respondents per code, and per theme over the codes below it. Each coder's
// file is read with coding.Read (YAML plus an unfinished journal), so a
// session running elsewhere is counted as far as it has got.
func Tally(s *study.Study, cb *codebook.Codebook) (codebook.Tally, error) {
	coders, err := CoderNames(s)
	if err != nil {
		return codebook.Tally{}, err
	}
	var uses []codebook.Use
	for _, c := range coders {
		f, err := coding.Read(s.Dir, c)
		if err != nil {
			return codebook.Tally{}, fmt.Errorf("%w (run 'mixeval validate' for every problem)", err)
		}
		uses = append(uses, Uses(f)...)
	}
	c, err := reconcile.Load(s.Dir)
	switch {
	case err == nil:
		f := c.AsCoding()
		coders = append(coders, f.Coder)
		uses = append(uses, Uses(f)...)
	case !errors.Is(err, fs.ErrNotExist):
		return codebook.Tally{}, err
	}
	return cb.Count(coders, uses), nil
}

// Uses lists one Use per code of every segment of f.
func Uses(f *coding.File) []codebook.Use {
	var uses []codebook.Use
	for _, seg := range f.Segments {
		for _, c := range seg.Codes {
			uses = append(uses, codebook.Use{
				Coder: f.Coder, Segment: seg.ID, Code: c,
				Document: seg.Document, Respondent: Respondent(seg.Document),
			})
		}
	}
	return uses
}

// Respondent is the respondent part of a document id "<respondent>/<question>".
// Question labels never hold '/', so the id is split at its last one.
func Respondent(doc string) string {
	if i := strings.LastIndexByte(doc, '/'); i >= 0 {
		return doc[:i]
	}
	return doc
}

// Affected is how many of one coder's segments lie on one changed document.
type Affected struct {
	Coder    string `json:"coder"`
	Document string `json:"document"`
	Segments int    `json:"segments"`
}

// AffectedSegments finds the coded segments on the documents in changed
// (from an import's ImportResult.Changed), per coder and document. They are
// reported, never shifted: the coder recodes or uncodes them, and until then
// 'mixeval validate' lists them as stale.
func AffectedSegments(s *study.Study, changed []string) ([]Affected, error) {
	if len(changed) == 0 {
		return nil, nil
	}
	coders, err := CoderNames(s)
	if err != nil {
		return nil, err
	}
	var out []Affected
	for _, c := range coders {
		f, err := coding.Read(s.Dir, c)
		if err != nil {
			return nil, err
		}
		for _, doc := range changed {
			if n := len(f.SegmentsIn(doc)); n > 0 {
				out = append(out, Affected{Coder: c, Document: doc, Segments: n})
			}
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
