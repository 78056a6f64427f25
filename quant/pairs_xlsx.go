package quant

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/mixeval/mixeval/internal/problem"
)

// ReadPairsXLSX reads totals from the first sheet of an XLSX workbook, with
// the same columns and checks as ReadPairs. Cells are read as stored, not as
// displayed, so a score formatted to one decimal keeps its full value.
func ReadPairsXLSX(r io.Reader, name string, opt PairsOptions) ([]Pair, error) {
	opt = opt.withDefaults()
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, one(problem.Errorf(name, "not a readable XLSX workbook (%v); save it from Excel as .xlsx, or export it as CSV UTF-8", err))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, one(problem.Errorf(name, "the workbook has no sheets"))
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, one(problem.Errorf(name, "sheet %q cannot be read: %v", sheets[0], err))
	}
	if len(rows) == 0 || blankRecord(rows[0]) && len(rows) == 1 {
		return nil, one(problem.Errorf(name, "sheet %q is empty; row 1 needs the column names (%s, %s, %s) and then one row per patient", sheets[0], opt.IDCol, opt.PreCol, opt.PostCol))
	}
	c := newCollector(fmt.Sprintf("%s (sheet %s)", name, sheets[0]), opt, len(rows))
	c.sheet = true
	// A sheet holds numbers, not text, so decimal commas never reach us.
	head := append([]string(nil), rows[0]...)
	for len(head) > 0 && head[len(head)-1] == "" {
		head = head[:len(head)-1]
	}
	if !c.header(head) {
		return c.finish(0)
	}
	data := 0
	cell := func(rec []string, i int) []byte {
		if i < 0 || i >= len(rec) {
			return nil
		}
		return []byte(rec[i])
	}
	for i, rec := range rows[1:] {
		if blankRecord(rec) {
			continue
		}
		data++
		// Sheets drop trailing empty cells, and a cell right of the header is
		// a note, not a misplaced delimiter as it would be in CSV.
		cols := c.cols
		c.row(i+2, cols.n, cell(rec, cols.id), cell(rec, cols.measure), cell(rec, cols.pre), cell(rec, cols.post))
	}
	return c.finish(data)
}
