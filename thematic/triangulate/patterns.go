package triangulate

import (
	"math"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/thematic/agree"
)

// maxDenseCoders is the most coders whose patterns are counted in a plain
// slice: 3^6 = 729 counters. More coders (rare) use a map.
const maxDenseCoders = 6

// unitPatterns counts document units by their pattern of values: each coder
// 1 (applied), 0 (reviewed, not applied) or missing (not reviewed). With c
// coders there are at most 3^c patterns — 9 for two — so a matrix built
// from the counts (agree.AddUnits) has a handful of rows however many
// documents the study has, and summarizing it costs next to nothing.
type unitPatterns struct {
	coders int
	dense  []int          // by pattern number Σ_c digit_c·3^c
	sparse map[string]int // by digits, one byte per coder, above maxDenseCoders
	key    []byte
}

func newUnitPatterns(coders int) *unitPatterns {
	u := &unitPatterns{coders: coders, key: make([]byte, coders)}
	if coders <= maxDenseCoders {
		n := 1
		for range coders {
			n *= 3
		}
		u.dense = make([]int, n)
	} else {
		u.sparse = map[string]int{}
	}
	return u
}

// digit codes one value: 0 missing, 1 absent, 2 present.
func digit(v float64) byte {
	switch {
	case math.IsNaN(v):
		return 0
	case v == 1:
		return 2
	default:
		return 1
	}
}

// add counts one unit with these values, one per coder.
func (u *unitPatterns) add(values []float64) {
	if u.dense != nil {
		i := 0
		for c := len(values) - 1; c >= 0; c-- {
			i = 3*i + int(digit(values[c]))
		}
		u.dense[i]++
		return
	}
	for c, v := range values {
		u.key[c] = digit(v)
	}
	u.sparse[string(u.key)]++
}

// addAll adds every count of o (same coders) to u.
func (u *unitPatterns) addAll(o *unitPatterns) {
	for i, n := range o.dense {
		u.dense[i] += n
	}
	for k, n := range o.sparse {
		u.sparse[k] += n
	}
}

// matrix returns a presence/absence matrix with one row per pattern seen,
// counting its units, in a fixed order (pattern number, or digits sorted).
func (u *unitPatterns) matrix(names []string) *agree.Matrix {
	m, _ := agree.NewMatrix(names, []float64{0, 1})
	values := make([]float64, u.coders)
	digits := make([]byte, u.coders)
	addRow := func(n int) {
		for c, d := range digits {
			values[c] = [3]float64{math.NaN(), 0, 1}[d]
		}
		// Values are always 0, 1 or missing, so AddUnits cannot fail.
		_ = m.AddUnits(patternID(digits), values, n)
	}
	for i, n := range u.dense {
		if n == 0 {
			continue
		}
		for c, x := 0, i; c < u.coders; c, x = c+1, x/3 {
			digits[c] = byte(x % 3)
		}
		addRow(n)
	}
	keys := make([]string, 0, len(u.sparse))
	for k := range u.sparse {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		copy(digits, k)
		addRow(u.sparse[k])
	}
	return m
}

// patternID names a row for messages, e.g. "pattern 1,0,-" (coder order;
// "-" not reviewed).
func patternID(digits []byte) string {
	var b strings.Builder
	b.WriteString("pattern ")
	for c, d := range digits {
		if c > 0 {
			b.WriteByte(',')
		}
		b.WriteByte("-01"[d])
	}
	return b.String()
}
