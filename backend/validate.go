package backend

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/yamlutil"
	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// Check is one part of validating a study. Each check reports every problem
// it finds, positioned at a file (relative to the study folder) and line;
// checks never stop at the first problem, so a user fixes all in one pass.
type Check struct {
	Name string
	Run  func(s *study.Study) (problem.List, []string)
}

// Checks are the checks Validate runs, in order: the sources, then the
// codebook, every coder's file and the consensus, then the measures and
// their score files (scored as the analysis would, without running it).
func (b *Study) Checks() []Check {
	return []Check{
		{Name: "sources", Run: noWarnings(b.checkSources)},
		{Name: "codebook and coding", Run: noWarnings(b.checkCoding)},
		{Name: "measures and scores", Run: quant.CheckStudy},
		{Name: "identifying columns", Run: noWarnings(b.checkIdentifiers)},
	}
}

func noWarnings(f func(*study.Study) problem.List) func(*study.Study) (problem.List, []string) {
	return func(s *study.Study) (problem.List, []string) { return f(s), nil }
}

// Validate checks the whole study and returns every problem. A manifest
// that does not load is the only problem reported: nothing else can be
// checked without it.
func Validate(dir string, opt Options) (*Study, problem.List, []string, error) {
	d, err := study.Find(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := study.Load(d)
	if err != nil {
		if ps := problem.Of(err); ps != nil {
			return nil, ps, nil, nil
		}
		return nil, nil, nil, err
	}
	b := FromStudy(s, opt)
	ps, warnings := b.Validate()
	return b, ps, warnings, nil
}

// Validate runs every check on the study as it is now. Warnings (a cut-off
// no patient can reach, say) are not problems: the study is still valid.
func (b *Study) Validate() (problem.List, []string) {
	s := b.Manifest()
	var all problem.List
	var warnings []string
	for _, c := range b.Checks() {
		ps, ws := c.Run(s)
		all = append(all, ps...)
		warnings = append(warnings, ws...)
	}
	// Every file named relative to the study, however the check named it.
	for i, p := range all {
		if rel := b.layout.Rel(p.File); rel != p.File {
			c := *p
			c.File = rel
			all[i] = &c
		}
	}
	return all, warnings
}

// checkSources checks the sources. Documents that read (the snapshot is
// fresh, or was just built from them) passed every check but the
// originals'; otherwise every source is parsed again for positioned
// problems.
func (b *Study) checkSources(s *study.Study) problem.List {
	if b.opt.LoadDocuments == nil {
		if _, err := b.DocumentSet(); err == nil {
			return corpus.CheckOriginals(s)
		}
	}
	return corpus.CheckSources(s)
}

// checkCoding validates codebook.yaml (every problem with line and column),
// every coder's file (coding/<coder>.yaml plus an unfinished journal: its
// coder is listed in mixeval.yaml; every segment's document exists and
// holds the span; every code is a code of the codebook; no segment was
// coded on text that has changed since), and coding/consensus.yaml when it
// exists. A study without codebook.yaml has an empty codebook, as
// everywhere in mixeval. The codebook and documents are read once.
func (b *Study) checkCoding(s *study.Study) problem.List {
	cb, err := loadCodebook(b.layout.Codebook())
	errs := asProblems(s, study.CodebookFile, err)
	if err != nil {
		cb = nil // the checks that need it are skipped
	}
	// Documents that cannot be read are reported by the sources check.
	var docs map[string]corpus.Document
	if list, err := b.Documents(); err == nil {
		docs = codeops.DocumentMap(list)
	}
	// The consensus is checked beside the coders, on the other core (at
	// 100,000 answers each takes about a second); problems keep their order.
	var cons problem.List
	done := make(chan struct{})
	go func() {
		defer close(done)
		cons = b.checkConsensus(s, docs)
	}()
	errs = append(errs, b.checkCoders(s, docs, cb)...)
	<-done
	return append(errs, cons...)
}

func (b *Study) checkCoders(s *study.Study, docs map[string]corpus.Document, cb *codebook.Codebook) problem.List {
	coders, err := b.Coders()
	if err != nil {
		return problem.List{{File: study.CodingDir, Msg: err.Error()}}
	}
	var errs problem.List
	for _, c := range coders {
		name := filepath.ToSlash(filepath.Join(study.CodingDir, c+".yaml"))
		f, err := coding.Read(s.Dir, c)
		if err != nil {
			errs = append(errs, asProblems(s, name, err)...)
			continue
		}
		if !slices.Contains(s.Manifest.Coders, c) {
			errs = append(errs, &problem.Problem{File: name, Msg: fmt.Sprintf("coder %q is not listed under 'coders:' in mixeval.yaml: add it there, or remove the file", c)})
		}
		lines := coding.LocateLines(filepath.Join(s.Dir, name))
		if docs != nil {
			errs = append(errs, f.Check(docs, lines)...)
			errs = append(errs, f.Stale(docs, lines)...)
		}
		if cb != nil {
			errs = append(errs, unknownCodes(name, f, cb, lines)...)
		}
	}
	return errs
}

// checkConsensus loads coding/consensus.yaml, when it exists, and checks
// that its segments lie inside the current documents.
func (b *Study) checkConsensus(s *study.Study, docs map[string]corpus.Document) problem.List {
	name := b.rel(b.layout.Consensus())
	c, err := reconcile.Load(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return asProblems(s, name, err)
	}
	var errs problem.List
	if docs != nil {
		errs = append(errs, c.AsCoding().Check(docs, coding.Lines{})...)
	}
	return errs
}

// unknownCodes reports segment codes that the codebook does not hold as
// codes, once per code, with the number of segments and the first one.
func unknownCodes(name string, f *coding.File, cb *codebook.Codebook, lines coding.Lines) problem.List {
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
	var errs problem.List
	for _, c := range order {
		u := uses[c]
		what := "is not a code in codebook.yaml"
		if cb.Find(c) != nil {
			what = "is a theme in codebook.yaml; segments carry codes"
		} else if to, ok := remaps[c]; ok && to != "" {
			what = fmt.Sprintf("was merged or split into %q in codebook.yaml; recode with the new id", to)
		}
		msg := fmt.Sprintf("code %q %s (%d segment%s, first: %s in %s %d-%d)", c, what, u.n, plural(u.n), u.seg.ID, u.seg.Document, u.seg.Start, u.seg.End)
		errs = append(errs, &problem.Problem{File: name, Line: lines.Segment(u.seg.ID), Msg: msg})
	}
	return errs
}

// asProblems turns a load error into validate problems, with file names
// relative to the study folder.
func asProblems(s *study.Study, name string, err error) problem.List {
	if err == nil {
		return nil
	}
	var ye problem.List
	if errors.As(err, &ye) {
		out := make(problem.List, len(ye))
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
	return problem.List{{File: name, Msg: err.Error()}}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// checkIdentifiers reports an identifying column (identifiers.columns in
// mixeval.yaml) that no source has: the guard would then protect no one's
// name from it.
func (b *Study) checkIdentifiers(s *study.Study) problem.List {
	id := s.Manifest.Identifiers
	if id == nil || len(id.Columns) == 0 {
		return nil
	}
	_, err := b.PrivacyNames()
	var missing *MissingColumnError
	if !errors.As(err, &missing) {
		return nil // unreadable sources are the sources check's to report
	}
	for i, c := range id.Columns {
		if c == missing.Column {
			return problem.List{yamlutil.At(study.ManifestName, yamlutil.Lookup(s.Root, "identifiers", "columns", i),
				"identifying column %q is in no source's columns: correct the name, or remove it", c)}
		}
	}
	return nil
}
