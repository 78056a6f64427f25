package corpus

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mixeval/mixeval/study"
)

// DocumentIDs returns the ids of the study's documents, sorted, reading
// only the respondent id column of each normalised source: no answer text
// is kept, decoded, hashed or checked, so it is many times faster than
// LoadDocuments on a large study (shell completion uses it). Rows that
// LoadDocuments would reject (an empty, malformed or repeated respondent
// id) are left out rather than reported; LoadDocuments reports them.
func DocumentIDs(s *study.Study) ([]string, error) {
	var ids []string
	for _, src := range s.Manifest.Sources {
		data, err := readSource(s, src)
		if err != nil {
			return nil, err
		}
		resp, err := respondentIDs(data, src.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range resp {
			for _, q := range src.Questions {
				ids = append(ids, r+"/"+q.Label)
			}
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// respondentIDs reads the distinct, valid respondent ids of a normalised
// source, as ReadNormalised and BuildDocuments would see them. A file in
// the form import writes (UTF-8, quoted as encoding/csv quotes) is
// scanned for the id column alone; anything else is decoded and parsed
// whole.
func respondentIDs(data []byte, idColumn string) ([]string, error) {
	if plainUTF8(data) {
		d := SniffDelimiter(firstRecords(data, 21))
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma = d
		r.FieldsPerRecord = -1
		header, err := r.Read()
		if err != nil {
			return nil, err
		}
		for i, h := range header {
			header[i] = NormalizeText(h)
		}
		col := (&Table{Header: trimCells(header)}).Column(idColumn)
		if col < 0 {
			return nil, nil
		}
		if cells, ok := scanColumn(data[r.InputOffset():], byte(d), col); ok {
			return validIDs(cells), nil
		}
	}
	return parsedIDs(data, idColumn)
}

// plainUTF8 reports whether DecodeText would take data almost as it is:
// UTF-8 without a byte order mark, not mistaken for UTF-16, no NUL bytes
// and no carriage returns (NormalizeText's NFC and U+FEFF removal are then
// applied to the cells read).
func plainUTF8(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || bytes.IndexByte(data, 0) >= 0 || bytes.IndexByte(data, '\r') >= 0 || !utf8.Valid(data) {
		return false
	}
	_, utf16 := looksUTF16(data)
	return !utf16
}

// parsedIDs is respondentIDs through DecodeText and encoding/csv.
func parsedIDs(data []byte, idColumn string) ([]string, error) {
	text, _, err := DecodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = SniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	rec, err := r.Read()
	if err != nil {
		return nil, err
	}
	col := (&Table{Header: trimCells(rec)}).Column(idColumn)
	if col < 0 {
		return nil, nil
	}
	var cells []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return validIDs(cells), nil
		}
		if err != nil {
			return nil, err
		}
		if col < len(rec) {
			cells = append(cells, rec[col])
		}
	}
}

// validIDs normalises and trims each id as reading a source does, and
// keeps the first of each that BuildDocuments would accept.
func validIDs(cells []string) []string {
	seen := make(map[string]bool, len(cells))
	out := make([]string, 0, len(cells))
	for _, c := range cells {
		id := strings.TrimSpace(NormalizeText(c))
		if id == "" || strings.ContainsAny(id, "/\n") || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out
}

// scanColumn returns field col of every record of data, a CSV body
// separated by delim and quoted the way encoding/csv writes (a quoted
// field starts with '"' and doubles the quotes inside). Records without
// that field are skipped. The fields up to col are read strictly: on
// anything encoding/csv would reject or read otherwise there (a quote
// inside an unquoted field, text after a closing quote, an unclosed
// quote), it returns false and the caller parses the file properly. The rest of a record is skipped by counting
// quotes: a line break ends the record where the quotes before it pair up.
func scanColumn(data []byte, delim byte, col int) ([]string, bool) {
	var out []string
	for len(data) > 0 {
		for field := 0; ; field++ {
			v, end, rest, ok := scanField(data, delim)
			if !ok {
				return nil, false
			}
			data = rest
			if field == col {
				out = append(out, unquoteField(v))
				if end == delim {
					data = skipRecord(data)
				}
				break
			}
			if end != delim {
				break
			}
		}
	}
	return out, true
}

// scanField reads one field from the start of data and returns it (still
// quoted), the byte that ended it (delim, '\n', or 0 at the end of data)
// and the rest after that byte.
func scanField(data []byte, delim byte) (field []byte, end byte, rest []byte, ok bool) {
	if len(data) > 0 && data[0] == '"' {
		i := 1
		for {
			j := bytes.IndexByte(data[i:], '"')
			if j < 0 {
				return nil, 0, nil, false
			}
			i += j + 1
			if i < len(data) && data[i] == '"' {
				i++
				continue
			}
			break
		}
		field, data = data[:i], data[i:]
		if len(data) == 0 {
			return field, 0, nil, true
		}
		if data[0] != delim && data[0] != '\n' {
			return nil, 0, nil, false
		}
		return field, data[0], data[1:], true
	}
	for i, c := range data {
		switch c {
		case delim, '\n':
			return data[:i], c, data[i+1:], true
		case '"':
			return nil, 0, nil, false
		}
	}
	return data, 0, nil, true
}

// firstRecords returns the first n records of data as text: SniffDelimiter
// reads no more than 20 records after the header, so it decides the same
// on them as on the whole file, without a copy of all of it.
func firstRecords(data []byte, n int) string {
	rest := data
	for i := 0; i < n && len(rest) > 0; i++ {
		rest = skipRecord(rest)
	}
	return string(data[:len(data)-len(rest)])
}

// skipRecord returns data after the end of the current record: the first
// line break with an even number of quotes before it.
func skipRecord(data []byte) []byte {
	quotes := 0
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return nil
		}
		quotes += bytes.Count(data[:i], []byte{'"'})
		data = data[i+1:]
		if quotes%2 == 0 {
			return data
		}
	}
}

// unquoteField removes a quoted field's quotes and undoubles the quotes
// inside.
func unquoteField(f []byte) string {
	if len(f) < 2 || f[0] != '"' {
		return string(f)
	}
	return strings.ReplaceAll(string(f[1:len(f)-1]), `""`, `"`)
}
