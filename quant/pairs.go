package quant

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unsafe"

	"github.com/mixeval/mixeval/internal/problem"
)

// PairsOptions name the columns of a totals file. Empty names mean the
// defaults id, pre, post and measure.
type PairsOptions struct {
	IDCol, PreCol, PostCol string
	// MeasureCol is the column that names the measure in the long totals
	// form (id, measure, pre, post). It is optional in the file.
	MeasureCol string
	// Measure keeps only the rows of this measure. It is needed when the
	// file holds more than one measure.
	Measure string
}

func (o PairsOptions) withDefaults() PairsOptions {
	if o.IDCol == "" {
		o.IDCol = "id"
	}
	if o.PreCol == "" {
		o.PreCol = "pre"
	}
	if o.PostCol == "" {
		o.PostCol = "post"
	}
	if o.MeasureCol == "" {
		o.MeasureCol = "measure"
	}
	return o
}

// maxProblems bounds a problem list: a file that is wrong on every one of
// a million rows needs its first problems, not a million lines.
const maxProblems = 100

// ReadPairsFile reads a totals file, as XLSX when its name ends in .xlsx and
// as CSV (comma, semicolon or tab delimited) otherwise.
func ReadPairsFile(path string, opt PairsOptions) ([]Pair, error) {
	name := filepath.Base(path)
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return ReadPairsXLSX(f, name, opt)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return readPairsCSV(data, name, opt)
}

// ReadPairs reads pre and post totals from CSV: either one row per patient
// with id, pre and post columns, or the long form id, measure, pre, post
// filtered by opt.Measure. The delimiter (comma, semicolon or tab) is
// detected from the header; a UTF-8 byte order mark, CRLF line ends and
// quoted fields are accepted. An empty cell is a missing score (NaN).
//
// The whole file is checked before anything is returned: every problem is
// listed in one *problem.List, in row order, with the row as a spreadsheet
// numbers it.
func ReadPairs(r io.Reader, name string, opt PairsOptions) ([]Pair, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return readPairsCSV(data, name, opt)
}

// columns are the positions of the needed columns in the header; -1 when
// absent (only the measure column may be absent).
type columns struct {
	id, pre, post, measure int
	n                      int // cells in the header
}

// collector validates rows as they come and gathers pairs and problems.
type collector struct {
	file     string
	opt      PairsOptions
	cols     columns
	decComma bool // the delimiter is not a comma, so "81,5" is a number
	sheet    bool // XLSX: there is no delimiter to get wrong

	pairs    []Pair
	rows     []int32 // rows[i] is the row pairs[i] came from
	ids      idArena
	measures []string // in order of first appearance
	measSeen map[string]bool
	problems []*problem.Problem
	more     int
}

func newCollector(file string, opt PairsOptions, sizeHint int) *collector {
	return &collector{
		file:     file,
		opt:      opt,
		pairs:    make([]Pair, 0, sizeHint),
		rows:     make([]int32, 0, sizeHint),
		measSeen: map[string]bool{},
	}
}

// add records a problem at a row (0: the whole file) and column (a column
// name, or empty for the row's).
func (c *collector) add(row int, col, format string, args ...any) {
	if len(c.problems) < maxProblems {
		c.problems = append(c.problems, &problem.Problem{File: c.file, Row: row, Field: col, Msg: fmt.Sprintf(format, args...)})
		return
	}
	c.more++
}

// header finds the needed columns, reporting each missing one with the
// columns that were found.
func (c *collector) header(cells []string) bool {
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	if len(cells) == 1 && !c.sheet {
		c.add(1, "", "the header has only one column (%q): the delimiter is probably wrong; separate columns with commas, semicolons or tabs", cells[0])
		return false
	}
	find := func(name string, need bool) int {
		at := -1
		for i, h := range cells {
			if !strings.EqualFold(h, name) {
				continue
			}
			if at >= 0 {
				c.add(1, name, "the column %q appears twice (columns %d and %d); rename one of them", name, at+1, i+1)
				return -1
			}
			at = i
		}
		if at < 0 && need {
			c.add(1, "", "no column named %q; the header has %s. Rename the column, or say which column to use instead", name, quoteList(cells))
		}
		return at
	}
	o := c.opt
	c.cols = columns{id: find(o.IDCol, true), pre: find(o.PreCol, true), post: find(o.PostCol, true), measure: find(o.MeasureCol, false), n: len(cells)}
	if o.Measure != "" && c.cols.measure < 0 && len(c.problems) == 0 {
		c.add(1, "", "measure %q was asked for, but there is no %q column; the header has %s", o.Measure, o.MeasureCol, quoteList(cells))
	}
	return len(c.problems) == 0
}

