package quant

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/mixeval/mixeval/internal/problem"
)

// Sheet is a data file read as text: a header and rows of cells, each row
// with its number as a spreadsheet shows it.
type Sheet struct {
	File    string
	Header  []string
	Rows    [][]string
	RowNums []int
}

// ReadSheet reads a CSV (comma, semicolon or tab separated) or, for .xlsx,
// the first worksheet of an Excel workbook. Problems name the file as path
// is written.
func ReadSheet(path string) (*Sheet, error) { return readSheet(path, path) }

// readSheet reads path and names it name in problems (RunStudy uses the
// manifest's relative path).
func readSheet(path, name string) (*Sheet, error) {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return readXLSX(path, name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("data file %s does not exist: check the measure's \"data\" path (relative to the study folder)", path)
		}
		return nil, fmt.Errorf("read data file: %w", err)
	}
	return ParseCSV(name, data)
}

// ParseCSV reads CSV text: UTF-8 with or without a byte-order mark, LF or
// CRLF line ends, the delimiter (comma, semicolon or tab) detected from the
// header line. Blank lines are skipped.
func ParseCSV(name string, data []byte) (*Sheet, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, one(problem.Errorf(name, "the file is empty: it needs a header row (id, time and the item columns) and one row per respondent and time"))
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = rune(detectDelimiter(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = false
	sh := &Sheet{File: name}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, one(&problem.Problem{File: name, Row: pe.Line, Msg: fmt.Sprintf("cannot read the CSV: %v; check the quotes on this line", pe.Err)})
			}
			return nil, one(problem.Errorf(name, "cannot read the CSV: %v", err))
		}
		line, _ := r.FieldPos(0)
		if sh.Header == nil {
			sh.Header = rec
			continue
		}
		if isBlank(rec) {
			continue
		}
		sh.Rows = append(sh.Rows, rec)
		sh.RowNums = append(sh.RowNums, line)
	}
	return sh, nil
}

func readXLSX(path, name string) (*Sheet, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("data file %s does not exist: check the measure's \"data\" path (relative to the study folder)", path)
		}
		return nil, one(problem.Errorf(name, "cannot read the workbook: %v; save it again as .xlsx or export a CSV", err))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, one(problem.Errorf(name, "the workbook has no worksheet"))
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, one(problem.Errorf(name, "cannot read worksheet %q: %v", sheets[0], err))
	}
	sh := &Sheet{File: name + " (sheet " + sheets[0] + ")"}
	for i, row := range rows {
		if sh.Header == nil {
			if isBlank(row) {
				continue
			}
			sh.Header = row
			continue
		}
		if isBlank(row) {
			continue
		}
		sh.Rows = append(sh.Rows, row)
		sh.RowNums = append(sh.RowNums, i+1)
	}
	if sh.Header == nil {
		return nil, one(problem.Errorf(sh.File, "the worksheet is empty: it needs a header row (id, time and the item columns) and one row per respondent and time"))
	}
	return sh, nil
}

func isBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// columnName is a spreadsheet column letter with its header, e.g. "D (scs_2)".
func (sh *Sheet) columnName(i int) string {
	letters := ""
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		letters = string(rune('A'+(n-1)%26)) + letters
	}
	if i < len(sh.Header) && strings.TrimSpace(sh.Header[i]) != "" {
		return fmt.Sprintf("%s (%s)", letters, strings.TrimSpace(sh.Header[i]))
	}
	return letters
}

// columnIndex finds a header (trimmed, case-insensitive); -1 when absent.
func (sh *Sheet) columnIndex(name string) int {
	for i, h := range sh.Header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	return -1
}

// IsTotals reports whether the sheet holds totals (id, pre, post columns and
// no time column) rather than item-level responses.
func (sh *Sheet) IsTotals() bool {
	return sh.columnIndex("time") < 0 && sh.columnIndex("pre") >= 0 && sh.columnIndex("post") >= 0
}

func (sh *Sheet) cell(row []string, col int) string {
	if col < len(row) {
		return strings.TrimSpace(row[col])
	}
	return ""
}

func (sh *Sheet) headerList() string {
	hs := make([]string, len(sh.Header))
	for i, h := range sh.Header {
		hs[i] = fmt.Sprintf("%q", strings.TrimSpace(h))
	}
	if len(hs) > 12 {
		return strings.Join(hs[:12], ", ") + fmt.Sprintf(" and %d more", len(hs)-12)
	}
	return strings.Join(hs, ", ")
}
