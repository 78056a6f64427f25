package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/internal/csvsafe"
	"github.com/mixeval/mixeval/quant"
)

type quantOptions struct {
	factory *factory
	Format  string
	PlotDir string
}

func newQuantCmd(f *factory, runF func(*quantOptions) error) *cobra.Command {
	opts := &quantOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "quant",
		Short: "Reliable and clinically significant change for every measure of the study",
		Long: `Score every measure listed under "measures:" in mixeval.yaml from its
item-level data file and run the Jacobson & Truax analysis: the reliable
change index, the clinically significant change cut-off of the chosen
criterion (a, b or c) and, per measure, the 3×3 table of the clinsig R
package (not significant / okay at baseline / significant change by
deterioration / improvement / no change) with the per-patient list.

Nothing is printed or written when any measure has a problem: every
problem is listed with its file, row and column.`,
		Example: `  # Table 2 of the bundled sample study
  mixeval quant --study sample-data

  # Machine-readable output, and a Jacobson–Truax plot per measure
  mixeval quant --format json --plot plots/`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := quant.ParseFormat(opts.Format); err != nil {
				return usageErrorf("%v", err)
			}
			if runF != nil {
				return runF(opts)
			}
			return quantRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table, json, csv or md")
	cmd.Flags().StringVar(&opts.PlotDir, "plot", "", "write a Jacobson–Truax plot per measure (SVG and PNG) into `DIR`")
	cmd.AddCommand(newQuantRCICmd(f, nil))
	return cmd
}

func quantRun(opts *quantOptions) error {
	b, err := opts.factory.Backend("quant")()
	if err != nil {
		return err
	}
	rs, err := b.Quant()
	if err != nil {
		return err
	}
	format, _ := quant.ParseFormat(opts.Format)
	// Render the output before writing any plot, so that a failure leaves
	// no files behind.
	var out bytes.Buffer
	if err := writeQuant(&out, format, rs); err != nil {
		return err
	}
	if opts.PlotDir != "" {
		if err := quant.WritePlots(opts.PlotDir, rs); err != nil {
			return err
		}
	}
	io := opts.factory.IO
	for _, r := range rs {
		for _, w := range r.Warnings {
			fmt.Fprintf(io.ErrOut, "mixeval: warning: %s: %s\n", r.Name, w)
		}
	}
	_, err = io.Out.Write(out.Bytes())
	return err
}

// writeQuant writes the results; CSV goes through csvsafe, so that a
// patient id such as "=cmd|..." cannot run as a formula in a spreadsheet.
func writeQuant(w io.Writer, format quant.Format, rs []quant.MeasureResult) error {
	if format != quant.FormatCSV {
		return quant.WriteStudy(w, format, rs)
	}
	var raw bytes.Buffer
	if err := quant.WriteStudy(&raw, format, rs); err != nil {
		return err
	}
	return csvsafe.Rewrite(w, &raw)
}
