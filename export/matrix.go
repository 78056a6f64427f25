package export

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
)

// MatrixOptions shape the code matrix.
type MatrixOptions struct {
	// By is "respondent" (one row per respondent) or "document" (one row
	// per answer).
	By string
	// Level is "theme", "subtheme" or "code": what a column is.
	Level string
	// Counts writes the number of segments instead of 0/1.
	Counts bool
}

// Matrix is a 0/1 (or count) matrix of rows (respondents or answers) by
// themes, subthemes or codes, joined with the respondents' attributes and,
// when the study has measures, each measure's pre, post, reliable change
// index and categories: the table a mixed-methods analyst would otherwise
// assemble by hand.
type Matrix struct {
	By         string         `json:"by"`
	Level      string         `json:"level"`
	Counts     bool           `json:"counts"`
	Coding     string         `json:"coding"`
	Defaulted  bool           `json:"coding_defaulted"`
	Attributes []string       `json:"attributes"`
	Columns    []MatrixColumn `json:"columns"`
	Measures   []string       `json:"measures"`
	Rows       []MatrixRow    `json:"rows"`
}

// MatrixColumn is a theme, subtheme or code of the matrix.
type MatrixColumn struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// MatrixRow is one respondent or answer. Values is nil when the coding
// has not reviewed it (its cells are missing, not 0).
type MatrixRow struct {
	Respondent string                    `json:"respondent"`
	Document   string                    `json:"document,omitempty"`
	Question   string                    `json:"question,omitempty"`
	Attributes map[string]string         `json:"attributes,omitempty"`
	Values     []int                     `json:"values"`
	Measures   map[string]*MeasureValues `json:"measures,omitempty"`
}

// MeasureValues are one respondent's results on one measure.
// A value that is not a number (an index the method cannot compute) is
// nil: null in JSON, an empty cell in CSV.
type MeasureValues struct {
	Pre      *float64 `json:"pre"`
	Post     *float64 `json:"post"`
	Change   *float64 `json:"change"`
	RCI      *float64 `json:"rci"`
	Reliable string   `json:"reliable_change"`
	Clinical string   `json:"clinical_significance"`
}

// finite is x, or nil when x is NaN or infinite.
func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// MatrixFormats are the formats of the matrix export.
var MatrixFormats = []Format{CSV, JSON}

// BuildMatrix counts the coding d.Used per row and column. A code's
// segments count in the column of its theme (level theme), of its
// subtheme or, for a code directly under a theme, of that theme (level
// subtheme), or its own (level code); a code under no theme always has a
// column of its own. An answer counts as coded when the coding reviewed it
// or has segments on it; a respondent when any of their answers is.
func BuildMatrix(d *Data, opt MatrixOptions) (*Matrix, error) {
	if opt.By == "" {
		opt.By = "respondent"
	}
	if opt.Level == "" {
		opt.Level = "theme"
	}
	if opt.By != "respondent" && opt.By != "document" {
		return nil, fmt.Errorf("matrix rows %q: respondent or document", opt.By)
	}
	if opt.Level != "theme" && opt.Level != "subtheme" && opt.Level != "code" {
		return nil, fmt.Errorf("matrix level %q: theme, subtheme or code", opt.Level)
	}
	f := d.UsedCoding()
	if f == nil {
		return nil, fmt.Errorf("the coding %q is not among the study's codings", d.Used)
	}
	m := &Matrix{By: opt.By, Level: opt.Level, Counts: opt.Counts, Coding: d.Used, Defaulted: d.Defaulted,
		Attributes: nonNil(d.Attributes), Measures: []string{}, Rows: []MatrixRow{}}
	col := matrixColumns(d.Codebook, opt.Level, &m.Columns)
	for _, c := range usedCodes(f) {
		if _, ok := col[c]; !ok {
			col[c] = len(m.Columns)
			m.Columns = append(m.Columns, MatrixColumn{ID: c, Name: c, Kind: "code"})
		}
	}
	if m.Columns == nil {
		m.Columns = []MatrixColumn{}
	}
	rowOf, reviewed := m.rows(d, opt.By, f)
	for _, s := range f.Segments {
		r, ok := rowOf[s.Document]
		if !ok {
			continue
		}
		row := &m.Rows[r]
		if row.Values == nil {
			row.Values = make([]int, len(m.Columns))
		}
		seen := map[int]bool{}
		for _, c := range s.Codes {
			j := col[c]
			if seen[j] {
				continue // one segment counts once per column
			}
			seen[j] = true
			if opt.Counts {
				row.Values[j]++
			} else {
				row.Values[j] = 1
			}
		}
	}
	for r := range m.Rows {
		if m.Rows[r].Values == nil && reviewed[r] {
			m.Rows[r].Values = make([]int, len(m.Columns))
		}
	}
	m.joinMeasures(d)
	return m, nil
}

// matrixColumns lists the columns of a level in codebook order and maps
// every code to its column.
func matrixColumns(cb *codebook.Codebook, level string, cols *[]MatrixColumn) map[string]int {
	col := map[string]int{}
	if cb == nil {
		return col
	}
	index := map[string]int{}
	add := func(n *codebook.Node, kind string) int {
		if i, ok := index[n.ID]; ok {
			return i
		}
		index[n.ID] = len(*cols)
		*cols = append(*cols, MatrixColumn{ID: n.ID, Name: n.Name, Kind: kind})
		return index[n.ID]
	}
	cb.Walk(func(n, parent *codebook.Node) bool {
		if n.Kind != codebook.Code {
			return true
		}
		path := cb.Path(n.ID)
		switch {
		case len(path) == 1 || level == "code":
			col[n.ID] = add(n, "code")
		case level == "theme" || len(path) == 2:
			col[n.ID] = add(path[0], "theme")
		default:
			col[n.ID] = add(path[1], "subtheme")
		}
		return true
	})
	return col
}

