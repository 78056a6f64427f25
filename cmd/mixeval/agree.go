package main

import (
	"github.com/spf13/cobra"
)

type agreeOptions struct {
	IO *ioStreams
}

// newAgreeCmd is the parent of the agreement commands. Agreement on a
// study's coding (per code, from the coders' files) comes later; until then
// the command itself points to agree table.
func newAgreeCmd(f *factory, runF func(*agreeOptions) error) *cobra.Command {
	opts := &agreeOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "agree",
		Short: "Agreement between coders (inter-rater reliability)",
		Long: `Agreement between coders: percent agreement, Cohen's kappa, Scott's pi,
Fleiss' kappa, Light's kappa, Brennan-Prediger, Gwet's AC1 and Krippendorff's
alpha.

Agreement on a study's own coding (per code, from the coders' files) is not
built yet. For now, use 'mixeval agree table FILE.csv' on reliability data:
one row per unit, one column per coder.`,
		Example: `  mixeval agree table ratings.csv
  mixeval agree table ratings.csv --categories 1,2,3,4,5 --level ordinal --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return usageErrorf("agreement on a study's coding is not built yet: use 'mixeval agree table FILE.csv' for a CSV of reliability data")
		},
	}
	cmd.AddCommand(newAgreeTableCmd(f, nil))
	return cmd
}
