package corpus

import (
	"errors"
	"os"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/internal/yamlutil"
	"github.com/mixeval/mixeval/study"
)

// Check is one part of validating a study. Each check reports every problem
// it finds, positioned at a file (relative to the study folder) and line;
// checks never stop at the first problem, so a user fixes all in one pass.
// The codebook, coder-file and consensus checks plug in beside SourceCheck.
type Check struct {
	Name string
	Run  func(s *study.Study) problem.List
}

// SourceCheck checks every source of the manifest: the normalised file and
// the original exist, the file parses, the id, question and attribute
// columns are there, respondent ids are present and unique, and no document
// id comes from two sources.
var SourceCheck = Check{Name: "sources", Run: CheckSources}

// Validate runs checks in order and returns all their problems.
func Validate(s *study.Study, checks ...Check) problem.List {
	var all problem.List
	for _, c := range checks {
		all = append(all, c.Run(s)...)
	}
	return all
}

// CheckOriginals reports the sources whose original file is missing: the
// part of CheckSources that a readable set of documents does not already
// vouch for (backend.Study checks the rest by building the documents
// snapshot, which fails on any problem CheckSources would report).
func CheckOriginals(s *study.Study) problem.List {
	var errs problem.List
	for i, src := range s.Manifest.Sources {
		if src.Original == "" {
			continue
		}
		if _, err := os.Stat(s.Path(src.Original)); err != nil {
			errs = append(errs, yamlutil.At(study.ManifestName, yamlutil.Lookup(s.Root, "sources", i, "original"),
				"original %s is missing: keep the file as it was imported, or import it again", src.Original))
		}
	}
	return errs
}

// CheckSources is SourceCheck's function.
func CheckSources(s *study.Study) problem.List {
	var errs problem.List
	at := func(path []any, format string, args ...any) {
		errs = append(errs, yamlutil.At(study.ManifestName, yamlutil.Lookup(s.Root, path...), format, args...))
	}
	owner := map[string]string{}
	for i, src := range s.Manifest.Sources {
		p := func(k ...any) []any { return append([]any{"sources", i}, k...) }
		if src.Original != "" {
			if _, err := os.Stat(s.Path(src.Original)); err != nil {
				at(p("original"), "original %s is missing: keep the file as it was imported, or import it again", src.Original)
			}
		}
		b, err := safefile.ReadFile(s.Path(src.File), 0)
		if err != nil {
			msg := "cannot be read"
			if errors.Is(err, os.ErrNotExist) {
				msg = "does not exist"
			}
			at(p("file"), "source %s %s: import the original file again", src.File, msg)
			continue
		}
		t, err := ReadNormalised(src.File, b)
		if err != nil {
			errs = append(errs, asProblem(src.File, err))
			continue
		}
		missing := false
		need := func(col string, path []any, what string) {
			if t.Column(col) < 0 {
				at(path, "%s column %q is not in %s; its columns are: %s", what, col, src.File, quoteList(t.Header))
				missing = true
			}
		}
		need(src.ID, p("id"), "id")
		for j, q := range src.Questions {
			need(q.Column, p("questions", j, "column"), "question")
		}
		for j, a := range src.Attributes {
			need(a, p("attributes", j), "attribute")
		}
		if missing {
			continue
		}
		docs, rowErrs := BuildDocuments(src, t)
		for _, e := range rowErrs {
			errs = append(errs, asProblem(src.File, e))
		}
		for _, d := range docs {
			if first, ok := owner[d.ID]; ok && first != src.File {
				at(p("questions"), "document %s comes from both %s and %s: give the questions different labels", d.ID, first, src.File)
				break
			}
		}
		for _, d := range docs {
			owner[d.ID] = src.File
		}
	}
	return errs
}

// asProblem keeps a reader's positioned problem as it is; any other error
// becomes a problem with the file.
func asProblem(file string, err error) *problem.Problem {
	var p *problem.Problem
	if errors.As(err, &p) {
		return p
	}
	return &problem.Problem{File: file, Msg: strings.TrimPrefix(err.Error(), file+": ")}
}