// usedCodes lists the codes a coding uses, sorted.
func usedCodes(f *coding.File) []string {
	set := map[string]bool{}
	for _, s := range f.Segments {
		for _, c := range s.Codes {
			set[c] = true
		}
	}
	return sortedKeys(set)
}

// rows makes one row per respondent or answer and maps each answer to its
// row; reviewed says which rows the coding has looked at.
func (m *Matrix) rows(d *Data, by string, f *coding.File) (map[string]int, []bool) {
	looked := make(map[string]bool, len(f.Reviewed))
	for _, doc := range f.Reviewed {
		looked[doc] = true
	}
	for _, s := range f.Segments {
		looked[s.Document] = true
	}
	rowOf := make(map[string]int, len(d.Documents))
	var reviewed []bool
	byResp := map[string]int{}
	for i := range d.Documents {
		doc := &d.Documents[i]
		r, ok := byResp[doc.Respondent]
		if by == "document" || !ok {
			r = len(m.Rows)
			row := MatrixRow{Respondent: doc.Respondent, Attributes: pickAttributes(doc.Attributes, d.Attributes)}
			if by == "document" {
				row.Document, row.Question = doc.ID, doc.Question
			}
			m.Rows = append(m.Rows, row)
			reviewed = append(reviewed, false)
			byResp[doc.Respondent] = r
		}
		rowOf[doc.ID] = r
		reviewed[r] = reviewed[r] || looked[doc.ID]
	}
	return rowOf, reviewed
}

// joinMeasures adds each measure's results to the rows of its respondents.
func (m *Matrix) joinMeasures(d *Data) {
	for _, mr := range d.Measures {
		m.Measures = append(m.Measures, mr.Name)
		if mr.Result == nil {
			continue
		}
		byID := make(map[string]*MeasureValues, len(mr.Patients))
		for _, p := range mr.Patients {
			byID[p.ID] = &MeasureValues{Pre: finite(p.Pre), Post: finite(p.Post), Change: finite(p.Change), RCI: finite(p.RCI),
				Reliable: p.ReliableChange.String(), Clinical: p.ClinicalSignificance.String()}
		}
		for i := range m.Rows {
			if v, ok := byID[m.Rows[i].Respondent]; ok {
				if m.Rows[i].Measures == nil {
					m.Rows[i].Measures = map[string]*MeasureValues{}
				}
				m.Rows[i].Measures[mr.Name] = v
			}
		}
	}
}

// Guard runs the personal-data guard over the attribute values the
// matrix writes (column names are theme and code names).
func (m *Matrix) Guard(d *Data, g Guard) (*Report, error) {
	gs, err := newGuardSet(g)
	if err != nil {
		return nil, err
	}
	for i := range m.Columns {
		gs.free(CodebookPlace(m.Columns[i].ID, "name"), &m.Columns[i].Name)
	}
	for i := range m.Rows {
		guardAttributes(gs, m.Rows[i].Respondent, m.Rows[i].Attributes)
	}
	return gs.run(g.Redact)
}

// Write writes the matrix as CSV (columns named by id; a missing value is
// an empty cell, which R's read.csv reads as NA) or JSON.
func (m *Matrix) Write(w io.Writer, f Format) error {
	switch f {
	case JSON:
		return writeJSON(w, m)
	case CSV:
	default:
		return &UnknownFormatError{Format: f, Known: MatrixFormats}
	}
	cw := newCSVWriter(w)
	head := []string{"respondent"}
	if m.By == "document" {
		head = append(head, "document", "question")
	}
	head = append(head, m.Attributes...)
	for _, c := range m.Columns {
		head = append(head, c.ID)
	}
	for _, name := range m.Measures {
		head = append(head, name+"_pre", name+"_post", name+"_change", name+"_rci", name+"_reliable_change", name+"_clinical_significance")
	}
	if err := cw.write(head...); err != nil {
		return err
	}
	for _, r := range m.Rows {
		row := []string{r.Respondent}
		if m.By == "document" {
			row = append(row, r.Document, r.Question)
		}
		for _, a := range m.Attributes {
			row = append(row, r.Attributes[a])
		}
		for j := range m.Columns {
			if r.Values == nil {
				row = append(row, "")
			} else {
				row = append(row, strconv.Itoa(r.Values[j]))
			}
		}
		for _, name := range m.Measures {
			v := r.Measures[name]
			if v == nil {
				row = append(row, "", "", "", "", "", "")
				continue
			}
			row = append(row, decimalOrEmpty(v.Pre), decimalOrEmpty(v.Post), decimalOrEmpty(v.Change), decimalOrEmpty(v.RCI), v.Reliable, v.Clinical)
		}
		if err := cw.write(row...); err != nil {
			return err
		}
	}
	return cw.flush()
}

// decimal writes x in plain decimal notation, never with an exponent, in
// as few digits as read back the same.
func decimal(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// decimalOrEmpty is decimal(*x), or "" for nil.
func decimalOrEmpty(x *float64) string {
	if x == nil {
		return ""
	}
	return decimal(*x)
}
