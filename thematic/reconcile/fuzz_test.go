package reconcile

import (
	"testing"
	"time"

	"github.com/mixeval/mixeval/thematic/triangulate"
)

func spanOf(start, end int) triangulate.Span { return triangulate.Span{Start: start, End: end} }

// FuzzParse: any input either fails with an error or loads into a
// consensus that saves and loads back to the same bytes.
func FuzzParse(f *testing.F) {
	c := New("alice", "bob")
	a, b := coders()
	c.Update(a, b, docs, Options{Now: func() time.Time { return t0 }})
	c.Decide(c.Open()[0].ID, Decision{Kind: Edit, Span: spanOf(1, 5), Memo: "m: 'x'", By: "alice", At: t0}, nil)
	good, _ := c.Marshal()
	f.Add(good)
	f.Add([]byte("version: 1\ncoders: [a, b]\noverlap: 90\n"))
	f.Add([]byte("version: 2\nitems: {}\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("consensus.yaml", data)
		if err != nil {
			return
		}
		out, err := c.Marshal()
		if err != nil {
			t.Fatalf("marshal of a loaded file: %v", err)
		}
		c2, err := Parse("consensus.yaml", out)
		if err != nil {
			t.Fatalf("reload of saved file: %v\n%s", err, out)
		}
		out2, _ := c2.Marshal()
		if string(out) != string(out2) {
			t.Fatalf("not stable:\n%s\n---\n%s", out, out2)
		}
	})
}

// FuzzReadDecisions: a decisions file never panics the reader, and every
// request it returns names an item and a decision.
func FuzzReadDecisions(f *testing.F) {
	f.Add("d.csv", []byte("item,decision,span,memo,by\n747c95c9eb,both,,\"a, b\",alice\n46fc228924,edit,4-27,,bob\n"))
	f.Add("d.csv", []byte("\uFEFFitem,decision\n\n x , y \n"))
	f.Add("d.yaml", []byte("decisions:\n  - item: 747c95c9eb\n    decision: accept-a\n    memo: |\n      long\n"))
	f.Add("d.yaml", []byte("decisions: {}\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		reqs, err := ReadDecisions(name, data)
		if err != nil {
			return
		}
		for _, q := range reqs {
			if q.Item == "" || q.Decision == "" {
				t.Fatalf("request without item or decision: %+v", q)
			}
		}
	})
}
