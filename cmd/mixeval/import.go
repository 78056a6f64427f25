package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic"
)

type importOptions struct {
	IO    *ioStreams
	Study func() (*study.Study, error)

	Path  string
	ID    string
	Texts []string
	Attrs []string
	Sheet string
}

func newImportCmd(f *factory, runF func(*importOptions) error) *cobra.Command {
	opts := &importOptions{IO: f.IO, Study: f.Study}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import feedback forms (CSV, XLSX, plain text) into the study",
		Long: `Import a feedback-form export into the study's sources/ folder.

CSV and XLSX exports (Microsoft Forms, Google Forms, Qualtrics) are wide: one
row per respondent, one column per question. Say which column holds the
respondent id (--id), which hold free-text answers (--text, repeatable, with
an optional short label: --text 'COLUMN=label'), and which hold attributes
such as group (--attr, repeatable). Without these flags, import lists the
columns it found with example values and an example command, imports
nothing and exits 1: it never guesses and never prompts.

Plain text: a .txt file, or a folder of .txt files, is one answer per file;
the respondent id is the file name (P01.txt is P01). The label is "text"
unless you give --text 'text=LABEL'.

The file is read in whatever encoding it has (UTF-8 with or without BOM,
UTF-16, Windows-1252 as Excel writes it) and with whatever delimiter (comma,
semicolon, tab). The original is kept untouched as
sources/NAME.original.EXT, beside the normalised copy sources/NAME.csv (UTF-8,
NFC, LF line endings), and mixeval.yaml gains the source's mapping.

Importing a file of the same name again updates that source, reusing its
mapping unless flags are given, and lists the documents whose text changed:
segments coded on them need checking.`,
		Example: `  # See the columns of an export
  mixeval import feedback.xlsx

  # Import with a mapping (labels default to a slug of the column)
  mixeval import feedback.csv --id Respondent \
    --text 'What did you find most helpful about the group?=helped' \
    --text 'What could be improved?=improve' --attr group --attr sessions

  # A folder of P01.txt, P02.txt, ...
  mixeval import letters/ --text text=letter`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = args[0]
			if runF != nil {
				return runF(opts)
			}
			return importRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.ID, "id", "", "column holding the respondent id")
	cmd.Flags().StringArrayVar(&opts.Texts, "text", nil, "free-text column, optionally with a label: COLUMN[=label] (repeatable)")
	cmd.Flags().StringArrayVar(&opts.Attrs, "attr", nil, "attribute column, e.g. group (repeatable)")
	cmd.Flags().StringVar(&opts.Sheet, "sheet", "", "XLSX sheet to read (default: the first)")
	return cmd
}

func importRun(opts *importOptions) error {
	s, err := opts.Study()
	if err != nil {
		return err
	}
	in := thematic.ImportOptions{Path: opts.Path, Sheet: opts.Sheet, ID: opts.ID, Attrs: opts.Attrs}
	for _, v := range opts.Texts {
		in.Texts = append(in.Texts, thematic.ParseTextFlag(v))
	}
	res, err := thematic.Import(s, in)
	var need *thematic.NeedMappingError
	if errors.As(err, &need) {
		printColumns(opts.IO, opts.Path, opts.Sheet, need.Table)
		return errors.New("nothing imported: choose the columns with --id and --text (see the example above)")
	}
	if err != nil {
		return err
	}
	printImport(opts.IO, res)
	return nil
}

func printColumns(io *ioStreams, path, sheet string, t *thematic.Table) {
	w := io.Out
	where := ""
	if sheet != "" {
		where = ", sheet " + sheet
	}
	fmt.Fprintf(w, "%s: %d rows, %d columns (read as %s%s%s)\n\n", path, len(t.Rows), len(t.Header), t.Encoding, where, delimiterNote(t.Delimiter))
	for i, p := range thematic.PreviewColumns(t, 3) {
		ex := strings.Join(quoteAll(p.Examples), ", ")
		if ex == "" {
			ex = "(empty)"
		}
		fmt.Fprintf(w, "  %2d  %s\n      %d of %d filled, e.g. %s\n", i+1, p.Name, p.Filled, len(t.Rows), ex)
	}
	opt := thematic.SuggestMapping(t)
	opt.Sheet = sheet
	fmt.Fprintf(w, "\nChoose the id column and the free-text columns, for example:\n  %s\n", thematic.ExampleCommand(path, opt))
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func delimiterNote(d rune) string {
	switch d {
	case ',':
		return ", comma-separated"
	case ';':
		return ", semicolon-separated"
	case '\t':
		return ", tab-separated"
	}
	return ""
}

func printImport(io *ioStreams, res *thematic.ImportResult) {
	w := io.Out
	verb := "imported"
	if res.Replaced {
		verb = "re-imported"
	}
	nq := len(res.Source.Questions)
	fmt.Fprintf(w, "%s %s: %d respondent%s × %d question%s = %d document%s (%d empty)\n",
		verb, res.Source.File, res.Respondents, plural(res.Respondents), nq, plural(nq), len(res.Documents), plural(len(res.Documents)), res.Empty)
	fmt.Fprintf(w, "read as %s%s; original kept as %s\n", res.Encoding, delimiterNote(res.Delimiter), res.Source.Original)
	for _, q := range res.Source.Questions {
		fmt.Fprintf(w, "  question %s: %s\n", q.Label, q.Column)
	}
	if len(res.Source.Attributes) > 0 {
		fmt.Fprintf(w, "  attributes: %s\n", strings.Join(res.Source.Attributes, ", "))
	}
	if res.Replaced {
		if len(res.Changed) == 0 {
			fmt.Fprintln(w, "no document changed")
			return
		}
		fmt.Fprintf(w, "changed documents (%d): segments coded on them may no longer fit the text\n", len(res.Changed))
		for _, id := range res.Changed {
			fmt.Fprintf(w, "  %s\n", id)
		}
	}
}
