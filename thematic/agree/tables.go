package agree

// tables are the sufficient statistics of a Matrix for every coefficient,
// built in one pass over the units with no allocation per unit.
type tables struct {
	q, coders int
	names     []string // coder names, for messages

	unitsRated    int // at least one value
	unitsPairable int // at least two values
	unitsComplete int // every coder
	missing       int // empty cells in rated units

	// Gwet (2014) missing-data forms: pairShare sums, over units with at
	// least two values, the share of agreeing ordered pairs
	// Σk r_ik(r_ik−1) / (r_i(r_i−1)); classShare[k] sums r_ik / r_i over
	// rated units.
	pairShare  float64
	classShare []float64

	// Fleiss (1971) on complete units: completeShare sums P_i; completeCount
	// counts assignments to each category; allAgree counts complete units
	// where every coder chose the same category.
	completeShare float64
	completeCount []int64
	agreeAll      int

	// Krippendorff (2011) coincidence matrix o[c*q+k] and its marginals n_c.
	coincidence []float64
	pairableN   []float64

	// pairs holds one cross-tabulation summary per coder pair (a<b) in
	// order (0,1), (0,2), …, (1,2), …
	pairs []pairTable
	// completePairs are the same tables over the complete units alone,
	// for Light's kappa (three or more coders only).
	completePairs []pairTable
}

// pairTable is what Cohen's kappa and Scott's pi need from two coders:
// the units both rated, how many of them they agreed on, and each coder's
// marginal counts over those units.
type pairTable struct {
	a, b   int
	units  int
	agree  int
	either int // units rated by at least one of the two
	margA  []int64
	margB  []int64
}

func buildTables(m *Matrix) *tables {
	q, nc := len(m.categories), len(m.coders)
	t := &tables{
		q: q, coders: nc, names: m.coders,
		classShare:    make([]float64, q),
		completeCount: make([]int64, q),
		coincidence:   make([]float64, q*q),
		pairableN:     make([]float64, q),
	}
	for a := 0; a < nc; a++ {
		for b := a + 1; b < nc; b++ {
			t.pairs = append(t.pairs, pairTable{a: a, b: b, margA: make([]int64, q), margB: make([]int64, q)})
			if nc >= 3 {
				t.completePairs = append(t.completePairs, pairTable{a: a, b: b, margA: make([]int64, q), margB: make([]int64, q)})
			}
		}
	}
	counts := make([]int32, q)
	touched := make([]int32, 0, nc)
	for u := range m.units {
		row := m.cells[u*nc : (u+1)*nc]
		touched = touched[:0]
		r := 0
		for _, k := range row {
			if k == missing {
				continue
			}
			if counts[k] == 0 {
				touched = append(touched, k)
			}
			counts[k]++
			r++
		}
		if r > 0 {
			w := m.rowWeight(u)
			t.addUnit(counts, touched, r, w)
			addPairs(t.pairs, row, w)
			if r == nc && t.completePairs != nil {
				addPairs(t.completePairs, row, w)
			}
		}
		for _, k := range touched {
			counts[k] = 0
		}
	}
	return t
}

// addUnit adds n identical rated units with r values, counts[k] of them in
// category k for the categories listed in touched. Every sum below is linear
// in the units, so n units add n times one unit's terms.
func (t *tables) addUnit(counts []int32, touched []int32, r, n int) {
	t.unitsRated += n
	t.missing += n * (t.coders - r)
	fr, fn := float64(r), float64(n)
	for _, k := range touched {
		t.classShare[k] += fn * (float64(counts[k]) / fr)
	}
	if r < 2 {
		return
	}
	t.unitsPairable += n
	// Krippendorff (2011) eq. for o_ck: each of the m_u(m_u−1) ordered pairs
	// of values in a unit adds 1/(m_u−1) to its cell.
	agreeing := 0.0
	w := fn / (fr - 1)
	q := t.q
	for _, c := range touched {
		nc := float64(counts[c])
		agreeing += nc * (nc - 1)
		for _, k := range touched {
			if c == k {
				t.coincidence[int(c)*q+int(c)] += nc * (nc - 1) * w
			} else {
				t.coincidence[int(c)*q+int(k)] += nc * float64(counts[k]) * w
			}
		}
		t.pairableN[c] += nc * fn
	}
	share := agreeing / (fr * (fr - 1))
	t.pairShare += fn * share
	if r == t.coders {
		t.unitsComplete += n
		t.completeShare += fn * share
		for _, k := range touched {
			t.completeCount[k] += int64(n) * int64(counts[k])
		}
		if len(touched) == 1 {
			t.agreeAll += n
		}
	}
}

// addPairs adds n units with these values to every coder pair's table.
func addPairs(pairs []pairTable, row []int32, n int) {
	p := 0
	for a := 0; a < len(row); a++ {
		va := row[a]
		for b := a + 1; b < len(row); b++ {
			vb := row[b]
			pt := &pairs[p]
			p++
			if va == missing && vb == missing {
				continue
			}
			pt.either += n
			if va == missing || vb == missing {
				continue
			}
			pt.units += n
			if va == vb {
				pt.agree += n
			}
			pt.margA[va] += int64(n)
			pt.margB[vb] += int64(n)
		}
	}
}
