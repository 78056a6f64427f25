package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/thematic/agree"
	"github.com/mixeval/mixeval/thematic/reconcile"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// handInput is a small study whose joint display is worked out by hand in
// the tests below. Forms: P01–P08 answered (P08 is written "P8" in the
// score file). Scores (higher is better):
//
//	P01 deterioration, not significant      RCI -2.5  → Deteriorated
//	P02 no change, significant change       RCI  0.5  → No reliable change (crossed the cut-off)
//	P03 no change, not significant          RCI -0.2  → No reliable change
//	P04 improvement, okay at baseline       RCI  2.1  → Reliable improvement (okay at baseline)
//	P05 improvement, significant change     RCI  3.0  → Clinically significant change
//	P06 improvement, significant change     RCI  2.4  → Clinically significant change
//	P8  no change, not significant          RCI  0.1  → scores but no answers
//
// P07 and P08 have answers but no scores. Themes: A (subthemes A1 with
// P03 and P05; A2 with P05 and P06, P06's quote pinned) and B without
// subthemes (P01, P02, P07, P08).
func handInput() Input {
	q := func(resp, question, text string) Quote {
		doc := resp + "/" + question
		return Quote{Doc: doc, Hash: "h-" + doc, Respondent: resp, Question: question, Start: 0, End: len([]rune(text)), Text: text}
	}
	var resp []Respondent
	for i := 1; i <= 8; i++ {
		resp = append(resp, Respondent{ID: fmt.Sprintf("P%02d", i), Answered: 1, Attributes: map[string]string{"group": fmt.Sprint(1 + i%2)}})
	}
	pat := func(id string, rc quant.ReliableChange, cs quant.ClinicalSignificance, rci float64) quant.Patient {
		return quant.Patient{ID: id, Pre: 10, Post: 10 + rci, Change: rci, RCI: rci, ReliableChange: rc, ClinicalSignificance: cs}
	}
	res := &quant.Result{
		N: 7, Direction: quant.HigherIsBetter, Reliability: 0.8, Z: 1.96, Criterion: quant.CriterionA,
		Cutoffs: quant.Cutoffs{A: quant.Float(12)}, SDiff: 1, RCThreshold: 1.96,
		Patients: []quant.Patient{
			pat("P01", quant.Deterioration, quant.NotSignificant, -2.5),
			pat("P02", quant.NoChange, quant.SignificantChange, 0.5),
			pat("P03", quant.NoChange, quant.NotSignificant, -0.2),
			pat("P04", quant.Improvement, quant.OkayAtBaseline, 2.1),
			pat("P05", quant.Improvement, quant.SignificantChange, 3.0),
			pat("P06", quant.Improvement, quant.SignificantChange, 2.4),
			pat("P8", quant.NoChange, quant.NotSignificant, 0.1),
		},
	}
	return Input{
		Title:       "Hand study",
		Generated:   time.Date(2026, 3, 30, 12, 0, 0, 0, time.UTC),
		Version:     "test",
		Questions:   []Question{{Label: "helped", Text: "What helped?"}, {Label: "online", Text: "Online?"}},
		Attributes:  []string{"group"},
		Respondents: resp,
		Measures:    []Measure{{MeasureResult: quant.MeasureResult{Name: "M", Result: res}, MaxMissing: -1}},
		Coding:      Coding{Name: "alice", Coders: []string{"alice"}, Mode: "reflexive"},
		Themes: []*Theme{
			{ID: "a", Name: "A", Subthemes: []*Theme{
				{ID: "a1", Name: "A1", Segments: []Quote{q("P05", "helped", "five on A1"), q("P03", "helped", "three on A1")}},
				{ID: "a2", Name: "A2", Segments: []Quote{q("P05", "online", "five on A2"), q("P06", "helped", "six on A2")},
					Pinned: []Quote{q("P06", "helped", "six on A2")}},
			}},
			{ID: "b", Name: "B", Segments: []Quote{q("P01", "helped", "one on B"), q("P02", "helped", "two on B"), q("P07", "helped", "seven on B"), q("P08", "helped", "eight on B")}},
		},
		Disagreements: -1,
	}
}

