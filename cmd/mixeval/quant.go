package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the quant --study implementation.
func newQuantCmd(f *factory, runF func() error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "quant",
		Short: "Reliable and clinically significant change for every measure of the study",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := f.Study(); err != nil {
				return err
			}
			return errors.New("not yet built")
		},
	}
	cmd.AddCommand(newQuantRCICmd(f, nil))
	return cmd
}
