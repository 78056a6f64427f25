package quant

import (
	"math"
	"path/filepath"
	"testing"
)

// The vignettes of the R package clinicalsignificance 3.0.0 analyse the
// BDI-II scores of Claus et al. (2020), first against fourth measurement
// (lower is better, reliability .801; functional population 7.69, SD 7.52).
// Their published figures, typed in from the vignettes' output:
//
//	distribution-based, JT: N (original) 43, N (used) 40; improved 18, unchanged 22, deteriorated 0
//	distribution-based, HA: improved 25, unchanged 15, deteriorated 0
//	combined, JT, cut-off a: 19.16 (M clinical 35.48, SD 8.16);
//	    recovered 10, improved 8, unchanged 22, deteriorated 0, harmed 0
//	statistical, cut-off c: 21.02; improved (clinical at pre and functional at post) 13, unchanged 27
//	percentage change 50%: improved 11, unchanged 29, deteriorated 0
//	percentage change 50% / 20%: improved 11, unchanged 26, deteriorated 3
//	anchor, MID 7: improved 25, unchanged 11, deteriorated 4
func claus2020(t *testing.T) []Pair {
	t.Helper()
	pairs, err := ReadPairsFile(filepath.Join("testdata", "claus_2020_bdi.csv"), PairsOptions{PreCol: "t1", PostCol: "t4"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 43 {
		t.Fatalf("%d patients, want 43", len(pairs))
	}
	return pairs
}

func clausOptions() Options {
	return Options{Reliability: 0.801, Direction: LowerIsBetter, Compat: CompatClinicalSignificance}
}

func reliableCounts(r *Result) [3]int {
	return [3]int{r.Summary.Reliable["improvement"], r.Summary.Reliable["no change"], r.Summary.Reliable["deterioration"]}
}

func TestClaus2020Distribution(t *testing.T) {
	pairs := claus2020(t)
	for _, tt := range []struct {
		m    Method
		want [3]int
	}{
		{MethodJT, [3]int{18, 22, 0}},
		{MethodHA, [3]int{25, 15, 0}},
	} {
		opt := clausOptions()
		opt.Method = tt.m
		res, err := Analyze(pairs, opt)
		if err != nil {
			t.Fatal(err)
		}
		if res.N != 40 || len(res.Excluded) != 3 {
			t.Errorf("%s: used %d, excluded %d; want 40 and 3", tt.m, res.N, len(res.Excluded))
		}
		if got := reliableCounts(res); got != tt.want {
			t.Errorf("%s: improved/unchanged/deteriorated %v, want %v", tt.m, got, tt.want)
		}
	}
}

func TestClaus2020Combined(t *testing.T) {
	opt := clausOptions()
	opt.Categories = CategoriesCombined
	opt.Norm = &Norm{Mean: 7.69, SD: Float(7.52)}
	res, err := Analyze(claus2020(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	if math.Round(res.Clinical.Mean*100) != 3548 || math.Round(res.Clinical.SD*100) != 816 || math.Round(*res.Cutoffs.A*100) != 1916 || res.Criterion != CriterionA {
		t.Errorf("clinical %+v, a %v, criterion %s; want 35.48, 8.16, 19.16, a", res.Clinical, *res.Cutoffs.A, res.Criterion)
	}
	want := map[Category]int{Recovered: 10, Improved: 8, Unchanged: 22, Deteriorated: 0, Harmed: 0}
	for c, n := range want {
		if got := res.CombinedTable.Get(c); got.N != n {
			t.Errorf("%s: %d, want %d", c, got.N, n)
		}
	}
	// 10 of 40 = 25%, as the vignette prints.
	if res.CombinedTable.Recovered.Percent != 25 || res.CombinedTable.Improved.Percent != 20 {
		t.Errorf("percentages %+v", res.CombinedTable)
	}

	// The statistical approach with cut-off c: 21.02.
	opt.Criterion = CriterionC
	res, err = Analyze(claus2020(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	if math.Round(*res.Cutoffs.C*100) != 2102 {
		t.Errorf("c = %v, want 21.02", *res.Cutoffs.C)
	}
	crossed := 0
	for _, p := range res.Patients {
		if -p.Pre < -*res.Cutoffs.C && -p.Post > -*res.Cutoffs.C {
			crossed++
		}
	}
	if crossed != 13 {
		t.Errorf("clinical at pre and functional at post: %d, want 13", crossed)
	}
}

func TestClaus2020PercentageAndAnchor(t *testing.T) {
	pairs := claus2020(t)
	for _, tt := range []struct {
		name   string
		pct    *Thresholds
		anchor *Thresholds
		want   [3]int
	}{
		{"50%", &Thresholds{Improve: 0.5, Deteriorate: 0.5}, nil, [3]int{11, 29, 0}},
		{"50% and 20%", &Thresholds{Improve: 0.5, Deteriorate: 0.2}, nil, [3]int{11, 26, 3}},
		{"MID 7", nil, &Thresholds{Improve: 7, Deteriorate: 7}, [3]int{25, 11, 4}},
	} {
		opt := clausOptions()
		opt.Percentage, opt.Anchor = tt.pct, tt.anchor
		res, err := Analyze(pairs, opt)
		if err != nil {
			t.Fatal(err)
		}
		tab := res.PercentageTable
		if tt.anchor != nil {
			tab = res.AnchorTable
		}
		if got := [3]int{tab.Improved.N, tab.Unchanged.N, tab.Deteriorated.N}; got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
