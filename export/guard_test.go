package export

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/mixeval/mixeval/privacy"
)

// TestCheckParallel: the guard run in parts gives what one run gives:
// the same texts in the same order, the same findings, once each.
func TestCheckParallel(t *testing.T) {
	var docs []privacy.Document
	var pieces []privacy.Piece
	for i := range 6000 { // 12,012 pieces: enough to be split
		text := fmt.Sprintf("Answer %d: call 07700 900%03d or not.", i, i%1000)
		if i%3 == 0 {
			text = fmt.Sprintf("Answer %d: nothing to report.", i)
		}
		d := privacy.Document{ID: fmt.Sprintf("R%05d/q", i), Text: text, Hash: privacy.HashText(text)}
		docs = append(docs, d)
		// The whole answer, and its first word as a quote, in an order
		// that is not the documents'.
		pieces = append(pieces, privacy.Piece{Doc: d.ID, Hash: d.Hash, Text: text},
			privacy.Piece{Doc: d.ID, Hash: d.Hash, Offset: 0, Text: "Answer"})
		if i%500 == 0 {
			pieces = append(pieces, privacy.Piece{Doc: "memo:x#" + d.ID, Text: "Ring Dr Okafor."})
		}
	}
	for i, j := 0, len(pieces)-1; i < j; i, j = i+2, j-2 {
		pieces[i], pieces[j] = pieces[j], pieces[i]
	}
	g := privacy.Guard{Detector: privacy.NewDetector(nil), Documents: docs}
	for _, redact := range []bool{false, true} {
		want, err := g.Check(pieces, redact)
		if err != nil {
			t.Fatal(err)
		}
		got, err := checkParallel(g, pieces, redact)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("redact %v: parts gave %d texts, %d blocked, %d redacted; one run %d, %d, %d",
				redact, len(got.Texts), len(got.Blocked), len(got.Redacted), len(want.Texts), len(want.Blocked), len(want.Redacted))
		}
		if len(pieces) < 10000 || redact && len(want.Redacted) < 4000 {
			t.Errorf("only %d findings redacted: the test data has fewer than meant", len(want.Redacted))
		}
	}
}
