package codebook

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestTreeText(t *testing.T) {
	cb := base(t)
	tally := Tally{
		Coders: []string{"alice", "bob"},
		Counts: map[string]map[string]Counts{
			"belonging": {"alice": {12, 8, 6}, "bob": {3, 3, 2}},
			"not-alone": {"alice": {10, 7, 5}, "bob": {3, 3, 2}},
			"peers":     {"alice": {2, 2, 2}},
			"tech":      {"bob": {1, 1, 1}},
		},
	}
	// Layout by hand: labels padded to 26 characters (the longest,
	// "    Not alone  [not-alone]"), then per coder two spaces and three
	// columns of width 4 ("segs"), each after one space; so "segs" starts
	// at column 29 and "alice" heads its group from there.
	want := `                             alice            bob
THEMES AND CODES             segs docs resp   segs docs resp
Belonging  [belonging]         12    8    6      3    3    2
  Connection  [connection]
    Not alone  [not-alone]     10    7    5      3    3    2
    Peers  [peers]              2    2    2
Flourishing  [flourishing]
  Toolkit  [toolkit]
Unattached codes
  Technology  [tech]                             1    1    1
`
	var b bytes.Buffer
	if err := cb.Tree(tally).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s\n%s", b.String(), want, lineDiff(want, b.String()))
	}
	if tally.Uses("not-alone") != 13 || tally.Uses("toolkit") != 0 {
		t.Errorf("Uses: %d, %d", tally.Uses("not-alone"), tally.Uses("toolkit"))
	}
}

func TestTreeNoCoders(t *testing.T) {
	cb := New()
	var b bytes.Buffer
	if err := cb.Tree(Tally{}).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if b.String() != "The codebook has no themes or codes yet.\n" {
		t.Errorf("got %q", b.String())
	}
	cb = base(t)
	b.Reset()
	if err := cb.Tree(Tally{}).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `THEMES AND CODES
Belonging  [belonging]
  Connection  [connection]
    Not alone  [not-alone]
    Peers  [peers]
Flourishing  [flourishing]
  Toolkit  [toolkit]
Unattached codes
  Technology  [tech]
`
	if b.String() != want {
		t.Errorf("got:\n%s", b.String())
	}
}

func TestTreeJSON(t *testing.T) {
	cb := base(t)
	tally := Tally{Coders: []string{"alice"}, Counts: map[string]map[string]Counts{"tech": {"alice": {2, 1, 1}}}}
	got, err := json.Marshal(cb.Tree(tally))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"coders":["alice"],"themes":[` +
		`{"id":"belonging","name":"Belonging","kind":"theme","counts":{},"children":[` +
		`{"id":"connection","name":"Connection","kind":"subtheme","counts":{},"children":[` +
		`{"id":"not-alone","name":"Not alone","kind":"code","counts":{}},` +
		`{"id":"peers","name":"Peers","kind":"code","counts":{}}]}]},` +
		`{"id":"flourishing","name":"Flourishing","kind":"theme","counts":{},"children":[` +
		`{"id":"toolkit","name":"Toolkit","kind":"code","counts":{}}]}],` +
		`"unattached":[{"id":"tech","name":"Technology","kind":"code","counts":{"alice":{"segments":2,"documents":1,"respondents":1}}}]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestCount(t *testing.T) {
	cb := base(t)
	uses := []Use{
		// alice: one segment with both codes of "connection", and one more
		// not-alone segment in another respondent's answer.
		{Coder: "alice", Segment: "s1", Code: "not-alone", Document: "P01/helped", Respondent: "P01"},
		{Coder: "alice", Segment: "s1", Code: "peers", Document: "P01/helped", Respondent: "P01"},
		{Coder: "alice", Segment: "s2", Code: "not-alone", Document: "P02/helped", Respondent: "P02"},
		// bob: two segments in two answers of the same respondent.
		{Coder: "bob", Segment: "s1", Code: "peers", Document: "P03/helped", Respondent: "P03"},
		{Coder: "bob", Segment: "s2", Code: "peers", Document: "P03/online", Respondent: "P03"},
		{Coder: "bob", Segment: "s3", Code: "tech", Document: "P03/online", Respondent: "P03"},
		// A code the codebook does not know is skipped.
		{Coder: "bob", Segment: "s4", Code: "ghost", Document: "P04/helped", Respondent: "P04"},
	}
	got := cb.Count([]string{"alice", "bob"}, uses)
	// By hand: alice's not-alone has s1, s2 in two documents of two
	// respondents; peers has s1 only. Connection and belonging hold both
	// codes: segments {s1, s2}, documents {P01/helped, P02/helped},
	// respondents {P01, P02}. Bob's peers: s1, s2 in two documents of one
	// respondent; tech s3 is unattached, so no theme gains it.
	want := map[string]map[string]Counts{
		"belonging":   {"alice": {2, 2, 2}, "bob": {2, 2, 1}},
		"connection":  {"alice": {2, 2, 2}, "bob": {2, 2, 1}},
		"not-alone":   {"alice": {2, 2, 2}, "bob": {0, 0, 0}},
		"peers":       {"alice": {1, 1, 1}, "bob": {2, 2, 1}},
		"flourishing": {"alice": {0, 0, 0}, "bob": {0, 0, 0}},
		"toolkit":     {"alice": {0, 0, 0}, "bob": {0, 0, 0}},
		"tech":        {"alice": {0, 0, 0}, "bob": {1, 1, 1}},
	}
	if len(got.Counts) != len(want) {
		t.Errorf("counts for %d nodes, want %d", len(got.Counts), len(want))
	}
	for id, byCoder := range want {
		for coder, w := range byCoder {
			if g := got.Counts[id][coder]; g != w {
				t.Errorf("%s/%s = %+v, want %+v", id, coder, g, w)
			}
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"abc", 3},
		{"café", 4},
		{"cafe\u0301", 4}, // e + combining acute
		{"日本語", 6},
		{"ok 🙂", 5},
		{"한국", 4},
	}
	for _, tt := range tests {
		if got := displayWidth(tt.in); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
