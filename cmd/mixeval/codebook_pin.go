package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/study"
)

type codebookPinOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Unpin   bool
	ID      string
	Segment string
	Coder   string
}

// newCodebookPinCmd builds 'codebook pin', or 'codebook unpin' when unpin
// is set: the two take the same arguments.
func newCodebookPinCmd(f *factory, shared *codebookFlags, runF func(*codebookPinOptions) error, unpin bool) *cobra.Command {
	name := "pin"
	if unpin {
		name = "unpin"
	}
	opts := &codebookPinOptions{IO: f.IO, Backend: shared.backend(f, name), Unpin: unpin}
	cmd := &cobra.Command{
		Use:   name + " ID --segment SEGMENT [--coder NAME|consensus]",
		Short: "Pin a coded segment to a theme or code as an exemplar quote",
		Long: `Pin a coded segment as an exemplar quote of a theme or code (the report and
exports show pinned quotes first). The codebook keeps a reference to the
segment (document, span, coder), never a copy of its text. A code's
exemplars are its own segments; a theme's are segments carrying one of the
codes under it.

--coder says whose coding holds the segment ("consensus" for the reconciled
coding). Without it, the consensus is used when it has the segment, else
the one coder who has it; when several coders coded the same span, say
which.`,
		Example: `  mixeval codebook pin not-alone --segment 7ff85df0ab --coder alice
  mixeval codebook pin sense-of-belonging --segment 7ff85df0ab --coder consensus`,
		Args:              exactArgs(1, ""),
		ValidArgsFunction: firstArg(f.completeNodes(anyNode)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if opts.Segment == "" {
				return usageErrorf("--segment is required: the id of a coded segment")
			}
			if runF != nil {
				return runF(opts)
			}
			return codebookPinRun(opts)
		},
	}
	if unpin {
		cmd.Short = "Remove an exemplar quote from a theme or code"
		cmd.Long = "Remove an exemplar quote, pinned with 'codebook pin', from a theme or code.\n--coder works as for pin."
		cmd.Example = `  mixeval codebook unpin not-alone --segment 7ff85df0ab --coder alice`
	}
	cmd.Flags().StringVar(&opts.Segment, "segment", "", "the segment's id (from the coder file or 'mixeval show')")
	cmd.Flags().StringVar(&opts.Coder, "coder", "", "whose coding holds the segment: a coder or consensus")
	shared.bindBy(cmd)
	cmd.RegisterFlagCompletionFunc("coder", f.completeCodingOwners)
	return cmd
}

func codebookPinRun(opts *codebookPinOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	coder, err := segmentCoder(b, opts.Coder, opts.Segment)
	if err != nil {
		return err
	}
	pin, verb, prep := b.Pin, "pinned", "to"
	if opts.Unpin {
		pin, verb, prep = b.Unpin, "unpinned", "from"
	}
	if _, err := pin(opts.ID, coder, opts.Segment); err != nil {
		return codebookAdvice(err)
	}
	fmt.Fprintf(opts.IO.Out, "%s %s segment %s %s [%s]\n", verb, possessive(coder), opts.Segment, prep, opts.ID)
	return nil
}

// segmentCoder checks the coder given, or finds whose coding holds the
// segment when none is given.
func segmentCoder(b *backend.Study, coder, segment string) (string, error) {
	if coder == study.ConsensusCoder {
		return coder, nil
	}
	if coder != "" {
		return coder, codingAdvice(b.CheckCoder(coder))
	}
	owner, err := b.SegmentOwner(segment)
	var amb *backend.AmbiguousSegmentError
	if errors.As(err, &amb) {
		return "", fmt.Errorf("%w: --coder %s", err, strings.Join(amb.Coders, " or --coder "))
	}
	return owner, err
}

// possessive is "alice's" or "the consensus's".
func possessive(coder string) string {
	if coder == study.ConsensusCoder {
		return "the consensus's"
	}
	return coder + "'s"
}
