package index

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mixeval/mixeval/thematic/corpus"
)

func TestWords(t *testing.T) {
	docs := []corpus.Document{
		doc("A/helped", "The nurses helped. Nurses, nurses!", "group", "1"),
		doc("B/helped", "A nurse's help and the nurses", "group", "2"),
		doc("C/online", "Help online", "group", "2"),
	}
	ix := openTest(t, docs)
	wf, err := ix.Words("")
	if err != nil {
		t.Fatal(err)
	}
	// By hand: nurses 3 in A + 1 in B; nurse (possessive stripped) 1 in B;
	// helped 1; help 2 (B, C); online 1. "The", "a", "and" are stop words.
	want := []WordCount{
		{Word: "nurses", Count: Count{4, 2}},
		{Word: "help", Count: Count{2, 2}},
		{Word: "helped", Count: Count{1, 1}},
		{Word: "nurse", Count: Count{1, 1}},
		{Word: "online", Count: Count{1, 1}},
	}
	if !reflect.DeepEqual(wf.Words, want) {
		t.Errorf("words\n got %+v\nwant %+v", wf.Words, want)
	}

	wf, err = ix.Words("Group")
	if err != nil {
		t.Fatal(err)
	}
	if wf.By != "group" || !reflect.DeepEqual(wf.Values, []string{"1", "2"}) {
		t.Errorf("by %q values %v", wf.By, wf.Values)
	}
	if got := wf.Words[0].By; !reflect.DeepEqual(got, map[string]Count{"1": {3, 1}, "2": {1, 1}}) {
		t.Errorf("nurses by group: %v", got)
	}
	if got := wf.Words[1].By; !reflect.DeepEqual(got, map[string]Count{"2": {2, 2}}) {
		t.Errorf("help by group: %v", got)
	}

	wf, err = ix.Words("question")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(wf.Values, []string{"helped", "online"}) {
		t.Errorf("by question: values %v", wf.Values)
	}

	if _, err := ix.Words("ward"); err == nil {
		t.Error("an unknown attribute gave no error")
	}
}

// Values that are all numbers are ordered as numbers (5 < 9 < 10), others
// as text.
func TestWordsByNumericValues(t *testing.T) {
	var docs []corpus.Document
	for i, n := range []string{"10", "5", "9", "7", "8", "12.5"} {
		docs = append(docs, doc(fmt.Sprintf("R%d/helped", i), "calm", "Sessions attended", n))
	}
	ix := openTest(t, docs)
	wf, err := ix.Words("Sessions attended")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"5", "7", "8", "9", "10", "12.5"}; !reflect.DeepEqual(wf.Values, want) {
		t.Errorf("values %v, want %v", wf.Values, want)
	}
	docs = append(docs, doc("R9/helped", "calm", "Sessions attended", "none"))
	ix = openTest(t, docs)
	if wf, _ = ix.Words("Sessions attended"); !reflect.DeepEqual(wf.Values, []string{"10", "12.5", "5", "7", "8", "9", "none"}) {
		t.Errorf("mixed values %v, want text order", wf.Values)
	}
}

// Words on a larger corpus must equal a plain count of the unstemmed
// analyser's tokens, document by document, overall and per group.
func TestWordsMatchPlainCount(t *testing.T) {
	docs := syntheticDocs(1000)
	ix := openTest(t, docs)
	type key struct{ word, group string }
	total := map[string]Count{}
	byGroup := map[key]Count{}
	for _, d := range docs {
		inDoc := map[string]int{}
		for _, tok := range ix.an.words.Analyze([]byte(d.Text)) {
			inDoc[string(tok.Term)]++
		}
		for w, n := range inDoc {
			c := total[w]
			total[w] = Count{c.Occurrences + n, c.Documents + 1}
			k := key{w, d.Attributes["group"]}
			c = byGroup[k]
			byGroup[k] = Count{c.Occurrences + n, c.Documents + 1}
		}
	}
	wf, err := ix.Words("group")
	if err != nil {
		t.Fatal(err)
	}
	if len(wf.Words) != len(total) {
		t.Fatalf("%d words, want %d", len(wf.Words), len(total))
	}
	if !reflect.DeepEqual(wf.Values, []string{"1", "2", "3"}) {
		t.Errorf("values %v", wf.Values)
	}
	for i, w := range wf.Words {
		if w.Count != total[w.Word] {
			t.Errorf("%q: %+v, want %+v", w.Word, w.Count, total[w.Word])
		}
		for g, c := range w.By {
			if c != byGroup[key{w.Word, g}] {
				t.Errorf("%q group %s: %+v, want %+v", w.Word, g, c, byGroup[key{w.Word, g}])
			}
		}
		if i > 0 {
			p := wf.Words[i-1]
			if p.Occurrences < w.Occurrences || p.Occurrences == w.Occurrences && p.Word > w.Word {
				t.Errorf("order: %q (%d) before %q (%d)", p.Word, p.Occurrences, w.Word, w.Occurrences)
			}
		}
	}
}

