package coding

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"strings"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/mmapfile"
)

// A session opened for a few documents (Options.Documents) reads only their
// part of the coder file: one coding action from the command line on a file
// of 100,000 segments would otherwise parse all of them, and the action
// itself takes a fraction of a millisecond (docs/PERFORMANCE.md). The file
// is cut with the canonical layout mixeval writes (emit.go): the header
// (coder, sequence, memo), then the reviewed, documents and segments
// sections, each segment a block starting "  - id: " whose next line is
// its document. A file in any other layout is read whole.

// partialCoderFile returns a coder file holding data's header and document
// memos, and only the reviewed entries and segments of docs. ok is false
// when data is not in the canonical layout.
func partialCoderFile(data []byte, docs []string) (out []byte, ok bool) {
	out, _, ok = partialWithIDs(data, docs)
	return out, ok
}

// partialWithIDs is partialCoderFile that also gathers the ids of every
// segment in data into a filter.
func partialWithIDs(data []byte, docs []string) (out []byte, ids *idFilter, ok bool) {
	start, ok := sectionStarts(data)
	if !ok {
		return nil, nil, false
	}
	headerEnd := len(data)
	for _, s := range start {
		if s >= 0 {
			headerEnd = s
			break
		}
	}
	end := func(i int) int {
		for _, s := range start[i+1:] {
			if s >= 0 {
				return s
			}
		}
		return len(data)
	}
	want := make(map[string]bool, len(docs))
	for _, d := range docs {
		want[d] = true
	}
	out = append(out, data[:headerEnd]...)
	if s := start[0]; s >= 0 {
		kept, ok := reviewedOf(data[s:end(0)], docs, want)
		if !ok {
			return nil, nil, false
		}
		if len(kept) > 0 {
			out = append(out, "reviewed:\n"...)
			out = append(out, kept...)
		}
	}
	if s := start[1]; s >= 0 {
		out = append(out, data[s:end(1)]...)
	}
	ids = &idFilter{}
	if s := start[2]; s >= 0 {
		kept, ok := segmentsOf(data[s:], docs, want, ids)
		if !ok {
			return nil, nil, false
		}
		if len(kept) > 0 {
			out = append(out, "segments:\n"...)
			out = append(out, kept...)
		}
	}
	return out, ids, true
}

// sectionStarts finds the reviewed, documents and segments sections of a
// canonical coder file (-1 for one that is absent), reading line by line
// up to the segments, which come last: the header holds only coder,
// sequence and memo, and every line of a section but its first is
// indented.
func sectionStarts(data []byte) (start [3]int, ok bool) {
	start = [3]int{-1, -1, -1}
	if !bytes.HasPrefix(data, []byte("coder: ")) {
		return start, false
	}
	names := [3]string{"reviewed:\n", "documents:\n", "segments:\n"}
	next := 0 // the sections still possible start at names[next]
	for pos := 0; pos < len(data); {
		line := data[pos:]
		if k := bytes.IndexByte(line, '\n'); k >= 0 {
			line = line[:k+1]
		}
		switch {
		case line[0] == ' ':
		case next == 0 && (bytes.HasPrefix(line, []byte("coder: ")) ||
			bytes.HasPrefix(line, []byte("sequence: ")) || bytes.HasPrefix(line, []byte("memo: "))):
		default:
			i := next
			for i < len(names) && string(line) != names[i] {
				i++
			}
			if i == len(names) {
				return start, false
			}
			start[i], next = pos, i+1
			if i == 2 {
				return start, true // the segments run to the end
			}
		}
		pos += len(line)
	}
	return start, true
}

// reviewedOf returns the items of the reviewed section (which starts with
// its "reviewed:" line) that want holds. Each item must be one line,
// "  - " and a simple scalar. A section with nothing but plain one-line
// items, as mixeval writes ids with a '/', is searched for docs' lines
// directly.
func reviewedOf(section []byte, docs []string, want map[string]bool) ([]byte, bool) {
	if plainList(section) {
		var kept []byte
		for _, d := range docs {
			if v, ok := simpleScalar([]byte(d)); !ok || len(v) != len(d) {
				return reviewedLines(section, want) // d is not written plain
			}
			if bytes.Contains(section, []byte("\n  - "+d+"\n")) {
				kept = append(kept, "  - "+d+"\n"...)
			}
		}
		return kept, true
	}
	return reviewedLines(section, want)
}

// plainList reports whether a list section has no quoting, comments,
// continuation lines or trailing blanks: then each item's line is its text.
func plainList(section []byte) bool {
	for _, c := range []byte("\"'#\t\r") {
		if bytes.IndexByte(section, c) >= 0 {
			return false
		}
	}
	return !bytes.Contains(section, []byte("\n   ")) && !bytes.Contains(section, []byte(" \n")) &&
		bytes.HasSuffix(section, []byte("\n"))
}

