package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/coding"
)

type autocodeOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Query  string
	Codes  []string
	Coder  string
	Unit   string
	DryRun bool
	New    bool
}

func newAutocodeCmd(f *factory, runF func(*autocodeOptions) error) *cobra.Command {
	opts := &autocodeOptions{IO: f.IO, Backend: f.Backend("autocode")}
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
the code, or already coded. A code that the codebook does not have is
refused with the nearest codes suggested, unless --new says to create it
as an unattached code.`,
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
	cmd.Flags().BoolVar(&opts.New, "new", false, "create codes the codebook does not have yet (unattached)")
	return cmd
}

func autocodeRun(opts *autocodeOptions) error {
	unit, _ := codeops.ParseUnit(opts.Unit)
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	req := backend.AutocodeRequest{Query: opts.Query, Codes: opts.Codes, Unit: unit, New: opts.New}
	if opts.DryRun {
		plan, err := b.PlanAutocode(opts.Coder, req, indexOptions(opts.IO))
		if err != nil {
			return codingAdvice(err)
		}
		return autocodePreview(opts, plan)
	}
	// One fold, on close, for the batch and the review together.
	c, err := b.OpenCoderWith(opts.Coder, backend.CoderOptions{FoldOnClose: true})
	err = codingAdvice(err)
	if err != nil {
		return err
	}
	plan, err := c.PlanAutocode(req, indexOptions(opts.IO))
	var out coding.BatchResult
	var created []string
	if err == nil && len(plan.Requests) > 0 {
		out, created, err = c.ApplyAutocode(plan)
	}
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return codingAdvice(err)
	}
	if len(plan.Requests) == 0 {
		fmt.Fprintln(opts.IO.Out, "No documents match: nothing to code.")
		return nil
	}
	n, d := len(plan.Requests), len(plan.Documents)
	fmt.Fprintf(opts.IO.Out, "coded %d span%s in %d document%s with %s (coder %s): %d added, %d extended, %d unchanged\n",
		n, plural(n), d, plural(d), strings.Join(opts.Codes, ", "), opts.Coder, out.Added, out.Extended, out.Unchanged)
	printCreated(opts.IO, created)
	return nil
}

// autocodePreview lists the spans a run would code and what it would do.
func autocodePreview(opts *autocodeOptions, plan *backend.AutocodePlan) error {
	if len(plan.Requests) == 0 {
		fmt.Fprintln(opts.IO.Out, "No documents match: nothing to code.")
		return nil
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DOC\tSPAN\tTEXT")
	for _, r := range plan.Requests {
		text := string([]rune(r.Doc.Text)[r.Start:r.End])
		fmt.Fprintf(tw, "%s\t%d-%d\t%s\n", r.Doc.ID, r.Start, r.End, shorten(text, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	n, d := len(plan.Requests), len(plan.Documents)
	fmt.Fprintf(opts.IO.Out, "dry run: would code %d span%s in %d document%s with %s (coder %s): %d to add, %d to extend, %d unchanged; nothing written\n",
		n, plural(n), d, plural(d), strings.Join(opts.Codes, ", "), opts.Coder, plan.Added, plan.Extended, plan.Unchanged)
	for _, id := range plan.Missing {
		fmt.Fprintf(opts.IO.ErrOut, "note: %q is not in the codebook: the run would create it as an unattached code\n", id)
	}
	return nil
}
