package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// answerHeading is a document's id and attributes on one line.
func answerHeading(d corpus.Document) string {
	parts := []string{d.ID}
	keys := make([]string, 0, len(d.Attributes))
	for k := range d.Attributes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, k+" "+d.Attributes[k])
	}
	return strings.Join(parts, " · ")
}

// quote returns the text a segment covers, on one line, or a note when the
// span no longer fits the answer.
func quote(d corpus.Document, seg coding.Segment) string {
	q, ok := coding.Quote(d.Text, seg)
	if !ok {
		return fmt.Sprintf("(%d-%d lies outside the answer: it was edited)", seg.Start, seg.End)
	}
	return flat(q)
}

// snippet is the start of an answer's text on one line.
func snippet(text string, w int) string {
	if len(text) > 4*w {
		text = text[:4*w]
	}
	return cut(flat(text), w)
}

// quoteSpan is quote for a span given by offsets.
func quoteSpan(d corpus.Document, start, end int) string {
	return quote(d, coding.Segment{Start: start, End: end})
}
