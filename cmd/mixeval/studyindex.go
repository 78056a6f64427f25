package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

// indexDir is where a study's derived search index lives (DESIGN.md §3).
func indexDir(s *study.Study) string { return filepath.Join(s.Dir, ".mixeval", "index") }

// loadDocuments reads a study's documents; commands hold it in their
// options so that tests can supply documents of their own.
type loadDocuments func(*study.Study) ([]corpus.Document, error)

// openStudyIndex loads the study's documents and opens its index,
// rebuilding it when needed: with a progress bar when stderr is a terminal,
// and always with a note on stderr saying that and why it was rebuilt.
func openStudyIndex(io *ioStreams, s *study.Study, load loadDocuments) (*index.Index, error) {
	docs, err := load(s)
	if err != nil {
		return nil, err
	}
	var progress func(done, total int)
	if isTerminalWriter(io.ErrOut) {
		progress = func(done, total int) { drawProgress(io.ErrOut, done, total) }
	}
	ix, err := index.Open(indexDir(s), docs, progress)
	if err != nil {
		return nil, err
	}
	if ix.Rebuilt != "" {
		fmt.Fprintf(io.ErrOut, "Rebuilt the search index of %d documents because %s.\n", len(docs), ix.Rebuilt)
	}
	return ix, nil
}

// drawProgress redraws a one-line bar; the last call ends the line.
func drawProgress(w io.Writer, done, total int) {
	const width = 30
	filled := width
	if total > 0 {
		filled = done * width / total
	}
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = ' '
		if i < filled {
			bar[i] = '#'
		}
	}
	fmt.Fprintf(w, "\rIndexing documents [%s] %d/%d", bar, done, total)
	if done >= total {
		fmt.Fprintln(w)
	}
}

func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// highlightMarks are the snippet's match markers: bold on a terminal that
// allows colour (NO_COLOR, https://no-color.org), brackets otherwise.
func highlightMarks(io *ioStreams) (open, close string) {
	if io.OutTerminal && os.Getenv("NO_COLOR") == "" {
		return "\x1b[1m", "\x1b[0m"
	}
	return "[[", "]]"
}

// checkListFlags checks the --limit and --format flags that search and words
// share; what names the things limited ("hits", "words").
func checkListFlags(limit int, what, format string) error {
	if limit < 0 {
		return usageErrorf("--limit %d: give 0 (all %s) or more", limit, what)
	}
	if format != "table" && format != "json" {
		return usageErrorf("--format %q: use table or json", format)
	}
	return nil
}
