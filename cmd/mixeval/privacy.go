package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/privacy"
)

func newPrivacyCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "privacy",
		Short: "Find personal data in the answers and decide what may leave the study",
		Long: `Find e-mail addresses, UK phone numbers, NHS numbers, postcodes, dates of
birth and people's names in the answers (and in the codebook, memos and
attribute values that exports write), and record for each finding whether
exports redact it or let it through. Every export stops on a finding no one
has decided about. Decisions live in privacy.yaml, keyed to the answer's
content and the span: when an answer changes, its decisions are asked again.
See docs/privacy.md.`,
		Example: `  mixeval privacy scan
  mixeval privacy redact 4f3a2b1c9d 0be1d2c3a4
  mixeval privacy redact --all-kind email
  mixeval privacy allow 9a8b7c6d5e --memo "the facilitator, named with consent"`,
		Args: usageArgs(cobra.NoArgs),
	}
	cmd.AddCommand(newPrivacyScanCmd(f, nil), newPrivacyDecideCmd(f, privacy.ActionRedact, nil), newPrivacyDecideCmd(f, privacy.ActionAllow, nil))
	return cmd
}

type privacyScanOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
	Format  string
}

func newPrivacyScanCmd(f *factory, runF func(*privacyScanOptions) error) *cobra.Command {
	opts := &privacyScanOptions{IO: f.IO, Backend: f.Backend("privacy scan")}
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "List every finding of personal data, with its decision",
		Long: `List every finding of personal data in the study: its id (stable while the
answer is unchanged), the answer or other text it is in, its span in
characters (start inclusive, end exclusive), kind, the rule that fired, and
its decision: none, redact, allow, or stale (decided on an earlier text).

The text found is shown only on a terminal and in JSON, for the
researcher's eyes: do not paste it into shared places.`,
		Example: `  mixeval privacy scan
  mixeval privacy scan --format json > findings.json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(opts.Format, "table", "json"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return privacyScanRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	return cmd
}

// findingJSON is one finding as privacy scan --format json writes it.
type findingJSON struct {
	ID       string `json:"id"`
	Doc      string `json:"doc"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Kind     string `json:"kind"`
	Rule     string `json:"rule"`
	Text     string `json:"text"`
	Decision string `json:"decision"`
}

