package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/index"
)

type searchOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)
	Query   string
	Limit   int
	Format  string
}

func newSearchCmd(f *factory, runF func(*searchOptions) error) *cobra.Command {
	opts := &searchOptions{IO: f.IO, Backend: f.Backend("search")}
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the study's answers, showing each match in its text",
		Long: `Search every answer of the study. Words are matched in all their forms
("nurses" finds nurse, nurse's); "quoted phrases" match words in order;
prefix* and fuzzy~ (or fuzzy~2) match similar words; combine with AND
(the default between words), OR, NOT or -word, and parentheses. Filters:
question:LABEL, respondent:ID, and any attribute, as in group:2.

Each hit shows the document, its attributes, the match spans as character
offsets into the answer (start inclusive, end exclusive) and a snippet.
Quote the whole query for your shell. See docs/search.md.`,
		Example: `  mixeval search nurses
  mixeval search '"sense of belonging" OR connect*' --limit 0
  mixeval search 'question:helped group:2 NOT online' --format json`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if err := checkListFlags(opts.Limit, "hits", opts.Format); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return searchRun(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Limit, "limit", 20, "most hits to show, best first (0: all)")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	return cmd
}

func searchRun(opts *searchOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	ix, err := openIndex(opts.IO, b)
	if err != nil {
		return err
	}
	defer ix.Close()
	so := index.SearchOptions{Limit: opts.Limit, SnippetWidth: snippetWidth}
	if opts.Format == "table" {
		so.Open, so.Close = highlightMarks(opts.IO)
	}
	res, err := ix.Search(opts.Query, so)
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		return writeSearchJSON(opts.IO, res)
	}
	return writeSearchTable(opts.IO, res, ix.Attributes())
}

type searchJSON struct {
	Total int             `json:"total"`
	Hits  []searchHitJSON `json:"hits"`
}

type searchHitJSON struct {
	Doc        string            `json:"doc"`
	Respondent string            `json:"respondent"`
	Question   string            `json:"question"`
	Attributes map[string]string `json:"attributes,omitempty"`
	Score      float64           `json:"score"`
	Spans      []index.Span      `json:"spans"`
	Snippet    string            `json:"snippet"`
}

func writeSearchJSON(io *ioStreams, res *index.Results) error {
	out := searchJSON{Total: res.Total, Hits: make([]searchHitJSON, 0, len(res.Hits))}
	for _, h := range res.Hits {
		spans := h.Spans
		if spans == nil {
			spans = []index.Span{}
		}
		out.Hits = append(out.Hits, searchHitJSON{
			Doc: h.Doc, Respondent: h.Respondent, Question: h.Question, Attributes: h.Attributes,
			Score: h.Score, Spans: spans, Snippet: h.Snippet,
		})
	}
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeSearchTable(io *ioStreams, res *index.Results, attrFields map[string]string) error {
	if res.Total == 0 {
		fmt.Fprintln(io.Out, "No documents match.")
		return nil
	}
	var attrs []string
	for _, a := range attrFields {
		attrs = append(attrs, a)
	}
	sort.Strings(attrs)
	tw := tabwriter.NewWriter(io.Out, 0, 0, 2, ' ', 0)
	header := []string{"DOC", "SCORE"}
	for _, a := range attrs {
		header = append(header, tableCell(strings.ToUpper(a), cellWidth))
	}
	header = append(header, "SPANS", "SNIPPET")
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, h := range res.Hits {
		row := []string{tableCell(h.Doc, cellWidth), fmt.Sprintf("%.3f", h.Score)}
		for _, a := range attrs {
			row = append(row, tableCell(orDash(h.Attributes[a]), cellWidth))
		}
		var spans []string
		for _, s := range h.Spans {
			spans = append(spans, fmt.Sprintf("%d-%d", s.Start, s.End))
		}
		row = append(row, tableCell(orDash(strings.Join(spans, ",")), cellWidth), h.Snippet)
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	switch {
	case len(res.Hits) < res.Total:
		fmt.Fprintf(io.Out, "%d of %d matching documents shown; --limit 0 shows all.\n", len(res.Hits), res.Total)
	case res.Total == 1:
		fmt.Fprintln(io.Out, "1 matching document.")
	default:
		fmt.Fprintf(io.Out, "%d matching documents.\n", res.Total)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
