package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
)

type codebookMergeOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	From []string
	Into string
}

func newCodebookMergeCmd(f *factory, shared *codebookFlags, runF func(*codebookMergeOptions) error) *cobra.Command {
	opts := &codebookMergeOptions{IO: f.IO, Backend: shared.backend(f, "merge")}
	cmd := &cobra.Command{
		Use:   "merge CODE... --into CODE",
		Short: "Fold codes into another code; their segments follow",
		Long: `Merge one or more codes into another. The merged codes disappear: every
segment that carried one of them, in every coder's file and in the
consensus, carries the --into code instead (a segment that had both keeps
it once). The --into code keeps its name; the definitions, scope, concept
and memos of the merged codes are added to its own, each marked with where
it came from, and their exemplar quotes join its own.`,
		Example:           `  mixeval codebook merge peers peer-support --into not-alone`,
		Args:              usageArgs(cobra.MinimumNArgs(1)),
		ValidArgsFunction: f.completeNodes(isCode),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.From = args
			if opts.Into == "" {
				return usageErrorf("--into is required: the code to merge them into")
			}
			if runF != nil {
				return runF(opts)
			}
			return codebookMergeRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Into, "into", "", "the code that stays")
	shared.bindBy(cmd)
	cmd.RegisterFlagCompletionFunc("into", f.completeNodes(isCode))
	return cmd
}

func codebookMergeRun(opts *codebookMergeOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	res, err := b.MergeNodes(opts.From, opts.Into)
	if err != nil {
		return codebookAdvice(err)
	}
	fmt.Fprintf(opts.IO.Out, "merged %s into [%s]\n", bracketIDs(opts.From), opts.Into)
	printRecoded(opts.IO.Out, "recoded", res.Recoded)
	return nil
}

// bracketIDs is "[a], [b]".
func bracketIDs(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = "[" + id + "]"
	}
	return strings.Join(q, ", ")
}
