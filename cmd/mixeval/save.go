package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
)

type saveOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
}

func newSaveCmd(f *factory, runF func(*saveOptions) error) *cobra.Command {
	opts := &saveOptions{IO: f.IO, Backend: f.Backend("save")}
	cmd := &cobra.Command{
		Use:   "save",
		Short: "Write every coder's confirmed actions into their coding file, before a git commit",
		Long: `Coding actions are safe once mixeval confirms them: each is written to the
coder's journal in .mixeval/journal before the command returns. One-shot
commands (code, uncode) leave the journal for later, so that each takes
milliseconds on a large study; the terminal UI folds it when you quit, a
codebook change that recodes folds every coder's, and a journal past 4 MiB
is folded as it grows. Every reader (agree, codes, validate, reconcile)
sees journaled actions. Git sees only coding/<coder>.yaml: run
'mixeval save' before 'git commit'.`,
		Example: `  mixeval save && git add coding && git commit -m "coding, week 3"`,
		Args:    usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return saveRun(opts)
		},
	}
	return cmd
}

func saveRun(opts *saveOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	res, err := b.Save()
	if res != nil && len(res.Folded) > 0 {
		fmt.Fprintf(opts.IO.Out, "saved coding of %s\n", strings.Join(res.Folded, ", "))
	}
	if err != nil {
		return err
	}
	if len(res.Folded) == 0 && len(res.Busy) == 0 {
		fmt.Fprintln(opts.IO.Out, "every coding file is up to date")
	}
	if len(res.Busy) > 0 {
		var names []string
		for _, c := range res.Busy {
			who := c.Coder
			if c.PID > 0 {
				who = fmt.Sprintf("%s (pid %d)", c.Coder, c.PID)
			}
			names = append(names, who)
		}
		return fmt.Errorf("not saved: the coding of %s is open in another mixeval, which saves it when it closes; quit it and run 'mixeval save' again", strings.Join(names, ", "))
	}
	return nil
}
