package corpus

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/xuri/excelize/v2"
)

// ReadXLSX reads one sheet of an Excel workbook: sheet by name, or the
// first sheet when sheet is "". Cells are read as Excel displays them
// (formatted numbers and dates), normalised like CSV text. name is used in
// errors.
func ReadXLSX(name string, data []byte, sheet string) (t *Table, err error) {
	// excelize parses zip and XML written by many tools; a malformed
	// workbook must give an error, never crash the import.
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("%s: cannot read the workbook (%v): open it in Excel and save it again as .xlsx", name, r)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable .xlsx workbook (%v): save it from Excel as .xlsx, or export CSV", name, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%s: the workbook has no sheets", name)
	}
	if sheet == "" {
		sheet = sheets[0]
	} else if !contains(sheets, sheet) {
		return nil, &SheetError{File: name, Sheet: sheet, Sheets: sheets}
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %q: %v", name, sheet, err)
	}
	t = &Table{Encoding: "XLSX"}
	for i, rec := range rows {
		for j := range rec {
			rec[j] = strings.TrimSpace(NormalizeText(strings.ToValidUTF8(rec[j], "\uFFFD")))
		}
		if t.Header == nil {
			if blank(rec) {
				continue // leading empty rows above the header
			}
			t.Header = rec
			continue
		}
		if blank(rec) {
			continue
		}
		if len(rec) > len(t.Header) {
			return nil, &problem.Problem{File: name, Row: i + 1,
				Msg: fmt.Sprintf("has %d cells but the header row names %d columns: give every column a header", len(rec), len(t.Header))}
		}
		t.Rows = append(t.Rows, Row{Cells: pad(rec, len(t.Header)), Num: i + 1})
	}
	dropQualtricsHeaders(t)
	if t.Header == nil {
		return nil, &SheetError{File: name, Sheet: sheet, Sheets: sheets, Empty: true}
	}
	return t, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// SheetError says the sheet asked for (or the first) cannot be read: it
// does not exist, or it is empty. Sheets lists the workbook's sheets so a
// front end can offer them.
type SheetError struct {
	File, Sheet string
	Sheets      []string
	Empty       bool
}

func (e *SheetError) Error() string {
	if e.Empty {
		return fmt.Sprintf("%s: sheet %q is empty: expected a header row naming the columns; the sheets are %s", e.File, e.Sheet, quoteList(e.Sheets))
	}
	return fmt.Sprintf("%s: no sheet %q; the sheets are: %s", e.File, e.Sheet, quoteList(e.Sheets))
}
