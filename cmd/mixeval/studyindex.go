package main

import (
	"fmt"
	"io"
	"os"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/index"
)

// indexOptions draws a progress bar for an index rebuild when stderr is a
// terminal.
func indexOptions(io *ioStreams) backend.IndexOptions {
	var opt backend.IndexOptions
	if isTerminalWriter(io.ErrOut) {
		opt.Progress = func(done, total int) { drawProgress(io.ErrOut, done, total) }
	}
	opt.Waiting = func(pid int, what string) {
		who := "another mixeval"
		if pid > 0 {
			who = fmt.Sprintf("another mixeval (pid %d)", pid)
		}
		fmt.Fprintf(io.ErrOut, "Waiting for %s to finish building the search index; this one will use it.\n", who)
	}
	return opt
}

// openIndex opens the study's index through the backend and says on stderr
// when, and why, it was rebuilt.
func openIndex(io *ioStreams, b *backend.Study) (*index.Index, error) {
	ix, err := b.OpenIndex(indexOptions(io))
	if err != nil {
		return nil, err
	}
	noteRebuilt(io, ix)
	return ix, nil
}

func noteRebuilt(io *ioStreams, ix *index.Index) {
	if ix.Rebuilt != "" {
		fmt.Fprintf(io.ErrOut, "Rebuilt the search index of %d documents because %s.\n", ix.Len(), ix.Rebuilt)
	}
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
	return checkFormat(format, "table", "json")
}
