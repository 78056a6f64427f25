package export

import (
	"encoding/csv"
	"io"
	"regexp"
)

// plainNumber is a decimal number: the one kind of cell starting with '-'
// or '+' that a spreadsheet reads as a value, never as a formula.
var plainNumber = regexp.MustCompile(`^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`)

// safeCell neutralises a cell that a spreadsheet would run as a formula:
// one starting with '=', '+', '-', '@', a tab or a carriage return gets a
// leading single quote (OWASP, "CSV Injection"), except a plain number.
// A respondent's "=HYPERLINK(...)" then opens as text.
//
// The hardening work adds one such helper for every CSV mixeval writes;
// this one is to be replaced by it.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if plainNumber.MatchString(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// csvWriter writes records through encoding/csv (quoting cells with commas,
// quotes and line breaks, so that answers with newlines survive a round
// trip into R's read.csv and Python's csv), each cell made safe.
type csvWriter struct {
	w   *csv.Writer
	rec []string
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

func (c *csvWriter) write(cells ...string) error {
	c.rec = c.rec[:0]
	for _, s := range cells {
		c.rec = append(c.rec, safeCell(s))
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}
