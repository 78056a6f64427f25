package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

type agreeOptions struct {
	IO        *ioStreams
	Backend   func() (*backend.Study, error)
	Coders    []string
	Codes     []string
	Overlap   float64
	Stats     bool
	Bootstrap int
	Seed      uint64
	Format    string
	Details   bool
}

// newAgreeCmd compares the coders of the study; its subcommand table
// computes agreement on any CSV of reliability data.
func newAgreeCmd(f *factory, runF func(*agreeOptions) error) *cobra.Command {
	opts := &agreeOptions{IO: f.IO, Backend: f.Backend("agree")}
	cmd := &cobra.Command{
		Use:   "agree",
		Short: "Agreement between coders (inter-rater reliability)",
		Long: `Compare the coders of the study: where they disagree, and how far they agree.

The unit is one document × one code: 1 when the coder applied the code
anywhere in the answer, 0 when the coder reviewed the answer without applying
it, missing when the coder has not reviewed it (left out). Per code: the 2×2
counts, percent agreement, Cohen's kappa, Krippendorff's alpha (nominal) and
Gwet's AC1; per theme (a code's presence rolled up to every theme above it);
overall, the macro mean across codes (saying how many were undefined) and the
pooled value (all units in one matrix). A value that is 0/0 (e.g. a code
nobody used) is "undefined", never 0 or 1.

The disagreement views: every segment group where the coders differ, with
the first coder's spans in [square brackets] and the second's in {braces} in
the answer text (the table and md formats count them per code and show the
first 10; --details lists every one); segment overlap per code (a segment agrees when the other
coder applied the same code to a segment sharing at least --overlap percent
of their union); NVivo-style character-level agreement and kappa per code ×
document (per code over all documents, or per document with --details).

In a study of mode reflexive (the default), the disagreements come first and
the statistics only with --stats; in mode codebook the statistics come first.
With three or more coders, kappa is Light's (mean pairwise Cohen), Fleiss'
kappa is added, and the disagreement views are given for each pair.
--format csv writes the statistics when they are shown, else the
disagreements. Details: docs/agreement.md.

For reliability data in a CSV file, use 'mixeval agree table'.`,
		Example: `  # Disagreements between the study's two coders, to discuss
  mixeval agree

  # Statistics too, for two named coders and two codes
  mixeval agree --coders alice,bob --codes connection,toolkit --stats

  # A bootstrap interval for alpha, reproducible, for a script
  mixeval agree --stats --bootstrap 2000 --seed 1 --format json

  # Reliability data from elsewhere
  mixeval agree table ratings.csv`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format, "table", "json", "md", "csv"); err != nil {
				return err
			}
			if !(opts.Overlap > 0 && opts.Overlap <= 100) {
				return usageErrorf("--overlap %v must be a percentage above 0 and at most 100", opts.Overlap)
			}
			if opts.Bootstrap != 0 && opts.Bootstrap < 100 {
				return usageErrorf("--bootstrap %d is too few replicates for a percentile interval: use at least 1000", opts.Bootstrap)
			}
			if opts.Bootstrap > backend.MaxBootstrap {
				return usageErrorf("--bootstrap %d: at most %d replicates (2000 give a stable 95%% interval)", opts.Bootstrap, backend.MaxBootstrap)
			}
			if cmd.Flags().Changed("seed") && opts.Bootstrap == 0 {
				return usageErrorf("--seed needs --bootstrap N")
			}
			if runF != nil {
				return runF(opts)
			}
			return agreeRun(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Coders, "coders", nil, "coders to compare, e.g. alice,bob (default: the study's coders)")
	cmd.Flags().StringSliceVar(&opts.Codes, "codes", nil, "only these codes (default: every code)")
	cmd.Flags().Float64Var(&opts.Overlap, "overlap", triangulate.DefaultOverlap, "percent of the union two segments must share to agree")
	cmd.Flags().BoolVar(&opts.Stats, "stats", false, "show the statistics (always shown in mode codebook)")
	cmd.Flags().IntVar(&opts.Bootstrap, "bootstrap", 0, "bootstrap replicates for an interval for alpha (at least 1000 advised)")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed for --bootstrap, for a reproducible interval")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table, json, md or csv")
	cmd.Flags().BoolVar(&opts.Details, "details", false, "list every disagreement and the character level per document (table and md; json and csv always do)")
	cmd.AddCommand(newAgreeTableCmd(f, nil))
	return cmd
}

// summaryDisagreements is how many disagreements the summary lists.
const summaryDisagreements = 10

