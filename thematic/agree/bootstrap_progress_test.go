package agree

import (
	"slices"
	"testing"
)

// Progress is reported every 1,000 replicates and at the end, and does not
// change the interval.
func TestBootstrapProgress(t *testing.T) {
	m := fromRows(t, []float64{1, 2, 3, 4, 5}, krippendorff2011)
	var got []int
	a, err := BootstrapAlphaProgress(m, Nominal, 3500, 0.95, 7, func(n int) { got = append(got, n) })
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1000, 2000, 3000, 3500}; !slices.Equal(got, want) {
		t.Errorf("progress %v, want %v", got, want)
	}
	b, _ := BootstrapAlpha(m, Nominal, 3500, 0.95, 7)
	if a.Lower != b.Lower || a.Upper != b.Upper {
		t.Errorf("interval with progress %v-%v, without %v-%v", a.Lower, a.Upper, b.Lower, b.Upper)
	}
}
