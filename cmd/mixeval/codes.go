package main

import (
	"encoding/json"
	"fmt"

	"github.com/mixeval/mixeval/backend"
	"github.com/spf13/cobra"
)

type codesOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
	Format  string
}

func newCodesCmd(f *factory, runF func(*codesOptions) error) *cobra.Command {
	opts := &codesOptions{IO: f.IO, Backend: f.Backend("codes")}
	cmd := &cobra.Command{
		Use:   "codes",
		Short: "List the codebook's themes and codes as a tree, with counts per coder",
		Long: `List the themes, subthemes and codes of codebook.yaml as a tree, each with
its id, and for every coder the number of segments, documents and
respondents coded with it. Unattached codes are listed last.`,
		Example: `  mixeval codes
  mixeval codes --study mystudy --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format, "text", "json"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return codesRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

func codesRun(opts *codesOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	cb, err := b.Codebook()
	if err != nil {
		return err
	}
	tally, err := b.Tally(cb)
	if err != nil {
		return fmt.Errorf("%w (run 'mixeval validate' for every problem)", err)
	}
	tree := cb.Tree(tally)
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(tree); err != nil {
			return err
		}
	} else if err := tree.WriteText(opts.IO.Out); err != nil {
		return err
	}
	if len(tally.Coders) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "No coders yet: add one with 'mixeval coder add NAME'.")
	}
	return nil
}
