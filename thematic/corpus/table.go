package corpus

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
)

// Table is a wide export read into memory: a header row naming the columns
// and one row per respondent. Every row has exactly len(Header) cells.
type Table struct {
	Header []string
	Rows   []Row
	// Encoding is what the file was read as (see DecodeText); Delimiter is
	// the CSV field separator that was sniffed (0 for XLSX and text).
	Encoding  string
	Delimiter rune
	// Wording holds each column's full question text when the export
	// gives it apart from the header (Qualtrics' second header row); nil
	// otherwise, when the header itself is the wording.
	Wording []string
	// Notes say how the file was read when that may surprise.
	Notes []string
}

// Row is one data row with where it came from, for error messages.
type Row struct {
	Cells []string
	// Num is the row number counting the header as row 1 (in a CSV file,
	// the record number; blank lines are not counted; in XLSX, the sheet's
	// row number). Line is the line of a CSV file where the row starts:
	// quote the line to users, as Num differs from it once a quoted cell
	// holds line breaks.
	Num  int
	Line int
}

// Column returns the index of the column named name: an exact match first,
// else the one column whose name matches ignoring case and runs of white
// space (form tools put line breaks in long headers, which a command line
// cannot easily repeat). It returns -1 when none or several match.
func (t *Table) Column(name string) int {
	for i, h := range t.Header {
		if h == name {
			return i
		}
	}
	m := t.looseMatches(name)
	if len(m) != 1 {
		return -1
	}
	return m[0]
}

// looseMatches returns the columns whose name equals name ignoring case and
// runs of white space.
func (t *Table) looseMatches(name string) []int {
	key := strings.Join(strings.Fields(name), " ")
	var m []int
	for i, h := range t.Header {
		if strings.EqualFold(strings.Join(strings.Fields(h), " "), key) {
			m = append(m, i)
		}
	}
	return m
}

// count returns how many header cells are exactly name.
func (t *Table) count(name string) int {
	n := 0
	for _, h := range t.Header {
		if h == name {
			n++
		}
	}
	return n
}

// ReadCSV reads a CSV export in any encoding DecodeText knows, sniffing the
// delimiter (comma, semicolon or tab). Quoted cells may hold delimiters,
// quotes ("" inside quotes) and line breaks. Cells are trimmed of
// surrounding white space; fully empty rows are skipped; short rows are
// padded with empty cells (some tools drop trailing empty cells) but a row
// longer than the header is an error. name is used in errors.
//
// Two export conventions are recognised: Excel's "sep=;" first line, and
// Qualtrics' second and third header rows (see dropQualtricsHeaders).
func ReadCSV(name string, data []byte) (*Table, error) {
	return readCSV(name, data, true)
}

// ReadNormalised reads a source's normalised copy (sources/NAME.csv): like
// ReadCSV, but without the export conventions, so that the copy reads back
// as exactly the table that was written.
func ReadNormalised(name string, data []byte) (*Table, error) {
	return readCSV(name, data, false)
}

// readCSV reads a CSV file; exports says whether to recognise the export
// conventions, which a normalised copy never holds: reading it back must
// give the same table whatever its first rows say.
func readCSV(name string, data []byte, exports bool) (*Table, error) {
	text, enc, err := DecodeText(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%s: file is empty: expected a header row naming the columns", name)
	}
	delim, skipped := rune(0), 0
	if d, rest, ok := excelSepLine(text); ok && exports {
		delim, text, skipped = d, rest, 1
	} else {
		delim = SniffDelimiter(text)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	t := &Table{Encoding: enc, Delimiter: delim}
	num := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &problem.Problem{File: name, Line: pe.StartLine + skipped, Row: num + 1,
					Msg: fmt.Sprintf("%v (line %d, column %d): check the quotes on this row (a quote inside a quoted cell is written \"\")", pe.Err, pe.Line+skipped, pe.Column)}
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		num++
		line, _ := r.FieldPos(0)
		line += skipped
		if t.Header == nil {
			t.Header = trimCells(rec)
			continue
		}
		if blank(rec) {
			continue
		}
		if len(rec) > len(t.Header) {
			return nil, &problem.Problem{File: name, Line: line, Row: num,
				Msg: fmt.Sprintf("has %d cells but the header names %d columns: is a delimiter (%s) missing from the header or a cell missing its quotes?", len(rec), len(t.Header), delimName(delim))}
		}
		t.Rows = append(t.Rows, Row{Cells: pad(trimCells(rec), len(t.Header)), Num: num, Line: line})
	}
	if t.Header == nil {
		return nil, fmt.Errorf("%s: file is empty: expected a header row naming the columns", name)
	}
	if exports {
		dropQualtricsHeaders(t)
	}
	return t, nil
}

