package agree

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestBootstrapAlphaIsReproducible(t *testing.T) {
	m := fromRows(t, []float64{1, 2, 3, 4, 5}, krippendorff2011)
	a, err := BootstrapAlpha(m, Nominal, 2000, 0.95, 42)
	if err != nil {
		t.Fatal(err)
	}
	b, err := BootstrapAlpha(m, Nominal, 2000, 0.95, 42)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("same seed, different intervals: %+v vs %+v", a, b)
	}
	c, err := BootstrapAlpha(m, Nominal, 2000, 0.95, 43)
	if err != nil {
		t.Fatal(err)
	}
	if a.Lower == c.Lower && a.Upper == c.Upper {
		t.Errorf("different seeds gave the same interval %v–%v", a.Lower, a.Upper)
	}
	// The interval must bracket the point estimate (.743) and stay within
	// alpha's range: at most 1, and on 11 units it is wide.
	if !(a.Lower < a.Alpha.Value && a.Alpha.Value < a.Upper && a.Upper <= 1) {
		t.Errorf("interval %.3f–%.3f does not bracket alpha %.3f", a.Lower, a.Upper, a.Alpha.Value)
	}
	if a.Replicates != 2000 || a.Undefined+0 > 2000 {
		t.Errorf("replicates %d undefined %d", a.Replicates, a.Undefined)
	}
}

// The unit bootstrap resamples units: with every unit in perfect agreement
// on two categories, every replicate that has both categories gives alpha 1,
// and replicates drawing one category only are undefined and counted.
func TestBootstrapAlphaPerfectAgreement(t *testing.T) {
	m := fromRows(t, []float64{0, 1}, [][]float64{{0, 0}, {1, 1}, {0, 0}, {1, 1}})
	iv, err := BootstrapAlpha(m, Nominal, 1000, 0.9, 7)
	if err != nil {
		t.Fatal(err)
	}
	if iv.Lower != 1 || iv.Upper != 1 {
		t.Errorf("interval %v–%v, want 1–1", iv.Lower, iv.Upper)
	}
	// P(all four draws from one category) = 2·(1/2)^4 = 1/8: about 125 of
	// 1000 replicates are undefined.
	if iv.Undefined < 80 || iv.Undefined > 170 {
		t.Errorf("%d undefined replicates, want about 125", iv.Undefined)
	}
}

func TestBootstrapAlphaRejects(t *testing.T) {
	m := fromRows(t, []float64{0, 1}, [][]float64{{1, 1}, {1, 1}})
	if _, err := BootstrapAlpha(m, Nominal, 1000, 0.95, 1); err == nil {
		t.Error("undefined alpha got an interval")
	}
	m = fromRows(t, []float64{1, 2, 3, 4, 5}, krippendorff2011)
	if _, err := BootstrapAlpha(m, Nominal, 10, 0.95, 1); err == nil {
		t.Error("10 replicates accepted")
	}
	if _, err := BootstrapAlpha(m, Nominal, 1000, 95, 1); err == nil {
		t.Error("confidence 95 accepted")
	}
}

// Aggregating draws by pattern must give what adding each drawn unit does.
// Redo the resampling unit by unit with the same random stream (the same
// seed and draws), through buildTables on a resampled matrix, and compare.
func TestBootstrapPatternsMatchUnitByUnit(t *testing.T) {
	m := fromRows(t, []float64{1, 2, 3, 4, 5}, krippendorff2011)
	const reps, seed = 200, 99
	iv, err := BootstrapAlpha(m, Interval, reps, 0.9, seed)
	if err != nil {
		t.Fatal(err)
	}
	var pairable [][]float64
	for u := range m.Units() {
		row := make([]float64, len(m.coders))
		n := 0
		for c := range row {
			if v, ok := m.Value(u, c); ok {
				row[c] = v
				n++
			} else {
				row[c] = na
			}
		}
		if n >= 2 {
			pairable = append(pairable, row)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x6d69786576616c))
	var alphas []float64
	for range reps {
		rows := make([][]float64, len(pairable))
		for i := range rows {
			rows[i] = pairable[rng.IntN(len(pairable))]
		}
		r := KrippendorffAlpha(fromRows(t, m.Categories(), rows), Interval)
		if r.Defined {
			alphas = append(alphas, r.Value)
		}
	}
	slices.Sort(alphas)
	lo, hi := percentile(alphas, 0.05), percentile(alphas, 0.95)
	if math.Abs(lo-iv.Lower) > 1e-9 || math.Abs(hi-iv.Upper) > 1e-9 {
		t.Errorf("patterns give %.9f–%.9f, unit by unit %.9f–%.9f", iv.Lower, iv.Upper, lo, hi)
	}
}

func BenchmarkBootstrapAlpha(b *testing.B) {
	m, err := ReadCSV(bytes.NewReader(reliabilityCSV(100_000, 2)), "bench.csv", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := BootstrapAlpha(m, Nominal, 1000, 0.95, 1); err != nil {
			b.Fatal(err)
		}
	}
}
