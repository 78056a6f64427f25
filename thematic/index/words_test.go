package index

import (
	"reflect"
	"testing"

	"github.com/mixeval/mixeval/thematic"
)

func TestWords(t *testing.T) {
	docs := []thematic.Document{
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

// The build analyses each text once for both fields; the result must be
// exactly what the mapping's analysers give, which queries use.
func TestSharedAnalysisMatchesMapping(t *testing.T) {
	m, err := newMapping(nil)
	if err != nil {
		t.Fatal(err)
	}
	an, err := newAnalyzers(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range append(corpus(), syntheticDocs(50)...) {
		in := []byte(d.Text)
		shared := &sharedAnalysis{an: an}
		gotText := textAnalysis{shared}.Analyze(in)
		gotWords := wordsAnalysis{shared}.Analyze(in)
		if !reflect.DeepEqual(gotText, an.text.Analyze([]byte(d.Text))) {
			t.Errorf("%s: text tokens differ from the mapping's analyser", d.ID)
		}
		if !reflect.DeepEqual(gotWords, an.words.Analyze([]byte(d.Text))) {
			t.Errorf("%s: words tokens differ from the mapping's analyser", d.ID)
		}
	}
}
