package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
)

type codebookHistoryOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
	Format  string
}

func newCodebookHistoryCmd(f *factory, shared *codebookFlags, runF func(*codebookHistoryOptions) error) *cobra.Command {
	opts := &codebookHistoryOptions{IO: f.IO, Backend: shared.backend(f, "history")}
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List every change made to the codebook, newest last",
		Long: `List the codebook's history: every change made through mixeval, oldest first
and newest last, with when (UTC), who, what, the node and what it says
about the change. This is the record of how the analysis developed.

--format json gives a list of {"when", "who", "what", "id", "to", "new",
"undoes", "details"}; "to", "new", "undoes" and "details" are left out
when empty.`,
		Example: `  mixeval codebook history
  mixeval codebook history --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format, "text", "json"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return codebookHistoryRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

// historyEvent is one history entry as --format json writes it.
type historyEvent struct {
	When    string   `json:"when"`
	Who     string   `json:"who"`
	What    string   `json:"what"`
	ID      string   `json:"id"`
	To      string   `json:"to,omitempty"`
	New     []string `json:"new,omitempty"`
	Undoes  int      `json:"undoes,omitempty"`
	Details string   `json:"details,omitempty"`
}

func codebookHistoryRun(opts *codebookHistoryOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	cb, err := b.Codebook()
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		events := make([]historyEvent, len(cb.History))
		for i, e := range cb.History {
			events[i] = historyEvent{When: e.When, Who: e.Who, What: e.What, ID: e.ID, To: e.To, New: e.New, Undoes: e.Undoes, Details: e.Details}
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(events)
	}
	if len(cb.History) == 0 {
		fmt.Fprintln(opts.IO.Out, "The codebook has no history yet: changes made with 'mixeval codebook' are recorded.")
		return nil
	}
	w := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "WHEN\tWHO\tWHAT\tID\tDETAILS")
	for _, e := range cb.History {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", e.When, e.Who, e.What, e.ID, e.Details)
	}
	return w.Flush()
}
