package quant

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/mixeval/mixeval/internal/problem"
)

// one is a list of a single problem.
func one(p *problem.Problem) problem.List { return problem.List{p} }

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readPairsCSV checks and reads a whole CSV file held in memory. Files
// without a double quote take a fast path that splits lines by hand and
// allocates only the ids; any quote sends the file through encoding/csv.
func readPairsCSV(data []byte, name string, opt PairsOptions) ([]Pair, error) {
	opt = opt.withDefaults()
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, one(&problem.Problem{File: name, Msg: fmt.Sprintf("the file is empty; it needs a header row naming the columns (%s, %s, %s) and one row per patient", opt.IDCol, opt.PreCol, opt.PostCol)})
	}
	if !utf8.Valid(data) {
		return nil, one(&problem.Problem{File: name, Row: invalidUTF8Row(data), Msg: "the text is not UTF-8; save the file as \"CSV UTF-8\" (in Excel: Save As, CSV UTF-8)"})
	}
	delim := detectDelimiter(data)
	c := newCollector(name, opt, bytes.Count(data, []byte{'\n'}))
	c.decComma = delim != ','
	var rows int
	if bytes.IndexByte(data, '"') >= 0 {
		rows = c.readQuoted(data, delim)
	} else {
		rows = c.readPlain(data, delim)
	}
	return c.finish(rows)
}

// detectDelimiter picks the most frequent of comma, semicolon and tab in the
// header line (outside quotes); comma when none appears.
func detectDelimiter(data []byte) byte {
	counts := map[byte]int{}
	quoted := false
	for _, b := range data {
		if b == '\n' && !quoted {
			break
		}
		switch b {
		case '"':
			quoted = !quoted
		case ',', ';', '\t':
			if !quoted {
				counts[b]++
			}
		}
	}
	best := byte(',')
	for _, d := range []byte{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// readPlain reads a file with no quotes. It returns the number of data rows.
func (c *collector) readPlain(data []byte, delim byte) int {
	line := 0
	next := func() []byte {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		return l
	}
	var head []string
	for _, h := range bytes.Split(next(), []byte{delim}) {
		head = append(head, string(h))
	}
	if !c.header(head) {
		return 0
	}
	rows := 0
	cols := c.cols
	for len(data) > 0 {
		l := next()
		if blankLine(l, delim) {
			continue
		}
		rows++
		var id, measure, pre, post []byte
		n := 0
		for {
			j := bytes.IndexByte(l, delim)
			cell := l
			if j >= 0 {
				cell = l[:j]
			}
			switch n {
			case cols.id:
				id = cell
			case cols.pre:
				pre = cell
			case cols.post:
				post = cell
			case cols.measure:
				measure = cell
			}
			n++
			if j < 0 {
				break
			}
			l = l[j+1:]
		}
		c.row(line, n, id, measure, pre, post)
	}
	return rows
}

// blankLine reports whether a line holds nothing but delimiters and spaces,
// as spreadsheets write for empty rows.
func blankLine(l []byte, delim byte) bool {
	for _, b := range l {
		if b != delim && b != ' ' && b != '\t' {
			return false
		}
	}
	return true
}

// readQuoted reads a file with quoted fields through encoding/csv.
func (c *collector) readQuoted(data []byte, delim byte) int {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = rune(delim)
	r.FieldsPerRecord = -1
	parseProblem := func(err error) {
		var pe *csv.ParseError
		row := 0
		if errors.As(err, &pe) {
			row = pe.StartLine
		}
		c.add(row, "", "the file cannot be read from here on (%v); check the quotes: a quoted cell must end with a quote, and a quote inside it is written twice (\"\")", errors.Unwrap(err))
	}
	head, err := r.Read()
	if err != nil {
		parseProblem(err)
		return 0
	}
	if !c.header(head) {
		return 0
	}
	rows := 0
	cell := func(rec []string, i int) []byte {
		if i < 0 || i >= len(rec) {
			return nil
		}
		return []byte(rec[i])
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			parseProblem(err)
			break
		}
		if blankRecord(rec) {
			continue
		}
		rows++
		line, _ := r.FieldPos(0)
		cols := c.cols
		c.row(line, len(rec), cell(rec, cols.id), cell(rec, cols.measure), cell(rec, cols.pre), cell(rec, cols.post))
	}
	return rows
}

func blankRecord(rec []string) bool {
	for _, s := range rec {
		if len(bytes.TrimSpace([]byte(s))) > 0 {
			return false
		}
	}
	return true
}

func invalidUTF8Row(data []byte) int {
	row := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return row
		}
		if r == '\n' {
			row++
		}
		data = data[size:]
	}
	return row
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseNumber reads a decimal number: an optional sign, digits with an
// optional decimal point (or a decimal comma when decComma is set), and an
// optional exponent. Infinity, NaN, hexadecimal and digit separators are not
// numbers here.
//
// Numbers of at most 15 digits without an exponent are computed as an exact
// integer divided by an exact power of ten, which IEEE division rounds
// correctly (Clinger 1990), so the result equals strconv.ParseFloat's.
func parseNumber(b []byte, decComma bool) (float64, bool) {
	i := 0
	neg := false
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		neg = b[0] == '-'
		i = 1
	}
	var mant uint64
	digits, frac := 0, 0
	dot := false
	for ; i < len(b); i++ {
		ch := b[i]
		switch {
		case ch >= '0' && ch <= '9':
			mant = mant*10 + uint64(ch-'0')
			digits++
			if dot {
				frac++
			}
		case (ch == '.' || (ch == ',' && decComma)) && !dot:
			dot = true
		default:
			return parseNumberSlow(b, decComma)
		}
	}
	if digits == 0 {
		return 0, false
	}
	if digits > 15 {
		return parseNumberSlow(b, decComma)
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, true
}

// parseNumberSlow checks the grammar by hand, then lets strconv round.
func parseNumberSlow(b []byte, decComma bool) (float64, bool) {
	s := make([]byte, 0, len(b))
	i := 0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		s = append(s, b[i])
		i++
	}
	digits := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		s = append(s, b[i])
		digits++
	}
	if i < len(b) && (b[i] == '.' || (b[i] == ',' && decComma)) {
		s = append(s, '.')
		i++
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			s = append(s, b[i])
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		s = append(s, 'e')
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			s = append(s, b[i])
			i++
		}
		exp := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			s = append(s, b[i])
			exp++
		}
		if exp == 0 {
			return 0, false
		}
	}
	if i != len(b) {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		return 0, false // out of range: 1e999
	}
	return v, true
}
