package agree

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// ConfidenceInterval is a bootstrap confidence interval for Krippendorff's alpha.
type ConfidenceInterval struct {
	Level      Level   `json:"level"`
	Alpha      Result  `json:"alpha"`
	Lower      float64 `json:"lower"`
	Upper      float64 `json:"upper"`
	Confidence float64 `json:"confidence"`
	Replicates int     `json:"replicates"`
	// Undefined counts replicates whose alpha was 0/0 (a resample in which
	// every pairable value fell in one category); they are left out of the
	// percentiles.
	Undefined int    `json:"undefined_replicates"`
	Seed      uint64 `json:"seed"`
	Method    string `json:"method"`
}

// MarshalText writes the level's name, so that JSON shows "nominal".
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// BootstrapAlpha gives a percentile bootstrap interval for alpha at one
// level, resampling units with replacement (Efron & Tibshirani 1993, ch. 13).
//
// Why units and not Hayes & Krippendorff's (2007) scheme: their macro
// resamples pairable values from the coincidence matrix, which treats the
// values within a unit as independent draws although they come from the
// same unit; units are what was sampled, so they are what to resample. The
// unit bootstrap for alpha performed well in Zapf et al. (2016), BMC Medical
// Research Methodology 16:93. Units with fewer than two values never affect
// alpha, so only pairable units are resampled.
//
// The same matrix, level, replicates, confidence and seed always give the
// same interval.
func BootstrapAlpha(m *Matrix, level Level, replicates int, confidence float64, seed uint64) (ConfidenceInterval, error) {
	if replicates < 100 {
		return ConfidenceInterval{}, fmt.Errorf("%d bootstrap replicates are too few for a percentile interval: use at least 1000", replicates)
	}
	if !(confidence > 0 && confidence < 1) {
		return ConfidenceInterval{}, fmt.Errorf("confidence %v must be between 0 and 1, e.g. 0.95", confidence)
	}
	iv := ConfidenceInterval{Level: level, Confidence: confidence, Replicates: replicates, Seed: seed,
		Method: "percentile bootstrap over units"}
	iv.Alpha = KrippendorffAlpha(m, level)
	if !iv.Alpha.Defined {
		return iv, errors.New("alpha is undefined on these data, so it has no interval: " + iv.Alpha.Note)
	}
	units := pairableUnits(m)
	rng := rand.New(rand.NewPCG(seed, 0x6d69786576616c)) // second word: "mixeval"
	q := len(m.categories)
	t := &tables{q: q, coders: len(m.coders), coincidence: make([]float64, q*q), pairableN: make([]float64, q)}
	alphas := make([]float64, 0, replicates)
	for range replicates {
		clear(t.coincidence)
		clear(t.pairableN)
		t.unitsPairable = len(units)
		for range units {
			units[rng.IntN(len(units))].addTo(t)
		}
		r := t.alpha(level, m.categories)
		if !r.Defined {
			iv.Undefined++
			continue
		}
		alphas = append(alphas, r.Value)
	}
	if len(alphas) == 0 {
		return iv, errors.New("alpha was undefined in every bootstrap replicate")
	}
	slices.Sort(alphas)
	tail := (1 - confidence) / 2
	iv.Lower = percentile(alphas, tail)
	iv.Upper = percentile(alphas, 1-tail)
	return iv, nil
}

// percentile of sorted xs by linear interpolation between order statistics
// (Hyndman & Fan 1996, definition 7).
func percentile(xs []float64, p float64) float64 {
	h := p * float64(len(xs)-1)
	lo := int(math.Floor(h))
	if lo >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}

// unitValues is one pairable unit reduced to category counts.
type unitValues struct {
	cats   []int32
	counts []int32
	r      int
}

func pairableUnits(m *Matrix) []unitValues {
	nc := len(m.coders)
	counts := make([]int32, len(m.categories))
	var out []unitValues
	for u := range m.units {
		var uv unitValues
		for _, k := range m.cells[u*nc : (u+1)*nc] {
			if k == missing {
				continue
			}
			if counts[k] == 0 {
				uv.cats = append(uv.cats, k)
			}
			counts[k]++
			uv.r++
		}
		for _, k := range uv.cats {
			uv.counts = append(uv.counts, counts[k])
			counts[k] = 0
		}
		if uv.r >= 2 {
			out = append(out, uv)
		}
	}
	return out
}

// addTo adds the unit's coincidences, as tables.addUnit does.
func (uv *unitValues) addTo(t *tables) {
	w := 1 / float64(uv.r-1)
	q := t.q
	for i, c := range uv.cats {
		nc := float64(uv.counts[i])
		for j, k := range uv.cats {
			if i == j {
				t.coincidence[int(c)*q+int(c)] += nc * (nc - 1) * w
			} else {
				t.coincidence[int(c)*q+int(k)] += nc * float64(uv.counts[j]) * w
			}
		}
		t.pairableN[c] += nc
	}
}