// cellText is a cell as the report shows it: "—", or "k of n" with the
// quote's text and pseudonym.
func cellText(c JointCell) string {
	if c.Empty() {
		return "—"
	}
	s := fmt.Sprintf("%d of %d", c.K, c.N)
	if c.Quote != nil {
		s += fmt.Sprintf(" %q %s", c.Quote.Text, c.Quote.Who)
		if c.Quote.Pinned {
			s += " pinned"
		}
	}
	return s
}

func TestJointDisplayByHand(t *testing.T) {
	for _, tc := range []struct {
		level Level
		cols  []string
		rows  map[string][]string // label → cells, worked out from handInput's comment
	}{
		{LevelTheme, []string{"A", "B"}, map[string][]string{
			RowDeteriorated: {"—", `1 of 1 "one on B" P01`},
			RowNoChange:     {`1 of 2 "three on A1" P03`, `1 of 2 "two on B" P02`},
			RowImproved:     {"—", "—"},
			// A: P05 and P06; the pinned quote (P06) comes before P05's
			// earlier segment.
			RowClinical:  {`2 of 2 "six on A2" P06 pinned`, "—"},
			RowNoScores:  {"—", `2 of 2 "seven on B" P07`},
			RowNoAnswers: {"—", "—"},
		}},
		{LevelSubtheme, []string{"A1", "A2", "B"}, map[string][]string{
			RowDeteriorated: {"—", "—", `1 of 1 "one on B" P01`},
			RowNoChange:     {`1 of 2 "three on A1" P03`, "—", `1 of 2 "two on B" P02`},
			RowImproved:     {"—", "—", "—"},
			RowClinical:     {`1 of 2 "five on A1" P05`, `2 of 2 "six on A2" P06 pinned`, "—"},
			RowNoScores:     {"—", "—", `2 of 2 "seven on B" P07`},
			RowNoAnswers:    {"—", "—", "—"},
		}},
	} {
		t.Run(string(tc.level), func(t *testing.T) {
			r, err := Build(handInput(), Options{Level: tc.level})
			if err != nil {
				t.Fatal(err)
			}
			d := r.Joint[0]
			var cols []string
			for _, c := range d.Columns {
				cols = append(cols, c.Name.String())
			}
			if !slices.Equal(cols, tc.cols) {
				t.Fatalf("columns %v, want %v", cols, tc.cols)
			}
			var labels []string
			for _, row := range d.Rows {
				labels = append(labels, row.Label)
				var got []string
				for _, c := range row.Cells {
					got = append(got, cellText(c))
				}
				if want := tc.rows[row.Label]; !slices.Equal(got, want) {
					t.Errorf("row %q:\n got %q\nwant %q", row.Label, got, want)
				}
			}
			wantLabels := []string{"Deteriorated", "No reliable change", "Reliable improvement", "Clinically significant change", "Answers but no complete scores", "Scores but no answers"}
			if !slices.Equal(labels, wantLabels) {
				t.Errorf("rows %q, want %q", labels, wantLabels)
			}
			if got := names(d.Crossed); got != "P02" {
				t.Errorf("crossed the cut-off without reliable change: %q, want P02", got)
			}
			if got := names(d.Baseline); got != "P04" {
				t.Errorf("okay at baseline: %q, want P04", got)
			}
			if len(d.Lookalikes) != 1 || d.Lookalikes[0][0].String() != "P8" || d.Lookalikes[0][1].String() != "P08" {
				t.Errorf("lookalikes %v, want P8 (scores) with P08 (forms)", d.Lookalikes)
			}
			notes := strings.Join(d.Notes(), "\n")
			if !strings.Contains(notes, "P8 (scores) and P08 (forms)") {
				t.Errorf("notes do not name the id mismatch:\n%s", notes)
			}
		})
	}
}

