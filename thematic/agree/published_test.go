package agree

import (
	"math"
	"strconv"
	"testing"
)

// These tests check the coefficients against worked examples printed in the
// literature, at the precision the source prints. The data are written out
// here from the sources cited.

var na = math.NaN()

// fromRows builds a matrix from rows of values (NaN = missing), one column
// per coder.
func fromRows(t *testing.T, categories []float64, rows [][]float64) *Matrix {
	t.Helper()
	coders := make([]string, len(rows[0]))
	for i := range coders {
		coders[i] = "coder" + strconv.Itoa(i+1)
	}
	m, err := NewMatrix(coders, categories)
	if err != nil {
		t.Fatal(err)
	}
	for u, row := range rows {
		if err := m.AddUnit("u"+strconv.Itoa(u+1), row); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// fromCounts builds a matrix from Fleiss' form, counts[i][k] = number of
// raters who put unit i in category k+1. Which rater gave which rating does
// not matter to Fleiss' kappa, so ratings fill the coder columns in order.
func fromCounts(t *testing.T, counts [][]int) *Matrix {
	t.Helper()
	raters := 0
	for _, c := range counts[0] {
		raters += c
	}
	cats := make([]float64, len(counts[0]))
	for k := range cats {
		cats[k] = float64(k + 1)
	}
	rows := make([][]float64, len(counts))
	for i, cs := range counts {
		for k, c := range cs {
			for range c {
				rows[i] = append(rows[i], float64(k+1))
			}
		}
		if len(rows[i]) != raters {
			t.Fatalf("unit %d has %d ratings, want %d", i+1, len(rows[i]), raters)
		}
	}
	return fromRows(t, cats, rows)
}

// near reports whether r is defined and rounds to want at the given number
// of decimals.
func near(t *testing.T, name string, r Result, want float64, decimals int) {
	t.Helper()
	if !r.Defined {
		t.Errorf("%s undefined (%s), want %.*f", name, r.Note, decimals, want)
		return
	}
	scale := math.Pow(10, float64(decimals))
	if got := math.Round(r.Value*scale) / scale; got != want {
		t.Errorf("%s = %.6f, rounds to %.*f, want %.*f", name, r.Value, decimals, got, decimals, want)
	}
}

// Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
// Annenberg School for Communication, University of Pennsylvania. Example C:
// four observers (A–D) × twelve units, values 1–5, "." missing. Printed
// results: nominal .743, ordinal .815, interval .849, ratio .797.
var krippendorff2011 = [][]float64{
	//  A   B   C   D
	{1, 1, na, 1},
	{2, 2, 3, 2},
	{3, 3, 3, 3},
	{3, 3, 3, 3},
	{2, 2, 2, 2},
	{1, 2, 3, 4},
	{4, 4, 4, 4},
	{1, 1, 2, 1},
	{2, 2, 2, 2},
	{na, 5, 5, 5},
	{na, na, 1, 1},
	{na, 3, na, na},
}

func TestKrippendorff2011(t *testing.T) {
	m := fromRows(t, []float64{1, 2, 3, 4, 5}, krippendorff2011)
	for _, c := range []struct {
		level Level
		want  float64
	}{
		{Nominal, .743}, {Ordinal, .815}, {Interval, .849}, {Ratio, .797},
	} {
		r := KrippendorffAlpha(m, c.level)
		near(t, c.level.String(), r, c.want, 3)
		// Krippendorff (2011) counts 40 pairable values in 11 units; unit 12
		// has a single value and is left out.
		if r.Values != 40 || r.Units != 11 {
			t.Errorf("%s: %d values in %d units, want 40 in 11", c.level, r.Values, r.Units)
		}
	}
	s := Summarize(m)
	// 48 cells, 41 values: 7 missing; units 2–9 are complete; unit 12 has
	// one value and still counts as rated.
	if s.MissingValues != 7 || s.UnitsRated != 12 || s.UnitsComplete != 8 {
		t.Errorf("rated %d, complete %d, missing %d; want 12, 8, 7", s.UnitsRated, s.UnitsComplete, s.MissingValues)
	}
}

// Cohen, J. (1960). A coefficient of agreement for nominal scales.
// Educational and Psychological Measurement, 20(1), 37–46. Table 1 gives
// proportions for 200 units rated by two judges in three categories:
//
//	        B1   B2   B3
//	A1     .44  .07  .09   .60
//	A2     .05  .20  .05   .30
//	A3     .01  .03  .06   .10
//	       .50  .30  .20
//
// p_o = .70, p_c = .41, kappa = .29/.59 = .492. Here as counts of 200.
func TestCohen1960(t *testing.T) {
	counts := [3][3]int{{88, 14, 18}, {10, 40, 10}, {2, 6, 12}}
	var rows [][]float64
	for a := range 3 {
		for b := range 3 {
			for range counts[a][b] {
				rows = append(rows, []float64{float64(a + 1), float64(b + 1)})
			}
		}
	}
	m := fromRows(t, []float64{1, 2, 3}, rows)
	r := CohenKappa(m)
	near(t, "Cohen's kappa", r, .492, 3)
	near(t, "percent agreement", PercentAgreement(m), .70, 2)
	if r.Units != 200 || r.Coders != 2 || r.Missing != 0 {
		t.Errorf("basis %d units %d coders %d missing, want 200 2 0", r.Units, r.Coders, r.Missing)
	}
}

// Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
// Psychological Bulletin, 76(5), 378–382. Table 1: 30 patients, 6
// psychiatrists each, 5 diagnoses (depression, personality disorder,
// schizophrenia, neurosis, other). Printed kappa .430. Row i: how many of
// the six chose each diagnosis.
var fleiss1971 = [][]int{
	{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
	{2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
	{1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
	{0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
	{0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
	{0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6},
}

func TestFleiss1971(t *testing.T) {
	m := fromCounts(t, fleiss1971)
	near(t, "Fleiss' kappa", FleissKappa(m), .430, 3)
	// With complete data Gwet's missing-data form is Fleiss' kappa itself.
	a, b := FleissKappa(m), FleissKappaMissing(m)
	if math.Abs(a.Value-b.Value) > 1e-12 {
		t.Errorf("Fleiss %v and Gwet's missing-data form %v differ on complete data", a.Value, b.Value)
	}
}

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5
// categories; P̄ = 0.378, P̄e = 0.213, kappa = 0.210.
// https://en.wikipedia.org/wiki/Fleiss%27_kappa#Worked_example
var wikipediaFleiss = [][]int{
	{0, 0, 0, 0, 14},
	{0, 2, 6, 4, 2},
	{0, 0, 3, 5, 6},
	{0, 3, 9, 2, 0},
	{2, 2, 8, 1, 1},
	{7, 7, 0, 0, 0},
	{3, 2, 6, 3, 0},
	{2, 5, 3, 2, 2},
	{6, 5, 2, 1, 0},
	{0, 2, 2, 3, 7},
}

func TestWikipediaFleiss(t *testing.T) {
	m := fromCounts(t, wikipediaFleiss)
	near(t, "Fleiss' kappa", FleissKappa(m), .210, 3)
	near(t, "P̄ (pairwise percent agreement)", PercentAgreement(m), .378, 3)
}

// Krippendorff, K. (1980). Content Analysis: An Introduction to Its
// Methodology. Sage. Page numbers as given by the DKPro Statistics test
// suite, which uses the same examples:
//
// p. 139: three coders, nine units, four categories; nominal alpha .642
// (D_o = .259, D_e = .724).
// p. 133: two coders, ten units, binary; alpha .095, percent agreement .600.
func TestKrippendorff1980(t *testing.T) {
	m := fromRows(t, []float64{1, 2, 3, 4}, [][]float64{
		{1, 1, 1}, {1, 2, 2}, {2, 2, 2}, {4, 4, 4}, {1, 4, 4},
		{2, 2, 2}, {1, 2, 3}, {3, 3, 3}, {2, 2, 2},
	})
	near(t, "alpha nominal p.139", KrippendorffAlpha(m, Nominal), .642, 3)

	m = fromRows(t, []float64{0, 1}, [][]float64{
		{0, 0}, {1, 1}, {0, 1}, {0, 0}, {0, 0}, {0, 1}, {0, 0}, {0, 1}, {1, 0}, {0, 0},
	})
	near(t, "alpha nominal p.133", KrippendorffAlpha(m, Nominal), .095, 3)
	near(t, "percent agreement p.133", PercentAgreement(m), .600, 3)
}

// Gwet's missing-data forms on the Krippendorff (2011) data, against an
// independent implementation: the README of the SimplyAgree R package
// (Caldwell; function agree_coef, following Gwet 2014) prints for this
// matrix percent agreement 0.8181818, Gwet's AC1 0.7754441, Fleiss' kappa
// 0.7611693 and Krippendorff's alpha 0.7434211. Brennan–Prediger follows by
// hand from the same p_a = 9/11 with q = 5: (9/11 − 1/5)/(4/5) = 0.7727273.
func TestGwetFormsOnKrippendorff2011(t *testing.T) {
	m := fromRows(t, []float64{1, 2, 3, 4, 5}, krippendorff2011)
	s := Summarize(m)
	near(t, "percent agreement", s.PercentAgreement, 0.8181818, 7)
	near(t, "Gwet's AC1", s.GwetAC1, 0.7754441, 7)
	near(t, "Fleiss' kappa (Gwet)", s.FleissKappaMissing, 0.7611693, 7)
	near(t, "alpha", s.Alpha[Nominal], 0.7434211, 7)
	near(t, "Brennan-Prediger", s.BrennanPrediger, 0.7727273, 7)
}
