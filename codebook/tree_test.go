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
