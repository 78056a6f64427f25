package agree

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
)

// maxProblems bounds the list: a file with a wrong column in every one of a
// million rows needs the first few, not a million lines.
const maxProblems = 25

// ReadCSV reads reliability data: a header "unit,<coder>,<coder>,…", then one
// row per unit with one value per coder; an empty cell means the coder did
// not rate the unit. The delimiter (comma, semicolon or tab) is taken from
// the header line; a UTF-8 byte order mark and CRLF line ends are accepted.
//
// categories declares the ordered category set; nil means the values seen,
// in numeric order. Every problem found (non-numeric cells, values outside
// the declared categories, duplicate unit ids, wrong field counts, fewer
// than two coders, an empty file) is returned together as a problem.List, and
// then the matrix is nil.
func ReadCSV(r io.Reader, file string, categories []float64) (*Matrix, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	delim := sniffDelimiter(first)
	records := newRecordReader(br, byte(delim))

	rd := &csvReader{file: file, delim: delim, rowsHint: estimateRows(r, first)}
	header, err := records.read()
	if err == io.EOF {
		return nil, problem.List{{File: file, Msg: "the file is empty: write a header unit,<coder>,<coder>,… and one row per unit"}}
	}
	if err != nil {
		return nil, problem.List{rd.readProblem(err)}
	}
	rd.readHeader(records.start, slices.Clone(header))
	if len(rd.problems) > 0 {
		return nil, rd.problems
	}
	if categories != nil {
		m, err := NewMatrix(rd.coders, categories)
		if err != nil {
			return nil, problem.List{{File: file, Msg: err.Error()}}
		}
		rd.declared = m
	}
	for {
		rec, err := records.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			rd.add(rd.readProblem(err))
			var pe *parseError
			if errors.As(err, &pe) {
				continue // the next record may still be read
			}
			break
		}
		rd.readRow(records.start, rec)
		if rd.dropped > 0 {
			break
		}
	}
	return rd.finish()
}

// estimateRows guesses the number of rows from the input's size, when the
// reader knows it, and the length of the lines at its start. It is only a
// capacity hint; a wrong guess costs time, not correctness.
func estimateRows(r io.Reader, start []byte) int {
	var size int64
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
	}
	lines := bytes.Count(start, []byte{'\n'})
	if size <= 0 || lines < 2 {
		return 0
	}
	perLine := max(len(start)/lines, 1)
	// Capped so that short first lines in a huge file cannot make the
	// reader reserve gigabytes; beyond the cap, slices grow as needed.
	return int(min(size/int64(perLine)+16, 1<<22))
}

// sniffDelimiter picks the most frequent of comma, semicolon and tab on the
// first line, outside quotes; comma when none appears.
func sniffDelimiter(b []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(b) {
		if c == '"' {
			quoted = !quoted
		}
		if c == '\n' && !quoted {
			break
		}
		if !quoted && (c == ',' || c == ';' || c == '\t') {
			counts[c]++
		}
	}
	best, n := ',', 0
	for _, d := range []rune{',', ';', '\t'} {
		if counts[d] > n {
			best, n = d, counts[d]
		}
	}
	return best
}

type csvReader struct {
	file     string
	delim    rune
	header   []string
	coders   []string
	problems problem.List
	dropped  int // problems beyond maxProblems
	rowsHint int

	declared *Matrix // non-nil when categories were declared

	ids      map[string]int32 // unit id → row, once ids stop arriving in order
	units    []string
	unitRows []int32
	cells    []int32 // provisional category ids until finish
	seen     []float64
	seenIdx  map[float64]int32
	idx      []int32 // scratch row
}

func (rd *csvReader) add(p *problem.Problem) {
	if len(rd.problems) >= maxProblems {
		rd.dropped++
		return
	}
	rd.problems = append(rd.problems, p)
}

