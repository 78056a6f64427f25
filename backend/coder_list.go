package backend

import (
	"slices"

	"github.com/mixeval/mixeval/thematic/coding"
)

// CoderSummary is one coder's progress, for a list of coders.
type CoderSummary struct {
	Name string
	// Listed is true for a coder named in mixeval.yaml; false for a coder
	// file in coding/ that the manifest does not list.
	Listed   bool
	Segments int
	// Reviewed counts the answers the coder has marked as read.
	Reviewed int
	// Open is true while a mixeval (e.g. the coder's terminal UI) has the
	// coding open for writing; PID is that process, 0 when unknown.
	Open bool
	PID  int
}

// CoderSummaries lists the study's coders (Coders) with their segments and
// reviewed answers, counting actions still in a running session's journal,
// and whether each coding is open for writing elsewhere.
func (b *Study) CoderSummaries() ([]CoderSummary, error) {
	names, err := b.Coders()
	if err != nil {
		return nil, err
	}
	listed := b.Manifest().Manifest.Coders
	out := make([]CoderSummary, 0, len(names))
	for _, name := range names {
		f, err := b.ReadCoding(name)
		if err != nil {
			return nil, err
		}
		pid, open := coding.Holder(b.layout.Dir, name)
		out = append(out, CoderSummary{
			Name: name, Listed: slices.Contains(listed, name),
			Segments: len(f.Segments), Reviewed: len(f.Reviewed),
			Open: open, PID: pid,
		})
	}
	return out, nil
}
