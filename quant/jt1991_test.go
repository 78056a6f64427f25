package quant

import (
	"path/filepath"
	"slices"
	"testing"
)

// Jacobson & Truax (1991) Table 2: Dyadic Adjustment Scale, 30 couples,
// higher is better. The reference README gives the sample statistics
// pre M 81.58 SD 11.83, post M 98.05 SD 19.24, and, with Spanier's (1976)
// norms (married 114.8/17.8 functional, divorced 70.7/23.8 supplied as the
// clinical distribution), c = (23.8·114.8 + 17.8·70.7)/(23.8 + 17.8)
// = (2732.24 + 1258.46)/41.6 = 3990.70/41.6 = 95.930.
//
// Post scores above 95.93, read off the file by hand, 20 couples: 1 (97),
// 2 (124), 3 (97.5), 5 (96.5), 7 (112.5), 8 (103.5), 11 (105), 12 (99.5),
// 13 (112.5), 14 (101), 15 (99.5), 18 (100.5), 19 (119), 20 (116), 21 (116),
// 22 (129), 23 (113), 24 (118), 26 (114), 30 (104.5).
// Pre scores above 95.93 (okay at baseline, which overrides significant
// change): 3 (97), 11 (98), 19 (98.5), 21 (99.5); all four are among the 20.
// So significant change = 20 − 4 = 16 couples, okay at baseline 4, not
// significant 30 − 20 = 10.
func TestJacobsonTruax1991Table2(t *testing.T) {
	path := filepath.Join("testdata", "jt1991_table2_das.csv")
	pairs, err := ReadPairsFile(path, PairsOptions{IDCol: "subject", PreCol: "das_pre", PostCol: "das_post"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 30 {
		t.Fatalf("read %d couples, want 30", len(pairs))
	}
	res, err := Analyze(pairs, Options{Reliability: 0.96, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Summary
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"pre mean", s.Pre.Mean, 81.58}, {"pre SD", s.Pre.SD, 11.83},
		{"post mean", s.Post.Mean, 98.05}, {"post SD", s.Post.SD, 19.24},
	} {
		if !near(c.got, c.want, 0.005) {
			t.Errorf("%s = %.4f, want %.2f", c.name, c.got, c.want)
		}
	}
	if s.N != 30 || !res.ClinicalFromSample || res.Clinical != s.Pre {
		t.Errorf("n %d, clinical %+v from sample %v; want 30 and the pre distribution", s.N, res.Clinical, res.ClinicalFromSample)
	}

	res, err = Analyze(pairs, Options{
		Reliability: 0.96, Direction: HigherIsBetter,
		Clinical: &Distribution{Mean: 70.7, SD: 23.8},
		Norm:     &Norm{Mean: 114.8, SD: Float(17.8)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !near(*res.Cutoffs.C, 95.93, 0.005) {
		t.Errorf("c = %.4f, want 95.93", *res.Cutoffs.C)
	}
	var sig, baseline []string
	for _, p := range res.Patients {
		switch p.ClinicalSignificance {
		case SignificantChange:
			sig = append(sig, p.ID)
		case OkayAtBaseline:
			baseline = append(baseline, p.ID)
		}
	}
	wantSig := []string{"1", "2", "5", "7", "8", "12", "13", "14", "15", "18", "20", "22", "23", "24", "26", "30"}
	wantBaseline := []string{"3", "11", "19", "21"}
	if !slices.Equal(sig, wantSig) || !slices.Equal(baseline, wantBaseline) {
		t.Errorf("significant change %v, okay at baseline %v; want %v and %v", sig, baseline, wantSig, wantBaseline)
	}
	row := func(c ClinicalSignificance) int { return res.Table[c][0] + res.Table[c][1] + res.Table[c][2] }
	if row(SignificantChange) != 16 || row(OkayAtBaseline) != 4 || row(NotSignificant) != 10 {
		t.Errorf("table rows %d/%d/%d, want 10/4/16", row(NotSignificant), row(OkayAtBaseline), row(SignificantChange))
	}
}
