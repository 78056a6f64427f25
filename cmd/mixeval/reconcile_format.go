package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/mixeval/mixeval/thematic/reconcile"
)

// WriteOpen lists open items for people: id, document, code, both coders'
// spans, then the answer with both codings marked.
func writeOpenItems(w io.Writer, c *reconcile.Consensus, texts map[string]string) {
	items := c.OpenItems(texts)
	a, b := c.Coders[0], c.Coders[1]
	fmt.Fprintf(w, "Open items: %d (%s [in square brackets], %s {in braces})\n", len(items), a, b)
	for _, it := range items {
		fmt.Fprintf(w, "\n%s  %s  %s  %s %s  %s %s\n", it.ID, it.Document, it.Code, a, it.A, b, it.B)
		if it.Text != "" {
			fmt.Fprintf(w, "    %s\n", strings.NewReplacer("\r\n", " ⏎ ", "\n", " ⏎ ").Replace(it.Text))
		}
	}
	if len(items) > 0 {
		fmt.Fprintf(w, "\nDecide with: mixeval reconcile --decide ITEM=accept-a|accept-b|both|neither|edit:START-END [--memo TEXT] [--by NAME]\n")
		fmt.Fprintf(w, "(accept-a takes %s's spans, accept-b %s's)\n", a, b)
	}
}

// WriteSummary writes the state of the consensus and what the last update
// changed.
func writeConsensusSummary(w io.Writer, c *reconcile.Consensus, res reconcile.UpdateResult) {
	s := c.Summary()
	fmt.Fprintf(w, "Consensus of %s (a) and %s (b) in coding/consensus.yaml, overlap rule %v%%\n", c.Coders[0], c.Coders[1], c.Overlap)
	fmt.Fprintf(w, "This run: %d new items (%d agreed automatically), %d became obsolete, %d came back.\n", res.New, res.NewAgreed, res.Obsolete, res.Revived)
	fmt.Fprintf(w, "Items: %d\n", s.Items)
	fmt.Fprintf(w, "  agreed automatically  %d\n", s.Agreed)
	fmt.Fprintf(w, "  decided               %d\n", s.Decided)
	for _, k := range reconcile.Kinds {
		fmt.Fprintf(w, "    %-19s %d\n", k, s.ByKind[k])
	}
	fmt.Fprintf(w, "  open                  %d\n", s.Open)
	fmt.Fprintf(w, "Obsolete (kept in the log, not applied): %d\n", s.Obsolete)
	fmt.Fprintf(w, "Consensus segments: %d, on %d documents reviewed by both coders.\n", s.Segments, s.Documents)
	if res.NotReviewedByBoth > 0 {
		fmt.Fprintf(w, "%d documents have segments that only one coder has reviewed; they wait for the other.\n", res.NotReviewedByBoth)
	}
	if s.Open > 0 {
		fmt.Fprintf(w, "Next: 'mixeval reconcile --list' shows the open items.\n")
	}
}
