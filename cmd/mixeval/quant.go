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

	Method, Compat, Categories string
	PctImprove, PctDeteriorate *float64
	From, To                   string
}

func newQuantCmd(f *factory, runF func(*quantOptions) error) *cobra.Command {
	opts := &quantOptions{factory: f}
	var pctImp, pctDet float64
	cmd := &cobra.Command{
		Use:   "quant",
		Short: "Reliable and clinically significant change for every measure of the study",
		Long: `Score every measure listed under "measures:" in mixeval.yaml from its
item-level data file and run the Jacobson & Truax analysis: the reliable
change index, the clinically significant change cut-off of the chosen
criterion (a, b or c) and, per measure, the 3×3 table of the clinsig R
package (not significant / okay at baseline / significant change by
deterioration / improvement / no change) with the per-patient list.

A measure may list pairs of time points ("pairs:", e.g. pre to post and
pre to fu3); --from and --to analyse one pair for every measure instead.
The reliable change method is the measure's ("method:"), else jt; --method
sets it for every measure. See docs/quant.md for the methods, the combined
categories and the group effects.

Nothing is printed or written when any measure has a problem: every
problem is listed with its file, row and column.`,
		Example: `  # Table 2 of the bundled sample study
  mixeval quant --study sample-data

  # Machine-readable output, and a Jacobson–Truax plot per measure
  mixeval quant --format json --plot plots/

  # Three-month follow-up with the five combined categories
  mixeval quant --study sample-data --from pre --to fu3 --categories combined

  # Re-check with the R package clinicalsignificance's choices
  mixeval quant --study sample-data --method ha --compat clinicalsignificance`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := quant.ParseFormat(opts.Format); err != nil {
				return usageErrorf("%v", err)
			}
			set := func(name string, v float64) *float64 {
				if cmd.Flags().Changed(name) {
					return &v
				}
				return nil
			}
			opts.PctImprove, opts.PctDeteriorate = set("pct-improve", pctImp), set("pct-deteriorate", pctDet)
			if _, err := opts.studyOptions(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return quantRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table, json, csv or md")
	fl := cmd.Flags()
	fl.StringVar(&opts.PlotDir, "plot", "", "write a Jacobson–Truax plot per measure and pair, and a trajectory plot when there are follow-ups (SVG and PNG), into `DIR`")
	fl.StringVar(&opts.Method, "method", "", "reliable change index for every measure: jt, gln, hll, en, nk or ha (default: each measure's, else jt)")
	fl.StringVar(&opts.Compat, "compat", "", "reproduce another program's choices: clinsig (R clinsig 1.2) or clinicalsignificance (R clinicalsignificance 3.0.0)")
	fl.StringVar(&opts.Categories, "categories", "clinsig", "categories: clinsig (the 3×3 table) or combined (adds recovered, improved, unchanged, deteriorated, harmed)")
	fl.Float64Var(&pctImp, "pct-improve", 0, "also classify by percentage change: the `FRACTION` of the pre score that counts as improvement (0.5 = 50%)")
	fl.Float64Var(&pctDet, "pct-deteriorate", 0, "the `FRACTION` that counts as deterioration (default: --pct-improve)")
	fl.StringVar(&opts.From, "from", "", "analyse this time point (e.g. pre) against --to for every measure, in place of the measures' pairs")
	fl.StringVar(&opts.To, "to", "", "the later time point of --from (e.g. fu3)")
	cmd.AddCommand(newQuantRCICmd(f, nil))
	return cmd
}

func quantRun(opts *quantOptions) error {
	b, err := opts.factory.Backend("quant")()
	if err != nil {
		return err
	}
	so, err := opts.studyOptions()
	if err != nil {
		return err
	}
	rs, err := b.Quant(so)
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
		for _, res := range r.Results() {
			for _, w := range res.Warnings {
				fmt.Fprintf(io.ErrOut, "mixeval: warning: %s: %s\n", r.Name, w)
			}
		}
	}
	_, err = io.Out.Write(out.Bytes())
	return err
}

// studyOptions checks the flags that apply to every measure. Its errors
// are misuse.
func (o *quantOptions) studyOptions() (quant.StudyOptions, error) {
	var so quant.StudyOptions
	var err error
	if o.Method != "" {
		if so.Method, err = quant.ParseMethod(o.Method); err != nil {
			return so, usageErrorf("--method: %v", err)
		}
	}
	if so.Compat, err = quant.ParseCompat(o.Compat); err != nil {
		return so, usageErrorf("--compat: %v", err)
	}
	if so.Categories, err = quant.ParseCategories(o.Categories); err != nil {
		return so, usageErrorf("--categories: %v", err)
	}
	if o.PctDeteriorate != nil && o.PctImprove == nil {
		return so, usageErrorf("--pct-deteriorate needs --pct-improve too")
	}
	so.Percentage = thresholds(o.PctImprove, o.PctDeteriorate)
	switch {
	case (o.From == "") != (o.To == ""):
		return so, usageErrorf("give --from and --to together")
	case o.From != "" && o.From == o.To:
		return so, usageErrorf("--from and --to are both %q: give two different time points", o.From)
	}
	for _, t := range []string{o.From, o.To} {
		if t != "" && !quant.ValidTimeLabel(t) {
			return so, usageErrorf("%q is not a time point: use pre, post or a follow-up label such as fu3", t)
		}
	}
	so.From, so.To = o.From, o.To
	return so, nil
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
