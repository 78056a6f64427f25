package agree

import (
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
