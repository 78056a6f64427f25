// Package csvsafe writes CSV files that are safe to open in a spreadsheet.
//
// A cell that begins with '=', '+', '-', '@', a tab or a carriage return is
// read by Excel, LibreOffice and Google Sheets as a formula, so a
// respondent's answer "=HYPERLINK(...)" or "@SUM(A1)" would run when a
// colleague opens the file (OWASP, "CSV Injection"). Every CSV that mixeval
// writes goes through this package, which prefixes such cells with a single
// quote, as OWASP advises, and leaves genuine numbers ("-1.5", "+2", "3e-4")
// alone so that numeric columns stay numeric, as well as a lone "-" (the
// "none" marker of some columns), which has nothing to compute.
//
//	w := csvsafe.NewWriter(out)
//	w.Write([]string{"id", "answer"})
//	w.Write([]string{"P01", "=1+1"}) // written as '=1+1
//	w.Flush()
package csvsafe

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
)

// number is a plain decimal number, the only kind of cell starting with '-'
// or '+' that is left as it is: a spreadsheet reads it as a value, never as
// a formula.
var number = regexp.MustCompile(`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`)

// Cell returns s made safe to open in a spreadsheet.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		// A lone sign (a "none" marker) has nothing to compute.
		if len(s) == 1 || number.MatchString(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// Writer is a csv.Writer whose cells pass through Cell.
type Writer struct {
	cw  *csv.Writer
	rec []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{cw: csv.NewWriter(w)} }

// Write writes one record, each cell made safe.
func (w *Writer) Write(record []string) error {
	w.rec = w.rec[:0]
	for _, c := range record {
		w.rec = append(w.rec, Cell(c))
	}
	return w.cw.Write(w.rec)
}

// Flush writes any buffered data.
func (w *Writer) Flush() { w.cw.Flush() }

// Error reports any error of an earlier Write or Flush.
func (w *Writer) Error() error { return w.cw.Error() }

// Rewrite copies the CSV read from r to w with every cell made safe. It is
// for CSV produced by a package that writes with encoding/csv itself.
func Rewrite(w io.Writer, r io.Reader) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	sw := NewWriter(w)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("rewrite CSV: %w", err)
		}
		if err := sw.Write(rec); err != nil {
			return err
		}
	}
	sw.Flush()
	return sw.Error()
}
