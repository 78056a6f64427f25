package reconcile

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// consensus.yaml at 100,000 answers holds about 360,000 items (65 MB):
// through yaml.v3 alone, writing it took 20 s of CPU and reading it 2.5 s
// and 700 MB (docs/PERFORMANCE.md). The bulk of the file, the reviewed
// list, the items and the segments, is made of ids, document ids, codes and
// spans that YAML writes plain; those are written and read here directly.
// Anything else (a memo, an id that YAML would quote) goes through yaml.v3,
// one entry at a time when writing and the whole file when reading, so the
// bytes written are yaml.v3's bytes (TestMarshalMatchesYAMLv3,
// FuzzMarshalMatchesYAMLv3) and what is read is what yaml.v3 reads
// (FuzzParseMatchesYAMLv3).

// plainText reports whether yaml.v3 writes s as it is, unquoted, both as a
// block value and inside a flow list. Only the characters ids and spans are
// made of qualify; words YAML reads as booleans or null, and anything that
// reads as a number or time, do not.
func plainText(s string) bool {
	if s == "" {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9', c == '/', c == '_':
		case c == '-' || c == '.':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	first := s[0]
	if first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' {
		switch strings.ToLower(s) {
		case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
			return false
		}
		return true
	}
	if first < '0' || first > '9' || first == '_' {
		return false
	}
	// A digit first: a span ("12-40"), or a hex id with a letter that
	// makes it no number.
	if a, b, ok := strings.Cut(s, "-"); ok {
		return allDigits(a) && allDigits(b)
	}
	if !letter || strings.ContainsAny(s, "/._") {
		return false
	}
	if _, err := strconv.ParseInt(s, 0, 64); err == nil {
		return false // 0x1f, 0b101, 0o17
	}
	// yaml.v3 reads [0-9]+[eE][0-9]+ as a float when strconv can (an
	// exponent out of range leaves it a string).
	if i := strings.IndexAny(s, "eE"); i > 0 && allDigits(s[:i]) && allDigits(s[i+1:]) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func hexDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return s != ""
}

func allPlain(ss []string) bool {
	for _, s := range ss {
		if !plainText(s) {
			return false
		}
	}
	return true
}

// fastEncoder writes the file as yaml.v3 would.
type fastEncoder struct {
	buf bytes.Buffer
	err error
}

// yaml appends v encoded by yaml.v3 with the file's indentation.
func (e *fastEncoder) yaml(v any) {
	if e.err != nil {
		return
	}
	enc := yaml.NewEncoder(&e.buf)
	enc.SetIndent(2)
	e.err = enc.Encode(v)
	if e.err == nil {
		e.err = enc.Close()
	}
}

