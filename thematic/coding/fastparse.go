package coding

import (
	"bytes"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"
)

// parseCanonical reads a coder file laid out as Marshal writes it, about
// twenty times faster than yaml.v3's node tree for 100,000 segments. It
// accepts only what it recognises for certain: keys in block style at the
// canonical indentation, plain ids and codes, plain numbers and times. A
// value it does not recognise as plain (a memo with quotes, a literal block)
// is handed, with its continuation lines, to yaml.v3. Anything else (flow
// style, comments between entries, unknown keys, anchors) returns ok false,
// and the caller parses with yaml.v3, which also positions every error.
func parseCanonical(data []byte) (y fileYAML, ok bool) {
	p := &lineParser{data: data, codes: map[string]string{}}
	seen := map[string]bool{}
	for {
		line, more := p.next()
		if !more {
			return y, true
		}
		key, val, isKey := splitKey(line, 0)
		if !isKey || seen[string(key)] {
			return y, false
		}
		seen[string(key)] = true
		switch string(key) {
		case "coder":
			y.Coder, ok = p.scalar(val, 0)
		case "memo":
			y.Memo, ok = p.scalar(val, 0)
		case "sequence":
			var n int
			n, ok = plainInt(val)
			ok = ok && n >= 0
			y.Sequence = uint64(n)
		case "reviewed":
			ok = len(val) == 0
			for ok && p.peekItem(2) {
				var d string
				line, _ := p.next()
				d, ok = p.scalar(line[4:], 2)
				y.Reviewed = append(y.Reviewed, d)
			}
		case "read":
			ok = len(val) == 0
			for ok && p.peekItem(2) {
				var d string
				line, _ := p.next()
				d, ok = p.scalar(line[4:], 2)
				y.Read = append(y.Read, d)
			}
		case "documents":
			ok = len(val) == 0
			for ok && p.peekItem(2) {
				var d docMemoYAML
				ok = p.mapping(4, func(k, v []byte) bool {
					var ok bool
					switch string(k) {
					case "document":
						d.Document, ok = p.scalar(v, 4)
					case "memo":
						d.Memo, ok = p.scalar(v, 4)
					}
					return ok
				})
				y.Documents = append(y.Documents, d)
			}
		case "segments":
			ok = len(val) == 0
			n := p.maxSegments()
			y.Segments = make([]segmentYAML, 0, n)
			p.codeBuf = make([]string, 0, n)
			for ok && p.peekItem(2) {
				y.Segments = append(y.Segments, segmentYAML{})
				s := &y.Segments[len(y.Segments)-1]
				ok = p.mapping(4, func(k, v []byte) bool { return p.segmentKey(s, k, v) })
			}
		default:
			return y, false
		}
		if !ok {
			return y, false
		}
	}
}

func (p *lineParser) segmentKey(s *segmentYAML, k, v []byte) bool {
	var ok bool
	switch string(k) {
	case "id":
		s.ID, ok = p.scalar(v, 4)
	case "document":
		// Segments are sorted by document, so a document's id is read once
		// and shared by its segments.
		if p.lastDoc != "" && string(v) == p.lastDoc {
			s.Document, ok = p.lastDoc, true
		} else {
			s.Document, ok = p.scalar(v, 4)
			if ok && s.Document == string(v) {
				// Only plain text is shared: a quoted or multi-line id
				// reads differently from its first line.
				p.lastDoc = s.Document
			}
		}
	case "start":
		s.Start, ok = plainInt(v)
	case "end":
		s.End, ok = plainInt(v)
	case "codes":
		// The codes of all segments share one backing array (each
		// segment's slice capped at its own end, so appending to one copies
		// it) and each code's text is read once.
		ok = len(v) == 0 && p.peekItem(6)
		from := len(p.codeBuf)
		for ok && p.peekItem(6) {
			var c string
			line, _ := p.next()
			c, ok = p.code(line[8:])
			p.codeBuf = append(p.codeBuf, c)
		}
		s.Codes = p.codeBuf[from:len(p.codeBuf):len(p.codeBuf)]
	case "memo":
		s.Memo, ok = p.scalar(v, 4)
	case "hash":
		s.Hash, ok = p.scalar(v, 4)
	case "created":
		s.Created, ok = p.time(v)
	case "updated":
		s.Updated, ok = p.time(v)
	}
	return ok
}

type lineParser struct {
	data []byte
	pos  int
	// Text met again and again is read once: a document's id (segments
	// are sorted by document), code ids (a codebook's worth), and times
	// (a batch of segments shares one).
	lastDoc  string
	lastTime string
	codes    map[string]string
	codeBuf  []string
	// The line peek found: it starts at peekFrom and the next one at peekTo.
	peeked           bool
	peekFrom, peekTo int
	peekLine         []byte
}

// maxSegments bounds the number of segments left in the file, to size the
// list once: a segment takes at least 139 bytes in the canonical layout
// (id, document, start, end, one code, two times, each on its own line).
// Counting them exactly would cost a pass over the file.
func (p *lineParser) maxSegments() int {
	return (len(p.data)-p.pos)/128 + 1
}

// code reads a code id, sharing the text of codes already met.
func (p *lineParser) code(val []byte) (string, bool) {
	if c, ok := p.codes[string(val)]; ok {
		return c, true
	}
	c, ok := p.scalar(val, 6)
	if ok && c == string(val) && len(p.codes) < 10_000 {
		p.codes[c] = c
	}
	return c, ok
}

// time reads a canonical time as text, sharing the text of the time
// before when it is the same.
func (p *lineParser) time(val []byte) (string, bool) {
	if p.lastTime != "" && string(val) == p.lastTime {
		return p.lastTime, true
	}
	t, ok := plainTime(val)
	if ok {
		p.lastTime = t
	}
	return t, ok
}

