package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the quant rci implementation.
func newQuantRCICmd(f *factory, runF func() error) *cobra.Command {
	return &cobra.Command{
		Use:   "rci FILE.csv",
		Short: "Reliable and clinically significant change for one measure from an id,pre,post CSV",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return errors.New("not yet built")
		},
	}
}
