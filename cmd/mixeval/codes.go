package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
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

// coderTally finds the coders (coder files in coding/, else the manifest's
// coders) and counts their uses of each node. Reading segments from coder
// files belongs to the thematic package: until it joins here, the list of
// uses is empty and every count is 0.
func coderTally(s *study.Study, cb *codebook.Codebook) (codebook.Tally, string, error) {
	files, err := filepath.Glob(filepath.Join(s.Dir, "coding", "*.yaml"))
	if err != nil {
		return codebook.Tally{}, "", err
	}
	var coders []string
	for _, f := range files {
		coders = append(coders, strings.TrimSuffix(filepath.Base(f), ".yaml"))
	}
	sort.Strings(coders)
	note := "Counts are not read from coder files yet; all counts show 0."
	if len(coders) == 0 {
		coders = s.Manifest.Coders
		note = "No coder files found in coding/: all counts are 0."
	}
	var uses []codebook.Use // from the coder files, once they are read
	return cb.Count(coders, uses), note, nil
}
