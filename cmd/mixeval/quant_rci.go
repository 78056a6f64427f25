package main

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/quant"
)

// quantRCIOptions hold the flags of `mixeval quant rci`.
type quantRCIOptions struct {
	IO   *ioStreams
	File string

	IDCol, PreCol, PostCol string
	Measure                string

	Reliability     float64
	ReliabilityPost *float64
	Method          string
	Categories      string
	PctImprove      *float64
	PctDeteriorate  *float64
	MID             *float64
	MIDDeteriorate  *float64
	NormMean        *float64
	NormSD          *float64
	ClinicalMean    *float64
	ClinicalSD      *float64
	Criterion       string
	Z               *float64
	Higher          bool
	Lower           bool
	Compat          string
	Format          string
	Summary         bool
	PlotDir         string
}

func newQuantRCICmd(f *factory, runF func(*quantRCIOptions) error) *cobra.Command {
	opts := &quantRCIOptions{IO: f.IO}
	var normMean, normSD, clinMean, clinSD, relPost, pctImp, pctDet, mid, midDet, z float64
	cmd := &cobra.Command{
		Use:   "rci FILE",
		Short: "Reliable and clinically significant change for one measure from a totals file",
		Long: `Classify every patient of one measure by reliable change (Jacobson & Truax 1991)
and clinically significant change, and print the clinsig 3×3 table.

FILE is a CSV (comma, semicolon or tab delimited; UTF-8, with or without BOM) or
an XLSX workbook (first sheet) with one row per patient and columns id, pre and
post, or the long form id, measure, pre, post with --measure. An empty cell is a
missing score: that patient is left out, with a warning naming them.

The clinical distribution is the sample's pre scores unless --clinical-mean and
--clinical-sd give a published one. Cut-off c (the default) and b need the norm
(non-clinical) distribution: --norm-mean, and for b also --norm-sd.
Every choice is printed with the result. See docs/quant.md for the formulas.`,
		Example: `  # Reliable change and criterion a, higher scores better
  mixeval quant rci pseq.csv --reliability 0.88 --higher-is-better --criterion a

  # Criterion c with a norm (illustrative figures: use your instrument's published norm)
  mixeval quant rci scs.csv --reliability 0.83 --higher-is-better \
    --norm-mean 3.4 --norm-sd 0.7 --format json

  # One measure of a long totals file whose id column is called "patient"
  mixeval quant rci totals.xlsx --measure FSCRS-Hated --id-col patient \
    --reliability 0.87 --lower-is-better --norm-mean 2.1 --norm-sd 3.5

  # Re-check a published clinsig 1.2 analysis
  mixeval quant rci scores.csv --reliability 0.89 --norm-mean 0.72 --norm-sd 0.57 --compat clinsig`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			set := func(name string, v float64) *float64 {
				if cmd.Flags().Changed(name) {
					return &v
				}
				return nil
			}
			opts.NormMean, opts.NormSD = set("norm-mean", normMean), set("norm-sd", normSD)
			opts.ClinicalMean, opts.ClinicalSD = set("clinical-mean", clinMean), set("clinical-sd", clinSD)
			opts.ReliabilityPost, opts.Z = set("reliability-post", relPost), set("z", z)
			opts.PctImprove, opts.PctDeteriorate = set("pct-improve", pctImp), set("pct-deteriorate", pctDet)
			opts.MID, opts.MIDDeteriorate = set("mid", mid), set("mid-deteriorate", midDet)
			if !cmd.Flags().Changed("reliability") {
				return usageErrorf("--reliability is required: give the instrument's published reliability (e.g. Cronbach's alpha 0.88)")
			}
			if runF != nil {
				return runF(opts)
			}
			return quantRCIRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.IDCol, "id-col", "id", "name of the id column")
	fl.StringVar(&opts.PreCol, "pre-col", "pre", "name of the pre-treatment score column")
	fl.StringVar(&opts.PostCol, "post-col", "post", "name of the post-treatment score column")
	fl.StringVar(&opts.Measure, "measure", "", "keep only this measure's rows of a long file (id, measure, pre, post)")
	fl.Float64Var(&opts.Reliability, "reliability", 0, "reliability of the measure, e.g. Cronbach's alpha (required)")
	fl.Float64Var(&relPost, "reliability-post", 0, "reliability at post for --method nk (default: --reliability)")
	fl.StringVar(&opts.Method, "method", "jt", "reliable change index: jt, gln, hll, en, nk or ha (docs/quant.md)")
	fl.StringVar(&opts.Categories, "categories", "clinsig", "categories: clinsig (the 3×3 table) or combined (adds recovered, improved, unchanged, deteriorated, harmed)")
	fl.Float64Var(&pctImp, "pct-improve", 0, "also classify by percentage change: the `FRACTION` of the pre score that counts as improvement (0.5 = 50%)")
	fl.Float64Var(&pctDet, "pct-deteriorate", 0, "the `FRACTION` that counts as deterioration (default: --pct-improve)")
	fl.Float64Var(&mid, "mid", 0, "also classify by an anchor-based minimal important difference of `POINTS`")
	fl.Float64Var(&midDet, "mid-deteriorate", 0, "the minimal important difference for deterioration in `POINTS` (default: --mid)")
	fl.Float64Var(&normMean, "norm-mean", 0, "mean of the non-clinical (norm) population")
	fl.Float64Var(&normSD, "norm-sd", 0, "SD of the non-clinical (norm) population")
	fl.Float64Var(&clinMean, "clinical-mean", 0, "mean of the clinical population (default: the sample's pre scores)")
	fl.Float64Var(&clinSD, "clinical-sd", 0, "SD of the clinical population (default: the sample's pre scores)")
	fl.StringVar(&opts.Criterion, "criterion", "", "cut-off for clinical significance: a, b or c (default c; a with --compat clinicalsignificance)")
	fl.Float64Var(&z, "z", 0, "critical value of the reliable change index (default 1.96; 1.645 for ha; exact quantiles with --compat clinicalsignificance)")
	fl.BoolVar(&opts.Higher, "higher-is-better", false, "higher scores mean better health")
	fl.BoolVar(&opts.Lower, "lower-is-better", false, "lower scores mean better health")
	fl.StringVar(&opts.Compat, "compat", "", "reproduce another program's choices: clinsig (R clinsig 1.2) or clinicalsignificance (R clinicalsignificance 3.0.0)")
	fl.StringVar(&opts.Format, "format", "table", "output format: table, json, csv or md")
	fl.BoolVar(&opts.Summary, "summary", false, "leave out the per-patient rows")
	fl.StringVar(&opts.PlotDir, "plot", "", "also write a Jacobson–Truax plot (SVG and PNG) into `DIR`")
	return cmd
}

