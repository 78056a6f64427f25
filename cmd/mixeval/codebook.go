package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
)

// codebookFlags are the flags every codebook command shares.
type codebookFlags struct {
	By string
}

// backend opens the study for codebook command name, with the author that
// the history records.
func (c *codebookFlags) backend(f *factory, name string) func() (*backend.Study, error) {
	return func() (*backend.Study, error) {
		return backend.Open(f.studyDir, backend.Options{Doing: "mixeval codebook " + name, Who: c.By})
	}
}

// bindBy adds --by to a command that changes the codebook.
func (c *codebookFlags) bindBy(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.By, "by", "", "who makes the change, as the history records it (default: $USER)")
}

func newCodebookCmd(f *factory) *cobra.Command {
	shared := &codebookFlags{}
	cmd := &cobra.Command{
		Use:   "codebook <command>",
		Short: "Change the codebook: add, rename, move, merge, split, delete, define, pin quotes",
		Long: `Change codebook.yaml without editing it by hand: add themes and codes, rename,
move, merge, split and delete them, write their definitions, and pin quotes
as exemplars. Every change is recorded in the codebook's history
('mixeval codebook history'), and is made under the codebook's lock, so two
people changing it at once both keep their change.

Merge, split with --assign, and delete with --reassign recode the segments
in every coder's file and in the consensus in the same step, and say how
many they recoded per coder. They need every coder's file: if someone has
theirs open in the terminal UI, the change is refused and nothing changes.

'mixeval codes' shows the tree with the ids. See docs/codebook.md.`,
		Example: `  mixeval codebook add theme "Sense of belonging"
  mixeval codebook add code "Not alone with it" --under connection
  mixeval codebook merge peers --into not-alone
  mixeval codebook history`,
		RunE: parentRun,
	}
	cmd.AddCommand(
		newCodebookAddCmd(f, shared, nil),
		newCodebookRenameCmd(f, shared, nil),
		newCodebookMoveCmd(f, shared, nil),
		newCodebookMergeCmd(f, shared, nil),
		newCodebookSplitCmd(f, shared, nil),
		newCodebookDeleteCmd(f, shared, nil),
		newCodebookDefineCmd(f, shared, nil),
		newCodebookPinCmd(f, shared, nil, false),
		newCodebookPinCmd(f, shared, nil, true),
		newCodebookHistoryCmd(f, shared, nil),
	)
	return cmd
}

// codebookAdvice adds the command line's way out to the codebook's neutral
// errors.
func codebookAdvice(err error) error {
	var busy *backend.CoderBusyError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, codebook.ErrNotFound):
		return fmt.Errorf("%w; 'mixeval codes' lists the ids", err)
	case errors.Is(err, codebook.ErrInUse):
		return fmt.Errorf("%w\nGive --reassign CODE to move its segments to another code as it goes", err)
	case errors.As(err, &busy):
		return fmt.Errorf("%w\n('mixeval coder list' shows whose coding is open)", err)
	}
	return codingAdvice(err)
}

// printRecoded says how many segments a codebook change recoded, per coder
// and in the consensus.
func printRecoded(w io.Writer, verb string, recoded map[string]int) {
	if len(recoded) == 0 {
		fmt.Fprintf(w, "%s no segments: none carried it\n", verb)
		return
	}
	names := make([]string, 0, len(recoded))
	total := 0
	for name, n := range recoded {
		names = append(names, name)
		total += n
	}
	sort.Slice(names, func(i, j int) bool {
		// The consensus after the coders.
		ci, cj := names[i] == study.ConsensusCoder, names[j] == study.ConsensusCoder
		if ci != cj {
			return cj
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, recoded[name])
	}
	fmt.Fprintf(w, "%s %s: %s\n", verb, countOf(total, "segment"), strings.Join(parts, ", "))
}

// countOf is "1 segment", "2 segments".
func countOf(n int, noun string) string { return fmt.Sprintf("%d %s%s", n, noun, plural(n)) }

// parentRun is the run function of a command that only groups others:
// alone it shows its help; with an argument that names no subcommand it
// is a usage error (cobra checks that only for the root).
func parentRun(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return cmd.Help()
}

// exactArgs checks a command's positional arguments, wording a name given
// as several words.
func exactArgs(n int, hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n && hint != "" {
			return usageErrorf("%d arguments given, %d expected: %s", len(args), n, hint)
		}
		return usageArgs(cobra.ExactArgs(n))(cmd, args)
	}
}
