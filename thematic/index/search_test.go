package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// doc makes a test document; attrs alternate name, value.
func doc(id, text string, attrs ...string) corpus.Document {
	resp, q, _ := strings.Cut(id, "/")
	d := corpus.Document{ID: id, Respondent: resp, Question: q, Text: text}
	if len(attrs) > 0 {
		d.Attributes = map[string]string{}
		for i := 0; i+1 < len(attrs); i += 2 {
			d.Attributes[attrs[i]] = attrs[i+1]
		}
	}
	sum := sha256.Sum256([]byte(text))
	d.Hash = hex.EncodeToString(sum[:])
	return d
}

// corpus is small enough to know by hand which documents every query must
// match. Stems (Porter): nurses, nurse's, nurses' -> nurs; helped, help ->
// help; practising -> practis; happy -> happi; belonging -> belong.
func handCorpus() []corpus.Document {
	return []corpus.Document{
		doc("P01/helped", "The nurses were kind and the group felt safe.", "group", "1", "Number of sessions", "8"),
		doc("P01/improve", "More sessions, please. The online sound kept dropping.", "group", "1", "Number of sessions", "8"),
		doc("P02/helped", "Practising the breathing exercises every day helped me.", "group", "2", "Number of sessions", "10"),
		doc("P02/online", "Being online from home was easier with my pain.", "group", "2", "Number of sessions", "10"),
		doc("P03/helped", "I felt a sense of belonging; a nurse's kindness matters.", "group", "2", "Number of sessions", "8"),
		doc("P03/online", "Café 😀 nurses' help was great, happy to join online.", "group", "3", "Number of sessions", "10"),
		doc("P04/helped", "Nothing really. The toolkit was useful though.", "group", "3", "Number of sessions", "8"),
		doc("P04/improve", "", "group", "3", "Number of sessions", "8"),
	}
}

func openTest(t testing.TB, docs []corpus.Document) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "index"), docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func hitIDs(r *Results) []string {
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.Doc)
	}
	sort.Strings(ids)
	return ids
}

