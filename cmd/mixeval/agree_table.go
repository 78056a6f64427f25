package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/thematic/agree"
)

type agreeTableOptions struct {
	IO         *ioStreams
	File       string
	Categories []float64 // nil: the values seen
	Levels     []agree.Level
	Format     string
}

func newAgreeTableCmd(f *factory, runF func(*agreeTableOptions) error) *cobra.Command {
	opts := &agreeTableOptions{IO: f.IO}
	var categories, levels string
	cmd := &cobra.Command{
		Use:   "table FILE.csv",
		Short: "Agreement statistics for a CSV of units × coders",
		Long: `Compute agreement between coders from reliability data in a CSV file.

The header is unit,<coder>,<coder>,…; then one row per unit with each coder's
category as a number. An empty cell means that coder did not rate that unit.
Commas, semicolons and tabs are all read as separators.

--categories declares the ordered set of categories (default: the values
seen, in numeric order). A value outside it is an error. It matters for
Brennan-Prediger, whose chance agreement is 1/q for q categories.

A statistic is "undefined" (JSON null) when it is 0/0 on these data, for
example every rating in one category, and "n/a" (JSON null) when it does not
apply, for example Cohen's kappa with three coders. Formulas and sources:
docs/agreement.md.`,
		Example: `  # Two or more coders, any missing cells
  mixeval agree table ratings.csv

  # A five-point scale, alpha at the ordinal level only, for a script
  mixeval agree table ratings.csv --categories 1,2,3,4,5 --level ordinal --format json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if cmd.Flags().Changed("categories") {
				cats, err := agree.ParseCategories(categories)
				if err != nil {
					return usageErrorf("--categories: %v", err)
				}
				opts.Categories = cats
			}
			ls, err := agree.ParseLevels(levels)
			if err != nil {
				return usageErrorf("--level: %v", err)
			}
			opts.Levels = ls
			if err := checkFormat(opts.Format, "table", "json"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return agreeTableRun(opts)
		},
	}
	cmd.Flags().StringVar(&categories, "categories", "", "ordered category set, e.g. 1,2,3 (default: the values seen)")
	cmd.Flags().StringVar(&levels, "level", "nominal,ordinal,interval,ratio", "levels of measurement for Krippendorff's alpha")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	return cmd
}

func agreeTableRun(opts *agreeTableOptions) error {
	fh, _, err := safefile.Open(opts.File)
	if err != nil {
		return fmt.Errorf("open reliability data: %w", err)
	}
	defer fh.Close()
	m, err := agree.ReadCSV(fh, opts.File, opts.Categories)
	if err != nil {
		return err
	}
	s := agree.Summarize(m, opts.Levels...)
	if opts.Format == "json" {
		return agree.WriteJSON(opts.IO.Out, s)
	}
	return agree.WriteTable(opts.IO.Out, opts.File, s)
}
