package report

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestCutAtWord(t *testing.T) {
	for _, tc := range []struct {
		text  string
		limit int
		want  string
		cut   bool
	}{
		{"short enough", 20, "short enough", false},
		{"exactly ten", 11, "exactly ten", false},
		// The 8th character is inside "practice": back to the space.
		{"daily practice matters", 8, "daily", true},
		// A comma before the cut goes with it.
		{"the group, mostly", 12, "the group", true},
		// The limit falls just before a space: the whole word stays.
		{"one two three", 7, "one two", true},
		// One long word: cut inside it.
		{"extraordinarily", 5, "extra", true},
		// Code points, not bytes: "é" counts once.
		{"café au lait", 6, "café", true},
	} {
		n, cut := cutAtWord(tc.text, tc.limit)
		if got := tc.text[:n]; got != tc.want || cut != tc.cut {
			t.Errorf("cutAtWord(%q, %d) = %q, %v; want %q, %v", tc.text, tc.limit, got, cut, tc.want, tc.cut)
		}
	}
}

func TestTrimSpaceKeepsOffsets(t *testing.T) {
	// "  é x " starts at code point 10 of its answer: two spaces skipped.
	got, start := trimSpace("  é x ", 10)
	if got != "é x" || start != 12 {
		t.Errorf("trimSpace = %q at %d, want %q at 12", got, start, "é x")
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for _, tc := range []struct{ in, text, line, cell string }{
		{"a | b", `a \| b`, `a \| b`, `a \| b`},
		{"*really* <b>", `\*really\* \<b\>`, `\*really\* \<b\>`, `\*really\* \<b\>`},
		{"- not a list", "- not a list", `\- not a list`, "- not a list"},
		{"1. not a list", "1. not a list", `1\. not a list`, "1. not a list"},
		{"two\nlines", "two lines", "two lines", "two<br>lines"},
		{"0.1.0 & 5", `0.1.0 \& 5`, `0\.1.0 \& 5`, `0.1.0 \& 5`},
	} {
		if got := mdText(tc.in); got != tc.text {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := mdLine(tc.in); got != tc.line {
			t.Errorf("mdLine(%q) = %q, want %q", tc.in, got, tc.line)
		}
		if got := mdCell(tc.in); got != tc.cell {
			t.Errorf("mdCell(%q) = %q, want %q", tc.in, got, tc.cell)
		}
	}
	if got := mermaidText(`Say "hi" & <go> #1`); got != "Say #quot;hi#quot; #amp; #lt;go#gt; #35;1" {
		t.Errorf("mermaidText = %q", got)
	}
}

func TestWrapFitsTheBox(t *testing.T) {
	got := wrap("Giving and receiving support from others", 12)
	want := []string{"Giving and", "receiving", "support from", "others"}
	if !slices.Equal(got, want) {
		t.Errorf("wrap = %q, want %q", got, want)
	}
	if got := wrap("Supercalifragilistic", 8); !slices.Equal(got, []string{"Supercal", "ifragili", "stic"}) {
		t.Errorf("a long word: %q", got)
	}
}

func TestNiceTicks(t *testing.T) {
	// Range 1.7–3.9 in about 6 steps: raw step 0.37 rounds up to 0.5.
	got := niceTicks(1.7, 3.9, 6)
	want := []float64{2, 2.5, 3, 3.5}
	if !slices.Equal(got, want) {
		t.Errorf("niceTicks = %v, want %v", got, want)
	}
}

// TestRedactionReachesEveryPlace replaces every study text as the guard
// would, and checks that no original text is left in either format.
func TestRedactionReachesEveryPlace(t *testing.T) {
	r, err := Build(handInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pieces := r.Pieces()
	var texts []string
	for range pieces {
		texts = append(texts, "[gone]")
	}
	// Each quote piece is an exact stretch of its answer at its offset.
	for _, p := range pieces {
		if p.Hash != "" && p.Offset != 0 {
			t.Errorf("piece %q: offset %d, want 0 (every hand quote starts its answer)", p.Doc, p.Offset)
		}
	}
	if err := r.SetTexts(texts); err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := r.WriteHTML(&html); err != nil {
		t.Fatal(err)
	}
	md, _, err := r.Markdown("figs")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"one on B", "six on A2", "Hand study", "What helped?"} {
		if strings.Contains(html.String(), s) || strings.Contains(string(md), s) {
			t.Errorf("%q is still written after its piece was replaced", s)
		}
	}
	if err := r.SetTexts(texts[1:]); err == nil {
		t.Error("SetTexts accepted fewer texts than pieces")
	}
}

// TestHTMLForm checks the page's form rules on the hand study: no script,
// no absolute URL, a CSP that allows nothing external, every table with
// a caption and scoped headers, every SVG an image with a title and a
// description, quotes as blockquotes with a footer.
func TestHTMLForm(t *testing.T) {
	r, err := Build(handInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(strings.ToLower(page), "<script") {
		t.Error("the page holds a script")
	}
	if m := regexp.MustCompile(`(?i)(src|href)="(https?:|//|file:)`).FindString(page); m != "" {
		t.Errorf("absolute URL: %s", m)
	}
	if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-`) &&
		!strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-`) {
		t.Errorf("no CSP meta tag allowing nothing by default")
	}
	if strings.Contains(page, " style=") {
		t.Error("a style attribute, which the CSP's hash does not allow")
	}
	tables := strings.Count(page, "<table")
	if c := strings.Count(page, "<caption>"); c != tables {
		t.Errorf("%d tables, %d captions", tables, c)
	}
	if n := len(regexp.MustCompile(`<th(?: [a-z-]+="[^"]*")*>`).FindAllString(page, -1)); n > 0 {
		if bad := regexp.MustCompile(`<th(?:>| (?:class|colspan|rowspan)="[^"]*">)`).FindAllString(page, -1); len(bad) > 0 {
			t.Errorf("th without scope: %q", bad)
		}
	}
	svgs := strings.Count(page, "<svg ")
	if svgs != 2 || strings.Count(page, `role="img"`) != svgs || strings.Count(page, "<title id=") != svgs || strings.Count(page, "<desc id=") != svgs {
		t.Errorf("%d svgs; each needs role=img, a title and a desc", svgs)
	}
	if strings.Contains(page, "<?xml") {
		t.Error("an XML prolog inside the page")
	}
	if q := strings.Count(page, "<blockquote>"); q == 0 || q != strings.Count(page, "<footer>") {
		t.Errorf("%d blockquotes, %d quote footers", q, strings.Count(page, "<footer>"))
	}
}

// TestPseudonymsEscaped: pseudonyms go into rows written outside the
// template; markup in one must arrive as text.
func TestPseudonymsEscaped(t *testing.T) {
	in := handInput()
	in.Measures[0].Result.Patients[6].ID = "P<8>&"
	r, err := Build(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "P<8>") || strings.Count(page, "P&lt;8&gt;&amp;") < 3 {
		t.Errorf("the pseudonym is not escaped in the plot's table, the case appendix and the joint display (%d escaped copies)", strings.Count(page, "P&lt;8&gt;&amp;"))
	}
}
