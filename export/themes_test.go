package export

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/mixeval/mixeval/thematic/coding"
)

// TestBuildThemesPlacement checks where quotes go and what counts cover,
// on smallData worked by hand:
//
//	T: codes a (via S) and b: segments s1, s2, s4 → 3 segments, answers
//	   P01/helped and P02/helped → 2, respondents P01, P02 → 2.
//	S: code a: s1, s2 → 2 segments, 1 answer, 1 respondent.
//	Without --codes, T's own quotes are those of b (its direct code): s2,
//	s4; S's are a's: s1, s2. With --codes, T and S have none of their own.
func TestBuildThemesPlacement(t *testing.T) {
	d := smallData(t)
	th, err := BuildThemes(d, ThemeOptions{Quotes: AllQuotes})
	if err != nil {
		t.Fatal(err)
	}
	T := th.Themes[0]
	if got, want := T.Counts.Counts, (Counts{3, 2, 2}); got != want {
		t.Errorf("T counts %+v, want %+v", got, want)
	}
	if got, want := T.Counts.ByAttribute["group"]["1"], (Counts{2, 1, 1}); got != want {
		t.Errorf("T group 1 %+v, want %+v", got, want)
	}
	if got, want := quoteIDs(T.Quotes), []string{"s2", "s4"}; !slices.Equal(got, want) {
		t.Errorf("T quotes %v, want %v", got, want)
	}
	S := T.Children[0]
	if S.Kind != "subtheme" || S.Counts.Counts != (Counts{2, 1, 1}) {
		t.Errorf("S: %s %+v", S.Kind, S.Counts.Counts)
	}
	if got, want := quoteIDs(S.Quotes), []string{"s1", "s2"}; !slices.Equal(got, want) {
		t.Errorf("S quotes %v, want %v", got, want)
	}
	// "Breathing helped" is P01/helped [0,16); "the others" [22,32).
	if S.Quotes[0].Text != "Breathing helped" || S.Quotes[1].Text != "the others" {
		t.Errorf("quote texts %q, %q", S.Quotes[0].Text, S.Quotes[1].Text)
	}
	if len(th.Unthemed) != 1 || th.Unthemed[0].ID != "u" || quoteIDs(th.Unthemed[0].Quotes)[0] != "s3" {
		t.Errorf("unthemed %+v", th.Unthemed)
	}

	th, _ = BuildThemes(d, ThemeOptions{Quotes: AllQuotes, Codes: true})
	T = th.Themes[0]
	if len(T.Quotes) != 0 || len(T.Children) != 2 || T.Children[1].ID != "b" || !slices.Equal(quoteIDs(T.Children[1].Quotes), []string{"s2", "s4"}) {
		t.Errorf("with codes: T quotes %v, children %d", quoteIDs(T.Quotes), len(T.Children))
	}
}

// TestBuildThemesPinned: a pinned exemplar comes first, --quotes pinned
// keeps only it, --quotes 1 keeps it and nothing more; an unthemed code
// lists all its quotes whatever --quotes says.
func TestBuildThemesPinned(t *testing.T) {
	d := smallData(t)
	d.Codebook.Find("b").Exemplars = append(d.Codebook.Find("b").Exemplars, exemplar("P02/helped", 0, 47))
	d.Codings[0].Segments = append(d.Codings[0].Segments, seg("s5", "P01/online", 10, 11, "u"))
	for _, tt := range []struct {
		limit QuoteLimit
		want  []string
	}{
		{AllQuotes, []string{"s4", "s2"}},
		{PinnedQuotes, []string{"s4"}},
		{1, []string{"s4"}},
		{2, []string{"s4", "s2"}},
	} {
		th, err := BuildThemes(d, ThemeOptions{Quotes: tt.limit})
		if err != nil {
			t.Fatal(err)
		}
		q := th.Themes[0].Quotes
		if got := quoteIDs(q); !slices.Equal(got, tt.want) {
			t.Errorf("%s: quotes %v, want %v", tt.limit, got, tt.want)
		}
		if !q[0].Pinned {
			t.Errorf("%s: the exemplar is not marked pinned", tt.limit)
		}
		if got := quoteIDs(th.Unthemed[0].Quotes); !slices.Equal(got, []string{"s3", "s5"}) {
			t.Errorf("%s: unthemed quotes %v", tt.limit, got)
		}
	}
}