// next returns the next non-empty line without its newline.
func (p *lineParser) next() ([]byte, bool) {
	if p.peeked && p.peekFrom == p.pos {
		p.pos = p.peekTo
		return p.peekLine, p.peekLine != nil
	}
	return p.scan()
}

// peek returns the next non-empty line without consuming it. The line is
// kept, with where it starts and ends, so the next call to next or peek
// from the same place does not search for it again (every line of a
// mapping is peeked once and read once).
func (p *lineParser) peek() []byte {
	if !p.peeked || p.peekFrom != p.pos {
		from := p.pos
		line, _ := p.scan()
		p.peekFrom, p.peekTo, p.peekLine, p.peeked = from, p.pos, line, true
		p.pos = from
	}
	return p.peekLine
}

// scan reads the next non-empty line from pos.
func (p *lineParser) scan() ([]byte, bool) {
	for p.pos < len(p.data) {
		line := p.data[p.pos:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
			p.pos += i + 1
		} else {
			p.pos = len(p.data)
		}
		if len(line) > 0 {
			return line, true
		}
	}
	return nil, false
}

// peekItem reports whether the next line is a sequence item "- " at col.
func (p *lineParser) peekItem(col int) bool {
	line := p.peek()
	return len(line) > col+2 && indentOf(line) == col && line[col] == '-' && line[col+1] == ' '
}

// mapping reads one sequence item that is a mapping with keys at col (the
// first key on the "- " line), calling f for each key; keys may not repeat.
func (p *lineParser) mapping(col int, f func(key, val []byte) bool) bool {
	line, _ := p.next()
	first := true
	var seen [16][]byte // a handful of keys: a list beats a map
	n := 0
	for {
		var key []byte
		var val []byte
		var ok bool
		if first {
			key, val, ok = splitKey(line[col:], 0)
			first = false
		} else {
			key, val, ok = splitKey(line, col)
		}
		if !ok || n == len(seen) || slices.ContainsFunc(seen[:n], func(k []byte) bool { return bytes.Equal(k, key) }) || !f(key, val) {
			return false
		}
		seen[n] = key
		n++
		next := p.peek()
		if next == nil || indentOf(next) != col {
			return true
		}
		line, _ = p.next()
	}
}

// splitKey splits "<col spaces>key: value" (or "key:" with no value).
func splitKey(line []byte, col int) ([]byte, []byte, bool) {
	if indentOf(line) != col {
		return nil, nil, false
	}
	line = line[col:]
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return nil, nil, false
	}
	key := line[:i]
	for _, c := range key {
		if !(c >= 'a' && c <= 'z' || c == '_') {
			return nil, nil, false
		}
	}
	rest := line[i+1:]
	switch {
	case len(rest) == 0:
		return key, nil, true
	case rest[0] == ' ' && len(rest) > 1 && rest[1] != ' ':
		return key, rest[1:], true
	}
	return nil, nil, false
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

// scalar returns the text of a value whose key sits at column col: plain
// text directly; anything else, with the lines that continue it, through
// yaml.v3, which must find one string scalar.
func (p *lineParser) scalar(val []byte, col int) (string, bool) {
	if len(val) == 0 {
		return "", false
	}
	text := string(val) // one copy, which is also the value when plain
	if plainSafe(text) {
		return text, true
	}
	// A number-like id or hash in double quotes, as the emitter writes it:
	// no escapes inside, so the text between the quotes is the value.
	if n := len(text); n > 2 && text[0] == '"' && text[n-1] == '"' && quoteSafe(text[1:n-1]) {
		return text[1 : n-1], true
	}
	var doc bytes.Buffer
	doc.WriteString("k: ")
	doc.Write(val)
	doc.WriteByte('\n')
	// Continuation lines are those indented deeper than the key, and empty
	// lines among them.
	for p.pos < len(p.data) {
		line := p.data[p.pos:]
		end := bytes.IndexByte(line, '\n')
		lastLine := end < 0
		if lastLine {
			end = len(line)
		}
		line = line[:end]
		if len(bytes.TrimLeft(line, " ")) > 0 && indentOf(line) <= col {
			break
		}
		if len(line) > col {
			doc.Write(line[col:])
		}
		// A literal block keeps its final line break only if the file has
		// one ("memo: |\n  x" at the end of a file reads as "x").
		if !lastLine {
			doc.WriteByte('\n')
		}
		p.pos = min(p.pos+end+1, len(p.data))
	}
	var n yaml.Node
	if err := yaml.Unmarshal(doc.Bytes(), &n); err != nil || len(n.Content) != 1 {
		return "", false
	}
	m := n.Content[0]
	if m.Kind != yaml.MappingNode || len(m.Content) != 2 {
		return "", false
	}
	v := m.Content[1]
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" || v.Anchor != "" {
		return "", false
	}
	return v.Value, true
}

// plainInt accepts what yaml.v3 reads as the same int: optional minus,
// digits without a leading zero.
func plainInt(val []byte) (int, bool) {
	s := string(val)
	digits := s
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 15 || (digits[0] == '0' && len(digits) > 1) {
		return 0, false
	}
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// plainTime accepts a canonical time, 2026-01-31T14:05:00Z, as text.
func plainTime(val []byte) (string, bool) {
	const layout = "0000-00-00T00:00:00Z"
	if len(val) != len(layout) {
		return "", false
	}
	for i, c := range []byte(layout) {
		if c == '0' {
			if val[i] < '0' || val[i] > '9' {
				return "", false
			}
		} else if val[i] != c {
			return "", false
		}
	}
	return string(val), true
}