// entry appends one list entry of the top-level key, rendered by yaml.v3
// as the key's only entry, without the key's line.
func (e *fastEncoder) entry(key string, v any) {
	if e.err != nil {
		return
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if e.err = enc.Encode(map[string]any{key: []any{v}}); e.err != nil {
		return
	}
	enc.Close()
	out := b.Bytes()
	e.buf.Write(out[bytes.IndexByte(out, '\n')+1:])
}

func (e *fastEncoder) flow(key string, ss []string) {
	e.buf.WriteString(key)
	e.buf.WriteString(": [")
	for i, s := range ss {
		if i > 0 {
			e.buf.WriteString(", ")
		}
		e.buf.WriteString(s)
	}
	e.buf.WriteString("]\n")
}

func (e *fastEncoder) pair(key, value string) {
	e.buf.WriteString(key)
	e.buf.WriteString(": ")
	e.buf.WriteString(value)
	e.buf.WriteByte('\n')
}

// encodeFile writes y as yaml.v3's Encode(y) would, after the comment.
func encodeFile(comment string, y *fileYAML) ([]byte, error) {
	e := &fastEncoder{}
	e.buf.Grow(64 + 40*len(y.Reviewed) + 180*len(y.Items) + 120*len(y.Segments))
	e.buf.WriteString(comment)
	e.yaml(struct {
		Version int      `yaml:"version"`
		Coders  []string `yaml:"coders,flow"`
		Overlap float64  `yaml:"overlap"`
	}{y.Version, y.Coders, y.Overlap})
	if len(y.Reviewed) > 0 {
		e.buf.WriteString("reviewed:\n")
		for _, d := range y.Reviewed {
			if plainText(d) {
				e.buf.WriteString("  - ")
				e.buf.WriteString(d)
				e.buf.WriteByte('\n')
			} else {
				e.entry("reviewed", d)
			}
		}
	}
	if len(y.Items) > 0 {
		e.buf.WriteString("items:\n")
		for i := range y.Items {
			it := &y.Items[i]
			if !itemPlain(it) {
				e.entry("items", it)
				continue
			}
			e.pair("  - id", it.ID)
			e.pair("    document", it.Document)
			e.pair("    code", it.Code)
			e.pair("    status", it.Status)
			e.flow("    a", it.A)
			e.flow("    b", it.B)
			if it.Decision != "" {
				e.pair("    decision", it.Decision)
			}
			if it.Span != "" {
				e.pair("    span", it.Span)
			}
			if it.Memo != "" {
				e.pair("    memo", it.Memo)
			}
			if it.By != "" {
				e.pair("    by", it.By)
			}
			if it.At != "" {
				e.pair("    at", `"`+it.At+`"`)
			}
		}
	}
	if len(y.Segments) > 0 {
		e.buf.WriteString("segments:\n")
		for i := range y.Segments {
			s := &y.Segments[i]
			if !plainText(s.Document) || !allPlain(s.Codes) || !allPlain(s.Items) {
				e.entry("segments", s)
				continue
			}
			e.pair("  - document", s.Document)
			e.pair("    start", strconv.Itoa(s.Start))
			e.pair("    end", strconv.Itoa(s.End))
			e.flow("    codes", s.Codes)
			e.flow("    items", s.Items)
		}
	}
	if len(y.Log) > 0 {
		e.yaml(struct {
			Log []logYAML `yaml:"log"`
		}{y.Log})
	}
	return e.buf.Bytes(), e.err
}

// itemPlain reports whether every field of it is written plain: memos,
// names and times (which YAML quotes) send the item through yaml.v3.
func itemPlain(it *itemYAML) bool {
	return plainText(it.ID) && plainText(it.Document) && plainText(it.Code) && plainText(it.Status) &&
		allPlain(it.A) && allPlain(it.B) && (it.Memo == "" || plainText(it.Memo)) && (it.By == "" || plainText(it.By)) &&
		(it.At == "" || utcTime(it.At)) && (it.Decision == "" || plainText(it.Decision)) && (it.Span == "" || plainText(it.Span))
}

// utcTime reports whether s is a time as Marshal writes it,
// 2026-01-31T14:05:00Z, which yaml.v3 double-quotes.
func utcTime(s string) bool {
	if len(s) != len("2026-01-31T14:05:00Z") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		case 10:
			if c != 'T' {
				return false
			}
		case 13, 16:
			if c != ':' {
				return false
			}
		case 19:
			if c != 'Z' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// decodeFile reads data as yaml.v3 would decode it into a fileYAML, when
// it is laid out as encodeFile writes plain entries: the comment, the three
// header keys, then reviewed, items and segments with plain values only,
// then the log (read by yaml.v3). ok is false for anything else.
func decodeFile(data []byte) (y fileYAML, ok bool) {
	p := &lineReader{data: data}
	if bytes.HasPrefix(data, []byte(fileComment)) {
		p.pos = len(fileComment) // any other comment goes to yaml.v3
	}
	var vok, cok, ook bool
	y.Version, vok = p.intValue("version")
	y.Coders, cok = p.flowValue("coders")
	ov, ook := p.raw("overlap")
	if !vok || !cok || !ook {
		return y, false
	}
	var err error
	if y.Overlap, err = strconv.ParseFloat(ov, 64); err != nil || !allDigits(strings.Replace(ov, ".", "", 1)) || ov[0] == '.' || ov[len(ov)-1] == '.' ||
		len(ov) > 1 && ov[0] == '0' && ov[1] != '.' { // yaml.v3 reads 010 as octal
		return y, false
	}
	// Sizes guessed from the file's (an item takes about 130 bytes, a
	// segment 110, a reviewed line 25), to spare most regrowth.
	y.Items = make([]itemYAML, 0, len(data)/300)
	y.Segments = make([]segmentYAML, 0, len(data)/600)
	if p.key("reviewed") {
		for p.item() {
			d, ok := p.listItem()
			if !ok {
				return y, false
			}
			y.Reviewed = append(y.Reviewed, d)
		}
	}
	if p.key("items") {
		for p.item() {
			var it itemYAML
			var ok [6]bool
			it.ID, ok[0] = p.text("  - id")
			it.Document, ok[1] = p.text("    document")
			it.Code, ok[2] = p.text("    code")
			it.Status, ok[3] = p.value("    status")
			it.A, ok[4] = p.flowValue("    a")
			it.B, ok[5] = p.flowValue("    b")
			if ok != [6]bool{true, true, true, true, true, true} {
				return y, false
			}
			if p.has("    decision: ") {
				if it.Decision, ok[0] = p.value("    decision"); !ok[0] {
					return y, false
				}
			}
			if p.has("    span: ") {
				if it.Span, ok[0] = p.value("    span"); !ok[0] {
					return y, false
				}
			}
			if p.has("    memo: ") {
				if it.Memo, ok[0] = p.text("    memo"); !ok[0] {
					return y, false
				}
			}
			if p.has("    by: ") {
				if it.By, ok[0] = p.text("    by"); !ok[0] {
					return y, false
				}
			}
			if p.has("    at: ") {
				if it.At, ok[0] = p.time("    at"); !ok[0] {
					return y, false
				}
			}
			y.Items = append(y.Items, it)
		}
	}
	if p.key("segments") {
		for p.item() {
			var s segmentYAML
			var ok [5]bool
			s.Document, ok[0] = p.text("  - document")
			s.Start, ok[1] = p.intValue("    start")
			s.End, ok[2] = p.intValue("    end")
			s.Codes, ok[3] = p.flowValue("    codes")
			s.Items, ok[4] = p.flowValue("    items")
			if ok != [5]bool{true, true, true, true, true} {
				return y, false
			}
			y.Segments = append(y.Segments, s)
		}
	}
	if len(y.Items) == 0 {
		y.Items = nil // as yaml.v3 leaves an absent list
	}
	if len(y.Segments) == 0 {
		y.Segments = nil
	}
	if rest := p.data[p.pos:]; len(rest) > 0 {
		if !bytes.HasPrefix(rest, []byte("log:\n")) {
			return y, false
		}
		var log struct {
			Log []logYAML `yaml:"log"`
		}
		dec := yaml.NewDecoder(bytes.NewReader(rest))
		dec.KnownFields(true)
		if err := dec.Decode(&log); err != nil || len(log.Log) == 0 {
			return y, false
		}
		y.Log = log.Log
	}
	return y, true
}

// lineReader reads the lines of a file laid out as encodeFile writes it.
type lineReader struct {
	data []byte
	pos  int
}

func (p *lineReader) peek() []byte {
	if p.pos >= len(p.data) {
		return nil
	}
	line := p.data[p.pos:]
	if k := bytes.IndexByte(line, '\n'); k >= 0 {
		return line[:k+1]
	}
	return line
}

func (p *lineReader) next() { p.pos += len(p.peek()) }

func (p *lineReader) has(prefix string) bool { return bytes.HasPrefix(p.peek(), []byte(prefix)) }

// key reads a top-level "key:" line that opens a list.
func (p *lineReader) key(name string) bool {
	if string(p.peek()) != name+":\n" {
		return false
	}
	p.next()
	return true
}

// item reports whether the next line starts a list entry.
func (p *lineReader) item() bool { return p.has("  - ") }

// value reads "key: value\n" with a plain value.
func (p *lineReader) value(key string) (string, bool) {
	rest, ok := p.after(key)
	if !ok {
		return "", false
	}
	v, ok := bytes.CutSuffix(rest, []byte("\n"))
	if !ok || !plainText(string(v)) {
		return "", false
	}
	p.next()
	return string(v), true
}

// after returns the next line after "key: ", without allocating.
func (p *lineReader) after(key string) ([]byte, bool) {
	line := p.peek()
	if len(line) < len(key)+2 || string(line[:len(key)]) != key || line[len(key)] != ':' || line[len(key)+1] != ' ' {
		return nil, false
	}
	return line[len(key)+2:], true
}

// raw reads "key: value\n" as it is.
func (p *lineReader) raw(key string) (string, bool) {
	rest, ok := p.after(key)
	if !ok {
		return "", false
	}
	v, ok := bytes.CutSuffix(rest, []byte("\n"))
	if !ok {
		return "", false
	}
	p.next()
	return string(v), true
}

// text reads "key: value\n" whose value is plain or quoted on one line
// (a memo, a name); a quoted value is decoded by yaml.v3.
func (p *lineReader) text(key string) (string, bool) {
	if v, ok := p.value(key); ok {
		return v, true
	}
	rest, ok := p.after(key)
	if !ok || len(rest) < 3 || rest[0] != '"' && rest[0] != '\'' || !bytes.HasSuffix(rest, []byte{rest[0], '\n'}) {
		return "", false
	}
	// The next line must not continue the value.
	after := p.data[p.pos+len(p.peek()):]
	if bytes.HasPrefix(after, []byte("     ")) || bytes.HasPrefix(after, []byte("\t")) {
		return "", false
	}
	var v string
	if err := yaml.Unmarshal(rest, &v); err != nil {
		return "", false
	}
	p.next()
	return v, true
}

// time reads "key: \"2026-01-31T14:05:00Z\"\n".
func (p *lineReader) time(key string) (string, bool) {
	rest, ok := p.after(key)
	if !ok || len(rest) == 0 || rest[0] != '"' {
		return "", false
	}
	rest = rest[1:]
	v, ok := bytes.CutSuffix(rest, []byte("\"\n"))
	if !ok || !utcTime(string(v)) {
		return "", false
	}
	p.next()
	return string(v), true
}

// listItem reads "  - value\n" with a plain value.
func (p *lineReader) listItem() (string, bool) {
	rest, ok := bytes.CutPrefix(p.peek(), []byte("  - "))
	if !ok {
		return "", false
	}
	v, ok := bytes.CutSuffix(rest, []byte("\n"))
	if !ok || !plainText(string(v)) {
		return "", false
	}
	p.next()
	return string(v), true
}

func (p *lineReader) intValue(key string) (int, bool) {
	rest, ok := p.after(key)
	if !ok {
		return 0, false
	}
	v, ok := bytes.CutSuffix(rest, []byte("\n"))
	if !ok || len(v) == 0 || len(v) > 9 || !allDigits(string(v)) || len(v) > 1 && v[0] == '0' {
		return 0, false
	}
	n, _ := strconv.Atoi(string(v))
	p.next()
	return n, true
}

// flowValue reads "key: [a, b]\n" with plain elements.
func (p *lineReader) flowValue(key string) ([]string, bool) {
	rest, ok := p.after(key)
	if !ok || len(rest) == 0 || rest[0] != '[' {
		return nil, false
	}
	rest = rest[1:]
	v, ok := bytes.CutSuffix(rest, []byte("]\n"))
	if !ok {
		return nil, false
	}
	p.next()
	if len(v) == 0 {
		return []string{}, true
	}
	parts := strings.Split(string(v), ", ")
	for i, e := range parts {
		if plainText(e) {
			continue
		}
		// A quoted id ("0123456789"), as yaml.v3 writes one that would
		// read as a number.
		inner, ok := strings.CutPrefix(e, `"`)
		if inner, ok = strings.CutSuffix(inner, `"`); !ok || !hexDigits(inner) {
			return nil, false
		}
		parts[i] = inner
	}
	return parts, true
}

// LoadSegments reads what the consensus coding is, for counting it: the
// coders, the documents reviewed and the consensus segments, without the
// items and the log, which are most of the file (a third of a second and
// hundreds of megabytes at 100,000 answers). The segments are taken as the
// file states them; Load checks that they follow from the items. A file
// not laid out as mixeval writes it is read whole by Load.
func LoadSegments(studyDir string) (*Consensus, error) {
	data, err := os.ReadFile(Path(studyDir))
	if err != nil {
		return nil, err
	}
	if c, ok := decodeSegments(data); ok {
		return c, nil
	}
	return Load(studyDir)
}

// decodeSegments reads the header, the reviewed list and the segments of
// a file laid out as encodeFile writes plain entries, skipping the items.
func decodeSegments(data []byte) (*Consensus, bool) {
	k := bytes.Index(data, []byte("\nitems:\n"))
	if k < 0 {
		return nil, false // no items: nothing worth skipping
	}
	seg := bytes.Index(data[k:], []byte("\nsegments:\n"))
	log := bytes.Index(data[k:], []byte("\nlog:\n"))
	if seg < 0 || log < 0 || log < seg {
		return nil, false
	}
	head := data[:k+1]
	segs := data[k+seg+1 : k+log+1]
	y, ok := decodeFile(append(append([]byte(nil), head...), segs...))
	if !ok || y.Version != FormatVersion || len(y.Coders) != 2 {
		return nil, false
	}
	c := &Consensus{Version: y.Version, Coders: [2]string{y.Coders[0], y.Coders[1]}, Overlap: y.Overlap, Reviewed: y.Reviewed}
	for _, s := range y.Segments {
		if s.Document == "" || s.Start < 0 || s.End <= s.Start || len(s.Codes) == 0 {
			return nil, false
		}
		c.Segments = append(c.Segments, Segment{s.Document, s.Start, s.End, s.Codes, s.Items})
	}
	return c, true
}
