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
	return BootstrapAlphaProgress(m, level, replicates, confidence, seed, nil)
}

// progressEvery is how many replicates pass between calls of a progress
// function.
const progressEvery = 1000

// BootstrapAlphaProgress is BootstrapAlpha calling progress (when not nil)
// with the number of replicates drawn so far, every 1,000 replicates and
// once at the end, so that a front end can show a long run moving.
func BootstrapAlphaProgress(m *Matrix, level Level, replicates int, confidence float64, seed uint64, progress func(done int)) (ConfidenceInterval, error) {
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
	patterns, unitPattern := pairablePatterns(m)
	rng := rand.New(rand.NewPCG(seed, 0x6d69786576616c)) // second word: "mixeval"
	q := len(m.categories)
	t := &tables{q: q, coders: len(m.coders), coincidence: make([]float64, q*q), pairableN: make([]float64, q)}
	drawn := make([]int, len(patterns))
	alphas := make([]float64, 0, replicates)
	for rep := range replicates {
		if progress != nil && rep > 0 && rep%progressEvery == 0 {
			progress(rep)
		}
		// Drawing units with replacement only matters through how often
		// each pattern of values is drawn; units with the same pattern add
		// the same coincidences.
		clear(drawn)
		for range unitPattern {
			drawn[unitPattern[rng.IntN(len(unitPattern))]]++
		}
		clear(t.coincidence)
		clear(t.pairableN)
		t.unitsPairable = len(unitPattern)
		for p, n := range drawn {
			if n > 0 {
				patterns[p].addTo(t, float64(n))
			}
		}
		r := t.alpha(level, m.categories)
		if !r.Defined {
			iv.Undefined++
			continue
		}
		alphas = append(alphas, r.Value)
	}
	if progress != nil {
		progress(replicates)
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

// pattern is the category counts of a pairable unit; many units share one.
type pattern struct {
	cats   []int32
	counts []int32
	r      int
}

// pairablePatterns returns the distinct patterns of the pairable units and,
// for each pairable unit, its pattern's index. A row added by AddUnits for n
// units gives n entries, so that the units are resampled one by one exactly
// as if they had been added one by one.
func pairablePatterns(m *Matrix) ([]pattern, []int32) {
	nc := len(m.coders)
	counts := make([]int32, len(m.categories))
	index := map[string]int32{}
	var patterns []pattern
	var unitPattern []int32
	var key []byte
	for u := range m.units {
		var p pattern
		for _, k := range m.cells[u*nc : (u+1)*nc] {
			if k == missing {
				continue
			}
			if counts[k] == 0 {
				p.cats = append(p.cats, k)
			}
			counts[k]++
			p.r++
		}
		slices.Sort(p.cats)
		key = key[:0]
		for _, k := range p.cats {
			p.counts = append(p.counts, counts[k])
			key = fmt.Appendf(key, "%d:%d,", k, counts[k])
			counts[k] = 0
		}
		if p.r < 2 {
			continue
		}
		id, ok := index[string(key)]
		if !ok {
			id = int32(len(patterns))
			index[string(key)] = id
			patterns = append(patterns, p)
		}
		for range m.rowWeight(u) {
			unitPattern = append(unitPattern, id)
		}
	}
	return patterns, unitPattern
}

// addTo adds times copies of the pattern's coincidences, as tables.addUnit
// does for one unit.
func (p *pattern) addTo(t *tables, times float64) {
	w := times / float64(p.r-1)
	q := t.q
	for i, c := range p.cats {
		nc := float64(p.counts[i])
		for j, k := range p.cats {
			if i == j {
				t.coincidence[int(c)*q+int(c)] += nc * (nc - 1) * w
			} else {
				t.coincidence[int(c)*q+int(k)] += nc * float64(p.counts[j]) * w
			}
		}
		t.pairableN[c] += nc * times
	}
}
