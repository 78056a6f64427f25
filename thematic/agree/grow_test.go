package agree

import (
	"math"
	"testing"
)

func TestGrowKeepsData(t *testing.T) {
	m, _ := NewMatrix([]string{"a", "b"}, []float64{0, 1})
	m.AddUnit("u1", []float64{1, 0})
	m.Grow(1000)
	m.AddUnit("u2", []float64{1, math.NaN()})
	if m.Units() != 2 || m.UnitID(0) != "u1" {
		t.Fatalf("units %d", m.Units())
	}
	if v, ok := m.Value(0, 1); !ok || v != 0 {
		t.Errorf("u1 b = %v %v", v, ok)
	}
	if _, ok := m.Value(1, 1); ok {
		t.Error("u2 b should be missing")
	}
	m.Grow(-1)
}