// excelSepLine recognises the "sep=;" line that Excel writes (and reads) as
// the first line of a CSV file to name its delimiter.
func excelSepLine(text string) (rune, string, bool) {
	line, rest, ok := strings.Cut(text, "\n")
	if !ok || !strings.HasPrefix(line, "sep=") {
		return 0, "", false
	}
	d := []rune(strings.TrimPrefix(line, "sep="))
	if len(d) != 1 || (d[0] != ',' && d[0] != ';' && d[0] != '\t' && d[0] != '|') {
		return 0, "", false
	}
	return d[0], rest, true
}

// dropQualtricsHeaders recognises a Qualtrics export, which has three header
// rows: short column names (Q1, Q2), the full question wording, and import
// ids ({"ImportId":"QID1"}). The second row becomes the table's Wording and
// neither it nor the third is taken for a respondent.
func dropQualtricsHeaders(t *Table) {
	if len(t.Rows) < 2 {
		return
	}
	ids := 0
	for _, c := range t.Rows[1].Cells {
		if strings.HasPrefix(c, `{"ImportId"`) {
			ids++
		}
	}
	if ids*2 < len(t.Header) {
		return
	}
	t.Wording = t.Rows[0].Cells
	t.Rows = t.Rows[2:]
}

// SniffDelimiter picks the field separator of a CSV text: the candidate
// (comma, semicolon, tab) that splits the first rows into the most columns
// with the same count on every row. Excel in many European locales writes
// semicolons; "CSV" from some tools is tab-separated. Comma wins ties.
func SniffDelimiter(text string) rune {
	best, bestCols := ',', 0
	for _, d := range []rune{',', ';', '\t'} {
		cols := consistentColumns(text, d, 20)
		if cols > bestCols {
			best, bestCols = d, cols
		}
	}
	return best
}

// consistentColumns parses up to n records with delimiter d and returns the
// header's column count when no record has more cells than the header and
// some record has as many (short rows are padded on reading), 0 on a parse
// error or a single column.
func consistentColumns(text string, d rune, n int) int {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = d
	r.FieldsPerRecord = -1
	cols, full, rows := 0, false, 0
	for i := 0; i < n; i++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0
		}
		if i == 0 {
			cols = len(rec)
			continue
		}
		if blank(rec) {
			continue
		}
		rows++
		if len(rec) > cols {
			return 0
		}
		full = full || len(rec) == cols
	}
	if cols < 2 || (rows > 0 && !full) {
		return 0
	}
	return cols
}

func delimName(d rune) string {
	switch d {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	case '|':
		return "vertical bar"
	}
	return "comma"
}

func trimCells(rec []string) []string {
	out := make([]string, len(rec))
	for i, c := range rec {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func pad(cells []string, n int) []string {
	for len(cells) < n {
		cells = append(cells, "")
	}
	return cells
}

// WriteCSV renders t as the normalised source format: UTF-8 without BOM,
// comma-separated, LF line endings, quoting only where needed.
func (t *Table) WriteCSV() ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if len(t.Header) == 1 && t.Header[0] == "" {
		// encoding/csv writes a lone empty field as an empty line, which
		// readers skip: the header would be lost.
		buf.WriteString("\"\"\n")
	} else if err := w.Write(t.Header); err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		if err := w.Write(r.Cells); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
