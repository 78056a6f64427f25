package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	sampledata "github.com/mixeval/mixeval/sample-data"
)

type initOptions struct {
	IO         *ioStreams
	Dir        string
	FromSample bool
}

func newInitCmd(f *factory, runF func(*initOptions) error) *cobra.Command {
	opts := &initOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Create a study folder",
		Long: `Create a study folder: mixeval.yaml (titled after the folder, mode
reflexive), an empty codebook.yaml, the folders sources/, coding/ and
scores/, and a .gitignore that keeps the derived .mixeval/ folder out of git.

init refuses a folder that already holds a study and changes nothing then.
With --from-sample it copies the bundled sample study instead.`,
		Example: `  mixeval init pain-group-2026
  mixeval init --from-sample demo && mixeval validate --study demo`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.FromSample, "from-sample", false, "copy the bundled sample study")
	return cmd
}

func initRun(opts *initOptions) error {
	if opts.FromSample {
		if err := backend.InitFromFS(opts.Dir, sampledata.FS()); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.Out, "created study %s from the bundled sample\n", opts.Dir)
		return nil
	}
	if err := backend.Init(opts.Dir); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "created study %s\nnext: mixeval import FILE --study %s\n", opts.Dir, shellQuote(opts.Dir))
	return nil
}
