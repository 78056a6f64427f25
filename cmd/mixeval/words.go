package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/index"
)

type wordsOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
	By      string
	Limit   int
	Format  string
}

func newWordsCmd(f *factory, runF func(*wordsOptions) error) *cobra.Command {
	opts := &wordsOptions{IO: f.IO, Backend: f.Backend("words")}
	cmd := &cobra.Command{
		Use:   "words",
		Short: "Word frequencies across the study's answers, for familiarisation",
		Long: `List the words of every answer, most frequent first: how often each occurs
and in how many answers. Words are lower-cased but not stemmed ("nurse" and
"nurses" are counted apart); stop words such as "the" and "and" are left out.
With --by, the counts are broken down by the values of an attribute (or by
question or respondent), each shown as occurrences/answers.`,
		Example: `  mixeval words
  mixeval words --by group --limit 30
  mixeval words --by question --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkListFlags(opts.Limit, "words", opts.Format); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return wordsRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.By, "by", "", "break the counts down by this attribute, question or respondent")
	cmd.Flags().IntVar(&opts.Limit, "limit", 50, "most words to show (0: all)")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	return cmd
}

func wordsRun(opts *wordsOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	ix, err := openIndex(opts.IO, b)
	if err != nil {
		return err
	}
	defer ix.Close()
	wf, err := ix.Words(opts.By)
	if err != nil {
		return err
	}
	distinct := len(wf.Words)
	if opts.Limit > 0 && len(wf.Words) > opts.Limit {
		wf.Words = wf.Words[:opts.Limit]
	}
	if wf.Words == nil {
		wf.Words = []index.WordCount{}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Distinct int `json:"distinct"`
			*index.WordFrequencies
		}{distinct, wf})
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 0, 2, ' ', 0)
	header := []string{"WORD", "OCCURRENCES", "ANSWERS"}
	for _, v := range wf.Values {
		header = append(header, tableCell(fmt.Sprintf("%s=%s", wf.By, orDash(v)), cellWidth))
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, w := range wf.Words {
		row := []string{tableCell(w.Word, cellWidth), fmt.Sprint(w.Occurrences), fmt.Sprint(w.Documents)}
		for _, v := range wf.Values {
			c := w.By[v]
			row = append(row, fmt.Sprintf("%d/%d", c.Occurrences, c.Documents))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(wf.Words) < distinct {
		fmt.Fprintf(opts.IO.Out, "%d of %d words shown; --limit 0 shows all.\n", len(wf.Words), distinct)
	}
	return nil
}
