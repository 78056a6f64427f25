package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/tui"
)

type tuiOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
	Coder   string
}

func newTuiCmd(f *factory, runF func(*tuiOptions) error) *cobra.Command {
	opts := &tuiOptions{IO: f.IO, Backend: f.Backend("tui")}
	cmd := &cobra.Command{
		Use:   "tui [--coder NAME]",
		Short: "Work through the six phases of thematic analysis in the terminal",
		Long: `Open the study in a terminal user interface: read the answers, code them,
group codes into themes, review, define and write up (Braun & Clarke's six
phases), and read the quantitative results. Every change is saved at once;
u undoes. A coder not yet in mixeval.yaml is added; without --coder the UI
asks who is coding. A coding already open in another mixeval opens
read-only. See docs/tui.md for every key.`,
		Example: `  mixeval tui --coder alice
  mixeval tui --study mystudy --coder bob`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return tuiRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Coder, "coder", "", "who is coding (added to mixeval.yaml when new)")
	return cmd
}

func tuiRun(opts *tuiOptions) error {
	if !opts.IO.InTerminal || !opts.IO.OutTerminal {
		return errors.New("mixeval tui needs a terminal: run it in a terminal window, not with input or output redirected")
	}
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	return codingAdvice(tui.Run(b, tui.Options{Coder: opts.Coder, Version: version}))
}
