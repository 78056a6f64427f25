package quant

import (
	"math"
	"testing"
)

func changes(xs []float64) []Pair {
	ps := make([]Pair, len(xs))
	for i, x := range xs {
		ps[i] = Pair{ID: "p", Pre: 0, Post: x}
	}
	return ps
}

// The exact signed-rank test, enumerated by hand.
func TestWilcoxonExactByHand(t *testing.T) {
	// Changes 15, 20, 2, −12, 10, 13: ranks of |change| 5, 6, 1, 3, 2, 4;
	// V = 5 + 6 + 1 + 2 + 4 = 18 (above the mean 10.5). P(V ≥ 18): the
	// subsets of {1..6} whose complement sums to at most 3 are {}, {1},
	// {2}, {3}, {1,2}: 5 of 64; p = 2·5/64 = 0.15625 (R: wilcox.test gives
	// 0.15625).
	w := signedRank(changes([]float64{15, 20, 2, -12, 10, 13}))
	if w.V != 18 || w.N != 6 || w.Method != "exact" || *w.P != 0.15625 {
		t.Errorf("%+v p %v", w, *w.P)
	}
	// Changes 0, 1, −1, 2, 2, 3: the 0 is dropped; |change| 1, 1, 2, 2, 3
	// take mid-ranks 1.5, 1.5, 3.5, 3.5, 5; V = 1.5 + 3.5 + 3.5 + 5 = 13.5
	// (mean 7.5). Doubled ranks 3, 3, 7, 7, 10 (sum 30), V doubled 27:
	// P(sum ≥ 27) needs the complement to sum to at most 3: {}, {3}, {3'}
	// = 3 of 32; p = 2·3/32 = 0.1875.
	w = signedRank(changes([]float64{0, 1, -1, 2, 2, 3}))
	if w.V != 13.5 || w.N != 5 || w.Zeros != 1 || !w.Ties || *w.P != 0.1875 {
		t.Errorf("%+v p %v", w, *w.P)
	}
	// Every change 0: no test.
	w = signedRank(changes([]float64{0, 0}))
	if w.Method != "none" || w.P != nil || w.Zeros != 2 {
		t.Errorf("%+v", w)
	}
}

// Against R 4 (an independent implementation): wilcox.test on 25 changes
// without ties is exact (psignrank); on 26 it is the normal approximation
// here. Changes 1, −2, 3, 4, −5, 6, 7, …, 25 (and 26):
//
//	wilcox.test(z)$p.value                = 1.1324882507324215e-06 (exact)
//	wilcox.test(c(z, 26), exact = FALSE)  = 1.9824331845228365e-05
func TestWilcoxonAgainstR(t *testing.T) {
	z := []float64{1, -2, 3, 4, -5}
	for i := 6.0; i <= 25; i++ {
		z = append(z, i)
	}
	w := signedRank(changes(z))
	if w.Method != "exact" || !near(*w.P, 1.1324882507324215e-06, 1e-18) {
		t.Errorf("n = 25: %s p %v", w.Method, *w.P)
	}
	w = signedRank(changes(append(z, 26)))
	if w.Method != "normal" || !near(*w.P, 1.9824331845228365e-05, 1e-15) {
		t.Errorf("n = 26: %s p %v", w.Method, *w.P)
	}
	// Ties and a zero, 31 changes: R's wilcox.test(x, exact = FALSE,
	// correct = TRUE) gives V = 401.5, p = 0.00051533047644253119; the tie
	// correction and the dropped zero both change that p.
	x := []float64{-3, -2, -1, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7, 8, 9, 10, -4, -5, 6, 7, 3, 2, 1, -1, 4}
	w = signedRank(changes(x))
	if w.V != 401.5 || w.N != 30 || w.Zeros != 1 || !near(*w.P, 0.00051533047644253119, 1e-15) {
		t.Errorf("%+v p %v", w, *w.P)
	}
}

// The mean change's t interval and the effect size, against R and the
// formula. The same 31 changes (pre 0): R's t.test gives 1.5394458891718994
// to 4.2670057237313266 around 2.903225806451613 (SD 3.7180177398687189).
// Pre scores 10, 20, 30, 40 with post 14, 22, 37, 41: changes 4, 2, 7, 1
// (mean 3.5); SD_pre = √(500/3) = 12.90994; d = 3.5/12.90994 = 0.271109;
// pre–post r: deviations −15, −5, 5, 15 and −14.5, −6.5, 8.5, 12.5
// (post mean 28.5), products 217.5 + 32.5 + 42.5 + 187.5 = 480, squares
// 500 and 481: r = 480/√(500·481) = 0.978777; v = 2(1 − r)/4 + d²/8 =
// 0.010612 + 0.009187 = 0.019799; 1.959964·√v = 0.275785: −0.004676 to
// 0.546894.
func TestGroupEffects(t *testing.T) {
	x := []float64{-3, -2, -1, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7, 8, 9, 10, -4, -5, 6, 7, 3, 2, 1, -1, 4}
	ps := changes(x)
	for i := range ps {
		ps[i].Pre = float64(i % 7) // some spread in the pre scores
		ps[i].Post += ps[i].Pre
	}
	e := groupEffects(ps, sampleStats(ps))
	if !near(e.MeanChange, 2.903225806451613, 1e-12) || !near(*e.SDChange, 3.7180177398687189, 1e-12) ||
		!near(e.MeanChangeCI.Lower, 1.5394458891718994, 1e-9) || !near(e.MeanChangeCI.Upper, 4.2670057237313266, 1e-9) || e.Exploratory {
		t.Errorf("%+v CI %+v", e, *e.MeanChangeCI)
	}
	ps = []Pair{{"a", 10, 14}, {"b", 20, 22}, {"c", 30, 37}, {"d", 40, 41}}
	e = groupEffects(ps, sampleStats(ps))
	es := e.EffectSize
	if es == nil || es.Standardiser != "sd_pre" || !near(es.D, 0.271109, 5e-7) || !near(es.CI.Lower, -0.004676, 5e-6) || !near(es.CI.Upper, 0.546894, 5e-6) || !e.Exploratory {
		t.Errorf("effect size %+v", es)
	}
	// One pair: no interval, no effect size, still a (trivial) exact test.
	e = groupEffects(ps[:1], sampleStats(ps[:1]))
	if e.MeanChangeCI != nil || e.EffectSize != nil || e.SDChange != nil || math.IsNaN(e.MeanChange) {
		t.Errorf("one pair: %+v", e)
	}
}
