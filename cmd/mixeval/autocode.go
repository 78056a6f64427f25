package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

type autocodeOptions struct {
	IO    *ioStreams
	Study func() (*study.Study, error)
	Load  loadDocuments

	Query  string
	Codes  []string
	Coder  string
	Unit   string
	DryRun bool
}

func newAutocodeCmd(f *factory, runF func(*autocodeOptions) error) *cobra.Command {
	opts := &autocodeOptions{IO: f.IO, Study: f.Study, Load: corpus.LoadDocuments}
	cmd := &cobra.Command{
		Use:   "autocode QUERY --code CODE --coder NAME",
		Short: "Code every search hit at once",
		Long: `Run a search (the query language of 'mixeval search') and code every hit,
not just the first page, for one coder. --unit says how much text each match
codes: the matched words (match, the default), the sentence around them
(sentence: up to '.', '!', '?' or a line break), or the whole answer
(document).

--dry-run lists what would be coded (document, span, text) and changes
nothing. The run codes all spans in one durable step, marks the coded
answers as reviewed, and says how many segments were added, extended with
the code, or already coded. A code that the codebook does not have yet is
created as an unattached code.`,
		Example: `  mixeval autocode '"camera off" OR "video off"' --code camera-off --coder alice --dry-run
  mixeval autocode 'question:online travel*' --code virtual-benefits --coder alice --unit sentence`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if opts.Coder == "" {
				return usageErrorf("--coder is required")
			}
			if len(opts.Codes) == 0 {
				return usageErrorf("--code is required")
			}
			if _, err := codeops.ParseUnit(opts.Unit); err != nil {
				return usageErrorf("--unit: %v", err)
			}
			if runF != nil {
				return runF(opts)
			}
			return autocodeRun(opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.Codes, "code", nil, "code id to apply (repeatable)")
	cmd.Flags().StringVar(&opts.Coder, "coder", "", "coder name, as listed in mixeval.yaml")
	cmd.Flags().StringVar(&opts.Unit, "unit", "match", "what to code per match: match, sentence or document")
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "list what would be coded; change nothing")
	return cmd
}

func autocodeRun(opts *autocodeOptions) error {
	unit, _ := codeops.ParseUnit(opts.Unit)
	s, err := opts.Study()
	if err != nil {
		return err
	}
	prep, err := codeops.Prepare(s, opts.Coder, opts.Codes)
	if err != nil {
		return err
	}
	ix, err := openStudyIndex(opts.IO, s, opts.Load)
	if err != nil {
		return err
	}
	res, err := ix.Search(opts.Query, index.SearchOptions{SnippetWidth: 1})
	docs := ix.Documents()
	ix.Close()
	if err != nil {
		return err
	}
	reqs, err := codeops.Requests(res.Hits, codeops.DocumentMap(docs), unit, opts.Codes, "")
	if err != nil {
		return err
	}
	if len(reqs) == 0 {
		fmt.Fprintln(opts.IO.Out, "No documents match: nothing to code.")
		return nil
	}
	if opts.DryRun {
		return autocodePreview(opts, s, reqs, prep.Created)
	}
	sess, err := prep.Open(s.Dir)
	if err != nil {
		return err
	}
	out, err := sess.CodeBatch(reqs)
	if err == nil {
		err = sess.MarkReviewed(requestDocs(reqs)...)
	}
	if cerr := sess.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "coded %d span%s in %d document%s with %s (coder %s): %d added, %d extended, %d unchanged\n",
		len(reqs), plural(len(reqs)), len(requestDocs(reqs)), plural(len(requestDocs(reqs))), strings.Join(opts.Codes, ", "),
		opts.Coder, out.Added, out.Extended, out.Unchanged)
	printCreated(opts.IO, prep.Created)
	return nil
}

// autocodePreview lists the spans a run would code and what it would do.
func autocodePreview(opts *autocodeOptions, s *study.Study, reqs []coding.CodeRequest, created []string) error {
	f, err := coding.Read(s.Dir, opts.Coder)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DOC\tSPAN\tTEXT")
	for _, r := range reqs {
		text := string([]rune(r.Doc.Text)[r.Start:r.End])
		fmt.Fprintf(tw, "%s\t%d-%d\t%s\n", r.Doc.ID, r.Start, r.End, shorten(text, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	added, extended, unchanged := codeops.Preview(f, reqs)
	fmt.Fprintf(opts.IO.Out, "dry run: would code %d span%s in %d document%s with %s (coder %s): %d to add, %d to extend, %d unchanged; nothing written\n",
		len(reqs), plural(len(reqs)), len(requestDocs(reqs)), plural(len(requestDocs(reqs))), strings.Join(opts.Codes, ", "),
		opts.Coder, added, extended, unchanged)
	for _, id := range created {
		fmt.Fprintf(opts.IO.ErrOut, "note: %q is not in the codebook: the run would create it as an unattached code\n", id)
	}
	return nil
}

// requestDocs lists the distinct documents of reqs, in order.
func requestDocs(reqs []coding.CodeRequest) []string {
	var out []string
	seen := make(map[string]bool)
	for _, r := range reqs {
		if !seen[r.Doc.ID] {
			seen[r.Doc.ID] = true
			out = append(out, r.Doc.ID)
		}
	}
	return out
}
