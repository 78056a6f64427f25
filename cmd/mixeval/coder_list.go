package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
)

type coderListOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
	Format  string
}

func newCoderListCmd(f *factory, runF func(*coderListOptions) error) *cobra.Command {
	opts := &coderListOptions{IO: f.IO, Backend: f.Backend("coder list")}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the coders with their segments, reviewed answers and open files",
		Long: `List the study's coders: those in mixeval.yaml, in its order, then any other
coder file in coding/ (marked "not in mixeval.yaml"). For each: the segments
coded, the answers marked reviewed (counting work still in a running
session's journal), and whether the coding is open for writing in another
mixeval, such as the coder's terminal UI, with that process's id. A codebook
merge, split or delete that recodes segments waits until no coding is open.

--format json gives a list of {"name", "listed", "segments", "reviewed",
"open", "pid"} ("pid" 0 when no process holds it or its id is unknown).`,
		Example: `  mixeval coder list
  mixeval coder list --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format, "text", "json"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return coderListRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

// coderRow is one coder as --format json writes it.
type coderRow struct {
	Name     string `json:"name"`
	Listed   bool   `json:"listed"`
	Segments int    `json:"segments"`
	Reviewed int    `json:"reviewed"`
	Open     bool   `json:"open"`
	PID      int    `json:"pid"`
}

func coderListRun(opts *coderListOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	coders, err := b.CoderSummaries()
	if err != nil {
		return fmt.Errorf("%w (run 'mixeval validate' for every problem)", err)
	}
	if opts.Format == "json" {
		rows := make([]coderRow, len(coders))
		for i, c := range coders {
			rows[i] = coderRow(c)
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	if len(coders) == 0 {
		fmt.Fprintln(opts.IO.Out, "No coders yet: add one with 'mixeval coder add NAME'.")
		return nil
	}
	w := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "CODER\tSEGMENTS\tREVIEWED\tOPEN")
	for _, c := range coders {
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\n", coderLabel(c), c.Segments, c.Reviewed, openText(c))
	}
	return w.Flush()
}

func coderLabel(c backend.CoderSummary) string {
	if c.Listed {
		return c.Name
	}
	return c.Name + " (not in mixeval.yaml)"
}

func openText(c backend.CoderSummary) string {
	switch {
	case !c.Open:
		return "-"
	case c.PID > 0:
		return fmt.Sprintf("yes (pid %d)", c.PID)
	}
	return "yes"
}
