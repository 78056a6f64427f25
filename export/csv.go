package export

import (
	"encoding/csv"
	"io"

	"github.com/mixeval/mixeval/internal/csvsafe"
)

// csvWriter writes records through encoding/csv (quoting cells with commas,
// quotes and line breaks, so that answers with newlines survive a round
// trip into R's read.csv and Python's csv), each cell made safe to open in
// a spreadsheet by csvsafe.Cell, as every CSV mixeval writes.
type csvWriter struct {
	w   *csv.Writer
	rec []string
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

func (c *csvWriter) write(cells ...string) error {
	c.rec = c.rec[:0]
	for _, s := range cells {
		c.rec = append(c.rec, csvsafe.Cell(s))
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}
