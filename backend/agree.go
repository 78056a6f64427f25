package backend

import (
	"fmt"
	"slices"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// AgreeRequest asks for a comparison of coders. Zero values take the
// study's defaults.
type AgreeRequest struct {
	// Coders to compare, two or more (default: the manifest's coders, else
	// every coder with a file).
	Coders []string
	// Codes limits the comparison (default: every code).
	Codes []string
	// Overlap is the percent of their union two segments must share to
	// agree (default triangulate.DefaultOverlap).
	Overlap float64
	// Stats asks for the statistics in a reflexive study; a codebook study
	// always has them.
	Stats     bool
	Bootstrap int
	Seed      uint64
	// Progress, when set, is called while bootstrap intervals are drawn,
	// with the replicates drawn so far.
	Progress func(replicates int)
}

// Agreement is a comparison of coders as the study's mode presents it.
type Agreement struct {
	Mode    string
	Coders  []string
	Overlap float64
	// StatsFirst is true in a codebook study: statistics lead, the
	// disagreements follow. In a reflexive study the disagreements lead.
	StatsFirst bool
	// Report is nil when the statistics were not asked for.
	Report *triangulate.Report
	// Diagnostics are the disagreement views, one per pair of coders.
	Diagnostics []*triangulate.Diagnostics
	Documents   int
	// NothingCompared is true when no document was reviewed by both of the
	// first pair.
	NothingCompared bool
}

// ShowsStats reports whether the statistics are part of the comparison.
func (a *Agreement) ShowsStats() bool { return a.Report != nil }

// MaxBootstrap caps bootstrap replicates: 100,000 percentile replicates
// pin a 95% interval far past the data's own precision, and more only
// costs minutes.
const MaxBootstrap = 100_000

// ResolveCoders checks the coders asked for (default: the manifest's, else
// every coder with a file) and returns them in the order asked; it needs
// at least two.
func (b *Study) ResolveCoders(asked []string) ([]string, error) {
	known, err := b.Coders()
	if err != nil {
		return nil, err
	}
	names := asked
	if len(names) == 0 {
		names = b.Manifest().Manifest.Coders
		if len(names) == 0 {
			names = known
		}
	}
	seen := map[string]bool{}
	for _, n := range names {
		if n == study.ConsensusCoder {
			return nil, fmt.Errorf("%q is the reconciled coding, not a coder", n)
		}
		if seen[n] {
			return nil, fmt.Errorf("coder %q is named twice", n)
		}
		seen[n] = true
		if !slices.Contains(known, n) {
			return nil, &UnknownCoderError{Name: n, Coders: known}
		}
	}
	if len(names) < 2 {
		return nil, &TooFewCodersError{Coders: names}
	}
	return names, nil
}

// TooFewCodersError says a comparison has fewer than two coders.
type TooFewCodersError struct{ Coders []string }

func (e *TooFewCodersError) Error() string {
	has := "no coders"
	if len(e.Coders) == 1 {
		has = "only " + e.Coders[0]
	}
	return fmt.Sprintf("agreement needs two coders, but this study has %s: add a second coder and let them code", has)
}

// Agree compares coders: the disagreements side by side always, and the
// statistics when asked for or in a codebook study.
func (b *Study) Agree(req AgreeRequest) (*Agreement, error) {
	if req.Bootstrap > MaxBootstrap {
		return nil, fmt.Errorf("%d bootstrap replicates is more than mixeval runs (at most %d; 2,000 give a stable 95%% interval)", req.Bootstrap, MaxBootstrap)
	}
	if req.Overlap == 0 {
		req.Overlap = triangulate.DefaultOverlap
	}
	names, err := b.ResolveCoders(req.Coders)
	if err != nil {
		return nil, err
	}
	docs, err := b.Documents()
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, NoDocumentsError
	}
	cb, err := b.Codebook()
	if err != nil {
		return nil, err
	}
	files, err := triangulate.ReadCoders(b.layout.Dir, names)
	if err != nil {
		return nil, err
	}
	a := &Agreement{Mode: b.Mode(), Coders: names, Overlap: req.Overlap, Documents: len(docs)}
	a.StatsFirst = a.Mode == "codebook"
	in := triangulate.Input{Documents: docs, Codebook: cb, Coders: files, Codes: req.Codes}
	if req.Stats || a.StatsFirst {
		a.Report, err = triangulate.Study(in, triangulate.Options{Bootstrap: req.Bootstrap, Seed: req.Seed, Progress: req.Progress})
		if err != nil {
			return nil, err
		}
	} else if len(req.Codes) > 0 {
		if err := triangulate.CheckCodes(in); err != nil {
			return nil, err
		}
	}
	for i := 0; i < len(files); i++ {
		for j := i + 1; j < len(files); j++ {
			a.Diagnostics = append(a.Diagnostics, triangulate.Diagnose(docs, files[i], files[j], req.Codes, req.Overlap))
		}
	}
	a.NothingCompared = a.Diagnostics[0].Compared == 0
	return a, nil
}