// reviewedLines is reviewedOf one line at a time.
func reviewedLines(section []byte, want map[string]bool) ([]byte, bool) {
	var kept []byte
	first := true
	for line := range bytes.Lines(section) {
		if first {
			first = false
			continue
		}
		item, ok := bytes.CutPrefix(line, []byte("  - "))
		if !ok {
			return nil, false
		}
		v, ok := simpleScalar(bytes.TrimSuffix(item, []byte("\n")))
		if !ok {
			return nil, false
		}
		if want[string(v)] {
			kept = append(kept, line...)
			if kept[len(kept)-1] != '\n' {
				kept = append(kept, '\n')
			}
		}
	}
	return kept, true
}

// segmentsOf returns the blocks of the segments section (which starts
// with its "segments:" line) whose document want holds. Each block must
// start with its id line, then the document on one line, then the start.
func segmentsOf(section []byte, docs []string, want map[string]bool, ids *idFilter) ([]byte, bool) {
	mark := []byte("\n  - id: ")
	nl := bytes.IndexByte(section, '\n')
	if nl < 0 {
		return nil, true
	}
	rest := section[nl:] // starts at the newline before the first block
	var kept []byte
	for len(rest) > 0 {
		if !bytes.HasPrefix(rest, mark) {
			// Something else at the list's level: not the canonical layout.
			return nil, len(bytes.TrimSpace(rest)) == 0
		}
		next := nextItem(rest[1:])
		block := rest[1:]
		if next >= 0 {
			block = rest[1 : next+1]
		}
		first := bytes.IndexByte(block, '\n')
		if first < 0 {
			return nil, false
		}
		ids.add(block[len("  - id: "):first])
		line, ok := bytes.CutPrefix(block[first+1:], []byte("    document: "))
		if !ok {
			return nil, false
		}
		end := bytes.IndexByte(line, '\n')
		if end < 0 || !bytes.HasPrefix(line[end+1:], []byte("    start: ")) {
			return nil, false
		}
		doc, ok := simpleScalar(line[:end])
		if !ok {
			return nil, false
		}
		if len(docs) < 8 && wanted(doc, docs) || len(docs) >= 8 && want[string(doc)] {
			kept = append(kept, block...)
			if kept[len(kept)-1] != '\n' {
				kept = append(kept, '\n')
			}
		}
		if next < 0 {
			break
		}
		rest = rest[next+1:]
	}
	return kept, true
}

// nextItem finds the next "\n  - " in b (-1 when there is none). It looks
// for the dash, which is rarer in a coder file than the line break that
// bytes.Index would start from, and is about three times as fast.
func nextItem(b []byte) int {
	for i := 3; i < len(b); {
		k := bytes.IndexByte(b[i:], '-')
		if k < 0 {
			return -1
		}
		i += k
		if b[i-1] == ' ' && b[i-2] == ' ' && b[i-3] == '\n' && i+1 < len(b) && b[i+1] == ' ' {
			return i - 3
		}
		i++
	}
	return -1
}

// simpleScalar gives the text of a one-line YAML scalar that needs no
// unescaping: plain text that cannot be read as anything but a string of
// itself, or quoted text without escapes. ok is false for anything else.
func simpleScalar(v []byte) ([]byte, bool) {
	if len(v) == 0 {
		return nil, false
	}
	switch v[0] {
	case '"':
		inner, ok := bytes.CutSuffix(v[1:], []byte{'"'})
		return inner, ok && !bytes.ContainsAny(inner, "\\\"")
	case '\'':
		inner, ok := bytes.CutSuffix(v[1:], []byte{'\''})
		return inner, ok && !bytes.ContainsRune(inner, '\'')
	}
	// Plain: document ids hold a '/', which no number, boolean, null or
	// time does; with only these characters nothing else can start.
	slash := false
	for _, c := range v {
		switch {
		case c == '/':
			slash = true
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case (c == '-' || c == '.') && v[0] != c:
		default:
			return nil, false
		}
	}
	return v, slash
}

// usedIn reports whether data, a coder file, holds a segment with id.
// The id may be written plain or quoted. One pass over the file: an id
// (ten hex digits) rarely appears anywhere else, so each place it does is
// checked for the key before it.
func usedIn(data []byte, id string) bool {
	if id == "" {
		return false
	}
	for off := 0; ; {
		k := bytes.Index(data[off:], []byte(id))
		if k < 0 {
			return false
		}
		at := off + k
		before, after := data[:at], data[at+len(id):]
		switch {
		case bytes.HasSuffix(before, []byte("- id: ")) && bytes.HasPrefix(after, []byte("\n")),
			bytes.HasSuffix(before, []byte("- id: \"")) && bytes.HasPrefix(after, []byte("\"\n")),
			bytes.HasSuffix(before, []byte("- id: '")) && bytes.HasPrefix(after, []byte("'\n")):
			return true
		}
		off = at + 1
	}
}