// TestThemesGuard: undecided findings block; with Redact they become
// markers and the quote's span follows. P02/helped is "Talking to Dr
// Kowalczyk at 07700 900123 helped." (47 code points): "Dr Kowalczyk"
// [11,23) becomes "[name]" (6), "07700 900123" [27,39) "[phone]" (7), so
// the quote [0,47) becomes [0, 47−12+6−12+7) = [0,36).
func TestThemesGuard(t *testing.T) {
	d := smallData(t)
	th, _ := BuildThemes(d, ThemeOptions{Quotes: AllQuotes})
	var blocked *BlockedError
	if _, err := th.Guard(d, noGuard(false)); !errors.As(err, &blocked) || len(blocked.Findings) != 2 {
		t.Fatalf("got %v, want 2 findings blocked", err)
	}
	if th.Themes[0].Quotes[1].Text != "Talking to Dr Kowalczyk at 07700 900123 helped." {
		t.Errorf("a blocked guard changed the texts")
	}
	rep, err := th.Guard(d, noGuard(true))
	if err != nil {
		t.Fatal(err)
	}
	q := th.Themes[0].Quotes[1]
	if q.Text != "Talking to [name] at [phone] helped." || q.Start != 0 || q.End != 36 {
		t.Errorf("redacted quote %q [%d,%d)", q.Text, q.Start, q.End)
	}
	if len(rep.Redacted) != 2 {
		t.Errorf("redacted %d, want 2", len(rep.Redacted))
	}
}

// TestQuoteSpanAfterRedaction: a quote after a redacted finding moves by
// the difference: "Call Dr Kowalczyk. Breathing helped." has "Dr
// Kowalczyk" at [5,17) → "[name]" (−6); "Breathing helped" [19,35) is
// then [13,29), and slices the redacted answer.
func TestQuoteSpanAfterRedaction(t *testing.T) {
	d := smallData(t)
	d.Documents[0] = doc("P01/helped", "Call Dr Kowalczyk. Breathing helped.", map[string]string{"group": "1"})
	d.Codings[0].Segments = []coding.Segment{seg("x", "P01/helped", 0, 17, "a"), seg("y", "P01/helped", 19, 35, "a")}
	th, _ := BuildThemes(d, ThemeOptions{Quotes: AllQuotes})
	if _, err := th.Guard(d, noGuard(true)); err != nil {
		t.Fatal(err)
	}
	redacted := []rune("Call [name]. Breathing helped.")
	for _, q := range th.Themes[0].Children[0].Quotes {
		if got := string(redacted[q.Start:q.End]); got != q.Text {
			t.Errorf("quote %q at [%d,%d) slices %q", q.Text, q.Start, q.End, got)
		}
	}
	if y := th.Themes[0].Children[0].Quotes[1]; y.Start != 13 || y.End != 29 {
		t.Errorf("y at [%d,%d), want [13,29)", y.Start, y.End)
	}
}

func TestParseQuoteLimit(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want QuoteLimit
		ok   bool
	}{{"", AllQuotes, true}, {"all", AllQuotes, true}, {"pinned", PinnedQuotes, true}, {"3", 3, true}, {"0", 0, false}, {"-1", 0, false}, {"x", 0, false}} {
		got, err := ParseQuoteLimit(tt.in)
		if (err == nil) != tt.ok || tt.ok && got != tt.want {
			t.Errorf("%q: %v %v", tt.in, got, err)
		}
	}
}

func quoteIDs(qs []Quote) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Segment)
	}
	return out
}

// TestThemesCSV: one row per quote, the path split into columns (theme,
// subtheme, then the code with --codes), an unthemed code's quotes with
// the theme columns empty.
func TestThemesCSV(t *testing.T) {
	d := smallData(t)
	th, err := BuildThemes(d, ThemeOptions{Quotes: AllQuotes, Codes: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := th.Write(&buf, CSV); err != nil {
		t.Fatal(err)
	}
	want := "theme,subtheme,code,respondent,question,group,document,start,end,quote,codes,pinned,segment,coding\n" +
		"Theme T,Sub S,Code A,P01,helped,1,P01/helped,0,16,Breathing helped,a,false,s1,alice\n" +
		"Theme T,Sub S,Code A,P01,helped,1,P01/helped,22,32,the others,a; b,false,s2,alice\n" +
		"Theme T,,Code B,P01,helped,1,P01/helped,22,32,the others,a; b,false,s2,alice\n" +
		"Theme T,,Code B,P02,helped,2,P02/helped,0,47,Talking to Dr Kowalczyk at 07700 900123 helped.,b,false,s4,alice\n" +
		",,Code U,P01,online,1,P01/online,0,9,No travel,u,false,s3,alice\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