// agreeJSON is the JSON contract of mixeval agree.
type agreeJSON struct {
	Mode        string                     `json:"mode"`
	Coders      []string                   `json:"coders"`
	Overlap     float64                    `json:"overlap_percent"`
	Unit        string                     `json:"unit"`
	Statistics  *triangulate.Report        `json:"statistics,omitempty"`
	Diagnostics []*triangulate.Diagnostics `json:"diagnostics"`
	Bands       string                     `json:"bands,omitempty"`
}

func agreeRun(opts *agreeOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	req := backend.AgreeRequest{Coders: opts.Coders, Codes: opts.Codes, Overlap: opts.Overlap,
		Stats: opts.Stats, Bootstrap: opts.Bootstrap, Seed: opts.Seed}
	var shown bool
	if opts.Bootstrap > 0 && isTerminalWriter(opts.IO.ErrOut) {
		req.Progress = func(n int) {
			fmt.Fprintf(opts.IO.ErrOut, "\rBootstrap intervals: %d replicates drawn", n)
			shown = true
		}
	}
	a, err := b.Agree(req)
	if shown {
		fmt.Fprintln(opts.IO.ErrOut)
	}
	if err != nil {
		return agreeAdvice(err)
	}
	if a.NothingCompared {
		fmt.Fprintf(opts.IO.ErrOut, "No document has been reviewed by both %s and %s yet, so there is nothing to compare: coders mark answers reviewed as they read them.\n", a.Coders[0], a.Coders[1])
	}
	// Buffered: the views write many short cells.
	bw := bufio.NewWriterSize(opts.IO.Out, 64<<10)
	defer bw.Flush()
	w := bw
	rep, diags := a.Report, a.Diagnostics
	switch opts.Format {
	case "json":
		v := agreeJSON{Mode: a.Mode, Coders: a.Coders, Overlap: a.Overlap, Unit: triangulate.UnitNote, Statistics: rep, Diagnostics: diags}
		if rep != nil {
			v.Bands = triangulate.Bands
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	case "csv":
		if rep != nil {
			return triangulate.WriteStatsCSV(w, rep)
		}
		return triangulate.WriteDisagreementsCSV(w, diags...)
	}
	writeStats := func() error {
		if rep == nil {
			return nil
		}
		if opts.Format == "md" {
			return triangulate.WriteStatsMarkdown(w, rep)
		}
		return triangulate.WriteStatsText(w, rep)
	}
	writeDiags := func() error {
		shown := 0
		for _, d := range diags {
			var err error
			switch {
			case opts.Details && opts.Format == "md":
				err = triangulate.WriteDiagnosticsMarkdown(w, d, a.Documents)
			case opts.Details:
				err = triangulate.WriteDiagnosticsText(w, d, a.Documents)
			case opts.Format == "md":
				err = triangulate.WriteDiagnosticsSummaryMarkdown(w, d, a.Documents, summaryDisagreements)
			default:
				err = triangulate.WriteDiagnosticsSummaryText(w, d, a.Documents, summaryDisagreements)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(w)
			shown = max(shown, len(d.Disagreements))
		}
		if !opts.Details && shown > summaryDisagreements {
			fmt.Fprintf(opts.IO.ErrOut, "Showing the first %d disagreements and the character level per code; --details lists every disagreement and every document.\n", summaryDisagreements)
		}
		return nil
	}
	first, second := writeDiags, writeStats
	if a.StatsFirst {
		first, second = writeStats, writeDiags
	}
	if err := first(); err != nil {
		return err
	}
	if a.StatsFirst {
		fmt.Fprintln(w)
	}
	if err := second(); err != nil {
		return err
	}
	if rep == nil {
		fmt.Fprintf(opts.IO.ErrOut, "Mode %s: statistics are shown with --stats.\n", a.Mode)
	}
	return nil
}

// agreeAdvice adds the command line's way out to the backend's neutral
// comparison errors.
func agreeAdvice(err error) error {
	var few *backend.TooFewCodersError
	var unknown *backend.UnknownCoderError
	switch {
	case errors.As(err, &few):
		return fmt.Errorf("%w; or name two with --coders A,B", err)
	case errors.As(err, &unknown):
		return fmt.Errorf("%w (--coders names coders with a coding/NAME.yaml or listed in mixeval.yaml)", err)
	case errors.Is(err, backend.NoDocumentsError):
		return fmt.Errorf("%w with 'mixeval import FILE'", err)
	}
	return err
}
