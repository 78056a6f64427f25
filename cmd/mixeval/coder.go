package main

import (
	"github.com/spf13/cobra"
)

func newCoderCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "coder <command>",
		Short: "Add and list the study's coders",
		Long: `The coders are the researchers who code the answers, each in a file of their
own (coding/NAME.yaml). Coding commands refuse a name that mixeval.yaml does
not list, so that a typo cannot start a second file for the same person:
add each coder once with 'mixeval coder add'. The name "consensus" is
reserved for the reconciled coding.`,
		Example: `  mixeval coder add carol
  mixeval coder list`,
		RunE: parentRun,
	}
	cmd.AddCommand(newCoderAddCmd(f, nil), newCoderListCmd(f, nil))
	return cmd
}
