package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// On a terminal, search marks answers holding personal data; in a pipe it
// does not (the table's columns stay as scripts expect them).
func TestSearchMarksPersonalData(t *testing.T) {
	docs := func(*study.Study) ([]corpus.Document, error) {
		return []corpus.Document{
			{ID: "P01/helped", Respondent: "P01", Question: "helped", Text: "The nurses were kind.", Hash: corpus.HashText("The nurses were kind.")},
			{ID: "P02/helped", Respondent: "P02", Question: "helped", Text: "Nurses rang 07700 900123 daily.", Hash: corpus.HashText("Nurses rang 07700 900123 daily.")},
		}, nil
	}
	for _, terminal := range []bool{true, false} {
		var out bytes.Buffer
		opts := &searchOptions{IO: &ioStreams{Out: &out, ErrOut: &bytes.Buffer{}, OutTerminal: terminal},
			Backend: testBackend(t, docs), Query: "nurse", Limit: 20, Format: "table"}
		t.Setenv("NO_COLOR", "1")
		if err := searchRun(opts); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		if terminal {
			if !strings.Contains(got, "PERSONAL DATA") || !lineWith(got, "P02/helped", "phone") || !lineWith(got, "P01/helped", " - ") {
				t.Errorf("terminal output does not mark P02's phone number:\n%s", got)
			}
			continue
		}
		if strings.Contains(got, "PERSONAL DATA") {
			t.Errorf("piped output marks personal data:\n%s", got)
		}
	}
}

func lineWith(s, a, b string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, a) && strings.Contains(l, b) {
			return true
		}
	}
	return false
}
