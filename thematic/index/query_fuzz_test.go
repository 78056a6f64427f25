package index

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzCompileQuery checks that no query panics, that every rejected query
// is a *QueryError whose column lies within the query (or just after its
// end), and that accepted queries compile to a bleve query.
func FuzzCompileQuery(f *testing.F) {
	for _, s := range []string{
		"nurses", `"sense of belonging"`, "practi*", "nurce~2", "online NOT nurses",
		"(a OR b) AND group:3", `question:"what helped"`, "-online", "((((x))))",
		"x:", `"`, "a AND", "OR", "nu*se", "10:30", "attr.group:2*", "the",
		"Café 😀 nurses' help", "-", "~", "*", ")(", "NOT NOT x", "a || b && c",
	} {
		f.Add(s)
	}
	m, err := newMapping([]string{"group"})
	if err != nil {
		f.Fatal(err)
	}
	an, err := newAnalyzers(m)
	if err != nil {
		f.Fatal(err)
	}
	attrs := map[string]string{"group": "Group"}
	f.Fuzz(func(t *testing.T, q string) {
		c, err := compileQuery(q, an, attrs)
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
	})
}