// analysisOptions checks the flags together and turns them into the
// engine's options. Its errors are misuse.
func (o *quantRCIOptions) analysisOptions() (quant.Options, quant.Format, error) {
	var opt quant.Options
	format, err := quant.ParseFormat(o.Format)
	if err != nil {
		return opt, "", usageErrorf("--format: %v", err)
	}
	crit := quant.Criterion(o.Criterion) // empty: the mode's default
	if _, err := quant.ParseCriterion(o.Criterion); err != nil {
		return opt, "", usageErrorf("--criterion: %v", err)
	}
	if !(o.Reliability > 0 && o.Reliability < 1) {
		return opt, "", usageErrorf("--reliability %v must be between 0 and 1 (exclusive)", o.Reliability)
	}
	if o.Z != nil && (!(*o.Z > 0) || math.IsInf(*o.Z, 0)) {
		return opt, "", usageErrorf("--z %v must be a positive number", *o.Z)
	}
	compat, err := quant.ParseCompat(o.Compat)
	if err != nil {
		return opt, "", usageErrorf("--compat: %v", err)
	}
	method, err := quant.ParseMethod(o.Method)
	if err != nil {
		return opt, "", usageErrorf("--method: %v", err)
	}
	cats, err := quant.ParseCategories(o.Categories)
	if err != nil {
		return opt, "", usageErrorf("--categories: %v", err)
	}
	if o.ReliabilityPost != nil && method != quant.MethodNK {
		return opt, "", usageErrorf("--reliability-post is for --method nk only")
	}
	if o.PctDeteriorate != nil && o.PctImprove == nil {
		return opt, "", usageErrorf("--pct-deteriorate needs --pct-improve too")
	}
	if o.MIDDeteriorate != nil && o.MID == nil {
		return opt, "", usageErrorf("--mid-deteriorate needs --mid too")
	}
	for i, v := range []*float64{o.NormMean, o.NormSD, o.ClinicalMean, o.ClinicalSD} {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
			return opt, "", usageErrorf("--%s must be a finite number", []string{"norm-mean", "norm-sd", "clinical-mean", "clinical-sd"}[i])
		}
	}
	if o.NormSD != nil && o.NormMean == nil {
		return opt, "", usageErrorf("--norm-sd needs --norm-mean too")
	}
	if (o.ClinicalMean == nil) != (o.ClinicalSD == nil) {
		return opt, "", usageErrorf("give both --clinical-mean and --clinical-sd, or neither (then the sample's pre scores are used)")
	}
	switch {
	case o.Higher && o.Lower:
		return opt, "", usageErrorf("--higher-is-better and --lower-is-better contradict each other: give one")
	case o.Higher:
		opt.Direction = quant.HigherIsBetter
	case o.Lower:
		opt.Direction = quant.LowerIsBetter
	case compat == quant.CompatClinsig && o.NormMean != nil:
		// clinsig takes the direction from the norm mean.
	default:
		return opt, "", usageErrorf("say which way is better on this measure: --higher-is-better or --lower-is-better")
	}
	if o.PlotDir != "" && o.Summary {
		return opt, "", usageErrorf("--plot draws every patient, so it cannot be used with --summary")
	}
	opt.Reliability, opt.Criterion, opt.Compat, opt.Summary = o.Reliability, crit, compat, o.Summary
	if o.Z != nil {
		opt.Z = *o.Z
	}
	opt.Method, opt.Categories, opt.ReliabilityPost = method, cats, o.ReliabilityPost
	opt.Percentage, opt.Anchor = thresholds(o.PctImprove, o.PctDeteriorate), thresholds(o.MID, o.MIDDeteriorate)
	if o.NormMean != nil {
		opt.Norm = &quant.Norm{Mean: *o.NormMean, SD: o.NormSD}
	}
	if o.ClinicalMean != nil {
		opt.Clinical = &quant.Distribution{Mean: *o.ClinicalMean, SD: *o.ClinicalSD}
	}
	return opt, format, nil
}

