package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
)

type codebookDeleteOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	ID       string
	Reassign string
}

func newCodebookDeleteCmd(f *factory, shared *codebookFlags, runF func(*codebookDeleteOptions) error) *cobra.Command {
	opts := &codebookDeleteOptions{IO: f.IO, Backend: shared.backend(f, "delete")}
	cmd := &cobra.Command{
		Use:   "delete ID [--reassign CODE]",
		Short: "Remove a theme or code; a used code needs --reassign",
		Long: `Remove a theme or a code from the codebook. A theme must be empty first
(move or delete what is in it). A code that no segment carries, in any
coder's file or the consensus, simply goes. A code still in use is refused
unless --reassign names the code its segments move to: they are recoded in
every coder's file and the consensus in the same step.`,
		Example: `  mixeval codebook delete technology-trouble
  mixeval codebook delete camera-off --reassign comfort-of-home`,
		Args:              exactArgs(1, ""),
		ValidArgsFunction: firstArg(f.completeNodes(anyNode)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if runF != nil {
				return runF(opts)
			}
			return codebookDeleteRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Reassign, "reassign", "", "the code that receives the deleted code's segments")
	shared.bindBy(cmd)
	cmd.RegisterFlagCompletionFunc("reassign", f.completeNodes(isCode))
	return cmd
}

func codebookDeleteRun(opts *codebookDeleteOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	kind := "node"
	if cb, err := b.Codebook(); err == nil {
		if n := cb.Find(opts.ID); n != nil {
			kind = n.Kind.String()
		}
	}
	res, err := b.DeleteNode(opts.ID, opts.Reassign)
	if err != nil {
		return codebookAdvice(err)
	}
	if opts.Reassign == "" {
		fmt.Fprintf(opts.IO.Out, "deleted %s [%s]\n", kind, opts.ID)
		return nil
	}
	fmt.Fprintf(opts.IO.Out, "deleted %s [%s]; its segments went to [%s]\n", kind, opts.ID, opts.Reassign)
	printRecoded(opts.IO.Out, "recoded", res.Recoded)
	return nil
}
