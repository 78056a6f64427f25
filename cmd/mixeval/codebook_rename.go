package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
)

type codebookRenameOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	ID   string
	Name string
}

func newCodebookRenameCmd(f *factory, shared *codebookFlags, runF func(*codebookRenameOptions) error) *cobra.Command {
	opts := &codebookRenameOptions{IO: f.IO, Backend: shared.backend(f, "rename")}
	cmd := &cobra.Command{
		Use:   "rename ID NAME",
		Short: "Give a theme or code a new name (its id stays)",
		Long: `Give a theme or code a new name. Its id stays as it was, so coder files,
the consensus and exemplar quotes need no change.`,
		Example:           `  mixeval codebook rename not-alone "Not alone with pain"`,
		Args:              exactArgs(2, `give the new name as one argument, in quotes: mixeval codebook rename not-alone "Not alone with pain"`),
		ValidArgsFunction: firstArg(f.completeNodes(anyNode)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID, opts.Name = args[0], args[1]
			if runF != nil {
				return runF(opts)
			}
			return codebookRenameRun(opts)
		},
	}
	shared.bindBy(cmd)
	return cmd
}

func codebookRenameRun(opts *codebookRenameOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	if _, err := b.RenameNode(opts.ID, opts.Name); err != nil {
		return codebookAdvice(err)
	}
	fmt.Fprintf(opts.IO.Out, "renamed [%s] to %q\n", opts.ID, opts.Name)
	return nil
}
