package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/thematic/corpus"
)

type importOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Path   string
	ID     string
	Texts  []string
	Attrs  []string
	Sheet  string
	Format string

	Replace       bool
	DryRun        bool
	MaxFormSize   string
	MaxAnswerSize string
	Scores        string
	Instruments   []string
}

func newImportCmd(f *factory, runF func(*importOptions) error) *cobra.Command {
	opts := &importOptions{IO: f.IO, Backend: f.Backend("import")}
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import feedback forms (CSV, XLSX, plain text) or a REFI-QDA codebook or project",
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

A REFI-QDA codebook (.qdc) or project (.qdpx) from NVivo, ATLAS.ti, MAXQDA,
QualCoder or mixeval brings its codes (and a project its answers, every
user's codings and memos) into the study; see docs/exports.md.

Importing a file of the same name again updates that source, reusing its
mapping unless flags are given, and lists the documents whose text changed
and, per coder, the coded segments on them. Those segments are never moved:
'mixeval validate' lists them as stale until they are recoded or uncoded.
A re-import keeps the questions and attributes of the earlier mapping that
its flags do not name (and says so); --replace makes the mapping exactly the
flags given, dropping the others. An original is never overwritten: an
updated export's original is kept beside the earlier one
(sources/NAME.original-2.EXT). --dry-run shows what an import would do and
writes nothing.

A .txt file that holds a table (Excel's "Unicode text" export is UTF-16 and
tab-separated) is read as a table, and import says so.

Only regular files are read, of at most 512 MB (--max-form-size), with no
answer over 1 MB (--max-answer-size): a longer answer is an error naming its
row, usually a missing quote that ran rows together.

--scores FILE copies a questionnaire data file (item-level, one row per
patient and time point) into scores/, checks it against the instruments
named with --instrument (ID, or ID:SUBSCALE), and adds or updates one
measure per instrument in mixeval.yaml.`,
		Example: `  # See the columns of an export
  mixeval import feedback.xlsx

  # Import with a mapping (labels default to a slug of the column)
  mixeval import feedback.csv --id Respondent \
    --text 'What did you find most helpful about the group?=helped' \
    --text 'What could be improved?=improve' --attr group --attr sessions

  # A folder of P01.txt, P02.txt, ...
  mixeval import letters/ --text text=letter

  # What a re-import would change, without writing anything
  mixeval import feedback.csv --dry-run

  # Item-level questionnaire scores, checked against two instruments
  mixeval import --scores scores.csv --instrument pseq --instrument fscrs:hated-self --dry-run

  # A project from another QDA tool
  mixeval import interviews.qdpx`,
		Args: usageArgs(cobra.RangeArgs(0, 1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Path = args[0]
			}
			switch {
			case opts.Scores != "" && opts.Path != "":
				return usageErrorf("give either a feedback file or --scores FILE, not both")
			case opts.Scores == "" && opts.Path == "":
				return usageErrorf("give the file to import, or --scores FILE")
			case opts.Scores == "" && len(opts.Instruments) > 0:
				return usageErrorf("--instrument goes with --scores FILE")
			case opts.Scores != "" && len(opts.Instruments) == 0:
				return usageErrorf("--scores needs at least one --instrument ID[:SUBSCALE] to check the file against")
			}
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
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	cmd.Flags().BoolVar(&opts.Replace, "replace", false, "on a re-import, drop the questions and attributes the flags do not name")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "show what the import would do and write nothing")
	cmd.Flags().StringVar(&opts.MaxFormSize, "max-form-size", "512MB", "largest file to read, e.g. 2GB")
	cmd.Flags().StringVar(&opts.MaxAnswerSize, "max-answer-size", "1MB", "longest answer to accept, e.g. 4MB")
	cmd.Flags().StringVar(&opts.Scores, "scores", "", "import questionnaire scores from this file into scores/")
	cmd.Flags().StringArrayVar(&opts.Instruments, "instrument", nil, "with --scores: an instrument the file holds, ID or ID:SUBSCALE (repeatable)")
	return cmd
}

// parseSize reads a size such as 512MB, 2GB, 300KB or 1048576 (bytes).
func parseSize(flag, v string) (int64, error) {
	s := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, usageErrorf("%s %q: give a size such as 512MB, 2GB or 300KB", flag, v)
	}
	return n * mult, nil
}

func importRun(opts *importOptions) error {
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	if opts.Scores != "" {
		return importScoresRun(opts)
	}
	if backend.IsREFIFile(opts.Path) {
		return importREFIRun(opts)
	}
	maxForm, err := parseSize("--max-form-size", opts.MaxFormSize)
	if err != nil {
		return err
	}
	maxAnswer, err := parseSize("--max-answer-size", opts.MaxAnswerSize)
	if err != nil {
		return err
	}
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	in := corpus.ImportOptions{Path: opts.Path, Sheet: opts.Sheet, ID: opts.ID, Attrs: opts.Attrs,
		Replace: opts.Replace, DryRun: opts.DryRun, MaxFormBytes: maxForm, MaxAnswerBytes: maxAnswer}
	for _, v := range opts.Texts {
		in.Texts = append(in.Texts, corpus.ParseTextMapping(v))
	}
	res, affected, aerr, err := b.Import(in)
	var bad *corpus.MappingError
	if errors.As(err, &bad) {
		return mappingProblems(bad)
	}
	var sheet *corpus.SheetError
	if errors.As(err, &sheet) {
		return fmt.Errorf("%w: choose one with --sheet", err)
	}
	var need *corpus.NeedMappingError
	if errors.As(err, &need) {
		if opts.Format == "json" {
			if err := writeJSON(opts.IO.Out, columnsJSON(opts.Path, opts.Sheet, need)); err != nil {
				return err
			}
		} else {
			printColumns(opts.IO, opts.Path, opts.Sheet, need)
		}
		return errors.New("nothing imported: choose the columns with --id and --text (see the example above)")
	}
	var large *safefile.TooLargeError
	if errors.As(err, &large) {
		return fmt.Errorf("%w: if it really is one export, allow more with --max-form-size", err)
	}
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "mixeval: warning: %s\n", w)
	}
	// Segments on changed documents are reported, never shifted: the import
	// is done, so a failure to read a coder file is only a note.
	if opts.Format == "json" {
		out := importJSON(res)
		out.Affected = affected
		if out.Affected == nil {
			out.Affected = []backend.Affected{}
		}
		if err := writeJSON(opts.IO.Out, out); err != nil {
			return err
		}
	} else {
		printImport(opts.IO, res)
		printAffected(opts.IO, affected)
	}
	if aerr != nil {
		fmt.Fprintf(opts.IO.ErrOut, "note: could not check the coded segments on changed documents: %v\n", aerr)
	}
	return nil
}

// printAffected lists the coded segments on documents whose text changed.
func printAffected(streams *ioStreams, affected []backend.Affected) {
	if len(affected) == 0 {
		return
	}
	w := streams.Out
	n := 0
	for _, a := range affected {
		n += a.Segments
	}
	fmt.Fprintf(w, "coded segments on changed documents (%d): they were not moved; recode or uncode them ('mixeval validate' lists them)\n", n)
	for _, a := range affected {
		fmt.Fprintf(w, "  %s: %s, %d segment%s\n", a.Coder, a.Document, a.Segments, plural(a.Segments))
	}
}

// importResultJSON is import's --format json output.
type importResultJSON struct {
	Source      string         `json:"source"`
	Original    string         `json:"original"`
	Replaced    bool           `json:"replaced"`
	Respondents int            `json:"respondents"`
	Documents   int            `json:"documents"`
	Empty       int            `json:"empty"`
	Encoding    string         `json:"encoding"`
	Delimiter   string         `json:"delimiter,omitempty"`
	Questions   []questionJSON `json:"questions"`
	Attributes  []string       `json:"attributes"`
	Changed     []string       `json:"changed"`
	// Affected are the coded segments on changed documents, per coder.
	Affected []backend.Affected `json:"affected"`
	Kept     []string           `json:"kept,omitempty"`
	Dropped  []string           `json:"dropped,omitempty"`
	Notes    []string           `json:"notes,omitempty"`
	Warnings []string           `json:"warnings,omitempty"`
	DryRun   bool               `json:"dry_run,omitempty"`
}

type questionJSON struct {
	Label  string `json:"label"`
	Column string `json:"column"`
}

func importJSON(res *corpus.ImportResult) importResultJSON {
	out := importResultJSON{
		Source: res.Source.File, Original: res.Source.Original, Replaced: res.Replaced,
		Respondents: res.Respondents, Documents: res.Count, Empty: res.Empty,
		Encoding: res.Encoding, Attributes: res.Source.Attributes, Changed: res.Changed,
		Kept: res.Kept, Dropped: res.Dropped, Notes: res.Notes, Warnings: res.Warnings, DryRun: res.DryRun,
	}
	if res.Delimiter != 0 {
		out.Delimiter = string(res.Delimiter)
	}
	for _, q := range res.Source.Questions {
		out.Questions = append(out.Questions, questionJSON{Label: q.Label, Column: q.Column})
	}
	if out.Attributes == nil {
		out.Attributes = []string{}
	}
	if out.Changed == nil {
		out.Changed = []string{}
	}
	return out
}

type columnsResultJSON struct {
	File    string       `json:"file"`
	Notes   []string     `json:"notes,omitempty"`
	Rows    int          `json:"rows"`
	Columns []columnJSON `json:"columns"`
	Example string       `json:"example"`
}

type columnJSON struct {
	Name     string   `json:"name"`
	Filled   int      `json:"filled"`
	Examples []string `json:"examples"`
}

func columnsJSON(path, sheet string, need *corpus.NeedMappingError) columnsResultJSON {
	t := need.Table
	out := columnsResultJSON{File: path, Rows: len(t.Rows), Notes: t.Notes}
	for _, p := range corpus.PreviewColumns(t, 3) {
		ex := p.Examples
		if ex == nil {
			ex = []string{}
		}
		out.Columns = append(out.Columns, columnJSON{Name: p.Name, Filled: p.Filled, Examples: ex})
	}
	opt := need.Suggested
	opt.Sheet = sheet
	out.Example = importExample(path, opt)
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func printColumns(streams *ioStreams, path, sheet string, need *corpus.NeedMappingError) {
	t := need.Table
	w := streams.Out
	for _, n := range t.Notes {
		fmt.Fprintf(w, "%s\n", n)
	}
	where := ""
	if sheet != "" {
		where = ", sheet " + sheet
	}
	fmt.Fprintf(w, "%s: %d rows, %d columns (read as %s%s%s)\n\n", path, len(t.Rows), len(t.Header), t.Encoding, where, delimiterNote(t.Delimiter))
	for i, p := range corpus.PreviewColumns(t, 3) {
		ex := strings.Join(quoteAll(p.Examples), ", ")
		if ex == "" {
			ex = "(empty)"
		}
		fmt.Fprintf(w, "  %2d  %s\n      %d of %d filled, e.g. %s\n", i+1, p.Name, p.Filled, len(t.Rows), ex)
	}
	opt := need.Suggested
	opt.Sheet = sheet
	fmt.Fprintf(w, "\nChoose the id column and the free-text columns, for example:\n  %s\n", importExample(path, opt))
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

func printImport(streams *ioStreams, res *corpus.ImportResult) {
	w := streams.Out
	verb := "imported"
	if res.Replaced {
		verb = "re-imported"
	}
	if res.DryRun {
		fmt.Fprintln(w, "dry run: nothing was written; without --dry-run import would do this:")
		verb = "would import"
		if res.Replaced {
			verb = "would re-import"
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "%s\n", n)
	}
	nq := len(res.Source.Questions)
	fmt.Fprintf(w, "%s %s: %d respondent%s × %d question%s = %d document%s (%d empty)\n",
		verb, res.Source.File, res.Respondents, plural(res.Respondents), nq, plural(nq), res.Count, plural(res.Count), res.Empty)
	fmt.Fprintf(w, "read as %s%s; original kept as %s\n", res.Encoding, delimiterNote(res.Delimiter), res.Source.Original)
	for _, q := range res.Source.Questions {
		fmt.Fprintf(w, "  question %s: %s\n", q.Label, q.Column)
	}
	if len(res.Source.Attributes) > 0 {
		fmt.Fprintf(w, "  attributes: %s\n", strings.Join(res.Source.Attributes, ", "))
	}
	if len(res.Kept) > 0 {
		fmt.Fprintf(w, "kept from the earlier import (not named by the flags; --replace drops them): %s\n", strings.Join(res.Kept, ", "))
	}
	if len(res.Dropped) > 0 {
		fmt.Fprintf(w, "dropped from the earlier import (--replace): %s\n", strings.Join(res.Dropped, ", "))
	}
	if res.OldOriginal != "" {
		fmt.Fprintf(w, "the previous original %s is kept; delete it if you no longer need it\n", res.OldOriginal)
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

// importFlags names the flag of each mapping role.
var importFlags = map[string]string{corpus.RoleID: "--id", corpus.RoleText: "--text", corpus.RoleAttribute: "--attr"}

// mappingProblems words an import's mapping problems with the flags that
// fix them.
func mappingProblems(e *corpus.MappingError) error {
	var lines linesError
	for _, p := range e.Problems {
		flag := importFlags[p.Role]
		line := flag
		if p.Column != "" {
			line += fmt.Sprintf(" %q", p.Column)
		}
		line += ": " + p.Msg
		if p.NeedLabel {
			line += fmt.Sprintf(" (%s %s)", flag, shellQuote(p.Column+"=LABEL"))
		}
		lines = append(lines, line)
	}
	return lines
}

// importScoresRun imports a questionnaire data file (--scores).
func importScoresRun(opts *importOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	req := backend.ScoresImport{Path: opts.Scores, DryRun: opts.DryRun}
	for _, v := range opts.Instruments {
		req.Instruments = append(req.Instruments, backend.ParseInstrumentRef(v))
	}
	res, err := b.ImportScores(req)
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		return writeJSON(opts.IO.Out, scoresJSON{Data: res.Data, Rows: res.Rows, Added: orEmpty(res.Added),
			Updated: orEmpty(res.Updated), Unchanged: orEmpty(res.Unchanged), DryRun: res.DryRun})
	}
	w := opts.IO.Out
	verb := "copied"
	if res.DryRun {
		fmt.Fprintln(w, "dry run: nothing was written; without --dry-run import would do this:")
		verb = "would copy"
	}
	fmt.Fprintf(w, "%s %s to %s (%d rows), checked against %s\n", verb, opts.Scores, res.Data, res.Rows, strings.Join(opts.Instruments, ", "))
	for _, m := range res.Added {
		fmt.Fprintf(w, "  measure %s: added to mixeval.yaml\n", m)
	}
	for _, m := range res.Updated {
		fmt.Fprintf(w, "  measure %s: its data is now %s\n", m, res.Data)
	}
	for _, m := range res.Unchanged {
		fmt.Fprintf(w, "  measure %s: already uses %s\n", m, res.Data)
	}
	return nil
}

type scoresJSON struct {
	Data      string   `json:"data"`
	Rows      int      `json:"rows"`
	Added     []string `json:"added"`
	Updated   []string `json:"updated"`
	Unchanged []string `json:"unchanged"`
	DryRun    bool     `json:"dry_run,omitempty"`
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
