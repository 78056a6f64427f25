package quant

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// handPairs: pre 30, 30, 40, 50, 50 (mean 40; deviations −10, −10, 0, 10,
// 10; SS 400; SD √(400/4) = 10) and post 45, 31, 38, 56, 45 (mean 43;
// deviations 2, −12, −5, 13, 2; SS 346; SD √86.5 = 9.300538). Products of
// the deviations −20 + 120 + 0 + 130 + 20 = 250, covariance 62.5.
// With r = .84: SEM = 10·√.16 = 4.
var handPairs = []Pair{{"P1", 30, 45}, {"P2", 30, 31}, {"P3", 40, 38}, {"P4", 50, 56}, {"P5", 50, 45}}

// Each method's index for P1 (30 → 45) and P4 (50 → 56), worked by hand:
//
//	JT:  S_diff = √(2·4²) = √32 = 5.656854; 15/5.656854 = 2.651650; 6/5.656854 = 1.060660
//	GLN: SE = 10·√(1 − .84²) = 10·√.2944 = 5.425864
//	     P1 [(45 − 40) − .84·(30 − 40)]/SE = 13.4/5.425864 = 2.469653
//	     P4 [(56 − 40) − .84·(50 − 40)]/SE = 7.6/5.425864 = 1.400699
//	HLL: P1 [(45 − 43) + 8.4]/SE = 10.4/5.425864 = 1.916745; P4 (13 − 8.4)/SE = 0.847791
//	EN:  P1 [45 − (.84·(−10) + 40)]/4 = 13.4/4 = 3.35; P4 [56 − 48.4]/4 = 1.9
//	NK:  SE = √(.84²·100·.16 + 100·(1 − .84)) = √(11.2896 + 16) = 5.223945
//	     P1 13.4/5.223945 = 2.565111; P4 7.6/5.223945 = 1.454839
//	HA:  r_pre = (100 − 16)/100 = .84; r_post = (86.5 − 16)/86.5 = .815029
//	     r_dd = (100·.84 + 86.5·.815029 − 2·62.5)/(100 + 86.5 − 2·62.5)
//	          = (84 + 70.5 − 125)/61.5 = 29.5/61.5 = .479675
//	     P1 [15·.479675 + (43 − 40)·.520325]/(√.479675·√32) = 8.756098/3.917846 = 2.234921
//	     P4 [6·.479675 + 1.560976]/3.917846 = 1.133024
//
// With 1.96 (1.645 for HA), higher is better: P1 improves by every method
// but HLL (1.917 < 1.96); P4 by none.
func TestMethodsByHand(t *testing.T) {
	tests := []struct {
		m        Method
		se       float64
		p1, p4   float64
		c        float64
		p1Change ReliableChange
	}{
		{MethodJT, 5.656854, 2.651650, 1.060660, 1.96, Improvement},
		{MethodGLN, 5.425864, 2.469653, 1.400699, 1.96, Improvement},
		{MethodHLL, 5.425864, 1.916745, 0.847791, 1.96, NoChange},
		{MethodEN, 4, 3.35, 1.9, 1.96, Improvement},
		{MethodNK, 5.223945, 2.565111, 1.454839, 1.96, Improvement},
		{MethodHA, math.Sqrt(0.479675) * 5.656854, 2.234921, 1.133024, 1.645, Improvement},
	}
	for _, tt := range tests {
		t.Run(string(tt.m), func(t *testing.T) {
			res, err := Analyze(handPairs, Options{Reliability: 0.84, Method: tt.m, Direction: HigherIsBetter, Criterion: CriterionA})
			if err != nil {
				t.Fatal(err)
			}
			p1, p4 := res.Patients[0], res.Patients[3]
			if !near(p1.RCI, tt.p1, 5e-6) || !near(p4.RCI, tt.p4, 5e-6) {
				t.Errorf("RCI P1 %.6f, P4 %.6f; want %.6f, %.6f", p1.RCI, p4.RCI, tt.p1, tt.p4)
			}
			if res.Method != tt.m || res.CriticalValue != tt.c || res.Z != tt.c {
				t.Errorf("method %s, critical value %v", res.Method, res.CriticalValue)
			}
			if res.RCISE == nil || !near(*res.RCISE, tt.se, 5e-6) {
				t.Errorf("RCI SE %v, want %v", res.RCISE, tt.se)
			}
			if p1.ReliableChange != tt.p1Change || p4.ReliableChange != NoChange {
				t.Errorf("P1 %s, P4 %s; want %s, no change", p1.ReliableChange, p4.ReliableChange, tt.p1Change)
			}
		})
	}
	res, err := Analyze(handPairs, Options{Reliability: 0.84, Method: MethodHA, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	if h := res.HA; h == nil || !near(*h.RDD, 29.5/61.5, 1e-12) || !near(*h.ReliabilityPost, 70.5/86.5, 1e-12) || !near(*h.ReliabilityPre, 0.84, 1e-12) {
		t.Errorf("HA %+v", res.HA)
	}
	// NK with a post reliability of .9: SE = √(11.2896 + 100·.1) = √21.2896
	// = 4.614065; P1 13.4/4.614065 = 2.904162.
	res, err = Analyze(handPairs, Options{Reliability: 0.84, ReliabilityPost: Float(0.9), Method: MethodNK, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	if !near(res.Patients[0].RCI, 2.904162, 5e-6) || *res.ReliabilityPost != 0.9 {
		t.Errorf("NK with r_post .9: RCI %v", res.Patients[0].RCI)
	}
}

// Lower is better turns the signs: D = −1, so P1's rise of 15 is a
// deterioration (D·RCI = −2.65 < −1.96).
func TestMethodsLowerIsBetter(t *testing.T) {
	for _, m := range Methods {
		res, err := Analyze(handPairs, Options{Reliability: 0.84, Method: m, Direction: LowerIsBetter, Criterion: CriterionA})
		if err != nil {
			t.Fatal(err)
		}
		want := Deterioration
		if m == MethodHLL {
			want = NoChange
		}
		if got := res.Patients[0].ReliableChange; got != want {
			t.Errorf("%s: P1 %s, want %s", m, got, want)
		}
	}
}

// Pre 30, 30, 40, 50, 50 and post 38, 30, 45, 55, 47 (mean 43; deviations
// −5, −13, 2, 12, 4; SS 358, variance 89.5; products with the pre
// deviations 50 + 130 + 0 + 120 + 40 = 340, covariance 85). With r = .84,
// SEM = 4: r_dd = (84 + (89.5 − 16) − 170)/(100 + 89.5 − 170) =
// −12.5/19.5 < 0, so HA's index is not computable: null, with the reason.
func TestHANotComputable(t *testing.T) {
	pairs := []Pair{{"P1", 30, 38}, {"P2", 30, 30}, {"P3", 40, 45}, {"P4", 50, 55}, {"P5", 50, 47}}
	res, err := Analyze(pairs, Options{Reliability: 0.84, Method: MethodHA, Direction: HigherIsBetter, Criterion: CriterionA, Categories: CategoriesCombined})
	if err != nil {
		t.Fatal(err)
	}
	if !near(*res.HA.RDD, -12.5/19.5, 1e-12) || res.NotComputable == "" || res.RCISE != nil {
		t.Errorf("r_dd %v, reason %q, SE %v", *res.HA.RDD, res.NotComputable, res.RCISE)
	}
	for _, p := range res.Patients {
		if !math.IsNaN(p.RCI) || p.ReliableChange != ChangeNotComputable || p.Category != CategoryNotComputable {
			t.Errorf("%s: RCI %v, %s, %s", p.ID, p.RCI, p.ReliableChange, p.Category)
		}
	}
	if res.Table != (Table{}) || res.CombinedTable.NotComputable != 5 || res.Summary.Clinical["not significant"]+res.Summary.Clinical["okay at baseline"]+res.Summary.Clinical["significant change"] != 5 {
		t.Errorf("table %v, combined %+v, clinical %v", res.Table, res.CombinedTable, res.Summary.Clinical)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, res); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"rci": null`, `"reliable_change": null`, `"category": null`, `"rci_se": null`, `"rci_not_computable": "the reliability of the difference scores r_dd = -0.641`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("JSON lacks %s", s)
		}
	}
	// A constant post score: SD_post = 0 makes r_post = −Inf and r_dd NaN.
	pairs = []Pair{{"P1", 30, 40}, {"P2", 35, 40}, {"P3", 50, 40}}
	res, err = Analyze(pairs, Options{Reliability: 0.8, Method: MethodHA, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	if res.HA.RDD != nil || !strings.Contains(res.NotComputable, "not a number") || res.Patients[0].ReliableChange != ChangeNotComputable {
		t.Errorf("constant post: r_dd %v, %q", res.HA.RDD, res.NotComputable)
	}
}

// Properties that hold whatever the data (Hsu 1995; Speer 1992):
//   - with r = 0, GLN, EN and NK are one index: (post − M_pre)/SD_pre;
//   - HLL equals GLN when the post mean equals the pre mean;
//   - HA's index is not computable exactly when r_dd ≤ 0 or NaN.
func TestMethodProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2026))
	for trial := range 300 {
		n := 3 + rng.IntN(40)
		pairs := make([]Pair, n)
		for i := range pairs {
			pre := 20 + rng.NormFloat64()*8
			pairs[i] = Pair{ID: "p", Pre: math.Round(pre), Post: math.Round(pre*rng.Float64()*1.5 + rng.NormFloat64()*10)}
		}
		st := sampleStats(pairs)
		if !(st.pre.SD > 0) {
			continue
		}
		// r = 0 is outside what Analyze accepts, so the models are built
		// directly.
		at := func(m Method, r float64, ps []Pair) []float64 {
			res := &Result{Z: 1.96, Direction: HigherIsBetter}
			mod, err := res.model(Options{Method: m, Reliability: r}, sampleStats(ps))
			if err != nil {
				t.Fatal(err)
			}
			out := make([]float64, len(ps))
			for i, p := range ps {
				out[i] = mod.rci(p.Pre, p.Post)
			}
			return out
		}
		gln, en, nk := at(MethodGLN, 0, pairs), at(MethodEN, 0, pairs), at(MethodNK, 0, pairs)
		for i := range pairs {
			want := (pairs[i].Post - st.pre.Mean) / st.pre.SD
			if !near(gln[i], want, 1e-9) || !near(en[i], want, 1e-9) || !near(nk[i], want, 1e-9) {
				t.Fatalf("trial %d, r = 0: GLN %v, EN %v, NK %v, want %v", trial, gln[i], en[i], nk[i], want)
			}
		}
		// Shift the post scores onto the pre mean.
		shifted := make([]Pair, n)
		for i, p := range pairs {
			shifted[i] = Pair{ID: p.ID, Pre: p.Pre, Post: p.Post - st.post.Mean + st.pre.Mean}
		}
		r := 0.5 + 0.45*rng.Float64()
		g, h := at(MethodGLN, r, shifted), at(MethodHLL, r, shifted)
		for i := range g {
			if !near(g[i], h[i], 1e-9) {
				t.Fatalf("trial %d: GLN %v, HLL %v with equal means", trial, g[i], h[i])
			}
		}
		// r_dd by its formula, written out afresh.
		sem2 := st.pre.SD * st.pre.SD * (1 - r)
		vPre, vPost := st.pre.SD*st.pre.SD, st.post.SD*st.post.SD
		cov := st.rho * st.pre.SD * st.post.SD
		rdd := ((vPre - sem2) + (vPost - sem2) - 2*cov) / (vPre + vPost - 2*cov)
		res, err := Analyze(pairs, Options{Reliability: r, Method: MethodHA, Direction: HigherIsBetter, Criterion: CriterionA})
		if err != nil {
			t.Fatal(err)
		}
		notComputable := math.IsNaN(rdd) || rdd <= 0
		if (res.NotComputable != "") != notComputable || math.IsNaN(res.Patients[0].RCI) != notComputable {
			t.Fatalf("trial %d: r_dd %v, not computable %q, RCI %v", trial, rdd, res.NotComputable, res.Patients[0].RCI)
		}
	}
}

// Ties exactly on the critical value are no change. r = .75 gives SEM =
// 10·√.25 = 5 exactly (pre SD 10 as in handPairs); for pre 40 = M_pre the
// EN index is (post − 40)/5, so post 50 gives exactly 2 = z.
func TestCriticalValueTie(t *testing.T) {
	pairs := []Pair{{"a", 30, 30}, {"b", 30, 30}, {"tie", 40, 50}, {"d", 50, 50}, {"e", 50, 50}}
	res, err := Analyze(pairs, Options{Reliability: 0.75, Z: 2, Method: MethodEN, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	if p := res.Patients[2]; p.RCI != 2 || p.ReliableChange != NoChange {
		t.Errorf("on the critical value: RCI %v, %s", p.RCI, p.ReliableChange)
	}
	pairs[2].Post = 50.5 // (50.5 − 40)/5 = 2.1
	res, _ = Analyze(pairs, Options{Reliability: 0.75, Z: 2, Method: MethodEN, Direction: HigherIsBetter, Criterion: CriterionA})
	if p := res.Patients[2]; !near(p.RCI, 2.1, 1e-12) || p.ReliableChange != Improvement {
		t.Errorf("past it: RCI %v, %s", p.RCI, p.ReliableChange)
	}
}

// compat clinicalsignificance: critical values are the package's exact
// quantiles, criterion a by default, a not clamped at 0, b with the
// clinical SD, b and c only with both norm values, no supplied clinical
// distribution.
func TestCompatClinicalSignificance(t *testing.T) {
	opt := Options{Reliability: 0.84, Direction: LowerIsBetter, Compat: CompatClinicalSignificance}
	res, err := Analyze(handPairs, opt)
	if err != nil {
		t.Fatal(err)
	}
	// R: print(qnorm(0.975), digits = 17) gives 1.9599639845400536 (R's
	// default display rounds it to 1.959963984540054), qnorm(0.95)
	// 1.6448536269514715.
	if res.CriticalValue != 1.9599639845400536 || res.Criterion != CriterionA {
		t.Errorf("critical value %v, criterion %s", res.CriticalValue, res.Criterion)
	}
	// a = 40 − 2·10 = 20 (lower is better); no norm, so b and c are null.
	if *res.Cutoffs.A != 20 || res.Cutoffs.B != nil || res.Cutoffs.C != nil {
		t.Errorf("cut-offs %v", res.Cutoffs)
	}
	// JT as the package: RCI = change/√(2·SEM²) with the SEM from the pre SD.
	if !near(res.Patients[0].RCI, 15/math.Sqrt(32), 1e-12) {
		t.Errorf("RCI %v", res.Patients[0].RCI)
	}
	opt.Method = MethodHA
	if res, _ := Analyze(handPairs, opt); res.CriticalValue != 1.6448536269514715 {
		t.Errorf("HA critical value %v", res.CriticalValue)
	}
	// b = M_norm − 2·D·SD_clin = 10 + 2·10 = 30 (not + 2·SD_norm = 16);
	// c = (10·10 + 3·40)/(10 + 3) = 220/13.
	opt.Method, opt.Criterion, opt.Norm = MethodJT, CriterionB, &Norm{Mean: 10, SD: Float(3)}
	res, err = Analyze(handPairs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if *res.Cutoffs.B != 30 || !near(*res.Cutoffs.C, 220.0/13, 1e-12) {
		t.Errorf("b %v, c %v", *res.Cutoffs.B, *res.Cutoffs.C)
	}
	// Criterion c with a norm mean alone: the package needs both values.
	opt.Criterion, opt.Norm = CriterionC, &Norm{Mean: 10}
	if _, err := Analyze(handPairs, opt); err == nil || !strings.Contains(err.Error(), "needs the norm (non-clinical) mean and SD in compat clinicalsignificance") {
		t.Errorf("c without SD: %v", err)
	}
	// a below 0 stays below 0: pre 0, 0, 6 (mean 2, SD √12), lower better.
	res, err = Analyze([]Pair{{"A", 0, 0}, {"B", 0, 0}, {"C", 6, 0}}, Options{Reliability: 0.8, Direction: LowerIsBetter, Compat: CompatClinicalSignificance})
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 - 2*math.Sqrt(12); !near(*res.Cutoffs.A, want, 1e-12) {
		t.Errorf("a %v, want %v (not clamped)", *res.Cutoffs.A, want)
	}
	opt.Clinical = &Distribution{Mean: 1, SD: 1}
	if _, err := Analyze(handPairs, opt); err == nil || !strings.Contains(err.Error(), "clinical distribution from the sample") {
		t.Errorf("supplied clinical: %v", err)
	}
	// Incomplete pairs are dropped before the sample statistics: the
	// missing post of P6 keeps its pre score (0) out of the mean.
	pairs := append(append([]Pair{}, handPairs...), Pair{"P6", 0, math.NaN()})
	res, _ = Analyze(pairs, Options{Reliability: 0.84, Direction: LowerIsBetter, Compat: CompatClinicalSignificance})
	if res.Clinical.Mean != 40 || res.N != 5 {
		t.Errorf("clinical mean %v, n %d", res.Clinical.Mean, res.N)
	}
	if _, err := Analyze(handPairs, Options{Reliability: 0.84, Direction: HigherIsBetter, Compat: CompatClinsig, Method: MethodGLN}); err == nil {
		t.Error("compat clinsig accepted the GLN method")
	}
}
