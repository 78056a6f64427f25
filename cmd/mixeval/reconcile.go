package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/reconcile"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

type reconcileOptions struct {
	IO        *ioStreams
	Backend   func(by string) (*backend.Study, error)
	Coders    []string
	List      bool
	Decide    []string
	requests  []reconcile.Request // parsed from Decide
	Memo      string
	By        string
	Decisions string
	Undo      []string
	Overlap   float64
	Format    string
	Now       func() time.Time
}

func newReconcileCmd(f *factory, runF func(*reconcileOptions) error) *cobra.Command {
	opts := &reconcileOptions{IO: f.IO, Now: time.Now}
	opts.Backend = func(by string) (*backend.Study, error) {
		return backend.Open(f.studyDir, backend.Options{Doing: "mixeval reconcile", Who: by, Now: opts.Now})
	}
	cmd := &cobra.Command{
		Use:   "reconcile",
		Short: "Reconcile two coders into a consensus coding, with a decision log",
		Long: `Build or update coding/consensus.yaml from two coders' codings.

Segments both coders agree on (the same code, spans sharing at least
--overlap percent of their union) are accepted automatically, as the union of
their spans. Every other group of overlapping segments with one code in one
document is an item to decide:

  accept-a      the first coder's spans      accept-b   the second coder's
  both          the union of both            neither    no segment here
  edit:S-E      one span from code point S to E (end exclusive)

Each decision keeps who made it, when, and an optional discussion memo; every
change goes in the log. Running reconcile again after more coding keeps every
decision and adds only new items; an item whose segments changed is marked
obsolete, not deleted. Only documents both coders have reviewed are compared.
--list only reads: it shows the open items as an update would leave them
and writes nothing (with no consensus yet, the items a first build would
make).

--decisions FILE applies many decisions at once, all or none: a CSV with the
header item,decision[,span,memo,by] or a YAML list under "decisions:" with
the same keys. reconcile never prompts. Details: docs/reconcile.md.`,
		Example: `  # Build or update the consensus and see where it stands
  mixeval reconcile --coders alice,bob

  # The open items, with both coders' spans in the answer text
  mixeval reconcile --list

  # Decide two items, with a memo of the discussion
  mixeval reconcile --decide 3fa2b1c9d0=accept-b --decide 7c1e09ab44=neither --memo "agreed in supervision" --by alice

  # Apply a file of decisions, or withdraw one
  mixeval reconcile --decisions decisions.csv --by alice
  mixeval reconcile --undo 3fa2b1c9d0 --by alice`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format, "table", "json"); err != nil {
				return err
			}
			if cmd.Flags().Changed("overlap") && !(opts.Overlap > 0 && opts.Overlap <= 100) {
				return usageErrorf("--overlap %v must be a percentage above 0 and at most 100", opts.Overlap)
			}
			if !cmd.Flags().Changed("overlap") {
				opts.Overlap = 0 // keep the file's
			}
			if cmd.Flags().Changed("memo") && len(opts.Decide) == 0 {
				return usageErrorf("--memo goes with --decide")
			}
			for _, d := range opts.Decide {
				q, err := reconcile.ParseRequest(d)
				if err != nil {
					return usageErrorf("--decide %v", err)
				}
				q.Where = "--decide " + d
				q.Memo = opts.Memo
				opts.requests = append(opts.requests, q)
			}
			if len(opts.Coders) != 0 && len(opts.Coders) != 2 {
				return usageErrorf("--coders takes two coders, e.g. alice,bob; got %d", len(opts.Coders))
			}
			if runF != nil {
				return runF(opts)
			}
			return reconcileRun(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Coders, "coders", nil, "the two coders, e.g. alice,bob (default: the consensus's, else the study's two coders)")
	cmd.Flags().BoolVar(&opts.List, "list", false, "list the open items with both coders' spans in the answer text")
	cmd.Flags().StringArrayVar(&opts.Decide, "decide", nil, "record a decision ITEM=accept-a|accept-b|both|neither|edit:START-END (repeatable)")
	cmd.Flags().StringVar(&opts.Memo, "memo", "", "discussion memo for the decisions given with --decide")
	cmd.Flags().StringVar(&opts.By, "by", "", "who decided (default: $USER)")
	cmd.Flags().StringVar(&opts.Decisions, "decisions", "", "apply a decisions file (CSV or YAML), all or none")
	cmd.Flags().StringArrayVar(&opts.Undo, "undo", nil, "withdraw the decision on ITEM (repeatable)")
	cmd.Flags().Float64Var(&opts.Overlap, "overlap", triangulate.DefaultOverlap, "percent of the union two segments must share to agree (fixed when the consensus is first built)")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	return cmd
}

func reconcileRun(opts *reconcileOptions) error {
	b, err := opts.Backend(opts.By)
	if err != nil {
		return err
	}
	reqs := opts.requests
	readOnly := opts.List && len(reqs) == 0 && len(opts.Undo) == 0 && opts.Decisions == ""
	r, err := b.Reconcile(backend.ReconcileRequest{Coders: opts.Coders, Overlap: opts.Overlap,
		Decisions: reqs, DecisionsFile: opts.Decisions, Undo: opts.Undo, ReadOnly: readOnly})
	if err != nil {
		return reconcileAdvice(err)
	}
	c, texts := r.Consensus, r.Texts
	w := opts.IO.Out
	if opts.Format == "json" {
		v := struct {
			Coders  [2]string              `json:"coders"`
			Overlap float64                `json:"overlap_percent"`
			Saved   bool                   `json:"saved"`
			Update  reconcile.UpdateResult `json:"this_run"`
			Summary reconcile.Summary      `json:"summary"`
			Open    []reconcile.OpenItem   `json:"open,omitempty"`
		}{c.Coders, c.Overlap, r.Saved, r.Update, c.Summary(), nil}
		if opts.List {
			v.Open = c.OpenItems(texts)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	if n := r.Decided; n > 0 {
		fmt.Fprintf(w, "Recorded %d decisions.\n", n)
	}
	if len(opts.Undo) > 0 {
		fmt.Fprintf(w, "Withdrew %d decisions.\n", len(opts.Undo))
	}
	if opts.List {
		writeOpenItems(w, c, texts)
		if readOnly {
			fmt.Fprintln(opts.IO.ErrOut, "Listed only: coding/consensus.yaml was not written (run without --list to record the update).")
		}
		return nil
	}
	writeConsensusSummary(w, c, r.Update)
	return nil
}

// reconcileAdvice words the backend's errors for the command line.
func reconcileAdvice(err error) error {
	var few *backend.TooFewCodersError
	if errors.As(err, &few) {
		return fmt.Errorf("%w; or name two with --coders A,B", err)
	}
	return agreeAdvice(err)
}