func TestJointRowsCountOnlyThoseWhoAnswered(t *testing.T) {
	in := handInput()
	in.Respondents[2].Answered = 0 // P03 left every answer blank
	r, err := Build(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := r.Joint[0].Rows
	// No reliable change: P02 and P03 scored, only P02 answered; P03 moves
	// to the scores-but-no-answers row with P8.
	if rows[1].N != 1 || cellText(rows[1].Cells[0]) != "—" {
		t.Errorf("no reliable change: n %d, A %q; want n 1 and — (P03 did not answer)", rows[1].N, cellText(rows[1].Cells[0]))
	}
	last := rows[len(rows)-1]
	if last.Label != RowNoAnswers || names(last.Patients) != "P03, P8" {
		t.Errorf("last row %q with %q, want %q with P03, P8", last.Label, names(last.Patients), RowNoAnswers)
	}
}

func TestCaseAppendixSortedByRCI(t *testing.T) {
	for _, dir := range []quant.Direction{quant.HigherIsBetter, quant.LowerIsBetter} {
		in := handInput()
		in.Measures[0].Result.Direction = dir
		r, err := Build(in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, row := range r.Cases[0].Rows {
			got = append(got, fmt.Sprintf("%s %s [%s]", row.Who, row.Category, themeNames(row.Themes)))
		}
		// Higher is better: RCI -2.5 (P01), -0.2 (P03), 0.1 (P8), 0.5 (P02),
		// 2.1 (P04), 2.4 (P06), 3.0 (P05). Lower is better turns it round
		// (the categories stay those the engine gave).
		want := []string{"P01 Deteriorated [B]", "P03 No reliable change [A]", "P8 No reliable change []", "P02 No reliable change [B]",
			"P04 Reliable improvement []", "P06 Clinically significant change [A]", "P05 Clinically significant change [A]"}
		if dir == quant.LowerIsBetter {
			slices.Reverse(want)
		}
		if !slices.Equal(got, want) {
			t.Errorf("direction %s:\n got %q\nwant %q", dir, got, want)
		}
	}
}

func TestJointQuoteCutAtWordBoundary(t *testing.T) {
	in := handInput()
	long := "Being with people who just get it, without having to explain anything at all"
	in.Themes[1].Segments[0].Text = long
	in.Themes[1].Segments[0].End = len([]rune(long))
	r, err := Build(in, Options{QuoteLength: 30})
	if err != nil {
		t.Fatal(err)
	}
	q := r.Joint[0].Rows[0].Cells[1].Quote
	// "Being with people who just get" is exactly 30 characters and a
	// space follows, so the cut keeps the whole of "get".
	if q.Text.String() != "Being with people who just get" || !q.Cut {
		t.Errorf("cut quote %q (cut %v), want %q cut", q.Text, q.Cut, "Being with people who just get")
	}
}

func TestUnknownMeasureAndLevel(t *testing.T) {
	if _, err := Build(handInput(), Options{Measures: []string{"PSEQ"}}); err == nil || !strings.Contains(err.Error(), `no measure "PSEQ"; its measures are M`) {
		t.Errorf("unknown measure: %v", err)
	}
	if _, err := Build(handInput(), Options{Level: "code"}); err == nil {
		t.Error("unknown level accepted")
	}
}

func TestIDKey(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"P1", "P01", true},
		{"p-001", "P1", true},
		{"P10", "P1", false},
		{"P100", "P10", false},
		{"A 7", "a07", true},
		{"P01", "Q01", false},
	} {
		if got := idKey(tc.a) == idKey(tc.b); got != tc.same {
			t.Errorf("%q ~ %q = %v, want %v (%q, %q)", tc.a, tc.b, got, tc.same, idKey(tc.a), idKey(tc.b))
		}
	}
}

