package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/study"
)

type coderAddOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
	Name    string
}

func newCoderAddCmd(f *factory, runF func(*coderAddOptions) error) *cobra.Command {
	opts := &coderAddOptions{IO: f.IO, Backend: f.Backend("coder add")}
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a coder to mixeval.yaml",
		Long: `Add a coder to the study's list in mixeval.yaml (keeping the file's comments).
A name is lower-case letters, digits, '-' or '_', starting with a letter or
digit; "consensus" is reserved. Adding a coder already listed changes
nothing.`,
		Example: `  mixeval coder add carol`,
		Args:    exactArgs(1, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return coderAddRun(opts)
		},
	}
	return cmd
}

func coderAddRun(opts *coderAddOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	added, err := b.AddCoder(opts.Name)
	if err != nil {
		return err
	}
	if !added {
		fmt.Fprintf(opts.IO.Out, "%s is already a coder of this study: nothing changed\n", opts.Name)
		return nil
	}
	fmt.Fprintf(opts.IO.Out, "added coder %s to %s\n", opts.Name, study.ManifestName)
	return nil
}
