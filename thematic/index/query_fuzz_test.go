package index

import (
	"errors"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzCompileQuery checks that no query panics, that every rejected query
// is a *QueryError whose column lies within the query (or just after its
// end), and that accepted queries run on a small index and give spans that
// slice the document text.
func FuzzCompileQuery(f *testing.F) {
	for _, s := range []string{
		"nurses", `"sense of belonging"`, "practi*", "nurce~2", "online NOT nurses",
		"(a OR b) AND group:3", `question:"what helped"`, "-online", "((((x))))",
		"x:", `"`, "a AND", "OR", "nu*se", "10:30", "attr.group:2*", "the",
		"Café 😀 nurses' help", "-", "~", "*", ")(", "NOT NOT x", "a || b && c",
	} {
		f.Add(s)
	}
	docs := handCorpus()
	ix, err := Open(filepath.Join(f.TempDir(), "index"), docs, nil)
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	f.Fuzz(func(t *testing.T, q string) {
		c, err := compileQuery(q, ix.an, ix.attrs, ix.literal())
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("%q: error %v is not a *QueryError", q, err)
			}
			if n := utf8.RuneCountInString(q); qe.Column < 1 || qe.Column > n+1 {
				t.Fatalf("%q: column %d outside 1..%d", q, qe.Column, n+1)
			}
			return
		}
		if c.q == nil {
			t.Fatalf("%q: no query and no error", q)
		}
		res, err := ix.Search(q, SearchOptions{Limit: 3})
		if err != nil {
			t.Fatalf("%q compiles but does not run: %v", q, err)
		}
		for _, h := range res.Hits {
			text := []rune(ix.docs.Document(mustFind(t, ix, h.Doc)).Text)
			for _, s := range h.Spans {
				if s.Start < 0 || s.End > len(text) || s.Start >= s.End || string(text[s.Start:s.End]) != s.Text {
					t.Fatalf("%q: %s span %+v does not slice the text", q, h.Doc, s)
				}
			}
		}
	})
}
