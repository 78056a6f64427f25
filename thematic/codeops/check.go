package codeops

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/internal/yamlutil"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// CodingCheck validates codebook.yaml (every problem with line and
// column), every coder's file (coding/<coder>.yaml plus an unfinished
// journal: the file itself; its coder is listed in mixeval.yaml; every
// segment's document exists and holds the span; every code is a code of the
// codebook; no segment was coded on text that has changed since), and
// coding/consensus.yaml when it exists. The codebook and the documents are
// read once for all of them.
var CodingCheck = corpus.Check{Name: "codebook and coding", Run: checkCoding}

func checkCoding(s *study.Study) yamlutil.Errors {
	cb, err := codebook.Load(filepath.Join(s.Dir, codebook.FileName))
	errs := asErrors(s, codebook.FileName, err)
	if err != nil {
		cb = nil // the checks that need it are skipped
	}
	// Documents that cannot be read are reported by the sources check.
	var docs map[string]corpus.Document
	if list, err := corpus.LoadDocuments(s); err == nil {
		docs = DocumentMap(list)
	}
	errs = append(errs, checkCoders(s, docs, cb)...)
	return append(errs, checkConsensus(s, docs)...)
}

func checkCoders(s *study.Study, docs map[string]corpus.Document, cb *codebook.Codebook) yamlutil.Errors {
	coders, err := CoderNames(s)
	if err != nil {
		return yamlutil.Errors{{File: study.CodingDir, Msg: err.Error()}}
	}
	var errs yamlutil.Errors
	for _, c := range coders {
		name := filepath.ToSlash(filepath.Join(study.CodingDir, c+".yaml"))
		f, err := coding.Read(s.Dir, c)
		if err != nil {
			errs = append(errs, asErrors(s, name, err)...)
			continue
		}
		if !contains(s.Manifest.Coders, c) {
			errs = append(errs, &yamlutil.Error{File: name, Msg: fmt.Sprintf("coder %q is not listed under 'coders:' in mixeval.yaml: add it there, or remove the file", c)})
		}
		lines := lineIndex(filepath.Join(s.Dir, name))
		if docs != nil {
			for _, p := range append(f.Check(docs), f.Stale(docs)...) {
				errs = append(errs, problemError(name, p, lines))
			}
		}
		if cb != nil {
			errs = append(errs, unknownCodes(name, f, cb, lines)...)
		}
	}
	return errs
}

// checkConsensus loads coding/consensus.yaml, when it exists, and checks
// that its segments lie inside the current documents.
func checkConsensus(s *study.Study, docs map[string]corpus.Document) yamlutil.Errors {
	const name = "coding/" + ConsensusFile
	c, err := reconcile.Load(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return asErrors(s, name, err)
	}
	var errs yamlutil.Errors
	if docs != nil {
		for _, p := range c.AsCoding().Check(docs) {
			errs = append(errs, &yamlutil.Error{File: name, Msg: strings.TrimPrefix(p.String(), name+": ")})
		}
	}
	return errs
}

// unknownCodes reports segment codes that the codebook does not hold as
// codes, once per code, with the number of segments and the first one.
func unknownCodes(name string, f *coding.File, cb *codebook.Codebook, lines fileLines) yamlutil.Errors {
	type use struct {
		n   int
		seg coding.Segment
	}
	uses := make(map[string]*use)
	var order []string
	for _, seg := range f.Segments {
		for _, c := range seg.Codes {
			if cb.IsCode(c) {
				continue
			}
			u := uses[c]
			if u == nil {
				u = &use{seg: seg}
				uses[c] = u
				order = append(order, c)
			}
			u.n++
		}
	}
	remaps := cb.Remaps()
	var errs yamlutil.Errors
	for _, c := range order {
		u := uses[c]
		what := "is not a code in codebook.yaml"
		if cb.Find(c) != nil {
			what = "is a theme in codebook.yaml; segments carry codes"
		} else if to, ok := remaps[c]; ok && to != "" {
			what = fmt.Sprintf("was merged or split into %q in codebook.yaml; recode with the new id", to)
		}
		msg := fmt.Sprintf("code %q %s (%d segment%s, first: %s in %s %d-%d)", c, what, u.n, plural(u.n), u.seg.ID, u.seg.Document, u.seg.Start, u.seg.End)
		errs = append(errs, &yamlutil.Error{File: name, Line: lines.segments[u.seg.ID], Msg: msg})
	}
	return errs
}

// problemError turns a coding.Problem into a validate problem on the coder
// file; the message names document and segment.
func problemError(name string, p coding.Problem, lines fileLines) *yamlutil.Error {
	msg := strings.TrimPrefix(p.String(), name+": ")
	line := lines.segments[p.Segment]
	if p.Segment == "" {
		line = lines.documents[p.Document]
	}
	return &yamlutil.Error{File: name, Line: line, Msg: msg}
}

// fileLines locates entries of a coder file in its canonical layout: the
// line of each segment's "- id:" and of each reviewed document or document
// memo. Entries only in the journal (a session still running) have none.
type fileLines struct {
	segments  map[string]int
	documents map[string]int
}

func lineIndex(path string) fileLines {
	fl := fileLines{segments: map[string]int{}, documents: map[string]int{}}
	data, err := os.ReadFile(path)
	if err != nil {
		return fl
	}
	for i, line := range strings.Split(string(data), "\n") {
		item, ok := strings.CutPrefix(line, "  - ")
		if !ok {
			continue
		}
		switch {
		case strings.HasPrefix(item, "id: "):
			fl.segments[unquote(strings.TrimPrefix(item, "id: "))] = i + 1
		case strings.HasPrefix(item, "document: "):
			doc := unquote(strings.TrimPrefix(item, "document: "))
			if _, seen := fl.documents[doc]; !seen {
				fl.documents[doc] = i + 1
			}
		default:
			if doc := unquote(item); fl.documents[doc] == 0 {
				fl.documents[doc] = i + 1
			}
		}
	}
	return fl
}

// asErrors turns a load error into validate problems, with file names
// relative to the study folder.
func asErrors(s *study.Study, name string, err error) yamlutil.Errors {
	if err == nil {
		return nil
	}
	var ye yamlutil.Errors
	if errors.As(err, &ye) {
		out := make(yamlutil.Errors, len(ye))
		for i, e := range ye {
			c := *e
			if strings.HasPrefix(c.File, s.Dir) {
				if rel, err := filepath.Rel(s.Dir, c.File); err == nil {
					c.File = filepath.ToSlash(rel)
				}
			}
			out[i] = &c
		}
		return out
	}
	if errors.Is(err, fs.ErrNotExist) && name == codebook.FileName {
		return yamlutil.Errors{{File: name, Msg: "missing: every study needs a codebook (an empty one is 'version: 1'); 'mixeval init' writes it"}}
	}
	return yamlutil.Errors{{File: name, Msg: err.Error()}}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// unquote removes the quotes YAML puts around number-like scalars.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