func privacyScanRun(opts *privacyScanOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	scan, err := b.ScanPrivacy()
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		out := struct {
			Findings []findingJSON `json:"findings"`
		}{Findings: []findingJSON{}}
		for _, f := range scan.Findings {
			out.Findings = append(out.Findings, findingJSON{f.ID, f.Doc, f.Start, f.End, string(f.Kind), f.Rule, f.Text, string(f.Status)})
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	return writeFindingsTable(opts.IO, scan)
}

func writeFindingsTable(io *ioStreams, scan *backend.PrivacyScan) error {
	if len(scan.Findings) == 0 {
		fmt.Fprintf(io.Out, "No personal data found in %s and %s.\n", pluralize(scan.Answers, "answer"), pluralize(scan.Texts, "other text"))
		return nil
	}
	tw := tabwriter.NewWriter(io.Out, 0, 0, 2, ' ', 0)
	head := "ID\tDOC\tSPAN\tKIND\tRULE\tDECISION"
	if io.OutTerminal {
		head += "\tTEXT"
	}
	fmt.Fprintln(tw, head)
	count := map[privacy.Status]int{}
	for _, f := range scan.Findings {
		count[f.Status]++
		row := fmt.Sprintf("%s\t%s\t%d-%d\t%s\t%s\t%s", f.ID, f.Doc, f.Start, f.End, f.Kind, f.Rule, f.Status)
		if io.OutTerminal {
			row += "\t" + strings.Join(strings.Fields(f.Text), " ")
		}
		fmt.Fprintln(tw, row)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "%s in %s and %s: %d undecided, %d stale, %d redact, %d allow.\n",
		pluralize(len(scan.Findings), "finding"), pluralize(scan.Answers, "answer"), pluralize(scan.Texts, "other text"),
		count[privacy.Undecided], count[privacy.Stale], count[privacy.Redacted], count[privacy.Allowed])
	if n := count[privacy.Undecided] + count[privacy.Stale]; n > 0 {
		fmt.Fprintln(io.Out, "Decide with 'mixeval privacy redact ID...' or 'mixeval privacy allow ID... --memo WHY'; exports stop until then.")
	}
	if len(scan.Stale) > 0 {
		fmt.Fprintf(io.Out, "%s in privacy.yaml match no finding any more (their text changed or is gone).\n", pluralize(len(scan.Stale), "decision"))
	}
	return nil
}

type privacyDecideOptions struct {
	IO       *ioStreams
	Backend  func() (*backend.Study, error)
	Action   privacy.Action
	Findings []string
	Kind     string
	Memo     string
}

func newPrivacyDecideCmd(f *factory, action privacy.Action, runF func(*privacyDecideOptions) error) *cobra.Command {
	opts := &privacyDecideOptions{IO: f.IO, Backend: f.Backend("privacy " + string(action)), Action: action}
	cmd := &cobra.Command{
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Findings = args
			switch {
			case len(args) == 0 && opts.Kind == "":
				return usageErrorf("name the findings to %s (ids from 'mixeval privacy scan')", action)
			case action == privacy.ActionAllow && strings.TrimSpace(opts.Memo) == "":
				return usageErrorf("--memo is required: say why these may leave the study")
			case opts.Kind != "" && !privacy.Kind(opts.Kind).Valid():
				return usageErrorf("--all-kind %q: use one of %s", opts.Kind, kindList())
			}
			if runF != nil {
				return runF(opts)
			}
			return privacyDecideRun(opts)
		},
	}
	if action == privacy.ActionRedact {
		cmd.Use = "redact FINDING... | --all-kind KIND"
		cmd.Short = "Replace findings by a marker in every export"
		cmd.Long = `Decide that findings are replaced by a marker ([email], [phone], [NHS number],
[postcode], [date], [name]) in everything exported. The study's own files
are never changed. With --all-kind, every finding of that kind that has no
decision yet (or a stale one) is decided; findings already allowed stay so.`
		cmd.Example = `  mixeval privacy redact 4f3a2b1c9d 0be1d2c3a4
  mixeval privacy redact --all-kind nhs-number --memo "never leaves"`
		cmd.Flags().StringVar(&opts.Kind, "all-kind", "", "decide every undecided finding of this kind ("+kindList()+")")
		cmd.Flags().StringVar(&opts.Memo, "memo", "", "why (optional)")
	} else {
		cmd.Use = "allow FINDING... --memo TEXT"
		cmd.Short = "Let findings leave the study as they are"
		cmd.Long = `Decide that findings may be exported as they are: a staff member named with
consent, a date that is not a birth date, a word the detector took for a
name. The memo says why; it is kept in privacy.yaml with who decided and
when.`
		cmd.Example = `  mixeval privacy allow 9a8b7c6d5e --memo "the facilitator, named with consent"`
		cmd.Flags().StringVar(&opts.Memo, "memo", "", "why these may leave the study (required)")
	}
	return cmd
}

func kindList() string {
	var s []string
	for _, k := range privacy.Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func privacyDecideRun(opts *privacyDecideOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	res, err := b.DecidePrivacy(backend.PrivacyRequest{Findings: opts.Findings, Kind: privacy.Kind(opts.Kind), Action: opts.Action, Memo: opts.Memo})
	if err != nil {
		return err
	}
	if len(res.Decided) == 0 {
		fmt.Fprintf(opts.IO.Out, "No finding of kind %s is waiting for a decision.\n", opts.Kind)
	}
	for _, f := range res.Decided {
		fmt.Fprintf(opts.IO.Out, "%s  %s  %s %d-%d  %s\n", opts.Action, f.ID, f.Doc, f.Start, f.End, f.Kind)
	}
	if n := len(res.Kept); n > 0 {
		fmt.Fprintf(opts.IO.Out, "%s of kind %s already decided, left as they were.\n", pluralize(n, "finding"), opts.Kind)
	}
	if res.Dropped > 0 {
		fmt.Fprintf(opts.IO.Out, "Removed %s made before the text changed.\n", pluralize(res.Dropped, "stale decision"))
	}
	return nil
}
