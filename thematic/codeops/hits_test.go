package codeops

import (
	"reflect"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

func TestRequests(t *testing.T) {
	docs := DocumentMap([]corpus.Document{
		{ID: "P01/helped", Text: "The group helped. I liked the group a lot."},
		// "Café 😊 group. Next group." : é and 😊 are one code point each.
		{ID: "P02/helped", Text: "Café 😊 group. Next group."},
		{ID: "P03/helped", Text: ""},
	})
	hits := []index.Hit{
		{Doc: "P01/helped", Spans: []index.Span{{Start: 4, End: 9}, {Start: 30, End: 35}}},
		{Doc: "P02/helped", Spans: []index.Span{{Start: 7, End: 12}, {Start: 19, End: 24}}},
		{Doc: "P03/helped", Spans: []index.Span{{Start: 0, End: 1}}},
	}
	type sp struct {
		doc        string
		start, end int
	}
	tests := []struct {
		unit Unit
		want []sp
	}{
		{UnitMatch, []sp{{"P01/helped", 4, 9}, {"P01/helped", 30, 35}, {"P02/helped", 7, 12}, {"P02/helped", 19, 24}}},
		// Sentences by hand: "The group helped." is 0-17, "I liked the group a lot." 18-42;
		// "Café 😊 group." 0-13, "Next group." 14-25.
		{UnitSentence, []sp{{"P01/helped", 0, 17}, {"P01/helped", 18, 42}, {"P02/helped", 0, 13}, {"P02/helped", 14, 25}}},
		{UnitDocument, []sp{{"P01/helped", 0, 42}, {"P02/helped", 0, 25}}},
	}
	for _, tt := range tests {
		t.Run(string(tt.unit), func(t *testing.T) {
			reqs, err := Requests(hits, docs, tt.unit, []string{"group"}, "")
			if err != nil {
				t.Fatal(err)
			}
			var got []sp
			for _, r := range reqs {
				got = append(got, sp{r.Doc.ID, r.Start, r.End})
				if !reflect.DeepEqual(r.Codes, []string{"group"}) {
					t.Errorf("codes %v", r.Codes)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestRequestsSentenceDedup(t *testing.T) {
	docs := DocumentMap([]corpus.Document{{ID: "a/q", Text: "Pain and pain again. Fine."}})
	hits := []index.Hit{{Doc: "a/q", Spans: []index.Span{{Start: 0, End: 4}, {Start: 9, End: 13}}}}
	reqs, err := Requests(hits, docs, UnitSentence, []string{"pain"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 1 || reqs[0].Start != 0 || reqs[0].End != 20 {
		t.Errorf("two matches in one sentence: got %+v, want one request 0-20", reqs)
	}
}

func TestRequestsErrors(t *testing.T) {
	docs := DocumentMap([]corpus.Document{{ID: "a/q", Text: "short"}})
	if _, err := Requests([]index.Hit{{Doc: "b/q"}}, docs, UnitMatch, []string{"x"}, ""); err == nil || !strings.Contains(err.Error(), "b/q") {
		t.Errorf("missing document: err = %v", err)
	}
	// A span past the text (a stale index) is skipped, not coded.
	reqs, err := Requests([]index.Hit{{Doc: "a/q", Spans: []index.Span{{Start: 3, End: 9}}}}, docs, UnitMatch, []string{"x"}, "")
	if err != nil || len(reqs) != 0 {
		t.Errorf("span past end: %v, %v", reqs, err)
	}
}

func TestParseUnit(t *testing.T) {
	for _, s := range []string{"match", "sentence", "document"} {
		if u, err := ParseUnit(s); err != nil || string(u) != s {
			t.Errorf("ParseUnit(%q) = %q, %v", s, u, err)
		}
	}
	if _, err := ParseUnit("paragraph"); err == nil {
		t.Error("ParseUnit(paragraph): no error")
	}
}

func TestEnsureCodes(t *testing.T) {
	build := func(t *testing.T) *codebook.Codebook {
		cb := codebook.New()
		if _, err := cb.Create("lead", codebook.NewNode{Kind: codebook.Theme, ID: "belonging", Name: "Belonging"}); err != nil {
			t.Fatal(err)
		}
		if _, err := cb.Create("lead", codebook.NewNode{Kind: codebook.Code, ID: "not-alone", Name: "Not alone", Parent: "belonging"}); err != nil {
			t.Fatal(err)
		}
		return cb
	}
	tests := []struct {
		name    string
		codes   []string
		created []string
		wantErr string
	}{
		{"known code", []string{"not-alone"}, nil, ""},
		{"new code", []string{"not-alone", "camera-off"}, []string{"camera-off"}, ""},
		{"two new", []string{"a-b", "c"}, []string{"a-b", "c"}, ""},
		{"a theme", []string{"belonging"}, nil, "is a theme"},
		{"not a slug", []string{"Camera Off"}, nil, `cannot create code "Camera Off"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb := build(t)
			events := len(cb.History)
			created, err := EnsureCodes(cb, "alice", tt.codes)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(created, tt.created) {
				t.Errorf("created %v, want %v", created, tt.created)
			}
			for _, id := range tt.created {
				if !cb.IsCode(id) || cb.Parent(id) != nil {
					t.Errorf("%s is not an unattached code", id)
				}
			}
			if got := len(cb.History) - events; got != len(tt.created) {
				t.Errorf("%d history events, want %d", got, len(tt.created))
			}
			for _, e := range cb.History[events:] {
				if e.Who != "alice" {
					t.Errorf("history who = %q, want alice", e.Who)
				}
			}
			if err := cb.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestNameFromID(t *testing.T) {
	for id, want := range map[string]string{"camera-off": "Camera off", "x": "X", "élan-vital": "Élan vital"} {
		if got := NameFromID(id); got != want {
			t.Errorf("NameFromID(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestPreview(t *testing.T) {
	d := corpus.Document{ID: "a/q", Text: "one two three"}
	f := &coding.File{Coder: "alice", Segments: []coding.Segment{
		{ID: "1", Document: "a/q", Start: 0, End: 3, Codes: []string{"x"}},
		{ID: "2", Document: "a/q", Start: 4, End: 7, Codes: []string{"y"}},
	}}
	reqs := []coding.CodeRequest{
		{Doc: d, Start: 0, End: 3, Codes: []string{"x"}},  // unchanged
		{Doc: d, Start: 4, End: 7, Codes: []string{"x"}},  // extended
		{Doc: d, Start: 8, End: 13, Codes: []string{"x"}}, // added
		{Doc: d, Start: 8, End: 13, Codes: []string{"x"}}, // the same again: unchanged
	}
	a, e, u := Preview(f, reqs)
	if a != 1 || e != 1 || u != 2 {
		t.Errorf("Preview = %d added, %d extended, %d unchanged; want 1, 1, 2", a, e, u)
	}
}
