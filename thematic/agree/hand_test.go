package agree

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// Small cases worked by hand, for the conventions and for relations between
// coefficients that a second formula can confirm.

func approx(t *testing.T, name string, r Result, want float64) {
	t.Helper()
	if !r.Defined {
		t.Errorf("%s undefined (%s), want %.6f", name, r.Note, want)
		return
	}
	if math.Abs(r.Value-want) > 1e-9 {
		t.Errorf("%s = %.9f, want %.9f", name, r.Value, want)
	}
}

func isUndefined(t *testing.T, name string, r Result) {
	t.Helper()
	if r.Defined || r.NotApplicable || r.Note == "" {
		t.Errorf("%s: got defined=%v n/a=%v value %v note %q; want undefined with a reason", name, r.Defined, r.NotApplicable, r.Value, r.Note)
	}
}

// Everyone uses one category: chance agreement is 1 and alpha's expected
// disagreement is 0, so the chance-corrected coefficients are 0/0, while
// percent agreement is plainly 1.
func TestOneCategoryUsedIsUndefined(t *testing.T) {
	m := fromRows(t, []float64{0, 1}, [][]float64{{1, 1}, {1, 1}, {1, 1}})
	s := Summarize(m)
	for name, r := range map[string]Result{
		"cohen": s.CohenKappa, "scott": s.ScottPi, "fleiss": s.FleissKappa,
		"fleiss missing": s.FleissKappaMissing,
		"alpha nominal":  s.Alpha[Nominal], "alpha ordinal": s.Alpha[Ordinal],
		"alpha interval": s.Alpha[Interval], "alpha ratio": s.Alpha[Ratio],
	} {
		isUndefined(t, name, r)
	}
	approx(t, "percent agreement", s.PercentAgreement, 1)
	approx(t, "all agree", s.AllAgree, 1)
	// Two categories declared, all in one: BP = (1 − 1/2)/(1 − 1/2) = 1;
	// AC1: π = (0, 1), p_e = 0, AC1 = 1. Both stay defined: that is the
	// point of their chance terms.
	approx(t, "Brennan-Prediger", s.BrennanPrediger, 1)
	approx(t, "AC1", s.GwetAC1, 1)

	// With one declared category, BP's 1/q and AC1's q−1 make them 0/0 too.
	m = fromRows(t, []float64{1}, [][]float64{{1, 1}, {1, 1}})
	s = Summarize(m)
	isUndefined(t, "BP q=1", s.BrennanPrediger)
	isUndefined(t, "AC1 q=1", s.GwetAC1)

	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"cohen_kappa":null`, `"gwet_ac1":null`, `"nominal":null`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
}

// Perfect disagreement on two units, (1,2) and (2,1): p_o = 0, p_e = .5, so
// kappa = pi = (0 − .5)/(1 − .5) = −1. Alpha: n = 4, o_12 = o_21 = 2,
// n_1 = n_2 = 2, α = 1 − (n−1)·4/(2·2·2) = 1 − 12/8 = −0.5.
func TestPerfectDisagreementIsNegative(t *testing.T) {
	m := fromRows(t, []float64{1, 2}, [][]float64{{1, 2}, {2, 1}})
	s := Summarize(m)
	approx(t, "Cohen", s.CohenKappa, -1)
	approx(t, "Scott", s.ScottPi, -1)
	approx(t, "Fleiss", s.FleissKappa, -1)
	approx(t, "alpha nominal", s.Alpha[Nominal], -0.5)
	approx(t, "percent agreement", s.PercentAgreement, 0)
	// BP: p_a = 0, p_e = 1/2: −1. AC1: π = (.5, .5), p_e = .5: −1.
	approx(t, "BP", s.BrennanPrediger, -1)
	approx(t, "AC1", s.GwetAC1, -1)
}

// Cohen's kappa for a 2×2 table [[a b] [c d]] has the closed form
// κ = 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d)) (e.g. Fleiss, Levin & Paik
// 2003, §18.1). Build the matrix from the table and compare.
func TestCohenMatchesTwoByTwoFormula(t *testing.T) {
	for _, tab := range [][4]int{{20, 5, 10, 15}, {40, 9, 6, 45}, {1, 7, 8, 2}, {0, 3, 4, 0}} {
		a, b, c, d := tab[0], tab[1], tab[2], tab[3]
		var rows [][]float64
		add := func(n int, x, y float64) {
			for range n {
				rows = append(rows, []float64{x, y})
			}
		}
		add(a, 1, 1)
		add(b, 1, 0)
		add(c, 0, 1)
		add(d, 0, 0)
		m := fromRows(t, []float64{0, 1}, rows)
		want := 2 * float64(a*d-b*c) / float64((a+b)*(b+d)+(a+c)*(c+d))
		approx(t, "Cohen 2×2", CohenKappa(m), want)
	}
}

// With two coders and complete data, Scott's pi is Fleiss' kappa (Fleiss
// 1971 generalises Scott), and nominal alpha is tied to pi by
// 1 − α = (1 − 1/(2N))(1 − π) for N units: α's observed disagreement counts
// 2N(1 − p_o) mismatched ordered pairs, its expected term is
// n²(1 − p_e) with n = 2N, and α multiplies their ratio by n − 1.
func TestTwoCoderRelations(t *testing.T) {
	rows := [][]float64{{1, 1}, {1, 2}, {2, 2}, {3, 3}, {3, 1}, {2, 2}, {1, 1}, {3, 3}, {2, 3}, {1, 1}, {2, 2}}
	m := fromRows(t, []float64{1, 2, 3}, rows)
	s := Summarize(m)
	approx(t, "Fleiss vs Scott", s.FleissKappa, s.ScottPi.Value)
	n := float64(len(rows))
	approx(t, "alpha vs pi", s.Alpha[Nominal], 1-(1-1/(2*n))*(1-s.ScottPi.Value))
	// Light's kappa does not apply to two coders, and says so.
	if !s.LightKappa.NotApplicable || s.LightKappa.String() != "n/a" {
		t.Errorf("Light's kappa with two coders: %+v", s.LightKappa)
	}
}

// Three coders, four units (1,1,1), (1,1,2), (2,2,2), (2,1,2). Pairwise
// Cohen: AB agree 3/4, p_e = (2·3 + 2·1)/16 = .5, κ = .5; AC agree 3/4,
// p_e = (2·1 + 2·3)/16 = .5, κ = .5; BC agree 2/4, p_e = (3·1 + 1·3)/16 =
// .375, κ = .125/.625 = .2. Light = (.5 + .5 + .2)/3 = .4.
func TestLightKappaByHand(t *testing.T) {
	m := fromRows(t, []float64{1, 2}, [][]float64{{1, 1, 1}, {1, 1, 2}, {2, 2, 2}, {2, 1, 2}})
	s := Summarize(m)
	approx(t, "Light", s.LightKappa, .4)
	// One pair with a single shared category makes Light's kappa undefined,
	// and the reason names the pair.
	u := Summarize(fromRows(t, []float64{1, 2}, [][]float64{{1, 1, 2}, {1, 1, 1}}))
	isUndefined(t, "Light with an undefined pair", u.LightKappa)
	if !strings.Contains(u.LightKappa.Note, "coder1 and coder2") {
		t.Errorf("note %q does not name the pair", u.LightKappa.Note)
	}
	if !s.CohenKappa.NotApplicable || !s.ScottPi.NotApplicable {
		t.Errorf("Cohen/Scott with three coders should be n/a: %+v %+v", s.CohenKappa, s.ScottPi)
	}
}

// Light's kappa uses the complete units only, as irr::kappam.light does
// (it applies na.omit to the ratings first). The four units above plus a
// fifth (1, 2, missing) still give .4 over 4 units. Averaging each pair
// over the units it rated would give AB on five units: agree 3/5 = .6,
// p_e = .6·.6 + .4·.4 = .52, κ = .08/.48 = 1/6, and Light = (1/6 + .5 +
// .2)/3 = .2889, which is what this test guards against.
func TestLightKappaCompleteUnitsOnly(t *testing.T) {
	nan := math.NaN()
	m := fromRows(t, []float64{1, 2}, [][]float64{{1, 1, 1}, {1, 1, 2}, {2, 2, 2}, {2, 1, 2}, {1, 2, nan}})
	s := Summarize(m)
	approx(t, "Light", s.LightKappa, .4)
	if s.LightKappa.Units != 4 {
		t.Errorf("Light's kappa used %d units, want the 4 complete ones", s.LightKappa.Units)
	}
	// Krippendorff's (2011) four coders: 8 complete units. irr's
	// kappam.light steps (na.omit, then the mean of kappa2 over the six
	// pairs) written out in base R give the pairs .8222222, .4782609,
	// .8297872, .4418605, .8222222, .4666667 and the mean 0.64350328.
	k := Summarize(fromRows(t, []float64{1, 2, 3, 4, 5}, krippendorff2011))
	if math.Abs(k.LightKappa.Value-0.64350328) > 1e-8 || k.LightKappa.Units != 8 {
		t.Errorf("Light on Krippendorff (2011): %v over %d units, want 0.64350328 over 8", k.LightKappa.Value, k.LightKappa.Units)
	}
	// No complete unit: undefined, with the reason.
	none := Summarize(fromRows(t, []float64{1, 2}, [][]float64{{1, 1, nan}, {nan, 2, 2}, {1, nan, 1}}))
	isUndefined(t, "Light without complete units", none.LightKappa)
}

// Gwet's missing-data forms on three coders, categories {1, 2}:
// u1 (1, 1, –), u2 (1, 2, 2), u3 (2, –, –).
//
//	p_a over units with ≥2 ratings: u1 1, u2 (0 + 2·1)/(3·2) = 1/3 → 2/3
//	π over the 3 rated units: π1 = (1 + 1/3 + 0)/3 = 4/9, π2 = 5/9
//	Fleiss (Gwet form): p_e = 16/81 + 25/81 = 41/81, κ = (54−41)/40 = 13/40
//	AC1: p_e = 2·(4/9)(5/9)/(2−1) = 40/81, AC1 = (54−40)/41 = 14/41
//	BP: p_e = 1/2, (2/3 − 1/2)/(1/2) = 1/3
//	Fleiss on complete units (u2 only): P = 1/3, p = (1/3, 2/3),
//	  p_e = 5/9, κ = (1/3 − 5/9)/(4/9) = −1/2
//	alpha nominal: o11 = 2 (u1) , o12 = o21 = 1·2/2 = 1, o22 = 2·1/2 = 1;
//	  n1 = 3, n2 = 2, n = 5; α = 1 − 4·2/(2·3·2) = 1/3
//	missing cells among rated units: 1 + 0 + 2 = 3
func TestGwetMissingDataByHand(t *testing.T) {
	m := fromRows(t, []float64{1, 2}, [][]float64{{1, 1, na}, {1, 2, 2}, {2, na, na}})
	s := Summarize(m)
	approx(t, "percent agreement", s.PercentAgreement, 2.0/3)
	approx(t, "all agree", s.AllAgree, 0)
	approx(t, "Fleiss missing", s.FleissKappaMissing, 13.0/40)
	approx(t, "AC1", s.GwetAC1, 14.0/41)
	approx(t, "BP", s.BrennanPrediger, 1.0/3)
	approx(t, "Fleiss complete", s.FleissKappa, -0.5)
	approx(t, "alpha nominal", s.Alpha[Nominal], 1.0/3)
	if s.MissingValues != 3 || s.UnitsRated != 3 || s.UnitsComplete != 1 {
		t.Errorf("missing %d rated %d complete %d, want 3 3 1", s.MissingValues, s.UnitsRated, s.UnitsComplete)
	}
	if r := s.FleissKappaMissing; r.Units != 3 || r.Coders != 3 || r.Missing != 3 {
		t.Errorf("Fleiss missing basis %+v", r)
	}
	if r := s.Alpha[Nominal]; r.Units != 2 || r.Values != 5 {
		t.Errorf("alpha basis %+v, want 2 units, 5 values", r)
	}
}

// Interval and ratio δ² by hand on two units (1, 3) and (2, 2): n = 4,
// n_1 = 1, n_2 = 2, n_3 = 1; o_13 = o_31 = 1, o_22 = 2.
// Interval: observed Σ o δ² = 2·4 = 8; expected Σ n_c n_k δ² =
// 2(1·2·1 + 1·1·4 + 2·1·1) = 16; α = 1 − 3·8/16 = −0.5.
// Ratio: δ²(1,3) = (2/4)² = .25, δ²(1,2) = 1/9, δ²(2,3) = 1/25; observed
// 2·.25 = .5; expected 2(2/9 + .25 + 2/25); α = 1 − 3·.5/expected.
// Ordinal: ranks with n = (1, 2, 1): δ²(1,2) = (1+2 − 1.5)² = 2.25,
// δ²(2,3) = 2.25, δ²(1,3) = (4 − 1)² = 9; observed 2·9 = 18; expected
// 2(2·2.25 + 1·9 + 2·2.25) = 36; α = 1 − 3·18/36 = −0.5.
func TestMetricsByHand(t *testing.T) {
	m := fromRows(t, []float64{1, 2, 3}, [][]float64{{1, 3}, {2, 2}})
	approx(t, "interval", KrippendorffAlpha(m, Interval), -0.5)
	approx(t, "ordinal", KrippendorffAlpha(m, Ordinal), -0.5)
	expected := 2 * (2.0/9 + .25 + 2.0/25)
	approx(t, "ratio", KrippendorffAlpha(m, Ratio), 1-3*.5/expected)

	neg := fromRows(t, []float64{-1, 0, 1}, [][]float64{{-1, 1}, {0, 0}})
	if r := KrippendorffAlpha(neg, Ratio); !r.NotApplicable {
		t.Errorf("ratio alpha with negative categories: %+v, want not applicable", r)
	}
}

func TestNoPairableUnits(t *testing.T) {
	m := fromRows(t, []float64{1, 2}, [][]float64{{1, na}, {na, 2}})
	s := Summarize(m)
	for _, row := range s.Rows() {
		if row.Result.Defined {
			t.Errorf("%s defined with no unit rated twice: %v", row.Label, row.Result.Value)
		}
	}
	if s.CohenKappa.Missing != 2 {
		t.Errorf("Cohen missing = %d, want 2", s.CohenKappa.Missing)
	}
}

func TestMatrixRejectsBadInput(t *testing.T) {
	if _, err := NewMatrix([]string{"a"}, []float64{1}); err == nil {
		t.Error("one coder accepted")
	}
	if _, err := NewMatrix([]string{"a", "a"}, []float64{1}); err == nil {
		t.Error("duplicate coder accepted")
	}
	if _, err := NewMatrix([]string{"a", "b"}, []float64{1, 1}); err == nil {
		t.Error("duplicate category accepted")
	}
	m, _ := NewMatrix([]string{"a", "b"}, []float64{1, 2})
	if err := m.AddUnit("u", []float64{1, 3}); err == nil || !strings.Contains(err.Error(), "not one of the categories {1, 2}") {
		t.Errorf("value outside categories: %v", err)
	}
	if m.Units() != 0 {
		t.Errorf("failed AddUnit left %d units", m.Units())
	}
}
