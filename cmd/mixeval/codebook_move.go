package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
)

type codebookMoveOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	ID    string
	Under string
	Top   bool
}

func newCodebookMoveCmd(f *factory, shared *codebookFlags, runF func(*codebookMoveOptions) error) *cobra.Command {
	opts := &codebookMoveOptions{IO: f.IO, Backend: shared.backend(f, "move")}
	cmd := &cobra.Command{
		Use:   "move ID (--under THEME | --top)",
		Short: "Put a theme or code under another theme, or at the top level",
		Long: `Move a theme (with everything in it) or a code under another theme with
--under, or out of its theme with --top: a theme becomes a top-level
theme, a code becomes unattached. A theme cannot go inside itself or
anything below it. Ids stay, so no segment changes.`,
		Example: `  mixeval codebook move camera-off --under sense-of-safeness
  mixeval codebook move connection --top`,
		Args:              exactArgs(1, ""),
		ValidArgsFunction: firstArg(f.completeNodes(anyNode)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if (opts.Under != "") == opts.Top {
				return usageErrorf("say where to: --under THEME, or --top")
			}
			if runF != nil {
				return runF(opts)
			}
			return codebookMoveRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Under, "under", "", "the theme to move it into")
	cmd.Flags().BoolVar(&opts.Top, "top", false, "move it out of its theme: to the top level (a theme) or unattached (a code)")
	shared.bindBy(cmd)
	cmd.RegisterFlagCompletionFunc("under", f.completeNodes(isTheme))
	return cmd
}

func codebookMoveRun(opts *codebookMoveOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	if _, err := b.MoveNode(opts.ID, opts.Under); err != nil {
		return codebookAdvice(err)
	}
	kind := codebook.Code
	if cb, err := b.Codebook(); err == nil {
		if n := cb.Find(opts.ID); n != nil {
			kind = n.Kind
		}
	}
	where := placeText(kind, opts.Under)
	if where == "unattached" {
		where = "out of its theme: it is unattached now"
	}
	fmt.Fprintf(opts.IO.Out, "moved [%s] %s\n", opts.ID, where)
	return nil
}
