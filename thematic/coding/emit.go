package coding

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// emitter writes the canonical coder file layout (two-space indent, block
// style). Simple scalars are written directly; any other text is rendered
// by yaml.v3 and re-indented, so quoting and escaping stay yaml.v3's.
type emitter struct {
	buf []byte
	err error
}

func (f *File) emit(e *emitter) error {
	e.str(0, "coder", f.Coder)
	if f.Sequence > 0 {
		e.raw(0, "sequence", strconv.FormatUint(f.Sequence, 10))
	}
	if f.Memo != "" {
		e.str(0, "memo", f.Memo)
	}
	if len(f.Reviewed) > 0 {
		e.buf = append(e.buf, "reviewed:\n"...)
		for _, d := range f.Reviewed {
			e.item(2, d)
		}
	}
	if len(f.Read) > 0 {
		e.buf = append(e.buf, "read:\n"...)
		for _, d := range f.Read {
			e.item(2, d)
		}
	}
	if len(f.DocumentMemos) > 0 {
		e.buf = append(e.buf, "documents:\n"...)
		for _, d := range sortedKeys(f.DocumentMemos) {
			e.buf = append(e.buf, "  - "...)
			e.str(-4, "document", d)
			e.str(4, "memo", f.DocumentMemos[d])
		}
	}
	if len(f.Segments) > 0 {
		e.buf = append(e.buf, "segments:\n"...)
		for _, s := range f.Segments {
			e.buf = append(e.buf, "  - "...)
			e.str(-4, "id", s.ID)
			e.str(4, "document", s.Document)
			e.raw(4, "start", strconv.Itoa(s.Start))
			e.raw(4, "end", strconv.Itoa(s.End))
			e.buf = append(e.buf, "    codes:\n"...)
			for _, c := range s.Codes {
				e.item(6, c)
			}
			if s.Memo != "" {
				e.str(4, "memo", s.Memo)
			}
			if s.Hash != "" {
				e.str(4, "hash", s.Hash)
			}
			e.raw(4, "created", s.Created.UTC().Format(timeLayout))
			e.raw(4, "updated", s.Updated.UTC().Format(timeLayout))
		}
	}
	return e.err
}

// indent writes n spaces; a negative n means the line was started already
// (after a "- ") and the key's column is -n.
func (e *emitter) indent(n int) int {
	if n < 0 {
		return -n
	}
	for i := 0; i < n; i++ {
		e.buf = append(e.buf, ' ')
	}
	return n
}

func (e *emitter) raw(indent int, key, value string) {
	e.indent(indent)
	e.buf = append(e.buf, key...)
	e.buf = append(e.buf, ": "...)
	e.buf = append(e.buf, value...)
	e.buf = append(e.buf, '\n')
}

func (e *emitter) str(indent int, key, value string) {
	if plainSafe(value) {
		e.raw(indent, key, value)
		return
	}
	if quoteSafe(value) {
		e.raw(indent, key, `"`+value+`"`)
		return
	}
	col := e.indent(indent)
	e.yaml(col, key, value)
}

func (e *emitter) item(indent int, value string) {
	e.indent(indent)
	e.buf = append(e.buf, "- "...)
	if plainSafe(value) {
		e.buf = append(e.buf, value...)
		e.buf = append(e.buf, '\n')
		return
	}
	if quoteSafe(value) {
		e.buf = append(e.buf, "\""+value+"\"\n"...)
		return
	}
	// A sequence item's text is rendered as a mapping value and the key
	// cut off: the value's own lines are indented the same either way.
	start := len(e.buf)
	e.yaml(indent, "k", value)
	if e.err == nil {
		e.buf = append(e.buf[:start], e.buf[start+len("k: "):]...)
	}
}

// yaml renders "key: value" with yaml.v3 at column col. The pair is
// nested col/2 mappings deep so that yaml.v3 itself indents every line of the
// value (literal blocks, folded quoted text, unusual line breaks); the
// enclosing lines are then dropped.
func (e *emitter) yaml(col int, key, value string) {
	m := mapping()
	add(m, key, str(value))
	for i := 0; i < col/2; i++ {
		outer := mapping()
		add(outer, "a", m)
		m = outer
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		if e.err == nil {
			e.err = err
		}
		return
	}
	enc.Close()
	out := b.Bytes()
	for i := 0; i < col/2; i++ {
		_, out, _ = bytes.Cut(out, []byte("\n"))
	}
	e.buf = append(e.buf, out[min(col, len(out)):]...)
}

var (
	// yamlNumber is YAML's float syntax, which also covers its decimal ints.
	yamlNumber = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	// yamlWords are the plain words YAML 1.1 and 1.2 read as booleans or null.
	yamlWords = map[string]bool{"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
		"true": true, "false": true, "null": true}
)

// plainSafe reports whether s can be written unquoted and read back as the
// same text. It is deliberately narrow (ids, codes, hashes); anything else
// goes through yaml.v3.
func plainSafe(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '/') {
			return false
		}
	}
	c := s[0]
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		return len(s) > 5 || !yamlWords[strings.ToLower(s)]
	case c >= '0' && c <= '9':
		// Digits first: refuse whatever YAML might read as a number or a
		// date (2026-01-31); hex hashes such as 9f86d081884c pass.
		if len(s) > 1 && s[0] == '0' && strings.ContainsRune("bBoOxX", rune(s[1])) {
			return false
		}
		if strings.ContainsAny(s, "_-") {
			return false
		}
		// Without a 0b/0o/0x prefix, a YAML number has no letter but e/E.
		for i := 1; i < len(s); i++ {
			if c := s[i] | 0x20; c >= 'a' && c <= 'z' && c != 'e' {
				return true
			}
		}
		if yamlNumber.MatchString(s) {
			return false
		}
		if _, err := strconv.ParseInt(s, 0, 64); err == nil {
			return false
		}
		if _, err := strconv.ParseUint(s, 0, 64); err == nil {
			return false
		}
		if len(s) > 1 && s[0] == '0' && strings.ContainsRune("bBoOxX", rune(s[1])) {
			return false
		}
		return true
	}
	return false
}

// quoteSafe reports whether s is a number in YAML's eyes, made of digits,
// letters and dots only, which yaml.v3 writes in double quotes without
// escapes: hashes and ids such as 123456789012. Callers try plainSafe first.
func quoteSafe(s string) bool {
	if s == "" || len(s) > 80 || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.') {
			return false
		}
	}
	if yamlNumber.MatchString(s) {
		// yaml.v3 writes an out-of-range float such as 9e75425 plain.
		_, err := strconv.ParseFloat(s, 64)
		return err == nil
	}
	if _, err := strconv.ParseInt(s, 0, 64); err == nil {
		return true
	}
	_, err := strconv.ParseUint(s, 0, 64)
	return err == nil
}
