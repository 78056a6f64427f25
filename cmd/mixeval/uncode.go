package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/coding"
)

type uncodeOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Coder   string
	Segment string
	Doc     string
	Start   int
	End     int
	Codes   []string
}

func newUncodeCmd(f *factory, runF func(*uncodeOptions) error) *cobra.Command {
	opts := &uncodeOptions{IO: f.IO, Backend: f.Backend("uncode")}
	cmd := &cobra.Command{
		Use:   "uncode --coder NAME (--segment ID | --doc ID --start N --end N) [--code CODE]",
		Short: "Remove codes, or a whole segment, from a coder's file",
		Long: `Remove codes from one of the coder's segments, named by its id (--segment)
or by its exact span (--doc, --start, --end). With --code, only those codes
go, and the segment goes once it has none left; without --code the whole
segment is removed. The document need not exist any more, so segments left
on an answer that a re-import removed or changed can be cleared.`,
		Example: `  mixeval uncode --coder alice --segment 0a1b2c3d4e
  mixeval uncode --coder alice --doc P01/improve --start 37 --end 65 --code connection`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Coder == "" {
				return usageErrorf("--coder is required")
			}
			bySpan := cmd.Flags().Changed("doc") || cmd.Flags().Changed("start") || cmd.Flags().Changed("end")
			switch {
			case opts.Segment != "" && bySpan:
				return usageErrorf("give either --segment or --doc/--start/--end, not both")
			case opts.Segment == "" && !bySpan:
				return usageErrorf("name the segment: --segment ID, or --doc ID --start N --end N")
			case bySpan && !(cmd.Flags().Changed("doc") && cmd.Flags().Changed("start") && cmd.Flags().Changed("end")):
				return usageErrorf("--doc, --start and --end go together")
			}
			if runF != nil {
				return runF(opts)
			}
			return uncodeRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Coder, "coder", "", "coder name, as listed in mixeval.yaml")
	cmd.Flags().StringVar(&opts.Segment, "segment", "", "segment id (from the coder file)")
	cmd.Flags().StringVar(&opts.Doc, "doc", "", "document id of the segment")
	cmd.Flags().IntVar(&opts.Start, "start", 0, "segment start")
	cmd.Flags().IntVar(&opts.End, "end", 0, "segment end (exclusive)")
	cmd.Flags().StringArrayVar(&opts.Codes, "code", nil, "code to remove (repeatable; default: the whole segment)")
	return cmd
}

func uncodeRun(opts *uncodeOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	// One action: the journal is the commit; 'mixeval save' folds it.
	copt := backend.CoderOptions{KeepJournal: true}
	if opts.Doc != "" {
		copt.Documents = []string{opts.Doc}
	}
	c, err := b.OpenCoderWith(opts.Coder, copt)
	if err != nil {
		return codingAdvice(err)
	}
	id := opts.Segment
	if id == "" {
		seg, ferr := c.FindSegment(opts.Doc, opts.Start, opts.End)
		id, err = seg.ID, ferr
	}
	var seg coding.Segment
	left := false
	if err == nil {
		seg, left, err = c.Uncode(id, opts.Codes...)
	}
	var after coding.Segment
	if left {
		after, _ = c.Session().Segment(id)
	}
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	var none *backend.NoSegmentError
	if errors.As(err, &none) && none.ID != "" {
		return fmt.Errorf("%w (the ids are in coding/%s.yaml, or in 'mixeval show DOC --coder %s')", err, opts.Coder, opts.Coder)
	}
	if err != nil {
		return err
	}
	if left {
		fmt.Fprintf(opts.IO.Out, "removed %s from segment %s (%s %d-%d); it keeps %s\n",
			strings.Join(opts.Codes, ", "), seg.ID, seg.Document, seg.Start, seg.End, strings.Join(after.Codes, ", "))
		return nil
	}
	fmt.Fprintf(opts.IO.Out, "removed segment %s (%s %d-%d, codes %s)\n", seg.ID, seg.Document, seg.Start, seg.End, strings.Join(seg.Codes, ", "))
	return nil
}
