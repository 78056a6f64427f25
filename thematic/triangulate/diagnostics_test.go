package triangulate

import (
	"math"
	"testing"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// The overlap rule at its boundary: [0,10) and [1,10) share 9 of a union of
// 10 code points, exactly 90%; [0,10) and [1,11) share 9 of 11, 81.8%;
// [0,20) and [2,20) share 18 of 20 (90%), [0,20) and [2,21) 18 of 21 (85.7%).
func TestMatchesAtBoundary(t *testing.T) {
	cases := []struct {
		a, b Span
		pct  float64
		want bool
	}{
		{Span{0, 10}, Span{1, 10}, 90, true},
		{Span{0, 10}, Span{1, 11}, 90, false},
		{Span{0, 20}, Span{2, 20}, 90, true},
		{Span{0, 20}, Span{2, 21}, 90, false},
		{Span{0, 100}, Span{0, 89}, 90, false}, // 89/100: just under
		{Span{0, 100}, Span{0, 90}, 90, true},  // 90/100: exactly
		{Span{0, 10}, Span{10, 20}, 1, false},  // touching is not overlapping
		{Span{0, 10}, Span{5, 15}, 33, true},   // 5/15 = 33.3%
		{Span{0, 10}, Span{5, 15}, 34, false},
		{Span{3, 7}, Span{3, 7}, 100, true},
	}
	for _, c := range cases {
		if got := Matches(c.a, c.b, c.pct); got != c.want {
			t.Errorf("Matches(%v, %v, %v) = %v, want %v", c.a, c.b, c.pct, got, c.want)
		}
		if got := Matches(c.b, c.a, c.pct); got != c.want {
			t.Errorf("Matches is not symmetric for %v, %v", c.a, c.b)
		}
	}
}

func TestGroups(t *testing.T) {
	// a: [0,10) [20,30) [50,60); b: [1,10) [22,40) [70,80).
	// Groups: {a0-10, b1-10} agreed (90%); {a20-30, b22-40} not (8/20);
	// {a50-60} only a; {b70-80} only b.
	gs := Groups("d", "c", []Span{{0, 10}, {20, 30}, {50, 60}}, []Span{{1, 10}, {22, 40}, {70, 80}}, 90)
	if len(gs) != 4 {
		t.Fatalf("%d groups, want 4: %+v", len(gs), gs)
	}
	want := []bool{true, false, false, false}
	for i, g := range gs {
		if g.Agreed != want[i] {
			t.Errorf("group %d %+v agreed %v, want %v", i, g, g.Agreed, want[i])
		}
	}
	if u := gs[1].Union(); u != (Span{20, 40}) {
		t.Errorf("union %v, want 20-40", u)
	}
	// A chain: a [0,10), b [5,15), a [12,20) form one group covering 0-20.
	gs = Groups("d", "c", []Span{{0, 10}, {12, 20}}, []Span{{5, 15}}, 90)
	if len(gs) != 1 || gs[0].Union() != (Span{0, 20}) {
		t.Errorf("chain: %+v", gs)
	}
}

// Character level on a 20-code-point text, worked by hand:
// alice codes [0,10), bob codes [5,15). Both 5 (5-9), only alice 5 (0-4),
// only bob 5 (10-14), neither 5 (15-19). Agreement (5+5)/20 = 0.5.
// Kappa: po = 0.5; marginals 10/20 each: pe = .25 + .25 = .5; kappa = 0.
// Second case: alice [0,10), bob [0,8). Both 8, only alice 2, neither 10:
// po = 18/20 = .9; marginals alice .5, bob .4: pe = .2 + .3 = .5;
// kappa = (.9 − .5)/(1 − .5) = .8.
func TestCharactersHandWorked(t *testing.T) {
	doc := corpus.Document{ID: "d", Text: "abcdefghijklmnopqrsé"} // 20 code points, the last two bytes
	c := Characters(doc, "x", []Span{{0, 10}}, []Span{{5, 15}})
	if c.Length != 20 || c.Both != 5 || c.OnlyA != 5 || c.OnlyB != 5 || c.Neither != 5 {
		t.Fatalf("counts %+v", c)
	}
	near(t, "agreement", c.Agreement, 0.5)
	near(t, "kappa", c.Kappa, 0)
	c = Characters(doc, "x", []Span{{0, 10}}, []Span{{0, 8}})
	near(t, "agreement 2", c.Agreement, 0.9)
	near(t, "kappa 2", c.Kappa, 0.8)
	// Nobody coded anything here: kappa is 0/0.
	c = Characters(doc, "x", nil, nil)
	if c.Kappa.Defined {
		t.Errorf("no coding: kappa %v, want undefined", c.Kappa)
	}
}

func TestDiagnose(t *testing.T) {
	docs := []corpus.Document{
		{ID: "p1/q", Text: "Meeting others in pain made me feel less alone."},
		{ID: "p2/q", Text: "The exercises were too long."},
		{ID: "p3/q", Text: "Not reviewed by bob."},
	}
	alice := &coding.File{Coder: "alice", Reviewed: []string{"p2/q"}, Segments: []coding.Segment{
		{Document: "p1/q", Start: 0, End: 22, Codes: []string{"connection"}},
		{Document: "p1/q", Start: 31, End: 46, Codes: []string{"connection"}},
		{Document: "p3/q", Start: 0, End: 3, Codes: []string{"connection"}},
	}}
	bob := &coding.File{Coder: "bob", Reviewed: []string{"p2/q"}, Segments: []coding.Segment{
		{Document: "p1/q", Start: 0, End: 22, Codes: []string{"connection"}},
		{Document: "p1/q", Start: 27, End: 46, Codes: []string{"connection"}},
		{Document: "p2/q", Start: 4, End: 13, Codes: []string{"exercises"}},
	}}
	d := Diagnose(docs, alice, bob, nil, 90)
	// p3 is not reviewed by bob, so it is left out.
	if len(d.Characters) != 2 {
		t.Fatalf("character rows %+v", d.Characters)
	}
	// Segments: connection a 2 (1 matched), b 2 (1 matched): 2/4; exercises
	// a 0, b 1 (0 matched).
	if len(d.Segments) != 2 || d.Segments[0].Code != "connection" || d.Segments[0].MatchedA != 1 || d.Segments[0].MatchedB != 1 {
		t.Fatalf("segments %+v", d.Segments)
	}
	near(t, "segment agreement", d.Segments[0].Agreement, 0.5)
	if len(d.Disagreements) != 2 || d.Disagreements[0].Kind != "boundaries" || d.Disagreements[1].Kind != "only-b" {
		t.Fatalf("disagreements %+v", d.Disagreements)
	}
	got := Markup(docs[0].Text, d.Disagreements[0].A, d.Disagreements[0].B)
	if want := "Meeting others in pain made{ me [feel less alone]}."; got != want {
		t.Errorf("markup\n got %s\nwant %s", got, want)
	}
	if math.IsNaN(d.Overlap) || d.Overlap != 90 {
		t.Errorf("overlap %v", d.Overlap)
	}
}

func TestMarkup(t *testing.T) {
	cases := []struct {
		text string
		a, b []Span
		want string
	}{
		{"café au lait", []Span{{0, 4}}, []Span{{0, 4}}, "[{café}] au lait"},
		{"abcdef", []Span{{0, 3}}, []Span{{3, 6}}, "[abc]{def}"},
		{"abcdef", nil, []Span{{2, 99}}, "ab{cdef}"},
		{"abcdef", []Span{{1, 5}}, []Span{{2, 3}}, "a[b{c}de]f"},
	}
	for _, c := range cases {
		if got := Markup(c.text, c.a, c.b); got != c.want {
			t.Errorf("Markup(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
