package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
)

type codeOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Coder string
	Doc   string
	Start int
	End   int
	Codes []string
	Memo  string
	New   bool
}

func newCodeCmd(f *factory, runF func(*codeOptions) error) *cobra.Command {
	opts := &codeOptions{IO: f.IO, Backend: f.Backend("code")}
	cmd := &cobra.Command{
		Use:   "code --coder NAME --doc ID --start N --end N --code CODE",
		Short: "Code a span of one answer for one coder",
		Long: `Code the text of one document (an answer, id RESPONDENT/QUESTION) from
--start to --end with one or more codes, in the coder's file
coding/NAME.yaml. Positions are characters (Unicode code points) counted
from 0, start inclusive, end exclusive: 'mixeval search' and 'mixeval show'
show them.

Coding the same span again adds the codes to its segment. A code the
codebook does not have is refused, with the nearest codes suggested, so
that a typo does not start a new code; --new creates it as an unattached
code (and simply applies a code that exists). The coder must be one of the
study's coders ('mixeval coder add NAME'). The answer is marked as reviewed
by the coder. See docs/coding.md.`,
		Example: `  mixeval code --coder alice --doc P01/helped --start 57 --end 119 --code connection
  mixeval code --coder bob --doc P03/online --start 0 --end 62 \
    --code virtual-benefits --code camera-off --new --memo "camera off as safety"`,
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
	cmd.Flags().BoolVar(&opts.New, "new", false, "create codes the codebook does not have yet (unattached)")
	return cmd
}

func codeRun(opts *codeOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	// One action: read only this answer's part of the coding and leave
	// the journal, which is the commit, for 'mixeval save' to fold.
	c, err := b.OpenCoderWith(opts.Coder, backend.CoderOptions{Documents: []string{opts.Doc}, KeepJournal: true})
	if err != nil {
		return codingAdvice(err)
	}
	res, err := c.Code(backend.CodeRequest{Doc: opts.Doc, Start: opts.Start, End: opts.End, Codes: opts.Codes, Memo: opts.Memo, New: opts.New})
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return codingAdvice(err)
	}
	verb := "added"
	if res.Existed {
		verb = "updated"
	}
	seg := res.Segment
	fmt.Fprintf(opts.IO.Out, "%s segment %s: %s %d-%d %q, codes %s (coder %s)\n",
		verb, seg.ID, seg.Document, seg.Start, seg.End, shorten(res.Quote, 60), strings.Join(seg.Codes, ", "), opts.Coder)
	printCreated(opts.IO, res.Created)
	return nil
}

// openCoder opens a coder's session, wording a busy coder file for the
// command line.
func openCoder(b *backend.Study, name string) (*backend.Coder, error) {
	c, err := b.OpenCoder(name)
	return c, codingAdvice(err)
}

// codingAdvice adds the command line's way out to the backend's neutral
// coding errors.
func codingAdvice(err error) error {
	var unknown *backend.UnknownCodeError
	var coder *backend.UnknownCoderError
	var span *backend.SpanError
	var doc *backend.NoDocumentError
	switch {
	case errors.As(err, &unknown):
		return fmt.Errorf("%w\nTo create it as a new code, add --new; 'mixeval codes' lists the codes", err)
	case errors.As(err, &coder):
		return fmt.Errorf("%w\nAdd a coder with 'mixeval coder add %s'; 'mixeval coder list' lists them", err, coder.Name)
	case errors.As(err, &span):
		return spanAdvice(span)
	case errors.As(err, &doc):
		return fmt.Errorf("%w; 'mixeval search' lists them", err)
	}
	return err
}

// printCreated notes the codes a coding command made in codebook.yaml.
func printCreated(io *ioStreams, created []string) {
	for _, id := range created {
		fmt.Fprintf(io.ErrOut, "note: created %q as an unattached code in codebook.yaml (place it under a theme later)\n", id)
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

// spanAdvice words a span error with the flags that set the span.
func spanAdvice(e *backend.SpanError) error {
	switch {
	case e.Start < 0:
		return fmt.Errorf("--start %d: positions count from 0", e.Start)
	case e.Start >= e.End:
		return fmt.Errorf("--start %d, --end %d: start must be less than end (end is exclusive)", e.Start, e.End)
	case e.Length == 0:
		return fmt.Errorf("document %s is empty (0 characters): there is nothing to code", e.Doc)
	}
	return fmt.Errorf("--end %d is past the end of document %s, which is %d characters long (positions are characters, counted from 0, end exclusive; 'mixeval show %s' shows them)", e.End, e.Doc, e.Length, e.Doc)
}