// thresholds pairs an improvement threshold with its deterioration one,
// which defaults to the same value.
func thresholds(improve, deteriorate *float64) *quant.Thresholds {
	if improve == nil {
		return nil
	}
	t := &quant.Thresholds{Improve: *improve, Deteriorate: *improve}
	if deteriorate != nil {
		t.Deteriorate = *deteriorate
	}
	return t
}

func quantRCIRun(o *quantRCIOptions) error {
	opt, format, err := o.analysisOptions()
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		// The working set is a few large slices that live to the end: fewer
		// collections save about a fifth of the CPU time on a million rows,
		// for about 15 MB more peak memory (docs/PERFORMANCE.md).
		debug.SetGCPercent(400)
	}
	pairs, err := quant.ReadPairsFile(o.File, quant.PairsOptions{IDCol: o.IDCol, PreCol: o.PreCol, PostCol: o.PostCol, Measure: o.Measure})
	if err != nil {
		return err
	}
	res, err := quant.Analyze(pairs, opt)
	if err != nil {
		return fmt.Errorf("%s: %w%s", filepath.Base(o.File), err, flagAdvice(err))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(o.IO.ErrOut, "mixeval: warning: %s\n", w)
	}
	name := o.Measure
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(o.File), filepath.Ext(o.File))
	}
	out := bufio.NewWriterSize(o.IO.Out, 64<<10)
	write := func() error { return quant.WriteResult(out, format, name, res, quant.Sources{}) }
	if format == quant.FormatCSV {
		write = func() error { return writeQuant(out, format, []quant.MeasureResult{{Name: name, Result: res}}) }
	}
	if err := write(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if o.PlotDir != "" {
		return quant.WritePlots(o.PlotDir, []quant.MeasureResult{{Name: name, Result: res}})
	}
	return nil
}

// flagAdvice names the flags that supply what an analysis found missing.
func flagAdvice(err error) string {
	var ne *quant.NormNeededError
	switch {
	case !errors.As(err, &ne):
		return ""
	case ne.HaveMean:
		return " (--norm-sd)"
	case ne.Criterion == quant.CriterionB:
		return " (--norm-mean and --norm-sd)"
	}
	return " (--norm-mean)"
}