// wanted looks doc up in a few docs without hashing it.
func wanted(doc []byte, docs []string) bool {
	for _, d := range docs {
		if string(doc) == d {
			return true
		}
	}
	return false
}

// idFilter remembers the segment ids of a coder file in a bitmap of their
// low 22 bits (512 KB, a cache's worth; one id in 17 sets a bit already
// set at 240,000 segments): an id whose bit is clear is certainly not in the file, which
// spares a search of the whole file for almost every new id. Ids that are
// not ten hex digits are searched for.
type idFilter struct {
	bits      []uint64
	irregular bool
}

func (f *idFilter) add(raw []byte) {
	v, ok := hex24(raw)
	if !ok {
		f.irregular = true
		return
	}
	if f.bits == nil {
		f.bits = make([]uint64, 1<<filterBits/64)
	}
	f.bits[v/64] |= 1 << (v % 64)
}

// mayHold reports whether id may be one of the ids added.
func (f *idFilter) mayHold(id string) bool {
	v, ok := hex24([]byte(id))
	if f.irregular || !ok {
		return true
	}
	return f.bits != nil && f.bits[v/64]&(1<<(v%64)) != 0
}

const filterBits = 22

// hex24 is the value of the low filterBits bits of a ten-digit lower-case
// hex id (as segmentID makes them).
func hex24(id []byte) (uint32, bool) {
	if len(id) != 10 {
		return 0, false
	}
	var v uint32
	for i, c := range id {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		default:
			return 0, false
		}
		if i >= 4 {
			v = v<<4 | uint32(d)
		}
	}
	return v & (1<<filterBits - 1), true
}

// The partial read is taken only for a coder file that mixeval wrote as it
// is: a fold records the file's size and CRC-32C beside the journal
// (<coder>.canon), and a file whose bytes no longer match (a git pull, an
// edit) is read whole once; when it turns out canonical, the record is
// written again.

func canonPath(journalPath string) string { return strings.TrimSuffix(journalPath, ".log") + ".canon" }

func canonRecord(data []byte) []byte {
	return fmt.Appendf(nil, "%d %08x\n", len(data), crc32.Checksum(data, crcTable))
}

// recordCanonical notes that the coder file holds data as mixeval wrote it.
func recordCanonical(journalPath string, data []byte) error {
	return atomicfile.WriteFile(canonPath(journalPath), canonRecord(data), 0o644)
}

// loadPartial reads the part of the coder file at path that concerns
// docs; the whole file when it is not canonical (above). The file is
// mapped, not read into memory. It returns, for a partial read, a check of
// new segment ids against the segments it left out, and the function that
// unmaps the file.
func loadPartial(path, journalPath, coder string, docs []string) (*File, func(string) bool, func() error, error) {
	data, release, err := mmapfile.Map(path)
	if err != nil {
		if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) {
			return &File{Coder: coder, DocumentMemos: map[string]string{}}, nil, nil, nil
		}
		f, err := Load(path) // an empty file, or one that cannot be mapped
		return f, nil, nil, err
	}
	rec, _ := os.ReadFile(canonPath(journalPath))
	if bytes.Equal(rec, canonRecord(data)) {
		if part, ids, ok := partialWithIDs(data, docs); ok {
			if f, err := Parse(displayPath(path), part); err == nil && f.Coder == coder {
				used := func(id string) bool { return ids.mayHold(id) && usedIn(data, id) }
				return f, used, release, nil
			}
		}
	}
	defer release()
	// Read whole, for the errors' positions or another layout.
	f, err := Load(path)
	if err == nil {
		if canon, merr := f.Marshal(); merr == nil && bytes.Equal(canon, data) {
			_ = recordCanonical(journalPath, data) // only saves time next time
		}
	}
	return f, nil, nil, err
}

// wholeFile is the coding as a fold writes it, for a partial session: the
// coder file read whole with the journal replayed on it.
func (s *Session) wholeFile() (*File, error) {
	f, err := loadOrEmpty(s.yamlPath, s.coder)
	if err != nil {
		return nil, err
	}
	recs, err := readJournal(s.j.path)
	if err != nil {
		return nil, err
	}
	st := newState(f)
	if err := replay(st, recs, s.j.path, displayPath(s.yamlPath), true); err != nil {
		return nil, err
	}
	return st.file(), nil
}
