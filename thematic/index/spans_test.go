package index

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// Offsets below are counted by hand in code points: "é" precomposed is one
// code point, "e" + U+0301 two, the emoji U+1F600 one (four bytes in UTF-8).
func TestSpansInCodePoints(t *testing.T) {
	docs := []corpus.Document{
		// C0 a1 f2 é3 _4 😀5 _6 n7..s12 '13 _14 h15 e16 l17 p18
		doc("A/q", "Café 😀 nurses' help"),
		// C0 a1 f2 e3 ◌́4 _5 😀6 _7 n8..s13 '14 _15 h16..p19
		doc("B/q", "Cafe\u0301 😀 nurses' help"),
		// I0 _1 f2 e3 l4 t5 _6 a7 _8 s9..e13 _14 o15 f16 _17 b18..g26 ;27 _28 a29 _30 n31 u32 r33 s34 e35 '36 s37
		doc("C/q", "I felt a sense of belonging; a nurse's kindness matters."),
		// h0 e1 l2 p3 _4 h5 e6 l7 p8 s9 .10 _11 H12 e13 l14 p15 _16 n17 u18 r19 s20 e21
		doc("D/q", "help helps. Help nurse"),
	}
	ix := openTest(t, docs)
	tests := []struct {
		query string
		want  map[string][]Span
	}{
		{"nurses", map[string][]Span{
			"A/q": {{7, 13, "nurses"}},
			"B/q": {{8, 14, "nurses"}},
			"C/q": {{31, 38, "nurse's"}},
			"D/q": {{17, 22, "nurse"}},
		}},
		{"help", map[string][]Span{
			"A/q": {{15, 19, "help"}},
			"B/q": {{16, 20, "help"}},
			"D/q": {{0, 4, "help"}, {5, 10, "helps"}, {12, 16, "Help"}},
		}},
		// A phrase of words reads past an emoji as past punctuation, and is
		// one span from its first word to its last. Accents are ignored:
		// "é" precomposed or as "e" + U+0301 alike.
		{`"café nurses"`, map[string][]Span{
			"A/q": {{0, 13, "Café 😀 nurses"}},
			"B/q": {{0, 14, "Cafe\u0301 😀 nurses"}},
		}},
		{`"😀 nurses"`, map[string][]Span{
			"A/q": {{5, 13, "😀 nurses"}},
			"B/q": {{6, 14, "😀 nurses"}},
		}},
		{`"nurses help"`, map[string][]Span{
			"A/q": {{7, 19, "nurses' help"}},
			"B/q": {{8, 20, "nurses' help"}},
		}},
		// Stop words inside a phrase are covered by its span.
		{`"sense of belonging"`, map[string][]Span{
			"C/q": {{9, 27, "sense of belonging"}},
		}},
		// Only the occurrence inside the phrase is part of the phrase; the
		// other "help" words are not matches of this query.
		{`"help nurse"`, map[string][]Span{
			"D/q": {{12, 22, "Help nurse"}},
		}},
		// A phrase and a single word of it: the other occurrences of the
		// word are spans of their own.
		{`"help nurse" OR help`, map[string][]Span{
			"A/q": {{15, 19, "help"}},
			"B/q": {{16, 20, "help"}},
			"D/q": {{0, 4, "help"}, {5, 10, "helps"}, {12, 22, "Help nurse"}},
		}},
		{"cafe\u0301", map[string][]Span{
			"B/q": {{0, 5, "Cafe\u0301"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			r, err := ix.Search(tt.query, SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]Span{}
			for _, h := range r.Hits {
				got[h.Doc] = h.Spans
				text := []rune(ix.docs.Document(mustFind(t, ix, h.Doc)).Text)
				for _, s := range h.Spans {
					if string(text[s.Start:s.End]) != s.Text {
						t.Errorf("%s: span %d-%d slices %q, not its text %q", h.Doc, s.Start, s.End, string(text[s.Start:s.End]), s.Text)
					}
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("spans\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		spans []Span
		width int
		want  string
	}{
		{"short text, all of it", "Café 😀 nurses' help", []Span{{7, 13, "nurses"}, {15, 19, "help"}}, 40,
			"Café 😀 [[nurses]]' [[help]]"},
		{"line breaks flattened", "one\ntwo", []Span{{4, 7, "two"}}, 40, "one [[two]]"},
		// 26 letters a..z as words, letters at even indices; width 12
		// around "m" (index 24) starts a quarter width before it: 24-3 = 21,
		// a space, so the snippet starts after it at 22 ("l"); it ends at
		// to = 21+12 = 33, a space already: "l m n o p q".
		{"long text cut at spaces", "a b c d e f g h i j k l m n o p q r s t u v w x y z", []Span{{24, 25, "m"}}, 12,
			"…l [[m]] n o p q…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Snippet(tt.text, tt.spans, tt.width, "[[", "]]"); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A snippet stays short, and costs little, whatever the answer's length:
// a 5 MB answer is not copied whole to cut 60 characters out of it.
func TestSnippetOfAHugeAnswer(t *testing.T) {
	long := strings.Repeat("calm words here ", 320_000) // 5.1 MB
	text := "Nurses helped. " + long + "The end, safe."
	n := utf8.RuneCountInString(text)
	for _, span := range []Span{{0, 6, "Nurses"}, {n - 5, n - 1, "safe"}} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		got := Snippet(text, []Span{span}, 60, "[", "]")
		runtime.ReadMemStats(&after)
		if l := utf8.RuneCountInString(got); l > 64 || !strings.Contains(got, "["+span.Text+"]") {
			t.Errorf("snippet %q (%d characters)", got, l)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<10 {
			t.Errorf("Snippet allocated %d bytes for a %d-byte answer", alloc, len(text))
		}
	}
}

func mustFind(t *testing.T, ix *Index, id string) int {
	t.Helper()
	i, ok := ix.docs.Find(id)
	if !ok {
		t.Fatalf("hit %s is not a document", id)
	}
	return i
}