func TestSearchMatches(t *testing.T) {
	ix := openTest(t, handCorpus())
	all := []string{"P01/helped", "P01/improve", "P02/helped", "P02/online", "P03/helped", "P03/online", "P04/helped", "P04/improve"}
	tests := []struct {
		query string
		want  []string
	}{
		// Stemming: every form of nurse.
		{"nurses", []string{"P01/helped", "P03/helped", "P03/online"}},
		{"nurse", []string{"P01/helped", "P03/helped", "P03/online"}},
		{"NURSE", []string{"P01/helped", "P03/helped", "P03/online"}},
		{"helped", []string{"P02/helped", "P03/online"}},
		{"café", []string{"P03/online"}},
		// Phrases: the literal words in order, stop words included, only
		// case, accents, punctuation and emoji between words ignored.
		{`"sense of belonging"`, []string{"P03/helped"}},
		{`"online sound"`, []string{"P01/improve"}},
		{`"sound online"`, nil},
		{`"breathing exercises"`, []string{"P02/helped"}},
		{`"breathing exercise"`, nil}, // not stemmed
		{`"Breathing Exercises Every"`, []string{"P02/helped"}},
		{`"the breathing exercises every day"`, []string{"P02/helped"}},
		{`"the exercises"`, nil}, // "the" is not dropped at the edge
		{`"the group"`, []string{"P01/helped"}},
		{`"of belonging"`, []string{"P03/helped"}},
		{`"cafe nurses"`, []string{"P03/online"}},
		{`"nurses help"`, []string{"P03/online"}},
		{`"nurse's kindness"`, []string{"P03/helped"}},
		{`"nurse kindness"`, nil},
		{`"sessions please the"`, []string{"P01/improve"}},
		{`"please sessions"`, nil},
		// Emoji are found, alone or in a phrase.
		{"😀", []string{"P03/online"}},
		{`"café 😀"`, []string{"P03/online"}},
		{`"😀 café"`, nil},
		// Prefix: on the word as typed and on its stem (happy -> happi).
		{"practi*", []string{"P02/helped"}},
		{"happy*", []string{"P03/online"}},
		{"nur*", []string{"P01/helped", "P03/helped", "P03/online"}},
		// Fuzzy: nurce -> nurc, one edit from nurs; tolkit one from toolkit.
		{"nurce~", []string{"P01/helped", "P03/helped", "P03/online"}},
		{"tolkit~1", []string{"P04/helped"}},
		{"tolkt~", nil},
		{"tolkt~2", []string{"P04/helped"}},
		// Boolean.
		{"online nurses", []string{"P03/online"}},
		{"online AND nurses", []string{"P03/online"}},
		{"online OR toolkit", []string{"P01/improve", "P02/online", "P03/online", "P04/helped"}},
		{"online NOT nurses", []string{"P01/improve", "P02/online"}},
		{"online -nurses", []string{"P01/improve", "P02/online"}},
		{"NOT online", []string{"P01/helped", "P02/helped", "P03/helped", "P04/helped", "P04/improve"}},
		{"(nurses OR toolkit) AND group:3", []string{"P03/online", "P04/helped"}},
		{"nurses OR toolkit group:3", []string{"P01/helped", "P03/helped", "P03/online", "P04/helped"}},
		// kindness stems to kind (Porter step 3 drops -ness).
		{"kind OR (online -sound)", []string{"P01/helped", "P02/online", "P03/helped", "P03/online"}},
		// Stop words in a list of words are left out.
		{"nurses and kind", []string{"P01/helped", "P03/helped"}},
		{"nurses and kind -nurse's", nil},
		// Field and attribute filters.
		{"question:helped", []string{"P01/helped", "P02/helped", "P03/helped", "P04/helped"}},
		{"question:helped nurses", []string{"P01/helped", "P03/helped"}},
		{"group:2", []string{"P02/helped", "P02/online", "P03/helped"}},
		{`group:"2"`, []string{"P02/helped", "P02/online", "P03/helped"}},
		{"attr.group:2", []string{"P02/helped", "P02/online", "P03/helped"}},
		{"number_of_sessions:10 online", []string{"P02/online", "P03/online"}},
		{"respondent:p02", []string{"P02/helped", "P02/online"}},
		{"respondent:P0*", all},
		{"text:nurses group:1", []string{"P01/helped"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r, err := ix.Search(tt.query, SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(r); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
			if r.Total != len(tt.want) {
				t.Errorf("total %d, want %d", r.Total, len(tt.want))
			}
		})
	}
}

func TestSearchErrors(t *testing.T) {
	ix := openTest(t, handCorpus())
	tests := []struct {
		query  string
		column int
		inMsg  string
	}{
		{"", 1, "empty"},
		{`nurses "online`, 8, "not closed"},
		{"grp:2", 1, `unknown field "grp"`},
		{"nurses AND", 8, "AND needs a term after it"},
		{"OR nurses", 1, "OR needs a term before it"},
		{"(nurses", 1, "not closed"},
		{"nurses)", 7, "no matching"},
		{"*urse", 1, "needs the start of a word"},
		{"nu*se", 3, "only at the end"},
		{"nurse~3", 7, "must be 1 or 2"},
		{"the", 1, "only stop words"},
		{`"!!!"`, 1, "holds no words"},
		{"group:", 7, "needs a value"},
		{"- nurses", 1, "needs a term right after it"},
		{"()", 1, "empty parentheses"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			_, err := ix.Search(tt.query, SearchOptions{})
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error %v, want a *QueryError", err)
			}
			if qe.Column != tt.column || !strings.Contains(qe.Msg, tt.inMsg) {
				t.Errorf("column %d %q, want column %d containing %q", qe.Column, qe.Msg, tt.column, tt.inMsg)
			}
		})
	}
}
