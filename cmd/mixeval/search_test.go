package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

// testDocs stand in for a study's imported sources.
func testDocs(*study.Study) ([]corpus.Document, error) {
	return []corpus.Document{
		{ID: "P01/helped", Respondent: "P01", Question: "helped", Text: "The nurses were kind.", Hash: "1", Attributes: map[string]string{"group": "1"}},
		{ID: "P02/helped", Respondent: "P02", Question: "helped", Text: "Café 😀 nurses' help", Hash: "2", Attributes: map[string]string{"group": "2"}},
		{ID: "P02/online", Respondent: "P02", Question: "online", Text: "Easier from home.", Hash: "3", Attributes: map[string]string{"group": "2"}},
	}, nil
}

// testBackend opens an empty study folder whose documents come from load.
func testBackend(t *testing.T, load func(*study.Study) ([]corpus.Document, error)) func() (*backend.Study, error) {
	dir := t.TempDir()
	return func() (*backend.Study, error) {
		return backend.FromStudy(&study.Study{Dir: dir}, backend.Options{LoadDocuments: load}), nil
	}
}

func TestSearchCommandJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	opts := &searchOptions{
		IO:      &ioStreams{Out: &out, ErrOut: &errOut},
		Backend: testBackend(t, testDocs),
		Query:   "nurse", Limit: 20, Format: "json",
	}
	if err := searchRun(opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "Rebuilt the search index of 3 documents because there was no index yet") {
		t.Errorf("stderr %q does not report the rebuild", errOut.String())
	}
	var got struct {
		Total int `json:"total"`
		Hits  []struct {
			Doc, Respondent, Question, Snippet string
			Score                              float64
			Spans                              []index.Span
		} `json:"hits"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	if got.Total != 2 || len(got.Hits) != 2 {
		t.Fatalf("total %d, %d hits; want 2", got.Total, len(got.Hits))
	}
	for _, h := range got.Hits {
		switch h.Doc {
		case "P01/helped": // "The nurses": n at 4
			if len(h.Spans) != 1 || h.Spans[0] != (index.Span{Start: 4, End: 10, Text: "nurses"}) {
				t.Errorf("P01/helped spans %v", h.Spans)
			}
			if h.Snippet != "The [[nurses]] were kind." {
				t.Errorf("snippet %q", h.Snippet)
			}
		case "P02/helped": // C a f é _ 😀 _ n: n at 7
			if len(h.Spans) != 1 || h.Spans[0] != (index.Span{Start: 7, End: 13, Text: "nurses"}) {
				t.Errorf("P02/helped spans %v", h.Spans)
			}
		default:
			t.Errorf("unexpected hit %s", h.Doc)
		}
	}

	// The second run reuses the index and says nothing about it.
	out.Reset()
	errOut.Reset()
	opts.Query, opts.Format = "group:2", "table"
	if err := searchRun(opts); err != nil {
		t.Fatal(err)
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr %q on a fresh index", errOut.String())
	}
	for _, want := range []string{"DOC", "GROUP", "P02/helped", "P02/online", "2 matching documents."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

func TestSearchCommandSyntaxError(t *testing.T) {
	opts := &searchOptions{
		IO:      &ioStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}},
		Backend: testBackend(t, testDocs),
		Query:   `nurses "kind`, Format: "table",
	}
	err := searchRun(opts)
	var qe *index.QueryError
	if !errors.As(err, &qe) || qe.Column != 8 {
		t.Fatalf("error %v, want a query error at column 8", err)
	}
}

