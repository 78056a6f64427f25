package index

import (
	"fmt"
	"reflect"
	"sort"
	"testing"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// Phrases match the literal words in order. The corpus is counted by hand:
// "most evenings" occurs in R1, R2, R3 (twice), R4 and R5 and nowhere else;
// R6-R9 hold the words stemmed, apart, or with "most" as a stop word only;
// "more breaks" occurs in R10 alone (R11 has "line break", R12 "more
// break"); "took a break every" needs its three pairs adjacent, in order,
// which R13 has and R14 (every pair, but apart) does not.
//
// The corpus is searched alone (every word common: each phrase is looked
// up by its pairs) and among 2,000 other answers "The group felt calm
// today." (then only those five words are common, and the phrases of rarer
// words are looked up by their words and checked against the text).
func TestLiteralPhrasesHandCounted(t *testing.T) {
	for _, pad := range []int{0, 2000} {
		t.Run(fmt.Sprintf("among %d others", pad), func(t *testing.T) { literalHandCounted(t, pad) })
	}
}

func literalHandCounted(t *testing.T, pad int) {
	docs := []corpus.Document{
		doc("R1/q", "Most evenings I practised."),
		doc("R2/q", "I did it most evenings, not all."),
		doc("R3/q", "most evenings and most evenings again"),
		doc("R4/q", "MOST EVENINGS"),
		doc("R5/q", "Calm most... evenings were hard"), // punctuation between words is ignored
		doc("R6/q", "Most of the evenings were fine."),
		doc("R7/q", "evenings were the most difficult"),
		doc("R8/q", "In the evening, mostly."),
		doc("R9/q", "The evening was most helpful"),
		doc("R10/q", "More breaks please."),
		doc("R11/q", "The line break in the slides"),
		doc("R12/q", "One more break would help"),
		doc("R13/q", "I took a break every hour"),
		doc("R14/q", "I took a rest, a break, and every break took effort"),
		doc("R15/q", "The group felt calm and the group felt safe"),
	}
	for i := range pad {
		docs = append(docs, doc(fmt.Sprintf("X%04d/q", i), "The group felt calm today."))
	}
	ix := openTest(t, docs)
	if want := pad > 0; want != (len(ix.common) == 5) {
		t.Fatalf("common words %v", ix.common)
	}
	padded := func(ids ...string) []string {
		for i := range pad {
			ids = append(ids, fmt.Sprintf("X%04d/q", i))
		}
		sort.Strings(ids)
		return ids
	}
	for _, tc := range []struct {
		query string
		want  []string
		spans int // spans over all hits
	}{
		{`"most evenings"`, []string{"R1/q", "R2/q", "R3/q", "R4/q", "R5/q"}, 6},
		{`"more breaks"`, []string{"R10/q"}, 1},
		{`"more break"`, []string{"R12/q"}, 1},
		{`"took a break every"`, []string{"R13/q"}, 1},
		{`"a break"`, []string{"R13/q", "R14/q"}, 2},
		{`"rest a break and every"`, []string{"R14/q"}, 1},
		{`"break every"`, []string{"R13/q"}, 1},
		{`"the"`, padded("R11/q", "R15/q", "R6/q", "R7/q", "R8/q", "R9/q"), 8 + pad},
		{`"the group felt calm"`, padded("R15/q"), 1 + pad},
		{`"group felt safe"`, []string{"R15/q"}, 1},
		{`"felt calm and"`, []string{"R15/q"}, 1},
		{`"calm today"`, padded(), pad},
	} {
		t.Run(tc.query, func(t *testing.T) {
			r, err := ix.Search(tc.query, SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(r); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("hits %v, want %v", got, tc.want)
			}
			n := 0
			for _, h := range r.Hits {
				n += len(h.Spans)
			}
			if n != tc.spans {
				t.Errorf("%d spans, want %d", n, tc.spans)
			}
		})
	}
}

func TestLiteralTokens(t *testing.T) {
	got := literalTokens("Don’t stop—CAFÉ naïve 👍🏽 ❤️ 👩‍👧 x")
	var words []string
	for _, tk := range got {
		words = append(words, tk.word)
	}
	want := []string{"don't", "stop", "cafe", "naive", "👍🏽", "❤", "👩‍👧", "x"}
	if !reflect.DeepEqual(words, want) {
		t.Fatalf("words %q, want %q", words, want)
	}
}

// The lookup plan: common words only in pairs, other words alone; exact
// when one pair (or one rare word) says it all.
func TestLiteralPlan(t *testing.T) {
	common := map[string]bool{"the": true, "group": true, "felt": true}
	for _, tc := range []struct {
		words []string
		terms []string
		exact bool
	}{
		{[]string{"the", "group"}, []string{"the group"}, true},
		{[]string{"most", "evenings"}, []string{"most", "evenings"}, false},
		{[]string{"the", "evenings"}, []string{"evenings"}, false},
		{[]string{"evenings"}, []string{"evenings"}, true},
		{[]string{"the"}, nil, false},
		{[]string{"😊"}, []string{"😊"}, true},
		{[]string{"the", "group", "felt", "the", "group"}, []string{"the group", "group felt", "felt the"}, false},
	} {
		terms, exact := literalPlan(tc.words, common)
		if !reflect.DeepEqual(terms, tc.terms) || exact != tc.exact {
			t.Errorf("%q: terms %q exact %v, want %q %v", tc.words, terms, exact, tc.terms, tc.exact)
		}
	}
}
