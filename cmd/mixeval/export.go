package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/export"
)

// exportOptions are what every export subcommand shares.
type exportOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	What   string // segments, matrix, memos, qdc, qdpx
	Coding string
	Format string
	Output string
	Redact bool
	By     string
	Level  string
	Counts bool
}

func newExportCmd(f *factory, runF func(*exportOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export segments|matrix|memos|qdc|qdpx",
		Short: "Write coded data for analysis, memos, or a REFI-QDA project for other QDA tools",
		Long: `Write what the researchers hand on: the coded segments or a code matrix for
a spreadsheet or R, every memo, the codebook as a REFI-QDA .qdc, or the whole
project as a REFI-QDA .qdpx that NVivo, ATLAS.ti, MAXQDA and QualCoder open.

Every text written passes the personal-data guard: an undecided finding
stops the export (nothing is written) unless --redact replaces it by a
marker. See docs/exports.md.`,
		Example: `  mixeval export segments --format csv -o segments.csv
  mixeval export matrix --by respondent --level subtheme -o matrix.csv
  mixeval export qdpx -o study.qdpx`,
		Args: usageArgs(cobra.NoArgs),
	}
	cmd.AddCommand(
		newExportSubCmd(f, "segments", runF),
		newExportSubCmd(f, "matrix", runF),
		newExportSubCmd(f, "memos", runF),
		newExportSubCmd(f, "qdc", runF),
		newExportSubCmd(f, "qdpx", runF),
	)
	return cmd
}

func newExportSubCmd(f *factory, what string, runF func(*exportOptions) error) *cobra.Command {
	opts := &exportOptions{IO: f.IO, Backend: f.Backend("export " + what), What: what}
	cmd := &cobra.Command{
		Use:  what,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return exportRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "", "write to FILE")
	fl.BoolVar(&opts.Redact, "redact", false, "replace undecided personal data by markers instead of stopping")
	coding := func() {
		fl.StringVar(&opts.Coding, "coding", "", "coding to read: consensus or a coder (default: the consensus, else the first coder)")
	}
	format := func(def string) { fl.StringVar(&opts.Format, "format", def, "output format: csv or json") }
	switch what {
	case "segments":
		cmd.Short = "One row per coded segment: answer, respondent, attributes, span, text, codes, theme path, coder, memo"
		cmd.Long = `Write every coded segment of a coding, one row each: id, document,
respondent, question, attributes, start, end (characters, end exclusive),
the text, codes, theme paths, coder, memo and when it was created. Quotes
are never cut; CSV cells holding line breaks are quoted, so R's read.csv
and Python's csv read them back whole.`
		cmd.Example = `  mixeval export segments --format csv -o segments.csv
  mixeval export segments --coding alice --format json`
		coding()
		format("csv")
	case "matrix":
		cmd.Short = "A 0/1 (or count) matrix of respondents or answers by themes or codes, with attributes and measures"
		cmd.Long = `Write a matrix for R or a spreadsheet: one row per respondent (or per answer
with --by document), one column per theme, subtheme or code (--level), 1
where the coding applied it (the number of segments with --counts), 0 where
not, and empty (NA) where the coding has not reviewed the row; then the
respondent's attributes and, when the study has measures, each measure's
pre, post, change, reliable change index and categories.`
		cmd.Example = `  mixeval export matrix -o matrix.csv
  mixeval export matrix --by document --level code --counts --format json`
		coding()
		format("csv")
		fl.StringVar(&opts.By, "by", "respondent", "rows: respondent or document")
		fl.StringVar(&opts.Level, "level", "theme", "columns: theme, subtheme or code")
		fl.BoolVar(&opts.Counts, "counts", false, "count segments instead of 0/1")
	case "memos":
		cmd.Short = "Every memo (study, answer, segment, theme, code, decision) with its owner and date"
		cmd.Long = `Write every memo of the study: each coder's memos on the study, on answers
and on segments, the memos of themes and codes, and the memos of
reconciliation decisions, each with its owner and date (where the study
records one).`
		cmd.Example = `  mixeval export memos -o memos.csv`
		format("csv")
	case "qdc":
		cmd.Short = "The codebook as a REFI-QDA codebook file (.qdc)"
		cmd.Long = `Write the codebook as a REFI-QDA codebook exchange file (Codebook.xsd):
themes and subthemes as codes that cannot be applied, holding their codes;
each description joins definition, scope and central organising concept.`
		cmd.Example = `  mixeval export qdc -o codebook.qdc`
	case "qdpx":
		cmd.Short = "The whole study as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder"
		cmd.Long = `Write the study as a REFI-QDA project (Project.xsd): every answer as a text
source, every coder's and the consensus's segments as coded selections,
the codebook, each respondent a case with attributes and measures as
variables, memos as notes, and a set of answers per change category of
each measure. GUIDs are the same at every export. See docs/exports.md for
the mapping and what other tools make of it.`
		cmd.Example = `  mixeval export qdpx -o study.qdpx`
	}
	return cmd
}

func (o *exportOptions) check() error {
	switch o.What {
	case "segments", "matrix", "memos":
		if err := checkFormat(o.Format, "csv", "json"); err != nil {
			return err
		}
	case "qdc", "qdpx":
		if o.Output == "" || o.Output == "-" {
			return usageErrorf("give the file to write with -o FILE.%s", o.What)
		}
	}
	if o.What == "matrix" {
		if o.By != "respondent" && o.By != "document" {
			return usageErrorf("--by %q: use respondent or document", o.By)
		}
		if o.Level != "theme" && o.Level != "subtheme" && o.Level != "code" {
			return usageErrorf("--level %q: use theme, subtheme or code", o.Level)
		}
	}
	return nil
}

// writer is an export ready to write in a format.
type writer interface {
	Write(w io.Writer, f export.Format) error
}

func exportRun(opts *exportOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	req := exportRequest(opts.Coding, opts.Redact)
	var (
		out  writer
		data []byte
		rep  *export.Report
		note string
	)
	switch opts.What {
	case "segments":
		var s *export.Segments
		s, rep, err = b.ExportSegments(req)
		if s != nil {
			out, note = s, codingNote(s.Coding, s.Defaulted)
		}
	case "matrix":
		var m *export.Matrix
		m, rep, err = b.ExportMatrix(backend.MatrixRequest{ExportRequest: req,
			MatrixOptions: export.MatrixOptions{By: opts.By, Level: opts.Level, Counts: opts.Counts}})
		if m != nil {
			out, note = m, codingNote(m.Coding, m.Defaulted)
		}
	case "memos":
		var m *export.Memos
		m, rep, err = b.ExportMemos(req)
		out = m
	case "qdc":
		data, rep, err = b.ExportQDC(req)
	case "qdpx":
		data, rep, err = b.ExportQDPX(req)
		note = "every coding of the study"
	}
	if err != nil {
		return exportFailed(opts.IO, err)
	}
	if out != nil {
		if data, err = render(func(w io.Writer) error { return out.Write(w, export.Format(opts.Format)) }); err != nil {
			return err
		}
	}
	if err := writeExport(opts.IO, opts.Output, data); err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintf(opts.IO.ErrOut, "From %s.\n", note)
	}
	reportGuard(opts.IO, rep)
	return nil
}

// codingNote says which coding an export read, as themes does.
func codingNote(name string, defaulted bool) string {
	t := export.Themes{Coding: name, Defaulted: defaulted}
	return t.CodingNote()
}
