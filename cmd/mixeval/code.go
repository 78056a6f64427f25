package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

type codeOptions struct {
	IO    *ioStreams
	Study func() (*study.Study, error)
	Load  loadDocuments

	Coder string
	Doc   string
	Start int
	End   int
	Codes []string
	Memo  string
}

func newCodeCmd(f *factory, runF func(*codeOptions) error) *cobra.Command {
	opts := &codeOptions{IO: f.IO, Study: f.Study, Load: corpus.LoadDocuments}
	cmd := &cobra.Command{
		Use:   "code --coder NAME --doc ID --start N --end N --code CODE",
		Short: "Code a span of one answer for one coder",
		Long: `Code the text of one document (an answer, id RESPONDENT/QUESTION) from
--start to --end with one or more codes, in the coder's file
coding/NAME.yaml. Positions are characters (Unicode code points) counted
from 0, start inclusive, end exclusive: 'mixeval search' shows them.

Coding the same span again adds the codes to its segment. A code that the
codebook does not have yet is created in codebook.yaml as an unattached
code. The coder must be listed under 'coders:' in mixeval.yaml. The
document is marked as reviewed by the coder. See docs/coding.md.`,
		Example: `  mixeval code --coder alice --doc P01/helped --start 57 --end 119 --code connection
  mixeval code --coder bob --doc P03/online --start 0 --end 62 \
    --code virtual-benefits --code sense-of-safeness --memo "camera off as safety"`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, name := range []string{"coder", "doc", "start", "end", "code"} {
				if !cmd.Flags().Changed(name) {
					return usageErrorf("--%s is required", name)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return codeRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Coder, "coder", "", "coder name, as listed in mixeval.yaml")
	cmd.Flags().StringVar(&opts.Doc, "doc", "", "document id, e.g. P01/helped")
	cmd.Flags().IntVar(&opts.Start, "start", 0, "first character of the span (from 0)")
	cmd.Flags().IntVar(&opts.End, "end", 0, "character just after the span (exclusive)")
	cmd.Flags().StringArrayVar(&opts.Codes, "code", nil, "code id (repeatable)")
	cmd.Flags().StringVar(&opts.Memo, "memo", "", "memo on the segment (replaces an earlier one)")
	return cmd
}

func codeRun(opts *codeOptions) error {
	s, err := opts.Study()
	if err != nil {
		return err
	}
	if err := codeops.CheckCoder(s.Manifest.Coders, opts.Coder); err != nil {
		return err
	}
	docs, err := opts.Load(s)
	if err != nil {
		return err
	}
	doc, err := codeops.CheckSpan(codeops.DocumentMap(docs), opts.Doc, opts.Start, opts.End)
	if err != nil {
		return err
	}
	prep, err := codeops.Prepare(s, opts.Coder, opts.Codes)
	if err != nil {
		return err
	}
	sess, err := prep.Open(s.Dir)
	if err != nil {
		return err
	}
	_, existed := sess.FindSpan(doc.ID, opts.Start, opts.End)
	seg, err := sess.Code(doc, opts.Start, opts.End, opts.Codes, opts.Memo)
	if err == nil {
		err = sess.MarkReviewed(doc.ID)
	}
	if cerr := sess.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	quote, _ := coding.Quote(doc.Text, seg)
	verb := "added"
	if existed {
		verb = "updated"
	}
	fmt.Fprintf(opts.IO.Out, "%s segment %s: %s %d-%d %q, codes %s (coder %s)\n",
		verb, seg.ID, seg.Document, seg.Start, seg.End, shorten(quote, 60), strings.Join(seg.Codes, ", "), opts.Coder)
	printCreated(opts.IO, prep.Created)
	return nil
}

// printCreated notes the codes made in codebook.yaml by a coding command.
func printCreated(io *ioStreams, created []string) {
	for _, id := range created {
		fmt.Fprintf(io.ErrOut, "note: %q was not in the codebook: created it as an unattached code in codebook.yaml (place it under a theme later)\n", id)
	}
}

// shorten cuts s to at most n characters, marking the cut, on one line.
func shorten(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
