package quant

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// Combined categories with Jacobson & Truax, worked by hand. Clinical 40
// (SD 10), r = .875, z = 2: S_diff = 10·√2·√.125 = 5, threshold 10;
// higher is better, cut-off a = 40 + 2·10 = 60. Clinical at pre: pre < 60;
// functional at post: post > 60.
//
//	rec        50 → 65   +15 improved, clinical pre, functional post → recovered
//	imp        30 → 45   +15 improved, post 45 not functional        → improved
//	on-cut     49 → 60   +11 improved, post 60 on the cut-off is not functional → improved
//	unch       50 → 52   +2                                          → unchanged
//	det-func   80 → 65   −15 deteriorated, ends functional (65 > 60) → deteriorated
//	harm       70 → 55   −15 deteriorated, not clinical pre, not functional post → harmed
//	pre-on-cut 60 → 45   −15 deteriorated; pre 60 is not clinical (60 < 60 fails),
//	                     post 45 not functional                      → harmed
func TestCombinedByHand(t *testing.T) {
	pairs := []Pair{{"rec", 50, 65}, {"imp", 30, 45}, {"on-cut", 49, 60}, {"unch", 50, 52}, {"det-func", 80, 65}, {"harm", 70, 55}, {"pre-on-cut", 60, 45}}
	res, err := Analyze(pairs, Options{Reliability: 0.875, Z: 2, Direction: HigherIsBetter, Criterion: CriterionA,
		Clinical: &Distribution{Mean: 40, SD: 10}, Categories: CategoriesCombined})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Category{"rec": Recovered, "imp": Improved, "on-cut": Improved, "unch": Unchanged, "det-func": Deteriorated, "harm": Harmed, "pre-on-cut": Harmed}
	for _, p := range res.Patients {
		if p.Category != want[p.ID] {
			t.Errorf("%s: %s, want %s", p.ID, p.Category, want[p.ID])
		}
	}
	// 1, 2, 1, 1, 2 of 7: 14.29%, 28.57%, 14.29%, 14.29%, 28.57%.
	tab := res.CombinedTable
	if tab.Recovered != (Count{1, 14.29}) || tab.Improved != (Count{2, 28.57}) || tab.Unchanged != (Count{1, 14.29}) ||
		tab.Deteriorated != (Count{1, 14.29}) || tab.Harmed != (Count{2, 28.57}) || tab.NotComputable != 0 {
		t.Errorf("table %+v", tab)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"category": "recovered"`, `"category": "harmed"`, `"combined_table": {`, `"recovered": {`, `"percent": 14.29`, `"categories": "combined"`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("JSON lacks %s", s)
		}
	}
	// Without --categories combined there is no category anywhere.
	res, _ = Analyze(pairs, Options{Reliability: 0.875, Z: 2, Direction: HigherIsBetter, Criterion: CriterionA, Clinical: &Distribution{Mean: 40, SD: 10}})
	b.Reset()
	WriteJSON(&b, res)
	if strings.Contains(b.String(), "category") || res.CombinedTable != nil {
		t.Error("categories without being asked for")
	}
}

// Hageman & Arrindell's combined categories, worked by hand. Pre 1, 2, 10,
// 10, 11, 15, 17, 18, 19, 58 (mean 16.1, SS 2296.9, variance 255.2111,
// SD 15.97533); post 51, 29, 4, 53, 5, 60, 17, 30, 44, 42 (mean 33.5, SS
// 3558.5, variance 395.3889); products of deviations 341.5, covariance
// 37.94444. r = .9: SEM² = 255.2111·.1 = 25.52111; r_pre = .9; r_post =
// (395.3889 − 25.52111)/395.3889 = .935453; r_dd = (229.69 + 369.86778 −
// 75.88889)/(255.21111 + 395.38889 − 75.88889) = 523.66889/574.71111 =
// .911186. Higher is better; the true cut-off a = 16.1 + 2·15.97533·√.9 =
// 46.41105. The individual test of a post score:
// (33.5 + (post − 33.5)·.935453 − 46.41105)/(√.935453·5.05184).
//
//	15 → 60: RCI (45·.911186 + 17.4·.088814)/(√.911186·√51.04222) = 42.54874/6.81972 = 6.23905;
//	         test (33.5 + 24.78950 − 46.41105)/4.88608 = 2.4311 > 1.645, clinical at pre → recovered
//	 1 → 51: RCI 6.9071; test 3.45938/4.88608 = 0.7080, not > 1.645 → improved (51 is past
//	         46.41, which would make it recovered with the plain comparison)
//	58 → 42: RCI (−16·.911186 + 1.54536)/6.81972 = −1.9112 < −1.645; not clinical at pre
//	         (58 > 46.41); test (33.5 + 7.95135 − 46.41105)/4.88608 = −1.0151, not < −1.645.
//	         The package (compat): harmed, since "functional at post" needs "clinical at pre".
//	         mixeval's default: deteriorated, since harmed needs the post score significantly
//	         on the clinical side.
//
// Group level: mean change 17.4, SD 23.97313; changed = 1 − Φ(−17.4/(23.97313·√.911186))
// = 1 − Φ(−0.76036) = .77648; functional = 1 − Φ((46.41105 − 33.5)/(19.88439·√.935453))
// = 1 − Φ(0.67134) = .25100.
func TestHACombinedByHand(t *testing.T) {
	pre := []float64{1, 2, 10, 10, 11, 15, 17, 18, 19, 58}
	post := []float64{51, 29, 4, 53, 5, 60, 17, 30, 44, 42}
	pairs := make([]Pair, len(pre))
	for i := range pre {
		pairs[i] = Pair{ID: string(rune('a' + i)), Pre: pre[i], Post: post[i]}
	}
	for _, compat := range []Compat{CompatNone, CompatClinicalSignificance} {
		res, err := Analyze(pairs, Options{Reliability: 0.9, Method: MethodHA, Direction: HigherIsBetter, Criterion: CriterionA, Categories: CategoriesCombined, Compat: compat})
		if err != nil {
			t.Fatal(err)
		}
		if tc := res.HA.TrueCutoffs; !near(*tc.A, 46.41105, 5e-6) || !near(*res.HA.RDD, 0.911186, 5e-7) {
			t.Errorf("%q: true a %v, r_dd %v", compat, *tc.A, *res.HA.RDD)
		}
		byID := map[string]Patient{}
		for _, p := range res.Patients {
			byID[p.ID] = p
		}
		harmed := Deteriorated
		if compat == CompatClinicalSignificance {
			harmed = Harmed
		}
		for _, c := range []struct {
			id   string
			rci  float64
			want Category
		}{{"f", 6.23905, Recovered}, {"a", 6.9071, Improved}, {"j", -1.9112, harmed}} {
			p := byID[c.id]
			if !near(p.RCI, c.rci, 5e-5) || p.Category != c.want {
				t.Errorf("%q %s: RCI %.4f, %s; want %.4f, %s", compat, c.id, p.RCI, p.Category, c.rci, c.want)
			}
		}
		g := res.HA.Group
		if g == nil || !near(*g.Changed, 0.77648, 5e-6) || !near(*g.Functional, 0.25100, 5e-6) {
			t.Errorf("%q: group %+v", compat, g)
		}
	}
}

// A patient starting in the functional range who ends significantly on the
// clinical side is harmed by both rules. Pre 9, 11, 15, 15, 16, 40 and
// post 11, 16, 27, 31, 40, 28, r = .9, higher is better: the true cut-off
// a is 17.66667 + 2·11.27239·√.9 = 39.05451; 40 → 28 has RCI −1.9018 and
// an individual test of −3.3839 (both computed from the formulas above).
func TestHAHarmed(t *testing.T) {
	pre := []float64{9, 11, 15, 15, 16, 40}
	post := []float64{11, 16, 27, 31, 40, 28}
	pairs := make([]Pair, len(pre))
	for i := range pre {
		pairs[i] = Pair{ID: string(rune('a' + i)), Pre: pre[i], Post: post[i]}
	}
	for _, compat := range []Compat{CompatNone, CompatClinicalSignificance} {
		res, err := Analyze(pairs, Options{Reliability: 0.9, Method: MethodHA, Direction: HigherIsBetter, Criterion: CriterionA, Categories: CategoriesCombined, Compat: compat})
		if err != nil {
			t.Fatal(err)
		}
		p := res.Patients[5]
		if !near(*res.HA.TrueCutoffs.A, 39.05451, 5e-6) || !near(p.RCI, -1.9018, 5e-5) || p.Category != Harmed {
			t.Errorf("%q: a %v, RCI %v, %s", compat, *res.HA.TrueCutoffs.A, p.RCI, p.Category)
		}
		if res.CombinedTable.Harmed.N != 1 || res.CombinedTable.Recovered.N != 0 {
			t.Errorf("%q: %+v", compat, res.CombinedTable)
		}
	}
}

// Percentage change, by hand, with 50% both ways (non-strict: exactly 50%
// counts):
//
//	higher is better: 10 → 15 = +50% improved; 10 → 14 = +40% unchanged;
//	10 → 5 = −50% deteriorated; 0 → 3 = +Inf improved; 0 → 0 unchanged (no percentage).
//	lower is better: 0 → 3 is +Inf, D·Inf = −Inf ≤ −50%: deteriorated by default.
//	The package instead makes a post above 0 from a pre of 0 improved whatever the
//	direction, and also deteriorated when lower is better: it counts the patient in
//	both rows (compat clinicalsignificance does the same, with a warning).
func TestPercentageByHand(t *testing.T) {
	pairs := []Pair{{"p50", 10, 15}, {"p40", 10, 14}, {"m50", 10, 5}, {"zero-up", 0, 3}, {"zero-zero", 0, 0}}
	opt := Options{Reliability: 0.8, Direction: HigherIsBetter, Criterion: CriterionA, Percentage: &Thresholds{Improve: 0.5, Deteriorate: 0.5}}
	res, err := Analyze(pairs, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := []ChangeClass{ClassImproved, ClassUnchanged, ClassDeteriorated, ClassImproved, ClassUnchanged}
	for i, p := range res.Patients {
		if p.Percentage != want[i] {
			t.Errorf("%s: %s, want %s", p.ID, p.Percentage, want[i])
		}
	}
	if res.Patients[0].PctChange != 0.5 || !math.IsInf(res.Patients[3].PctChange, 1) || !math.IsNaN(res.Patients[4].PctChange) {
		t.Errorf("pct changes %v %v %v", res.Patients[0].PctChange, res.Patients[3].PctChange, res.Patients[4].PctChange)
	}
	if tab := res.PercentageTable; tab.Improved.N != 2 || tab.Unchanged.N != 2 || tab.Deteriorated.N != 1 || tab.Improve != 0.5 {
		t.Errorf("table %+v", tab)
	}
	var b bytes.Buffer
	WriteJSON(&b, res)
	for _, s := range []string{`"pct_change": 0.5`, `"pct_change": null`, `"percentage_change": "improved"`, `"percentage_table": {`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("JSON lacks %s", s)
		}
	}

	lower := []Pair{{"zero-up", 0, 3}, {"down", 10, 4}, {"same", 10, 10}}
	opt.Direction = LowerIsBetter
	res, _ = Analyze(lower, opt)
	if p := res.Patients[0]; p.Percentage != ClassDeteriorated {
		t.Errorf("default, lower is better, 0 → 3: %s", p.Percentage)
	}
	opt.Compat = CompatClinicalSignificance
	res, _ = Analyze(lower, opt)
	tab := res.PercentageTable
	if p := res.Patients[0]; p.Percentage != ClassImproved || tab.Improved.N != 2 || tab.Deteriorated.N != 1 || tab.Unchanged.N != 1 {
		t.Errorf("compat, 0 → 3: %s, table %+v", p.Percentage, tab)
	}
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "counts as both improved and deteriorated") {
		t.Errorf("no warning: %q", res.Warnings)
	}
}

// Anchor-based: MID 5 to improve and 3 to deteriorate, lower is better, so
// a fall of at least 5 is an improvement and a rise of at least 3 a
// deterioration (both non-strict, as the package's ≥ and ≤).
func TestAnchorByHand(t *testing.T) {
	pairs := []Pair{{"down5", 20, 15}, {"down4.9", 20, 15.1}, {"up3", 20, 23}, {"up2", 20, 22}}
	clin := &Distribution{Mean: 20, SD: 5}
	res, err := Analyze(pairs, Options{Reliability: 0.8, Direction: LowerIsBetter, Criterion: CriterionA, Clinical: clin, Anchor: &Thresholds{Improve: 5, Deteriorate: 3}})
	if err != nil {
		t.Fatal(err)
	}
	want := []ChangeClass{ClassImproved, ClassUnchanged, ClassDeteriorated, ClassUnchanged}
	for i, p := range res.Patients {
		if p.Anchor != want[i] {
			t.Errorf("%s: %s, want %s", p.ID, p.Anchor, want[i])
		}
	}
	if tab := res.AnchorTable; tab.Improved != (Count{1, 25}) || tab.Unchanged != (Count{2, 50}) || tab.Deteriorated != (Count{1, 25}) {
		t.Errorf("table %+v", tab)
	}
	for _, bad := range []*Thresholds{{Improve: 0, Deteriorate: 1}, {Improve: 1, Deteriorate: -1}, {Improve: math.Inf(1), Deteriorate: 1}} {
		if _, err := Analyze(pairs, Options{Reliability: 0.8, Direction: LowerIsBetter, Criterion: CriterionA, Clinical: clin, Anchor: bad}); err == nil {
			t.Errorf("MID %+v accepted", bad)
		}
	}
	if _, err := Analyze(pairs, Options{Reliability: 0.8, Direction: LowerIsBetter, Criterion: CriterionA, Clinical: clin, Percentage: &Thresholds{Improve: 50, Deteriorate: 50}}); err == nil || !strings.Contains(err.Error(), "0.5 is 50%") {
		t.Errorf("percentage 50: %v", err)
	}
}

// With post scores that vary less than the SEM, HA's post reliability is
// below 0 while r_dd is positive: the index exists, the combined
// categories do not. Pre 10, 20, 30, 40 (variance 166.67), post 23, 20,
// 22, 21 (variance 1.6667), r = .5: SEM² = 83.33, r_post = (1.6667 −
// 83.33)/1.6667 = −49; covariance −6.6667, r_dd = (83.33 − 81.67 +
// 13.33)/(166.67 + 1.6667 + 13.33) = 0.0826.
func TestHAPostReliabilityNotPositive(t *testing.T) {
	pairs := []Pair{{"a", 10, 23}, {"b", 20, 20}, {"c", 30, 22}, {"d", 40, 21}}
	res, err := Analyze(pairs, Options{Reliability: 0.5, Method: MethodHA, Direction: HigherIsBetter, Criterion: CriterionA, Categories: CategoriesCombined})
	if err != nil {
		t.Fatal(err)
	}
	if !near(*res.HA.ReliabilityPost, -49, 1e-9) || !near(*res.HA.RDD, 0.0825688, 5e-7) || res.NotComputable != "" {
		t.Fatalf("r_post %v, r_dd %v, %q", *res.HA.ReliabilityPost, *res.HA.RDD, res.NotComputable)
	}
	for _, p := range res.Patients {
		if math.IsNaN(p.RCI) || p.Category != CategoryNotComputable {
			t.Errorf("%s: RCI %v, category %s", p.ID, p.RCI, p.Category)
		}
	}
	if res.CombinedTable.NotComputable != 4 || !strings.Contains(strings.Join(res.Warnings, "\n"), "reliability of the post scores (-49) is not above 0") {
		t.Errorf("table %+v, warnings %q", res.CombinedTable, res.Warnings)
	}
}
