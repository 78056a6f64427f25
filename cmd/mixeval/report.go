package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/safefile"
	evalreport "github.com/mixeval/mixeval/report"
)

type reportOptions struct {
	IO       *ioStreams
	Backend  func() (*backend.Study, error)
	Format   string
	Output   string
	Redact   bool
	Coding   string
	Measures []string
	Level    string
}

func newReportCmd(f *factory, runF func(*reportOptions) error) *cobra.Command {
	opts := &reportOptions{IO: f.IO, Backend: f.Backend("report")}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "The combined evaluation report: methods, Table 2, themes and the joint display",
		Long: `Write one evaluation report from the study as it stands, readable without
mixeval: the methods as they were done (instruments, reliabilities, norms and
their sources, the criterion per measure and why, z, missing data; the six
phases of the thematic analysis, the coders, the mode and how their work was
compared), the quantitative results (the source study's Table 2 layout, a
group summary and a Jacobson–Truax plot per measure), the qualitative
results (a theme map and the pinned quotes), the joint display that links
each patient's change category to the themes of what they wrote, the
agreement between the coders, and a case appendix sorted by RCI.

HTML is one self-contained file (inline CSS and SVG, no script, nothing
loaded from elsewhere) that prints well. Markdown renders on GitHub: the
theme map as a Mermaid diagram and the plots as SVG files in a folder beside
the report (report.md → report-figures/). The format follows the -o file's
extension unless --format says otherwise; without -o the report goes to
standard output (Markdown without its plots).

The qualitative results use the consensus coding when it exists, else
--coding, else the first coder in mixeval.yaml. Every study text the report
writes passes the personal-data guard: with undecided findings nothing is
written (decide them with 'mixeval privacy', or give --redact).
Details: docs/report.md.`,
		Example: `  # The sample study's report, to open in a browser
  mixeval report --study sample-data -o report.html

  # Markdown for a repository, with the figures beside it
  mixeval report -o report.md

  # The joint display by subtheme for the PSEQ, from bob's coding
  mixeval report -o pseq.md --measure PSEQ --level subtheme --coding bob`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "" {
				if err := checkFormat(opts.Format, "html", "md"); err != nil {
					return err
				}
			}
			if _, ok := evalreport.ParseLevel(opts.Level); !ok {
				return usageErrorf("--level %q is not known: use theme or subtheme", opts.Level)
			}
			if runF != nil {
				return runF(opts)
			}
			return reportRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "", "html or md (default: from the -o file's extension, else html)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (default: standard output)")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, "replace undecided personal data by markers instead of refusing")
	cmd.Flags().StringVar(&opts.Coding, "coding", "", "the coding the qualitative results use: a coder or consensus (default: the consensus, else the first coder)")
	cmd.Flags().StringArrayVar(&opts.Measures, "measure", nil, "the measure of the joint display and case appendix (repeatable; default: the first in Markdown, all in HTML)")
	cmd.Flags().StringVar(&opts.Level, "level", "theme", "the joint display's columns: theme or subtheme")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"html", "md"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("level", cobra.FixedCompletions([]string{"theme", "subtheme"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// format is the report's format: --format, else the -o file's extension.
func (o *reportOptions) format() evalreport.Format {
	if o.Format != "" {
		f, _ := evalreport.ParseFormat(o.Format) // checked in RunE
		return f
	}
	return evalreport.FormatOf(o.Output)
}

func reportRun(opts *reportOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	format := opts.format()
	level, _ := evalreport.ParseLevel(opts.Level)
	res, err := b.Report(backend.ReportRequest{
		Coding: opts.Coding, Measures: opts.Measures, Level: level,
		Redact: opts.Redact, Version: version, Format: format,
	})
	if err != nil {
		var blocked *export.BlockedError
		if errors.As(err, &blocked) {
			return exportFailed(opts.IO, err)
		}
		var um *evalreport.UnknownMeasureError
		if errors.As(err, &um) {
			return fmt.Errorf("%w: give --measure one of them", err)
		}
		return err
	}
	figDir := ""
	if format == evalreport.FormatMarkdown && opts.Output != "" {
		figDir = evalreport.FigureDir(opts.Output)
	}
	out, figs, err := res.Render(format, figDir)
	if err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintf(opts.IO.ErrOut, "mixeval: note: %s\n", n)
	}
	reportGuard(opts.IO, &export.Report{Redacted: res.Redacted, Allowed: res.Allowed})
	if opts.Output == "" {
		if format == evalreport.FormatMarkdown && len(res.Report.Measures) > 0 {
			fmt.Fprintln(opts.IO.ErrOut, "mixeval: note: the plots are left out on standard output; write the report with -o FILE.md to get them beside it")
		}
		_, err = opts.IO.Out.Write(out)
		return err
	}
	// The figures first, so that the report never links to a figure that
	// is not there yet; each file is written whole or not at all.
	dir := filepath.Dir(opts.Output)
	for _, fig := range figs {
		path := filepath.Join(dir, filepath.FromSlash(fig.Path))
		if err := safefile.MkdirAll(dir, filepath.Dir(path)); err != nil {
			return fmt.Errorf("create the figure folder: %w", err)
		}
		if err := atomicfile.WriteFile(path, fig.SVG, 0o644); err != nil {
			return fmt.Errorf("write figure: %w", err)
		}
	}
	if err := atomicfile.WriteFile(opts.Output, out, 0o644); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "mixeval: wrote %s", opts.Output)
	if len(figs) > 0 {
		fmt.Fprintf(opts.IO.ErrOut, " and %d figure(s) in %s", len(figs), filepath.Join(dir, figDir))
	}
	fmt.Fprintln(opts.IO.ErrOut)
	return nil
}
