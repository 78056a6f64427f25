package quant

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// ExploratoryBelow is the number of complete pairs below which the group
// effects are labelled exploratory: the effect size's interval rests on a
// large-sample approximation, and with fewer pairs neither it nor the t
// interval's assumption of normally distributed changes can be checked
// (docs/quant.md).
const ExploratoryBelow = 30

// ExactWilcoxonUpTo is the largest number of non-zero changes for which
// the Wilcoxon signed-rank p is exact; above it the normal approximation
// is used.
const ExactWilcoxonUpTo = 25

// Effects are the group-level effects of a measure: all change is post −
// pre, so a positive change is an improvement when higher is better.
type Effects struct {
	N int `json:"n"`
	// MeanChange is the mean of post − pre with its 95% confidence
	// interval from the t distribution (n − 1 degrees of freedom).
	MeanChange   float64   `json:"mean_change"`
	SDChange     *float64  `json:"sd_change"`
	MeanChangeCI *Interval `json:"mean_change_ci"`
	// EffectSize is the standardised mean change.
	EffectSize *EffectSize `json:"effect_size"`
	Wilcoxon   *Wilcoxon   `json:"wilcoxon"`
	// Exploratory is true below ExploratoryBelow pairs.
	Exploratory bool `json:"exploratory"`
}

// Interval is a confidence interval.
type Interval struct {
	Level float64 `json:"level"`
	Lower float64 `json:"lower"`
	Upper float64 `json:"upper"`
}

// EffectSize is the standardised mean change d = mean change / SD of the
// pre scores (Becker 1988), with a 95% interval d ± 1.96·√v, v = 2(1 − ρ)/n
// + d²/(2n), ρ the pre–post correlation. No small-sample correction.
type EffectSize struct {
	D            float64  `json:"d"`
	Standardiser string   `json:"standardiser"`
	CI           Interval `json:"ci"`
}

// Wilcoxon is the Wilcoxon signed-rank test of the changes: zero changes
// dropped, mid-ranks for tied absolute changes, V the sum of the ranks of
// the positive changes (R's statistic). The p value is two-sided: exact,
// from all 2^n sign assignments, up to ExactWilcoxonUpTo changes, else the
// normal approximation with the tie correction and a continuity correction
// of 0.5 (as R's wilcox.test).
type Wilcoxon struct {
	N      int      `json:"n"`
	Zeros  int      `json:"zeros_dropped"`
	Ties   bool     `json:"ties"`
	V      float64  `json:"v"`
	Method string   `json:"method"`
	Z      *float64 `json:"z"`
	P      *float64 `json:"p"`
}

func groupEffects(ps []Pair, st stats) Effects {
	e := Effects{N: st.n, MeanChange: st.change.Mean, SDChange: finitePtr(st.change.SD), Exploratory: st.n < ExploratoryBelow}
	n := float64(st.n)
	if st.n >= 2 && st.change.SD > 0 {
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975)
		h := t * st.change.SD / math.Sqrt(n)
		e.MeanChangeCI = &Interval{Level: 0.95, Lower: st.change.Mean - h, Upper: st.change.Mean + h}
	}
	if st.n >= 2 && st.pre.SD > 0 {
		d := st.change.Mean / st.pre.SD
		rho := st.rho
		if math.IsNaN(rho) {
			rho = 0 // constant post scores: no correlation to credit
		}
		h := distuv.UnitNormal.Quantile(0.975) * math.Sqrt(2*(1-rho)/n+d*d/(2*n))
		e.EffectSize = &EffectSize{D: d, Standardiser: "sd_pre", CI: Interval{Level: 0.95, Lower: d - h, Upper: d + h}}
	}
	e.Wilcoxon = signedRank(ps)
	return e
}

// signedRank runs the Wilcoxon signed-rank test on post − pre.
func signedRank(ps []Pair) *Wilcoxon {
	// Sort by |change|, each change's sign in the lowest bit: the bits of a
	// non-negative float64 order as the number does.
	keys := make([]uint64, 0, len(ps))
	w := &Wilcoxon{}
	for _, p := range ps {
		d := p.Post - p.Pre
		if d == 0 {
			w.Zeros++
			continue
		}
		k := math.Float64bits(math.Abs(d)) << 1
		if d > 0 {
			k |= 1
		}
		keys = append(keys, k)
	}
	w.N = len(keys)
	if w.N == 0 {
		w.Method = "none"
		return w
	}
	slices.SortFunc(keys, func(a, b uint64) int { return cmp.Compare(a>>1, b>>1) })
	// Doubled mid-ranks are whole numbers: a tie group over positions
	// i..j-1 (0-based) has rank (i+1 + j)/2, doubled i+1+j.
	ranks2 := make([]int, w.N)
	var v2 int
	var tieTerm float64 // Σ(t³ − t) over tie groups
	for i := 0; i < w.N; {
		j := i + 1
		for j < w.N && keys[j]>>1 == keys[i]>>1 {
			j++
		}
		t := j - i
		if t > 1 {
			w.Ties = true
			tieTerm += float64(t)*float64(t)*float64(t) - float64(t)
		}
		for k := i; k < j; k++ {
			ranks2[k] = i + 1 + j
			if keys[k]&1 == 1 {
				v2 += i + 1 + j
			}
		}
		i = j
	}
	w.V = float64(v2) / 2
	n := float64(w.N)
	if w.N <= ExactWilcoxonUpTo {
		w.Method = "exact"
		w.P = Float(exactSignedRankP(ranks2, v2))
		return w
	}
	w.Method = "normal"
	z := w.V - n*(n+1)/4
	sigma := math.Sqrt(n*(n+1)*(2*n+1)/24 - tieTerm/48)
	z = (z - float64(sign(z))*0.5) / sigma
	w.Z = finitePtr(z)
	p := 2 * math.Min(distuv.UnitNormal.CDF(z), distuv.UnitNormal.Survival(z))
	w.P = finitePtr(math.Min(p, 1))
	return w
}

// exactSignedRankP counts, over all 2^n assignments of signs to the
// (doubled) ranks, those whose positive-rank sum is as extreme as v2, as
// R's wilcox.test does for its exact test: P(V ≥ v) when v is above the
// mean n(n+1)/4, else P(V ≤ v), doubled, at most 1. Counting by sums
// (dynamic programming) enumerates every assignment without listing them.
func exactSignedRankP(ranks2 []int, v2 int) float64 {
	total := 0
	for _, r := range ranks2 {
		total += r
	}
	counts := make([]float64, total+1)
	counts[0] = 1
	top := 0
	for _, r := range ranks2 {
		for s := top; s >= 0; s-- {
			if counts[s] != 0 {
				counts[s+r] += counts[s]
			}
		}
		top += r
	}
	all := math.Ldexp(1, len(ranks2))
	var tail float64
	if 2*v2 > total { // v above the mean, total/4 in halved units
		for s := v2; s <= total; s++ {
			tail += counts[s]
		}
	} else {
		for s := 0; s <= v2; s++ {
			tail += counts[s]
		}
	}
	return math.Min(1, 2*tail/all)
}
