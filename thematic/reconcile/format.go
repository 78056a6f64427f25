package reconcile

import (
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// OpenItem is an open item with its text marked up, for listing.
type OpenItem struct {
	ID       string `json:"id"`
	Document string `json:"document"`
	Code     string `json:"code"`
	A        string `json:"a"`
	B        string `json:"b"`
	// Text is the answer with the first coder's spans in [square brackets]
	// and the second's in {braces}.
	Text string `json:"text"`
}

// OpenItems lists the open items with their answers marked up; texts maps
// document ids to text (a document missing from it shows no text).
func (c *Consensus) OpenItems(texts map[string]string) []OpenItem {
	out := []OpenItem{}
	for _, it := range c.Open() {
		text := ""
		if t, ok := texts[it.Document]; ok {
			text = triangulate.Markup(t, it.A, it.B)
		}
		out = append(out, OpenItem{ID: it.ID, Document: it.Document, Code: it.Code,
			A: triangulate.SpansText(it.A), B: triangulate.SpansText(it.B), Text: text})
	}
	return out
}
