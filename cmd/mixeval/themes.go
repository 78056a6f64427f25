package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/export"
)

type themesOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Coding string
	Quotes string
	Codes  bool
	Format string
	Output string
	Redact bool
}

func newThemesCmd(f *factory, runF func(*themesOptions) error) *cobra.Command {
	opts := &themesOptions{IO: f.IO, Backend: f.Backend("themes")}
	cmd := &cobra.Command{
		Use:   "themes --format md|json|yaml|csv|mermaid [-o FILE]",
		Short: "Write the themes with their definitions, counts and quotes",
		Long: `Write the theme hierarchy for the write-up: themes and subthemes (and codes
with --codes), each with its definition, central organising concept,
counts (segments, answers, respondents, and by attribute) and quotes, whole,
with respondent, question and attributes, pinned exemplars first. Codes not
yet under a theme get a section of their own that always lists their quotes.

The coding is the consensus when one exists, else the coder named with
--coding, else the first coder in mixeval.yaml; stderr says which.

Markdown reads well on GitHub; CSV is one row per quote with the theme path
split into columns; Mermaid draws the hierarchy. Every text passes the
personal-data guard: an undecided finding stops the export (nothing is
written) unless --redact replaces it by a marker. See docs/exports.md.`,
		Example: `  mixeval themes --format md -o themes.md
  mixeval themes --coding alice --quotes 3 --codes --format csv -o quotes.csv
  mixeval themes --format mermaid --redact`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format, "md", "json", "yaml", "csv", "mermaid"); err != nil {
				return err
			}
			if _, err := export.ParseQuoteLimit(opts.Quotes); err != nil {
				return &usageError{err}
			}
			if runF != nil {
				return runF(opts)
			}
			return themesRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Coding, "coding", "", "coding to read: consensus or a coder (default: the consensus, else the first coder)")
	cmd.Flags().StringVar(&opts.Quotes, "quotes", "all", "quotes per theme: all, pinned, or a number (pinned first)")
	cmd.Flags().BoolVar(&opts.Codes, "codes", false, "list the codes under their themes, each with its quotes")
	cmd.Flags().StringVar(&opts.Format, "format", "md", "output format: md, json, yaml, csv or mermaid")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to FILE instead of stdout")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, "replace undecided personal data by markers instead of stopping")
	return cmd
}

func themesRun(opts *themesOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	limit, _ := export.ParseQuoteLimit(opts.Quotes)
	t, rep, err := b.ExportThemes(backend.ThemesRequest{
		ExportRequest: exportRequest(opts.Coding, opts.Redact),
		ThemeOptions:  export.ThemeOptions{Quotes: limit, Codes: opts.Codes},
	})
	if err != nil {
		return exportFailed(opts.IO, err)
	}
	data, err := render(func(w io.Writer) error { return t.Write(w, export.Format(opts.Format)) })
	if err != nil {
		return err
	}
	if err := writeExport(opts.IO, opts.Output, data); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "From %s.\n", t.CodingNote())
	reportGuard(opts.IO, rep)
	return nil
}

// exportRequest is the part every export command shares.
func exportRequest(coding string, redact bool) backend.ExportRequest {
	return backend.ExportRequest{Coding: coding, Redact: redact, Origin: "mixeval " + version}
}
