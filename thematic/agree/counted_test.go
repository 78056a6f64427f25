package agree

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestAddUnitsEqualsRepeatedAddUnit builds random matrices twice — each
// row added n times with AddUnit, and once with AddUnits(…, n) — and holds
// every statistic equal: integer counts exactly, coefficients within 1e-12
// relative (n·x and x added n times may differ in the last bits), and the
// bootstrap interval exactly, since it resamples the same units in the same
// order.
func TestAddUnitsEqualsRepeatedAddUnit(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 11))
	for trial := range 300 {
		coders := 2 + rng.IntN(4)
		q := 1 + rng.IntN(5)
		cats := make([]float64, 0, q)
		for v := float64(rng.IntN(3) - 1); len(cats) < q; v += float64(1 + rng.IntN(3)) {
			cats = append(cats, v) // sometimes starts at −1: ratio then does not apply
		}
		names := make([]string, coders)
		for c := range names {
			names[c] = fmt.Sprintf("c%d", c)
		}
		one, _ := NewMatrix(names, cats)
		counted, _ := NewMatrix(names, cats)
		missingRate := []float64{0, 0.2, 0.6}[trial%3]
		rows := 1 + rng.IntN(12)
		values := make([]float64, coders)
		for r := range rows {
			for c := range values {
				if rng.Float64() < missingRate {
					values[c] = math.NaN()
				} else {
					values[c] = cats[rng.IntN(q)]
				}
			}
			n := rng.IntN(40) // 0 adds nothing
			id := fmt.Sprintf("u%d", r)
			for range n {
				if err := one.AddUnit(id, values); err != nil {
					t.Fatal(err)
				}
			}
			if err := counted.AddUnits(id, values, n); err != nil {
				t.Fatal(err)
			}
		}
		where := fmt.Sprintf("trial %d (%d coders, %d categories, %d rows)", trial, coders, q, rows)
		if one.Units() != counted.Units() {
			t.Fatalf("%s: Units() %d one by one, %d counted", where, one.Units(), counted.Units())
		}
		a, b := Summarize(one), Summarize(counted)
		if a.UnitsRated != b.UnitsRated || a.UnitsComplete != b.UnitsComplete || a.Coders != b.Coders || a.MissingValues != b.MissingValues {
			t.Fatalf("%s: counts differ: %d/%d/%d/%d one by one, %d/%d/%d/%d counted", where,
				a.UnitsRated, a.UnitsComplete, a.Coders, a.MissingValues, b.UnitsRated, b.UnitsComplete, b.Coders, b.MissingValues)
		}
		rowsA, rowsB := a.Rows(), b.Rows()
		for i := range rowsA {
			sameResult(t, where+", "+rowsA[i].Key, rowsA[i].Result, rowsB[i].Result)
		}
		if !a.Alpha[Nominal].Defined || one.Units() < 2 {
			continue
		}
		ia, errA := BootstrapAlpha(one, Nominal, 200, 0.9, uint64(trial))
		ib, errB := BootstrapAlpha(counted, Nominal, 200, 0.9, uint64(trial))
		if (errA == nil) != (errB == nil) {
			t.Fatalf("%s: bootstrap error %v one by one, %v counted", where, errA, errB)
		}
		if ia.Lower != ib.Lower || ia.Upper != ib.Upper || ia.Undefined != ib.Undefined {
			t.Fatalf("%s: bootstrap %v–%v (%d undefined) one by one, %v–%v (%d) counted", where,
				ia.Lower, ia.Upper, ia.Undefined, ib.Lower, ib.Upper, ib.Undefined)
		}
	}
}

func sameResult(t *testing.T, where string, a, b Result) {
	t.Helper()
	if a.Defined != b.Defined || a.NotApplicable != b.NotApplicable || a.Units != b.Units ||
		a.Coders != b.Coders || a.Missing != b.Missing || a.Values != b.Values || a.Note != b.Note {
		t.Fatalf("%s: one by one %+v, counted %+v", where, a, b)
	}
	if !a.Defined {
		return
	}
	if d := math.Abs(a.Value - b.Value); d > 1e-12*math.Max(1, math.Abs(a.Value)) {
		t.Fatalf("%s: %.17g one by one, %.17g counted (difference %g)", where, a.Value, b.Value, d)
	}
}

func TestAddUnitsRowsAndErrors(t *testing.T) {
	m, _ := NewMatrix([]string{"a", "b"}, []float64{0, 1})
	if err := m.AddUnit("x", []float64{1, 1}); err != nil {
		t.Fatal(err)
	}
	if err := m.AddUnits("y", []float64{0, math.NaN()}, 5); err != nil {
		t.Fatal(err)
	}
	if err := m.AddUnits("z", []float64{0, 0}, 0); err != nil {
		t.Fatal(err)
	}
	if err := m.AddUnit("w", []float64{0, 1}); err != nil {
		t.Fatal(err)
	}
	// Rows x, y (5 units), w: 3 rows, 1 + 5 + 1 = 7 units.
	if m.Rows() != 3 || m.Units() != 7 || m.RowUnits(0) != 1 || m.RowUnits(1) != 5 || m.RowUnits(2) != 1 {
		t.Errorf("rows %d units %d weights %d %d %d, want 3 7 1 5 1", m.Rows(), m.Units(), m.RowUnits(0), m.RowUnits(1), m.RowUnits(2))
	}
	if err := m.AddUnits("bad", []float64{2, 0}, 3); err == nil {
		t.Error("a value outside the categories was accepted")
	}
	if err := m.AddUnits("neg", []float64{0, 0}, -1); err == nil {
		t.Error("a negative count was accepted")
	}
	if m.Rows() != 3 || m.Units() != 7 {
		t.Errorf("a rejected row changed the matrix: %d rows, %d units", m.Rows(), m.Units())
	}
	// Hand count: 7 units all rated (y by a only), 5 missing cells; the
	// complete units x and w: one agrees → all-agree 1/2.
	s := Summarize(m)
	if s.UnitsRated != 7 || s.UnitsComplete != 2 || s.MissingValues != 5 || s.AllAgree.Value != 0.5 {
		t.Errorf("rated %d complete %d missing %d all-agree %v, want 7 2 5 0.5", s.UnitsRated, s.UnitsComplete, s.MissingValues, s.AllAgree.Value)
	}
}
