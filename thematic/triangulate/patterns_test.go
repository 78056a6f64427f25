package triangulate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/mixeval/mixeval/thematic/agree"
)

// TestPatternMatrixMatchesOneRowPerDocument holds the pattern-count matrix
// that Study builds equal to the one-row-per-document matrix it replaced,
// for two coders, three, and seven (counted in a map rather than a slice),
// and for a pooled count merged from several codes.
func TestPatternMatrixMatchesOneRowPerDocument(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2026))
	for _, coders := range []int{2, 3, 7} {
		names := make([]string, coders)
		for c := range names {
			names[c] = fmt.Sprintf("coder%d", c)
		}
		perDocPooled, _ := agree.NewMatrix(names, []float64{0, 1})
		pooled := newUnitPatterns(coders)
		values := make([]float64, coders)
		for code := range 4 {
			perDoc, _ := agree.NewMatrix(names, []float64{0, 1})
			counts := newUnitPatterns(coders)
			for d := range 500 {
				for c := range values {
					switch x := rng.Float64(); {
					case x < 0.1:
						values[c] = math.NaN()
					case x < 0.4+0.1*float64(code):
						values[c] = 1
					default:
						values[c] = 0
					}
				}
				id := fmt.Sprintf("doc%d", d)
				perDoc.AddUnit(id, values)
				perDocPooled.AddUnit(id, values)
				counts.add(values)
			}
			pooled.addAll(counts)
			sameSummary(t, fmt.Sprintf("%d coders, code %d", coders, code), perDoc, counts.matrix(names))
		}
		sameSummary(t, fmt.Sprintf("%d coders, pooled", coders), perDocPooled, pooled.matrix(names))
	}
}

func sameSummary(t *testing.T, where string, want, got *agree.Matrix) {
	t.Helper()
	if want.Units() != got.Units() {
		t.Fatalf("%s: %d units per document, %d from patterns", where, want.Units(), got.Units())
	}
	possible := 1
	for range got.Coders() {
		possible *= 3
	}
	if got.Rows() > possible {
		t.Fatalf("%s: %d rows, more than the %d patterns possible", where, got.Rows(), possible)
	}
	a, b := agree.Summarize(want), agree.Summarize(got)
	if a.UnitsRated != b.UnitsRated || a.UnitsComplete != b.UnitsComplete || a.MissingValues != b.MissingValues {
		t.Fatalf("%s: counts %d/%d/%d per document, %d/%d/%d from patterns", where,
			a.UnitsRated, a.UnitsComplete, a.MissingValues, b.UnitsRated, b.UnitsComplete, b.MissingValues)
	}
	ra, rb := a.Rows(), b.Rows()
	for i := range ra {
		x, y := ra[i].Result, rb[i].Result
		if x.Defined != y.Defined || x.Units != y.Units || x.Missing != y.Missing || x.Values != y.Values {
			t.Fatalf("%s, %s: %+v per document, %+v from patterns", where, ra[i].Key, x, y)
		}
		if x.Defined && math.Abs(x.Value-y.Value) > 1e-12*math.Max(1, math.Abs(x.Value)) {
			t.Fatalf("%s, %s: %.17g per document, %.17g from patterns", where, ra[i].Key, x.Value, y.Value)
		}
	}
}
