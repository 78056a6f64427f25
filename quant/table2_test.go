package quant

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/mixeval/mixeval/study"
)

// table2 is Table 2 of Brown, Woodcock, Cocallis & Bowman (2022), typed in
// from the article (../shared/seed): per measure, rows not significant /
// okay at baseline / significant change, columns deterioration /
// improvement / no change. Rows the article leaves out (PSEQ has no "okay
// at baseline" row) are zeros. Every measure sums to N = 13.
var table2 = []struct {
	name  string
	table Table
}{
	{"SCS-SF", Table{{0, 1, 2}, {0, 0, 4}, {0, 6, 0}}},
	{"PSEQ", Table{{0, 2, 7}, {0, 0, 0}, {0, 2, 2}}},
	{"FSCRS-Hated", Table{{0, 0, 5}, {0, 0, 6}, {0, 1, 1}}},
	{"FSCRS-Reassured", Table{{0, 2, 2}, {0, 1, 4}, {0, 3, 1}}},
	{"FSCRS-Inadequate", Table{{0, 2, 2}, {0, 1, 2}, {0, 4, 2}}},
}

func loadSample(t testing.TB) *study.Study {
	t.Helper()
	s, err := study.Load(filepath.Join("..", "sample-data"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSampleReproducesTable2 checks the bundled sample study against the
// article's Table 2 cell by cell, with the article's analysis choices:
// criterion c for the SCS-SF and FSCRS subscales, a for the PSEQ, the
// published alphas, z = 1.96 and the sample's own pre scores as the
// clinical distribution.
func TestSampleReproducesTable2(t *testing.T) {
	rs, err := RunStudy(loadSample(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(table2) {
		t.Fatalf("got %d measures, want %d", len(rs), len(table2))
	}
	rows := []ClinicalSignificance{NotSignificant, OkayAtBaseline, SignificantChange}
	cols := []ReliableChange{Deterioration, Improvement, NoChange}
	wantSetup := map[string]struct {
		crit Criterion
		r    float64
	}{
		"SCS-SF": {CriterionC, 0.83}, "PSEQ": {CriterionA, 0.88}, "FSCRS-Hated": {CriterionC, 0.87},
		"FSCRS-Reassured": {CriterionC, 0.86}, "FSCRS-Inadequate": {CriterionC, 0.89},
	}
	for i, want := range table2 {
		got := rs[i]
		if got.Name != want.name {
			t.Errorf("measure %d is %s, want %s", i, got.Name, want.name)
			continue
		}
		setup := wantSetup[want.name]
		if got.N != 13 || got.Criterion != setup.crit || got.Reliability != setup.r || got.Z != 1.96 || !got.ClinicalFromSample {
			t.Errorf("%s: n %d, criterion %s, r %v, z %v, clinical from sample %v; want 13, %s, %v, 1.96, true",
				got.Name, got.N, got.Criterion, got.Reliability, got.Z, got.ClinicalFromSample, setup.crit, setup.r)
		}
		for _, cs := range rows {
			for _, rc := range cols {
				if g, w := got.Table.Count(cs, rc), want.table[cs][rc]; g != w {
					t.Errorf("%s [%s][%s] = %d, want %d (Table 2)", got.Name, cs, rc, g, w)
				}
			}
		}
	}
}

// TestSampleMargins guards the sample against rounding: no score lies
// within a small margin of the cut-off, and no change within it of the
// reliable change threshold, so rounding any reported figure to two
// decimals cannot move a patient to another cell. It holds for the
// follow-up pair too.
func TestSampleMargins(t *testing.T) {
	ms, err := RunStudy(loadSample(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		for _, res := range m.Results() {
			r := MeasureResult{Name: m.Name, Result: res}
			cut := *r.Cutoffs.Get(r.Criterion)
			// Half a scoring step: 1/24 for a mean of 12 items, 0.5 for sums.
			margin := 0.04
			if r.Name != "SCS-SF" {
				margin = 0.4
			}
			for _, p := range r.Patients {
				for what, d := range map[string]float64{
					"pre to cut-off":         p.Pre - cut,
					"post to cut-off":        p.Post - cut,
					"change to RC threshold": math.Abs(p.Change) - r.RCThreshold,
				} {
					if math.Abs(d) < margin {
						t.Errorf("%s %s to %s, %s: %s distance %.4f is below the margin %.2f", r.Name, r.From, r.To, p.ID, what, d, margin)
					}
				}
			}
		}
	}
}

// TestSampleItemsPlausible checks that the synthetic answers look like
// answers: within each questionnaire, no respondent gives the same response
// to every item at every time point.
func TestSampleItemsPlausible(t *testing.T) {
	s := loadSample(t)
	sh, err := ReadSheet(s.Path("scores/items.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Builtins() {
		in, err := Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := ReadResponses(sh, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(resp) != 34 {
			t.Errorf("%s: %d rows, want 34 (13 patients × pre and post, 8 at fu3)", name, len(resp))
		}
		flat := 0
		for _, r := range resp {
			distinct := map[float64]bool{}
			for _, v := range r.Values {
				distinct[v] = true
			}
			if len(distinct) == 1 {
				flat++
			}
		}
		if flat > 2 {
			t.Errorf("%s: %d rows answer every item alike", name, flat)
		}
	}
}
