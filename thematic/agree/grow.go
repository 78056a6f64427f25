package agree

import "slices"

// Grow makes room for n more units, so that a caller who knows how many
// units it will add (a study's documents × codes) fills the matrix without
// the repeated copying of growing slices. It changes no data.
func (m *Matrix) Grow(n int) {
	if n <= 0 {
		return
	}
	m.units = slices.Grow(m.units, n)
	m.cells = slices.Grow(m.cells, n*len(m.coders))
	if m.weights != nil {
		m.weights = slices.Grow(m.weights, n)
	}
}
