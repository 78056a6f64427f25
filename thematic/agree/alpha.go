package agree

// alpha is Krippendorff's alpha from the coincidence matrix (Krippendorff
// 2011, "Computing Krippendorff's alpha-reliability", §C):
//
//	α = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
//
// where n_c are the coincidence marginals and n = Σ n_c the number of
// pairable values. Units with a single value are not pairable and do not
// enter. When every pairable value is in one category the expected
// disagreement is zero and α is undefined.
func (t *tables) alpha(level Level, categories []float64) Result {
	n := 0.0
	used := 0
	for _, c := range t.pairableN {
		n += c
		if c > 0 {
			used++
		}
	}
	r := Result{Units: t.unitsPairable, Coders: t.coders, Missing: t.missing, Values: int(n)}
	if t.unitsPairable == 0 {
		r.Note = "no unit was rated by two or more coders"
		return r
	}
	if level == Ratio && categories[0] < 0 {
		r.NotApplicable = true
		r.Note = "the ratio level needs non-negative values (it measures differences relative to an absolute zero)"
		return r
	}
	delta := differences(level, categories, t.pairableN)
	q := t.q
	observed, expected := 0.0, 0.0
	for c := 0; c < q; c++ {
		if t.pairableN[c] == 0 {
			continue
		}
		for k := 0; k < q; k++ {
			d := delta[c*q+k]
			observed += t.coincidence[c*q+k] * d
			expected += t.pairableN[c] * t.pairableN[k] * d
		}
	}
	if used < 2 || expected <= 0 {
		r.Note = "every pairable value is in one category, so expected disagreement is 0 and alpha is 0/0"
		return r
	}
	r.Value = 1 - (n-1)*observed/expected
	r.Defined = true
	return r
}

// differences returns the squared difference function δ²_ck for a level as a
// q × q matrix (Krippendorff 2011, §E):
//
//	nominal  δ² = 0 if c = k, else 1
//	ordinal  δ² = (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)², categories in rank order
//	interval δ² = (c − k)²
//	ratio    δ² = ((c − k)/(c + k))²
//
// The ordinal metric uses the coincidence marginals n_g, so it depends on
// how often the values between c and k were used, not on their numbers.
func differences(level Level, cats []float64, marg []float64) []float64 {
	q := len(cats)
	d := make([]float64, q*q)
	var cum []float64
	if level == Ordinal {
		cum = make([]float64, q+1) // cum[i] = Σ_{g<i} n_g
		for i, v := range marg {
			cum[i+1] = cum[i] + v
		}
	}
	for c := 0; c < q; c++ {
		for k := 0; k < q; k++ {
			if c == k {
				continue
			}
			var v float64
			switch level {
			case Nominal:
				v = 1
			case Ordinal:
				lo, hi := min(c, k), max(c, k)
				v = cum[hi+1] - cum[lo] - (marg[c]+marg[k])/2
				v *= v
			case Interval:
				v = cats[c] - cats[k]
				v *= v
			case Ratio:
				if s := cats[c] + cats[k]; s != 0 {
					v = (cats[c] - cats[k]) / s
					v *= v
				}
			}
			d[c*q+k] = v
		}
	}
	return d
}
