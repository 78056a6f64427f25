package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/codeops"
)

type codesOptions struct {
	IO     *ioStreams
	Study  func() (*study.Study, error)
	Format string
	// Tally gives the counts per node and coder, and a note for the user
	// (empty when there is nothing to say).
	Tally func(s *study.Study, cb *codebook.Codebook) (codebook.Tally, string, error)
}

func newCodesCmd(f *factory, runF func(*codesOptions) error) *cobra.Command {
	opts := &codesOptions{IO: f.IO, Study: f.Study, Tally: coderTally}
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
			if opts.Format != "text" && opts.Format != "json" {
				return usageErrorf("--format %q is not known: use text or json", opts.Format)
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
	s, err := opts.Study()
	if err != nil {
		return err
	}
	path := filepath.Join(s.Dir, codebook.FileName)
	cb, err := codebook.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s has no %s: create it with 'mixeval init', or write one (see docs/codebook.md)", s.Dir, codebook.FileName)
	}
	if err != nil {
		return err
	}
	tally, note, err := opts.Tally(s, cb)
	if err != nil {
		return err
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
	if note != "" {
		fmt.Fprintln(opts.IO.ErrOut, note)
	}
	return nil
}

// coderTally counts every coder's use of each node from their coder files
// (the manifest's coders and any other coding/*.yaml; the reconciled
// coding/consensus.yaml, when reconciled, as a column of its own).
func coderTally(s *study.Study, cb *codebook.Codebook) (codebook.Tally, string, error) {
	t, err := codeops.Tally(s, cb)
	if err != nil {
		return codebook.Tally{}, "", err
	}
	if len(t.Coders) == 0 {
		return t, "No coders yet: list them under 'coders:' in mixeval.yaml.", nil
	}
	return t, "", nil
}