// TestOtherIndexAndCombinedCategories: a measure analysed with another
// reliable change index names it in the settings and the methods, and one
// asking for the combined categories shows them in the case appendix.
func TestOtherIndexAndCombinedCategories(t *testing.T) {
	in := handInput()
	res := in.Measures[0].Result
	res.Method, res.CriticalValue, res.Categories = quant.MethodHA, 1.96, quant.CategoriesCombined
	for i := range res.Patients {
		res.Patients[i].Category = quant.Unchanged
	}
	res.Patients[4].Category = quant.Recovered // P05
	r, err := Build(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rc string
	for _, s := range r.Measures[0].Settings {
		if s[0] == "Reliable change" {
			rc = s[1]
		}
	}
	if rc != "|RCI| > 1.96, the index of Hageman & Arrindell (1999)" {
		t.Errorf("reliable change setting %q", rc)
	}
	if !strings.Contains(r.Methods.Instr[0], "Reliable change by the index of Hageman & Arrindell (1999): reliable when |RCI| > 1.96.") {
		t.Errorf("the methods do not name the index: %s", r.Methods.Instr[0])
	}
	md, _, err := r.Markdown("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "| Change category | Combined category | Superordinate theme |") ||
		!strings.Contains(string(md), "| P05 | 10.00 | 13.00 | 3.00 | improvement | significant change | Clinically significant change | recovered | A |") {
		t.Errorf("the case appendix lacks the combined categories:\n%s", md[strings.Index(string(md), "## Appendix"):])
	}
}

// TestCodebookModeReportsAgreement: in codebook mode the methods give the
// agreement figures with what they mean, an undefined one as undefined;
// in reflexive mode they give the disagreements and their resolution.
func TestCodebookModeReportsAgreement(t *testing.T) {
	def := func(v float64) agree.Result { return agree.Result{Value: v, Defined: true} }
	in := handInput()
	in.Coding = Coding{Name: "alice", Coders: []string{"alice", "bob"}, Mode: "codebook", Defaulted: true}
	in.Agreement = &triangulate.Report{
		Coders: []string{"alice", "bob"}, Documents: 16, Reviewed: []int{16, 15}, ReviewedByAll: 15,
		Pooled: triangulate.Stats{ID: "pooled", Kind: "pooled", PercentAgreement: def(0.9), Kappa: agree.Result{}, Alpha: def(0.8123), AC1: def(0.85)},
		Macro:  triangulate.Macro{Alpha: triangulate.Mean{Value: 0.7, Defined: true, Used: 3, Undefined: 1}},
	}
	r, err := Build(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(r.Methods.Thematic, "\n")
	for _, want := range []string{
		"codebook mode: blind double coding, with agreement reported",
		"Agreement was measured on 15 answers reviewed by every coder",
		"percent agreement was 0.900, Cohen's kappa undefined, Krippendorff's alpha 0.812 and Gwet's AC1 0.850; the macro mean of alpha across codes was 0.700 (3 codes, 1 undefined left out)",
		"a value that is 0/0 (no variation) is reported as undefined, never as 0 or 1",
		"The qualitative results use alice's coding: there is no consensus coding yet",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("codebook mode methods lack %q:\n%s", want, text)
		}
	}

	in = handInput()
	in.Coding = Coding{Name: "consensus", Consensus: true, Coders: []string{"alice", "bob"}, Mode: "reflexive"}
	in.Disagreements = 4
	in.Reconciled = &reconcile.Summary{Items: 10, Agreed: 6, Decided: 3, Open: 1, ByKind: map[string]int{reconcile.AcceptB: 2, reconcile.Neither: 1}}
	r, err = Build(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text = strings.Join(r.Methods.Thematic, "\n")
	want := "mixeval found 4 disagreements (a stretch or a code one coder has and the other lacks, on answers both had read). In reconciling, 6 of 10 items matched and were agreed automatically; 3 were discussed and decided (second coder's version kept 2, code removed 1), and 1 remains open."
	if !strings.Contains(text, want) {
		t.Errorf("reflexive methods lack %q:\n%s", want, text)
	}
}