func (rd *csvReader) at(row, col int, format string, args ...any) {
	h := ""
	if col > 0 && col <= len(rd.header) {
		h = rd.header[col-1]
	}
	field := ""
	switch {
	case col > 0 && h != "":
		field = fmt.Sprintf("%d (%s)", col, h)
	case col > 0:
		field = fmt.Sprint(col)
	}
	rd.add(&problem.Problem{File: rd.file, Row: row, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (rd *csvReader) readProblem(err error) *problem.Problem {
	var pe *parseError
	if errors.As(err, &pe) {
		return &problem.Problem{File: rd.file, Row: pe.line, Msg: pe.Error() + " (check the quotes on this row)"}
	}
	return &problem.Problem{File: rd.file, Msg: "read: " + err.Error()}
}

func (rd *csvReader) readHeader(row int, header []string) {
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	rd.header = header
	if len(header) < 3 {
		rd.at(row, 0, "the header has %d column(s); agreement needs a unit column and at least two coder columns: unit,<coder>,<coder>,…", len(header))
		if rd.delim == ',' && len(header) == 1 {
			rd.problems[len(rd.problems)-1].Msg += " (columns are separated by commas, semicolons or tabs)"
		}
		return
	}
	numeric := 0
	for _, h := range header {
		if _, err := strconv.ParseFloat(h, 64); err == nil {
			numeric++
		}
	}
	if numeric == len(header) {
		rd.at(row, 0, "the first row holds numbers, not a header: add a header row unit,<coder>,<coder>,…")
		return
	}
	seen := map[string]int{}
	for i, h := range header[1:] {
		col := i + 2
		if h == "" {
			rd.at(row, col, "the coder column has no name: put the coder's name in the header")
			continue
		}
		if prev, ok := seen[h]; ok {
			rd.at(row, col, "coder %q is also column %d: each coder needs one column", h, prev)
			continue
		}
		seen[h] = col
	}
	rd.coders = header[1:]
	// Sizing the id map and cells up front saves rehashing and copying a
	// million-row file several times over.
	rd.units = make([]string, 0, rd.rowsHint)
	rd.unitRows = make([]int32, 0, rd.rowsHint)
	rd.cells = make([]int32, 0, rd.rowsHint*len(rd.coders))
	rd.seenIdx = make(map[float64]int32)
	rd.idx = make([]int32, len(rd.coders))
}

func (rd *csvReader) readRow(row int, rec []string) {
	if len(rec) != len(rd.header) {
		rd.at(row, 0, "%d fields, but the header has %d: each row is a unit id and one cell per coder (empty when not rated)", len(rec), len(rd.header))
		return
	}
	id := strings.TrimSpace(rec[0])
	ok := true
	if id == "" {
		rd.at(row, 1, "the unit id is empty: give every unit an id")
		ok = false
	} else if prev := rd.duplicate(id, row); prev > 0 {
		rd.at(row, 1, "unit %q is also row %d: each unit has one row, with one column per coder", id, prev)
		ok = false
	}
	for i, cell := range rec[1:] {
		k, good := rd.cell(row, i+2, cell)
		ok = ok && good
		rd.idx[i] = k
	}
	if ok && len(rd.problems) == 0 {
		rd.cells = append(rd.cells, rd.idx...)
	}
}

// duplicate returns the earlier row holding unit id, or 0, and records id.
// While ids arrive in increasing shortlex order (shorter first, then
// byte order: u1, u2, …, u10 or 001, 002, …), no id can repeat, so the map
// is built only when the order first breaks. A million-entry map costs
// about as much as the rest of the reading.
func (rd *csvReader) duplicate(id string, row int) int {
	if rd.ids == nil {
		n := len(rd.units)
		if n > 0 && !shortlexLess(rd.units[n-1], id) {
			rd.ids = make(map[string]int32, max(rd.rowsHint, 2*n))
			for i, u := range rd.units {
				rd.ids[u] = rd.unitRows[i]
			}
		}
	}
	if rd.ids != nil {
		if prev, ok := rd.ids[id]; ok {
			return int(prev)
		}
		rd.ids[id] = int32(row)
	}
	rd.units = append(rd.units, id)
	rd.unitRows = append(rd.unitRows, int32(row))
	return 0
}

func shortlexLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// cell reads one value as a category index (declared) or a provisional id
// in order of first appearance (undeclared); missing for an empty cell.
func (rd *csvReader) cell(row, col int, s string) (int32, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return missing, true
	}
	var v float64
	var err error
	if len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		v = float64(s[0] - '0') // the common case of a one-digit code
	} else {
		v, err = strconv.ParseFloat(s, 64)
	}
	if err != nil && rd.delim != ',' && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		v, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64) // decimal comma
	}
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		hint := "write the category as a number"
		switch strings.ToLower(s) {
		case "na", "n/a", "nan", ".", "-", "missing", "null":
			hint = "leave the cell empty when the coder did not rate the unit"
		}
		rd.at(row, col, "%q is not a number: %s", s, hint)
		return missing, false
	}
	if rd.declared != nil {
		k, ok := rd.declared.CategoryIndex(v)
		if !ok {
			rd.at(row, col, "%s is not one of the declared categories %s: correct the value or declare it as a category", formatValue(v), rd.declared.CategoryList())
			return missing, false
		}
		return int32(k), true
	}
	return rd.provisional(v), true
}

func (rd *csvReader) provisional(v float64) int32 {
	// Coded data use few values: a short scan beats hashing.
	if len(rd.seen) <= 16 {
		for i, s := range rd.seen {
			if s == v {
				return int32(i)
			}
		}
	} else if k, ok := rd.seenIdx[v]; ok {
		return k
	}
	k := int32(len(rd.seen))
	rd.seen = append(rd.seen, v)
	rd.seenIdx[v] = k
	return k
}

func (rd *csvReader) finish() (*Matrix, error) {
	if len(rd.problems) == 0 && len(rd.units) == 0 {
		rd.at(0, 0, "the file has a header but no units: add one row per unit")
	}
	if len(rd.problems) > 0 {
		if rd.dropped > 0 {
			rd.problems = append(rd.problems, &problem.Problem{File: rd.file, More: rd.dropped,
				Msg: fmt.Sprintf("and %d more problems; fix these and run again to see the rest", rd.dropped)})
		}
		return nil, rd.problems
	}
	if rd.declared != nil {
		rd.declared.units = rd.units
		rd.declared.cells = rd.cells
		return rd.declared, nil
	}
	if len(rd.seen) == 0 {
		return nil, problem.List{{File: rd.file, Msg: "no unit has a value: every coder cell is empty"}}
	}
	m, err := NewMatrix(rd.coders, rd.seen)
	if err != nil {
		return nil, problem.List{{File: rd.file, Msg: err.Error() + " (declare the categories if fewer are meant)"}}
	}
	remap := make([]int32, len(rd.seen))
	for i, v := range rd.seen {
		k, _ := m.CategoryIndex(v)
		remap[i] = int32(k)
	}
	for i, k := range rd.cells {
		if k != missing {
			rd.cells[i] = remap[k]
		}
	}
	m.units = rd.units
	m.cells = rd.cells
	return m, nil
}