// The word counts file only saves time: without it, or damaged, or from
// other documents, Words analyses the documents and gives the same counts.
func TestWordCountsFileFallback(t *testing.T) {
	docs := syntheticDocs(500)
	ix := openTest(t, docs)
	want, err := ix.Words("group")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(ix.dir, wordCountsFile)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("build wrote no word counts file: %v", err)
	}
	other := assemble(newVocabulary(), make([][]wordN, len(docs))).encode("another stamp")
	for name, content := range map[string][]byte{
		"truncated":    good[:len(good)/2],
		"one byte":     good[:1],
		"extra byte":   append(append([]byte(nil), good...), 0),
		"other stamp":  other,
		"not the file": []byte("hello"),
	} {
		if _, err := decodeWordCounts(content, ix.stamp, len(docs)); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ix.Words("group")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: counts differ from the file's", name)
		}
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if got, err := ix.Words("group"); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("without the file: counts differ (%v)", err)
	}
}

// Documents belong to a value as a "group:value" search finds them, as
// when counts came from the index's keyword field: values differing only in
// case share their documents under the last one met. (The same test on
// the earlier words-field implementation gave the same counts.)
func TestWordsByValueAsSearchFindsIt(t *testing.T) {
	ix := openTest(t, []corpus.Document{
		doc("A/helped", "calm", "group", "A"),
		doc("B/helped", "calm calm", "group", "a"),
		doc("C/helped", "calm", "group", ""),
	})
	wf, err := ix.Words("group")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(wf.Values, []string{"", "a"}) {
		t.Errorf("values %q, want [\"\" a]", wf.Values)
	}
	want := WordCount{Word: "calm", Count: Count{4, 3}, By: map[string]Count{"a": {3, 2}, "": {1, 1}}}
	if len(wf.Words) != 1 || !reflect.DeepEqual(wf.Words[0], want) {
		t.Errorf("got %+v, want %+v", wf.Words, want)
	}
	for _, q := range []string{"group:a", "group:A"} {
		if r, err := ix.Search(q, SearchOptions{}); err != nil || r.Total != 2 {
			t.Errorf("%s: %v hits, %v", q, r, err)
		}
	}
}

// A damaged word counts file must give an error, never a panic or counts
// that point outside the vocabulary.
func FuzzDecodeWordCounts(f *testing.F) {
	v := newVocabulary()
	perDoc := [][]wordN{v.count(nil), nil, nil}
	m, err := newMapping(nil)
	if err != nil {
		f.Fatal(err)
	}
	an, err := newAnalyzers(m)
	if err != nil {
		f.Fatal(err)
	}
	perDoc[0] = v.count(an.words.Analyze([]byte("Nurses helped; the nurses listened")))
	perDoc[2] = v.count(an.words.Analyze([]byte("online was easier")))
	good := assemble(v, perDoc).encode("stamp")
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Fuzz(func(t *testing.T, b []byte) {
		dw, err := decodeWordCounts(b, "stamp", 3)
		if err != nil {
			return
		}
		for _, id := range dw.ids {
			if id < 0 || int(id) >= len(dw.vocab) {
				t.Fatalf("word id %d outside a vocabulary of %d", id, len(dw.vocab))
			}
		}
		if len(dw.start) != 4 || int(dw.start[3]) != len(dw.ids) {
			t.Fatalf("starts %v for %d pairs", dw.start, len(dw.ids))
		}
	})
}

// The build analyses each text once for the index and the word counts; the
// tokens must be exactly what the mapping's text analyser gives, which
// queries use, and the words those of the words analyser.
func TestCountingAnalysisMatchesMapping(t *testing.T) {
	m, err := newMapping(nil)
	if err != nil {
		t.Fatal(err)
	}
	an, err := newAnalyzers(m)
	if err != nil {
		t.Fatal(err)
	}
	v := newVocabulary()
	for _, d := range append(handCorpus(), syntheticDocs(50)...) {
		var enc []byte
		got := encodedCounting{an, v, &enc}.Analyze([]byte(d.Text))
		words := decodeSection(t, enc)
		if !reflect.DeepEqual(got, an.text.Analyze([]byte(d.Text))) {
			t.Errorf("%s: text tokens differ from the mapping's analyser", d.ID)
		}
		want := map[string]int32{}
		for _, tok := range an.words.Analyze([]byte(d.Text)) {
			want[string(tok.Term)]++
		}
		gotWords := map[string]int32{}
		for _, w := range words {
			gotWords[v.words[w.id]] += w.n
		}
		if len(gotWords) != len(words) || !reflect.DeepEqual(gotWords, want) {
			t.Errorf("%s: words %v, want %v", d.ID, gotWords, want)
		}
	}
}

// decodeSection reads one document's section of the word counts file.
func decodeSection(t *testing.T, b []byte) []wordN {
	t.Helper()
	next := func() int32 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			t.Fatalf("section damaged: % x", b)
		}
		b = b[n:]
		return int32(v)
	}
	out := make([]wordN, next())
	for i := range out {
		out[i].id = next()
		out[i].n = next()
	}
	if len(b) != 0 {
		t.Fatalf("%d bytes left over in a section", len(b))
	}
	return out
}
