package quant

import (
	"math"
	"strings"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Evans, Margison & Barkham (1998), as quoted in the clinsig 1.2 manual:
// clinical 1.81 (SD 0.53), norm 0.72 (SD 0.57), alpha .89, lower is better.
// Printed: a = 0.75, b = 1.86, c = 1.2848, reliable change 0.48724.
func TestEvansMargisonBarkham(t *testing.T) {
	res, err := Analyze([]Pair{{"x", 2, 1}}, Options{
		Reliability: 0.89,
		Direction:   LowerIsBetter,
		Clinical:    &Distribution{Mean: 1.81, SD: 0.53},
		Norm:        &Norm{Mean: 0.72, SD: Float(0.57)},
	})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"a", *res.Cutoffs.A, 0.75, 0.005},
		{"b", *res.Cutoffs.B, 1.86, 0.005},
		{"c", *res.Cutoffs.C, 1.2848, 0.00005},
		{"rc threshold", res.RCThreshold, 0.48724, 0.000005},
	}
	for _, c := range checks {
		if !near(c.got, c.want, c.tol) {
			t.Errorf("%s = %.6f, want %.5f", c.name, c.got, c.want)
		}
	}
}

// Symmetric distributions: clinical 40 (SD 7.5), norm 60 (SD 7.5). By hand:
// higher better: a = 40 + 15 = 55, b = 60 - 15 = 45, c = (7.5*60 + 40*7.5)/15 = 50.
// lower better: a = 40 - 15 = 25, b = 60 + 15 = 75, c = 50.
func TestSymmetricCutoffs(t *testing.T) {
	tests := []struct {
		dir     Direction
		a, b, c float64
	}{
		{HigherIsBetter, 55, 45, 50},
		{LowerIsBetter, 25, 75, 50},
	}
	for _, tt := range tests {
		t.Run(tt.dir.String(), func(t *testing.T) {
			res, err := Analyze([]Pair{{"x", 40, 41}}, Options{
				Reliability: 0.8, Direction: tt.dir,
				Clinical: &Distribution{Mean: 40, SD: 7.5},
				Norm:     &Norm{Mean: 60, SD: Float(7.5)},
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"a", *res.Cutoffs.A, tt.a}, {"b", *res.Cutoffs.B, tt.b}, {"c", *res.Cutoffs.C, tt.c}} {
				if !near(c.got, c.want, 1e-12) {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
		})
	}
}

// Ties: with clinical SD 10 and r = 0.875, S_diff = 10·√2·√0.125 = 5 exactly
// and with z = 2 the threshold is exactly 10; cut-off c with norm mean 60 and
// no SD is (60+40)/2 = 50. A change of exactly 10 is not reliable, and a post
// score of exactly 50 is not beyond the cut-off (strict inequalities).
func TestStrictInequalities(t *testing.T) {
	pairs := []Pair{
		{"on-threshold", 30, 40},     // change 10 = threshold: no change
		{"past-threshold", 30, 40.5}, // 10.5 > 10: improvement
		{"on-cutoff", 35, 50},        // post = c: not beyond
		{"past-cutoff", 35, 50.5},    // beyond, reliable
		{"baseline", 50.5, 52},       // pre beyond: okay at baseline
		{"worse", 45, 34},            // -11: deterioration
	}
	res, err := Analyze(pairs, Options{
		Reliability: 0.875, Z: 2, Direction: HigherIsBetter,
		Clinical: &Distribution{Mean: 40, SD: 10},
		Norm:     &Norm{Mean: 60},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !near(res.RCThreshold, 10, 1e-12) || !near(*res.Cutoffs.C, 50, 1e-12) {
		t.Fatalf("threshold %v, c %v; want 10 and 50", res.RCThreshold, *res.Cutoffs.C)
	}
	if res.Cutoffs.B != nil {
		t.Errorf("b should be undefined without a norm SD, got %v", *res.Cutoffs.B)
	}
	want := map[string][2]string{
		"on-threshold":   {"no change", "not significant"},
		"past-threshold": {"improvement", "not significant"},
		"on-cutoff":      {"improvement", "not significant"},
		"past-cutoff":    {"improvement", "significant change"},
		"baseline":       {"no change", "okay at baseline"},
		"worse":          {"deterioration", "not significant"},
	}
	for _, p := range res.Patients {
		w := want[p.ID]
		if p.ReliableChange.String() != w[0] || p.ClinicalSignificance.String() != w[1] {
			t.Errorf("%s: got %s / %s, want %s / %s", p.ID, p.ReliableChange, p.ClinicalSignificance, w[0], w[1])
		}
	}
	if got := res.Table.Count(NotSignificant, Improvement); got != 2 {
		t.Errorf("table[not significant][improvement] = %d, want 2", got)
	}
}

// Jacobson & Truax (1991) Table 2 DAS data, as in ../shared/reference. Hand
// values: Spanier (1976) norms, married 114.8 (17.8) as functional, divorced
// 70.7 (23.8) as clinical: c = (23.8·114.8 + 17.8·70.7)/(23.8 + 17.8) = 95.93.
func TestJacobsonTruaxCutoffC(t *testing.T) {
	res, err := Analyze([]Pair{{"1", 90.5, 97}}, Options{
		Reliability: 0.96, Direction: HigherIsBetter,
		Clinical: &Distribution{Mean: 70.7, SD: 23.8},
		Norm:     &Norm{Mean: 114.8, SD: Float(17.8)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !near(*res.Cutoffs.C, 95.93, 0.005) {
		t.Errorf("c = %v, want 95.93", *res.Cutoffs.C)
	}
}

func TestMissingAndErrors(t *testing.T) {
	nan := math.NaN()
	pairs := []Pair{{"P1", 10, 20}, {"P2", 12, nan}, {"P3", 14, 15}, {"P4", nan, 3}}
	res, err := Analyze(pairs, Options{Reliability: 0.8, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	if res.N != 2 || strings.Join(res.Excluded, ",") != "P2,P4" {
		t.Errorf("n = %d, excluded = %v; want 2 and [P2 P4]", res.N, res.Excluded)
	}
	// listwise: clinical mean over P1 and P3 only (10, 14) = 12, SD = √((4+4)/1) = 2√2.
	if !near(res.Clinical.Mean, 12, 1e-12) || !near(res.Clinical.SD, 2*math.Sqrt2, 1e-12) {
		t.Errorf("clinical = %+v, want 12 / 2.82843", res.Clinical)
	}
	// compat clinsig: every non-missing pre (10, 12, 14) → mean 12, SD 2.
	res, err = Analyze(pairs, Options{Reliability: 0.8, Direction: HigherIsBetter, Criterion: CriterionA, Compat: CompatClinsig})
	if err != nil {
		t.Fatal(err)
	}
	if !near(res.Clinical.SD, 2, 1e-12) {
		t.Errorf("compat clinical SD = %v, want 2", res.Clinical.SD)
	}

	errCases := []struct {
		name string
		opt  Options
		want string
	}{
		{"no direction", Options{Reliability: 0.8}, "direction is unknown"},
		{"criterion c without norm", Options{Reliability: 0.8, Direction: HigherIsBetter}, "needs a norm"},
		{"criterion b without sd", Options{Reliability: 0.8, Direction: HigherIsBetter, Criterion: CriterionB, Norm: &Norm{Mean: 30}}, "needs the norm SD"},
		{"bad reliability", Options{Reliability: 1, Direction: HigherIsBetter}, "reliability"},
		{"NaN reliability", Options{Reliability: math.NaN(), Direction: HigherIsBetter}, "reliability"},
		{"infinite norm mean", Options{Reliability: 0.8, Direction: HigherIsBetter, Norm: &Norm{Mean: math.Inf(1)}}, "norm mean"},
		{"NaN clinical mean", Options{Reliability: 0.8, Direction: HigherIsBetter, Criterion: CriterionA, Clinical: &Distribution{Mean: math.NaN(), SD: 1}}, "clinical mean"},
		// clinsig would take the direction from the group's mean change here;
		// issue 2 forbids that in both modes.
		{"compat without norm or direction", Options{Reliability: 0.8, Criterion: CriterionA, Compat: CompatClinsig}, "direction is unknown"},
	}
	for _, c := range errCases {
		if _, err := Analyze(pairs, c.opt); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}

func TestCompatClinsigQuirks(t *testing.T) {
	pairs := []Pair{{"A", 1, 0}, {"B", 2, 1}, {"C", 3, 1}}
	// Norm mean above the clinical mean: clinsig takes higher as better even
	// though the flag says lower.
	res, err := Analyze(pairs, Options{Reliability: 0.8, Direction: LowerIsBetter, Norm: &Norm{Mean: 5}, Compat: CompatClinsig})
	if err != nil {
		t.Fatal(err)
	}
	if res.Direction != HigherIsBetter {
		t.Errorf("direction = %v, want higher (from the norm mean)", res.Direction)
	}
	// Lower is better with mean 2, SD 1: a = 2 - 2 = 0; with SD from 0,0,6 it
	// goes negative and is clamped.
	res, err = Analyze([]Pair{{"A", 0, 0}, {"B", 0, 0}, {"C", 6, 0}}, Options{Reliability: 0.8, Direction: LowerIsBetter, Criterion: CriterionA, Compat: CompatClinsig})
	if err != nil {
		t.Fatal(err)
	}
	if *res.Cutoffs.A != 0 {
		t.Errorf("a = %v, want 0 (clamped)", *res.Cutoffs.A)
	}
	// Criterion c without a norm: in compat mode everyone is not significant.
	res, err = Analyze(pairs, Options{Reliability: 0.8, Direction: LowerIsBetter, Compat: CompatClinsig})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Clinical["not significant"] != 3 || len(res.Warnings) == 0 {
		t.Errorf("compat without norm: %v, warnings %v", res.Summary.Clinical, res.Warnings)
	}
}