func TestSearchCommandFlags(t *testing.T) {
	tests := []struct {
		args  []string
		query string
		limit int
		err   bool
	}{
		{[]string{"nurses", "kind"}, "nurses kind", 20, false},
		{[]string{"--limit", "0", "x"}, "x", 0, false},
		{[]string{"--limit", "-1", "x"}, "", 0, true},
		{[]string{"--format", "xml", "x"}, "", 0, true},
		{[]string{}, "", 0, true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var got *searchOptions
			f := &factory{IO: &ioStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
			cmd := newSearchCmd(f, func(o *searchOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tt.err {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Query != tt.query || got.Limit != tt.limit {
				t.Errorf("query %q limit %d, want %q %d", got.Query, got.Limit, tt.query, tt.limit)
			}
		})
	}
}

func TestWordsCommand(t *testing.T) {
	var out bytes.Buffer
	opts := &wordsOptions{
		IO:      &ioStreams{Out: &out, ErrOut: &bytes.Buffer{}},
		Backend: testBackend(t, testDocs),
		By:      "group", Limit: 2, Format: "table",
	}
	if err := wordsRun(opts); err != nil {
		t.Fatal(err)
	}
	// By hand: the words that are not stop words ("the", "were", "from"
	// are) are nurses, kind, café, help, easier, home: six. Each occurs
	// once except nurses (groups 1 and 2); ties sort alphabetically.
	want := "WORD    OCCURRENCES  ANSWERS  group=1  group=2\n" +
		"nurses  2            2        1/1      1/1\n" +
		"café    1            1        0/0      1/1\n" +
		"2 of 6 words shown; --limit 0 shows all.\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	if _, err := os.Stat(filepath.Join(mustBackend(t, opts.Backend).Dir(), ".mixeval", "index", "index_meta.json")); err != nil {
		t.Errorf("index not under .mixeval/index: %v", err)
	}
}

func mustBackend(t *testing.T, f func() (*backend.Study, error)) *backend.Study {
	s, err := f()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSearchSample searches the bundled sample study. The index goes to a
// temporary folder, never into sample-data.
func TestSearchSample(t *testing.T) {
	sample, err := study.Load(filepath.Join("..", "..", "sample-data"))
	if err != nil {
		t.Fatalf("the bundled sample study: %v", err)
	}
	docs, err := corpus.LoadDocuments(sample)
	if err != nil {
		t.Fatalf("the sample's documents: %v", err)
	}
	texts := map[string]string{}
	for _, d := range docs {
		texts[d.ID] = d.Text
	}
	for _, q := range []string{"safe", `"felt safe"`, "practi*", "group:2 kind", "online -zoom", "connect~"} {
		var out bytes.Buffer
		opts := &searchOptions{
			IO:      &ioStreams{Out: &out, ErrOut: &bytes.Buffer{}},
			Backend: testBackend(t, func(*study.Study) ([]corpus.Document, error) { return docs, nil }),
			Query:   q, Format: "json",
		}
		if err := searchRun(opts); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var got searchJSON
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		for _, h := range got.Hits {
			text := []rune(texts[h.Doc])
			for _, s := range h.Spans {
				if s.Start < 0 || s.End > len(text) || string(text[s.Start:s.End]) != s.Text {
					t.Errorf("%s: %s span %d-%d %q does not slice the text", q, h.Doc, s.Start, s.End, s.Text)
				}
			}
			if q == `"felt safe"` && (len(h.Spans) != 1 || strings.ToLower(h.Spans[0].Text) != "felt safe") {
				t.Errorf("%s: %s spans %v, want one span \"felt safe\"", q, h.Doc, h.Spans)
			}
		}
	}
}

// Table output cuts wide cells: a huge answer and a huge attribute value
// give lines of a readable width, not lines padded to the widest cell.
func TestSearchTableCutsWideCells(t *testing.T) {
	huge := strings.Repeat("x", 100_000)
	docs := func(*study.Study) ([]corpus.Document, error) {
		return []corpus.Document{
			{ID: "P01/helped", Respondent: "P01", Question: "helped", Text: "The nurses were kind. " + strings.Repeat("calm words here ", 50_000), Hash: "1", Attributes: map[string]string{"ward": huge}},
			{ID: "P02/helped", Respondent: "P02", Question: "helped", Text: "nurses", Hash: "2", Attributes: map[string]string{"ward": "B\nC"}},
		}, nil
	}
	var out bytes.Buffer
	opts := &searchOptions{
		IO:      &ioStreams{Out: &out, ErrOut: &bytes.Buffer{}},
		Backend: testBackend(t, docs),
		Query:   "nurses", Limit: 20, Format: "table",
	}
	if err := searchRun(opts); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want header, 2 hits and the count:\n%s", len(lines), out.String())
	}
	for _, l := range lines {
		// DOC 10 + SCORE 5 + WARD 40 + SPANS 40 + snippet about 160 + gaps.
		if n := len([]rune(l)); n > 300 {
			t.Errorf("a line of %d characters: %.100q…", n, l)
		}
	}
	if !strings.Contains(out.String(), strings.Repeat("x", 39)+"…") || !strings.Contains(out.String(), "B C") {
		t.Errorf("cut or flattened cells missing:\n%.500s", out.String())
	}
}
