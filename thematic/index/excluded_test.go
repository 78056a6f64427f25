package index

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// plainNot undoes the excluded wrapper, giving the query bleve would get
// with NOT compiled plainly.
func plainNot(q query.Query) query.Query {
	switch q := q.(type) {
	case excluded:
		return plainNot(q.Query)
	case *query.BooleanQuery:
		out := *q
		if q.Must != nil {
			out.Must = plainNot(q.Must)
		}
		if q.MustNot != nil {
			out.MustNot = plainNot(q.MustNot)
		}
		if q.Should != nil {
			out.Should = plainNot(q.Should)
		}
		return &out
	case *query.ConjunctionQuery:
		out := *q
		out.Conjuncts = make([]query.Query, len(q.Conjuncts))
		for i, c := range q.Conjuncts {
			out.Conjuncts[i] = plainNot(c)
		}
		return &out
	case *query.DisjunctionQuery:
		out := *q
		out.Disjuncts = make([]query.Query, len(q.Disjuncts))
		for i, c := range q.Disjuncts {
			out.Disjuncts[i] = plainNot(c)
		}
		return &out
	}
	return q
}

// Excluded words are searched without scores or locations; the hits,
// their order, scores and locations must be exactly those of the plain
// query.
func TestExcludedSameAsPlainNot(t *testing.T) {
	ix := openTest(t, syntheticDocs(3000))
	for _, q := range []string{
		"(nurses OR therapist) AND safe -online",
		"NOT online",
		"calm -zoom -tired",
		`nurses -"breathing exercises"`,
		"question:online -group:2 zoom",
		"NOT (nurses OR safe) practi*",
		"safe AND NOT (toolkt~ OR camera)",
	} {
		c, err := compileQuery(q, ix.an, ix.attrs, ix.literal())
		if err != nil {
			t.Fatal(err)
		}
		plain := plainNot(c.q)
		if reflect.DeepEqual(plain, c.q) {
			t.Errorf("%s: no excluded part compiled", q)
		}
		for _, limit := range []int{20, 0} {
			got, err := ix.run(c.q, limit)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ix.run(plain, limit)
			if err != nil {
				t.Fatal(err)
			}
			if got.total != want.total || len(got.hits) != len(want.hits) {
				t.Fatalf("%s, limit %d: %d/%d hits, want %d/%d", q, limit, len(got.hits), got.total, len(want.hits), want.total)
			}
			if want.total == 0 {
				t.Errorf("%s: no hits, a weak test", q)
			}
			for i := range got.hits {
				g, w := got.hits[i], want.hits[i]
				if g.ID != w.ID || g.Score != w.Score || !reflect.DeepEqual(g.Locations, w.Locations) {
					t.Errorf("%s, limit %d, hit %d: %s %v, want %s %v", q, limit, i, g.ID, g.Score, w.ID, w.Score)
					break
				}
			}
		}
	}
}
