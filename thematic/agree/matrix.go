package agree

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
)

// MaxCategories bounds the declared category set. The coincidence matrix is
// q × q; beyond about a thousand values the data are measurements rather
// than codes, and other reliability statistics (intraclass correlation) fit
// them better.
const MaxCategories = 1024

// missing marks an empty cell in Matrix.cells.
const missing = -1

// Matrix holds reliability data: units × coders, each cell one category or
// missing. Categories are stored as indexes into the ordered category set, so
// that the statistics never compare floating-point numbers.
type Matrix struct {
	coders     []string
	categories []float64 // ascending, distinct
	units      []string
	cells      []int32 // row-major: row u, coder c at u*len(coders)+c
	// weights holds how many identical units each row stands for (see
	// AddUnits); nil while every row is one unit, as with AddUnit alone.
	weights []int
}

// NewMatrix makes an empty matrix for the coders and the ordered category
// set. Categories must be distinct finite numbers; they are sorted.
func NewMatrix(coders []string, categories []float64) (*Matrix, error) {
	if len(coders) < 2 {
		return nil, fmt.Errorf("agreement needs at least two coders, got %d", len(coders))
	}
	seen := make(map[string]bool, len(coders))
	for _, c := range coders {
		if seen[c] {
			return nil, fmt.Errorf("coder %q appears twice", c)
		}
		seen[c] = true
	}
	cats, err := categorySet(categories)
	if err != nil {
		return nil, err
	}
	return &Matrix{coders: slices.Clone(coders), categories: cats}, nil
}

func categorySet(categories []float64) ([]float64, error) {
	if len(categories) == 0 {
		return nil, errors.New("the category set is empty: declare at least one category")
	}
	if len(categories) > MaxCategories {
		return nil, fmt.Errorf("%d categories is more than the %d this supports: agreement statistics here are for coded categories, not measurements", len(categories), MaxCategories)
	}
	cats := slices.Clone(categories)
	sort.Float64s(cats)
	for i, v := range cats {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("category %v is not a finite number", v)
		}
		if i > 0 && cats[i-1] == v {
			return nil, fmt.Errorf("category %s is declared twice", formatValue(v))
		}
	}
	return cats, nil
}

// AddUnit appends one unit with one value per coder, in the matrix's coder
// order; math.NaN() marks a coder who did not rate the unit. A value outside
// the category set is an error and leaves the matrix unchanged.
func (m *Matrix) AddUnit(id string, values []float64) error {
	if len(values) != len(m.coders) {
		return fmt.Errorf("unit %q has %d values for %d coders", id, len(values), len(m.coders))
	}
	start := len(m.cells)
	for i, v := range values {
		if math.IsNaN(v) {
			m.cells = append(m.cells, missing)
			continue
		}
		k, ok := m.CategoryIndex(v)
		if !ok {
			m.cells = m.cells[:start]
			return fmt.Errorf("unit %q, coder %q: value %s is not one of the categories %s", id, m.coders[i], formatValue(v), m.CategoryList())
		}
		m.cells = append(m.cells, int32(k))
	}
	m.units = append(m.units, id)
	if m.weights != nil {
		m.weights = append(m.weights, 1)
	}
	return nil
}

// AddUnits adds n units that all have the same values, as one row: every
// statistic, Summarize's counts and BootstrapAlpha are as if AddUnit had been
// called n times with these values (floating-point sums may differ in the
// last bits, since n·x is not always x added n times). Data with few
// distinct patterns — two coders and presence/absence codes have only 9 —
// are then summarized in time proportional to the patterns, not the units.
// n = 0 adds nothing; a negative n is an error.
func (m *Matrix) AddUnits(id string, values []float64, n int) error {
	if n < 0 {
		return fmt.Errorf("unit %q: cannot add %d units", id, n)
	}
	if n == 0 {
		return nil
	}
	if n == 1 {
		return m.AddUnit(id, values)
	}
	if err := m.AddUnit(id, values); err != nil {
		return err
	}
	if m.weights == nil {
		m.weights = make([]int, len(m.units))
		for i := range m.weights {
			m.weights[i] = 1
		}
	}
	m.weights[len(m.weights)-1] = n
	return nil
}

// rowWeight is how many units row u stands for.
func (m *Matrix) rowWeight(u int) int {
	if m.weights == nil {
		return 1
	}
	return m.weights[u]
}

// CategoryIndex returns the position of v in the ordered category set.
func (m *Matrix) CategoryIndex(v float64) (int, bool) {
	i := sort.SearchFloat64s(m.categories, v)
	return i, i < len(m.categories) && m.categories[i] == v
}

// Coders returns the coder names in column order.
func (m *Matrix) Coders() []string { return slices.Clone(m.coders) }

// Categories returns the ordered category set.
func (m *Matrix) Categories() []float64 { return slices.Clone(m.categories) }

// Units returns the number of units, rated or not, counting each row added
// by AddUnits as the n units it stands for.
func (m *Matrix) Units() int {
	if m.weights == nil {
		return len(m.units)
	}
	n := 0
	for _, w := range m.weights {
		n += w
	}
	return n
}

// Rows returns the number of rows: one per AddUnit or AddUnits call. Rows
// and units are the same unless AddUnits added a row for several units.
func (m *Matrix) Rows() int { return len(m.units) }

// RowUnits returns how many units row u stands for: 1 unless it was added by
// AddUnits.
func (m *Matrix) RowUnits(u int) int { return m.rowWeight(u) }

// UnitID returns the id of row u (0 ≤ u < Rows()).
func (m *Matrix) UnitID(u int) string { return m.units[u] }

// Value returns coder c's category for row u (0 ≤ u < Rows()), and false if
// the coder did not rate it.
func (m *Matrix) Value(u, c int) (float64, bool) {
	k := m.cells[u*len(m.coders)+c]
	if k == missing {
		return 0, false
	}
	return m.categories[k], true
}

// CategoryList spells the category set for messages, e.g. "{1, 2, 3}".
func (m *Matrix) CategoryList() string { return categoryText(m.categories) }

func formatValue(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