// row checks one data row. The cells are byte slices into the input; only
// the id is copied.
func (c *collector) row(line int, nCells int, id, measure, pre, post []byte) {
	if nCells != c.cols.n {
		c.add(line, "", "the row has %d cells but the header has %d; look for a missing or extra delimiter (a decimal comma in a comma-separated file splits a number in two)", nCells, c.cols.n)
		return
	}
	if c.cols.measure >= 0 {
		m := bytes.TrimSpace(measure)
		if !c.measSeen[string(m)] {
			c.measSeen[string(m)] = true
			c.measures = append(c.measures, string(m))
		}
		if c.opt.Measure != "" && string(m) != c.opt.Measure {
			return
		}
	}
	id = bytes.TrimSpace(id)
	if len(id) == 0 {
		c.add(line, c.opt.IDCol, "the id is empty; give every row the patient's id")
	}
	p := Pair{Pre: c.number(line, c.opt.PreCol, pre), Post: c.number(line, c.opt.PostCol, post)}
	if len(id) == 0 {
		return
	}
	p.ID = c.ids.string(id)
	c.pairs = append(c.pairs, p)
	c.rows = append(c.rows, int32(line))
}

// number parses one score; an empty cell is missing.
func (c *collector) number(line int, col string, cell []byte) float64 {
	cell = bytes.TrimSpace(cell)
	if len(cell) == 0 {
		return math.NaN()
	}
	if v, ok := parseNumber(cell, c.decComma); ok {
		return v
	}
	c.add(line, col, "%q is not a number; enter the score as a number (e.g. 42 or 3.5), or leave the cell empty if it is missing", cell)
	return math.NaN()
}

// finish reports file-level problems and returns the pairs.
func (c *collector) finish(dataRows int) ([]Pair, error) {
	several := c.cols.measure >= 0 && c.opt.Measure == "" && len(c.measures) > 1
	if !several {
		// With several measures in play, one id per measure is expected;
		// the user is asked to choose a measure instead.
		c.duplicates()
	}
	if len(c.problems) == 0 {
		switch {
		case dataRows == 0:
			c.add(0, "", "the file has a header but no data rows; add one row per patient")
		case c.cols.measure >= 0 && c.opt.Measure != "" && !c.measSeen[c.opt.Measure]:
			c.add(0, c.opt.MeasureCol, "no rows for measure %q; the file holds %s: choose one of those", c.opt.Measure, quoteList(c.measures))
		case several:
			c.add(0, c.opt.MeasureCol, "the file holds %d measures (%s): choose one", len(c.measures), quoteList(c.measures))
		case len(c.pairs) == 0:
			c.add(0, "", "no data rows (every row is empty); add one row per patient")
		}
	}
	if len(c.problems) > 0 {
		slices.SortStableFunc(c.problems, func(a, b *problem.Problem) int { return cmp.Compare(a.Row, b.Row) })
		return nil, problem.List(c.problems).Cap(maxProblems).AndMore(c.more)
	}
	return c.pairs, nil
}

// duplicates reports every id seen on an earlier row. It sorts 32-bit
// hashes of the ids by radix rather than filling a map: for a million ids
// that is several times faster and needs a fraction of the memory. Equal
// hashes are then checked by comparing the ids themselves.
func (c *collector) duplicates() {
	seed := maphash.MakeSeed()
	hs := make([]hashed, len(c.pairs))
	for i, p := range c.pairs {
		hs[i] = hashed{uint32(maphash.String(seed, p.ID) >> 32), int32(i)}
	}
	hs = radixSort(hs)
	for start := 0; start < len(hs); {
		end := start + 1
		for end < len(hs) && hs[end].h == hs[start].h {
			end++
		}
		// Equal hashes: almost always the same id; compare to be sure.
		for k := start + 1; k < end; k++ {
			for m := start; m < k; m++ {
				first, dup := c.pairs[hs[m].i], c.pairs[hs[k].i]
				if first.ID == dup.ID {
					per := ""
					if c.cols.measure >= 0 {
						per = " per measure"
					}
					c.problems = append(c.problems, &problem.Problem{File: c.file, Row: int(c.rows[hs[k].i]), Field: c.opt.IDCol,
						Msg: fmt.Sprintf("the id %q is already on row %d; each patient needs exactly one row%s", dup.ID, c.rows[hs[m].i], per)})
					break
				}
			}
		}
		start = end
	}
}

type hashed struct {
	h uint32
	i int32
}

// radixSort sorts by h, stably so that equal hashes stay in row order; in
// two passes of 16 bits for large files.
func radixSort(a []hashed) []hashed {
	if len(a) < 1<<12 {
		// Small files: a comparison sort beats clearing the counts.
		slices.SortStableFunc(a, func(x, y hashed) int { return cmp.Compare(x.h, y.h) })
		return a
	}
	tmp := make([]hashed, len(a))
	count := make([]int, 1<<16)
	for shift := 0; shift < 32; shift += 16 {
		clear(count)
		for _, x := range a {
			count[x.h>>shift&0xffff]++
		}
		sum := 0
		for k, n := range count {
			count[k] = sum
			sum += n
		}
		for _, x := range a {
			d := x.h >> shift & 0xffff
			tmp[count[d]] = x
			count[d]++
		}
		a, tmp = tmp, a
	}
	return a
}

// idArena copies ids into large shared blocks, so that a million rows cost
// a few hundred allocations instead of a million. Blocks are never written
// after an id is taken from them.
type idArena struct{ block []byte }

func (a *idArena) string(b []byte) string {
	if len(b) > 1024 {
		return string(b)
	}
	if cap(a.block)-len(a.block) < len(b) {
		a.block = make([]byte, 0, 64<<10)
	}
	start := len(a.block)
	a.block = append(a.block, b...)
	return unsafe.String(&a.block[start], len(b))
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
