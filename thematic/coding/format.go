package coding

import (
	"cmp"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/internal/yamlutil"
	"github.com/mixeval/mixeval/study"
)

// The on-disk shape of a coder file. Field order is key order on disk.
type fileYAML struct {
	Coder     string        `yaml:"coder"`
	Sequence  uint64        `yaml:"sequence,omitempty"`
	Memo      string        `yaml:"memo,omitempty"`
	Reviewed  []string      `yaml:"reviewed,omitempty"`
	Read      []string      `yaml:"read,omitempty"`
	Documents []docMemoYAML `yaml:"documents,omitempty"`
	Segments  []segmentYAML `yaml:"segments,omitempty"`
}

type docMemoYAML struct {
	Document string `yaml:"document"`
	Memo     string `yaml:"memo"`
}

type segmentYAML struct {
	ID       string   `yaml:"id"`
	Document string   `yaml:"document"`
	Start    int      `yaml:"start"`
	End      int      `yaml:"end"`
	Codes    []string `yaml:"codes"`
	Memo     string   `yaml:"memo,omitempty"`
	Hash     string   `yaml:"hash,omitempty"`
	// Times are read as text so that a bad one is reported at its line and
	// column rather than as a bare type error.
	Created string `yaml:"created"`
	Updated string `yaml:"updated"`
}

// timeLayout is how times are written: UTC, whole seconds, RFC 3339.
const timeLayout = time.RFC3339

var (
	coderRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

// isHex reports whether s is 1 to 64 lower-case hex digits.
func isHex(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// ValidCoder reports whether name can name a coder file: lower-case
// letters, digits, '-' or '_', as in the study manifest.
func ValidCoder(name string) bool { return coderRe.MatchString(name) }

// Load reads and validates a coder file. The coder named inside must match
// the file name (coding/alice.yaml holds coder alice). It reads the YAML
// only; Read also replays an unfinished journal.
func Load(path string) (*File, error) {
	data, err := safefile.ReadFile(path, 0)
	if err != nil {
		return nil, fmt.Errorf("read coder file: %w", err)
	}
	name := displayPath(path)
	f, root, err := parse(name, data)
	if err != nil {
		return nil, err
	}
	want := strings.TrimSuffix(filepath.Base(path), ".yaml")
	if f.Coder != want {
		if root == nil {
			_, root, _ = parseSlow(name, data)
		}
		return nil, problem.List{yamlutil.At(name, yamlutil.Lookup(root, "coder"),
			"coder %q does not match the file name; a file named %s must say \"coder: %s\"", f.Coder, filepath.Base(path), want)}
	}
	return f, nil
}

// displayPath shortens a path to coding/<name> when it lies in a coding
// folder, which is how users see it in a study.
func displayPath(path string) string {
	if filepath.Base(filepath.Dir(path)) == study.CodingDir {
		return study.CodingDir + "/" + filepath.Base(path)
	}
	return path
}

// Parse decodes and validates a coder file's content; name is used in
// error messages. Every problem is reported, each with line and column.
func Parse(name string, data []byte) (*File, error) {
	f, _, err := parse(name, data)
	return f, err
}

func parse(name string, data []byte) (*File, *yaml.Node, error) {
	if y, ok := parseCanonical(data); ok {
		if f, errs := fromYAML(name, nil, &y); len(errs) == 0 {
			return f, nil, nil
		}
		// Parse again below to position the errors.
	}
	return parseSlow(name, data)
}

// parseSlow parses with yaml.v3, keeping the tree to position errors.
func parseSlow(name string, data []byte) (*File, *yaml.Node, error) {
	var y fileYAML
	root, err := yamlutil.DecodeStrict(name, data, &y)
	if err != nil {
		return nil, nil, err
	}
	f, errs := fromYAML(name, root, &y)
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return f, root, nil
}

func fromYAML(name string, root *yaml.Node, y *fileYAML) (*File, problem.List) {
	var errs problem.List
	// at positions an error at path, or at the nearest enclosing node
	// when the key is missing.
	at := func(path []any, format string, args ...any) {
		node := yamlutil.Lookup(root, path...)
		for node == nil && len(path) > 0 {
			path = path[:len(path)-1]
			node = yamlutil.Lookup(root, path...)
		}
		errs = append(errs, yamlutil.At(name, node, format, args...))
	}
	f := &File{Coder: y.Coder, Sequence: y.Sequence, Memo: y.Memo, DocumentMemos: map[string]string{}}
	switch {
	case y.Coder == "":
		at(nil, "missing key \"coder\": name the coder this file belongs to")
	case !ValidCoder(y.Coder):
		at([]any{"coder"}, "coder name %q: use lower-case letters, digits, '-' or '_'", y.Coder)
	}
	f.Reviewed = checkDocList("reviewed", y.Reviewed, at)
	f.Read = checkDocList("read", y.Read, at)
	for i, d := range y.Documents {
		switch {
		case d.Document == "":
			at([]any{"documents", i}, "document memo without a document id: add \"document: <respondent>/<question>\"")
		case f.DocumentMemos[d.Document] != "":
			at([]any{"documents", i, "document"}, "document %q has two memos; join them into one", d.Document)
		case d.Memo == "":
			at([]any{"documents", i}, "document %q has an empty memo; remove the entry", d.Document)
		}
		f.DocumentMemos[d.Document] = d.Memo
	}
	// Ids are first checked for repeats with one map operation each; only a
	// file with a repeat is gone through with the map that says where the
	// first copy is.
	var seenID map[string]int
	if !uniqueIDs(y.Segments) {
		seenID = map[string]int{}
	}
	// A file in canonical order (every file mixeval writes) has segments
	// with the same span next to each other, so a duplicate span is found
	// by looking back along the run instead of through a map.
	sorted := segmentsSorted(y.Segments)
	var seenSpan map[span]int
	if !sorted {
		seenSpan = map[span]int{}
	}
	runStart := 0 // first segment of the run with the current span, when sorted
	var times timeCache
	f.Segments = make([]Segment, 0, len(y.Segments))
	for i := range y.Segments {
		s := &y.Segments[i]
		p := func(key string) []any { return []any{"segments", i, key} }
		seg := Segment{ID: s.ID, Document: s.Document, Start: s.Start, End: s.End,
			Codes: s.Codes, Memo: s.Memo, Hash: s.Hash}
		switch prev, dup := seenID[s.ID]; {
		case s.ID == "":
			at([]any{"segments", i}, "segment without an id: add \"id\" (any text unique in this file)")
		case dup:
			at(p("id"), "segment id %q is used twice (first at segment %d); give one of them a new id", s.ID, prev+1)
		}
		if seenID != nil {
			seenID[s.ID] = i
		}
		if s.Document == "" {
			at([]any{"segments", i}, "segment %q has no document: add \"document: <respondent>/<question>\"", s.ID)
		}
		switch {
		case s.Start < 0:
			at(p("start"), "segment %q: start %d is negative; offsets count code points from 0", s.ID, s.Start)
		case s.End < 0:
			at(p("end"), "segment %q: end %d is negative; offsets count code points from 0", s.ID, s.End)
		case s.Start >= s.End:
			at(p("end"), "segment %q: end %d must be greater than start %d (end is exclusive)", s.ID, s.End, s.Start)
		}
		var prev int
		var dup bool
		if sorted {
			if i == 0 || !sameSpan(s, &y.Segments[i-1]) {
				runStart = i
			}
			prev, dup = runStart, runStart < i
		} else {
			prev, dup = seenSpan[span{s.Document, s.Start, s.End}]
		}
		if dup && s.Start < s.End {
			at([]any{"segments", i}, "segment %q has the same document and span as segment %d; join their codes into one segment", s.ID, prev+1)
		} else if !sorted {
			seenSpan[span{s.Document, s.Start, s.End}] = i
		}
		if len(s.Codes) == 0 {
			at([]any{"segments", i}, "segment %q has no codes: add at least one code, or remove the segment", s.ID)
		}
		for j, c := range s.Codes {
			switch {
			case c == "":
				at([]any{"segments", i, "codes", j}, "segment %q: empty code id", s.ID)
			case slices.Contains(s.Codes[:j], c):
				at([]any{"segments", i, "codes", j}, "segment %q: code %q is listed twice", s.ID, c)
			}
		}
		if s.Hash != "" && !isHex(s.Hash) {
			at(p("hash"), "segment %q: hash %q is not lower-case hexadecimal", s.ID, s.Hash)
		}
		var ok bool
		if seg.Created, ok = times.parse(s.Created); !ok {
			at(p("created"), "segment %q: created time %q is not a date and time like 2026-01-31T14:05:00Z", s.ID, s.Created)
		}
		if seg.Updated, ok = times.parse(s.Updated); !ok {
			at(p("updated"), "segment %q: updated time %q is not a date and time like 2026-01-31T14:05:00Z", s.ID, s.Updated)
		}
		f.Segments = append(f.Segments, seg)
	}
	f.normalize()
	return f, errs
}

func parseTime(s string) (time.Time, bool) {
	if t, ok := parseCanonicalTime(s); ok {
		return t, true
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC().Truncate(time.Second), true
}

// parseCanonicalTime reads the layout mixeval writes, 2026-01-31T14:05:00Z,
// by hand: five times faster than time.Parse, which matters at 600,000
// times a file. It accepts exactly what time.Parse accepts in that layout
// (FuzzCanonicalTime holds the two together) and reports false for
// anything else, which the caller hands to time.Parse.
func parseCanonicalTime(s string) (time.Time, bool) {
	if len(s) != len("2026-01-31T14:05:00Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
		s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return time.Time{}, false
	}
	num := func(from, to int) int {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	hour, minute, sec := num(11, 13), num(14, 16), num(17, 19)
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 ||
		minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // a day past the month's end, such as 02-30
	}
	return t, true
}

// timeCache parses times, remembering the last one: a batch of segments
// coded in one action shares its time.
type timeCache struct {
	text string
	t    time.Time
	ok   bool
}

func (c *timeCache) parse(s string) (time.Time, bool) {
	if !c.ok || s != c.text {
		c.t, c.ok = parseTime(s)
		c.text = s
		if !c.ok {
			return time.Time{}, false
		}
	}
	return c.t, true
}

// checkDocList validates a list of document ids (reviewed, read); a sorted
// list without repeats (as mixeval writes it) needs no set to find repeats.
func checkDocList(key string, ds []string, at func(path []any, format string, args ...any)) []string {
	if len(ds) == 0 {
		return nil
	}
	if isSet(ds) {
		if len(ds) > 0 && ds[0] == "" {
			at([]any{key, 0}, "empty document id in %s list", key)
		}
		return slices.Clip(ds)
	}
	seen := make(map[string]bool, len(ds))
	for i, d := range ds {
		switch {
		case d == "":
			at([]any{key, i}, "empty document id in %s list", key)
		case seen[d]:
			at([]any{key, i}, "document %q is listed as %s twice", d, key)
		}
		seen[d] = true
	}
	return slices.Clip(ds)
}

// uniqueIDs reports whether no two segments share an id.
func uniqueIDs(segs []segmentYAML) bool {
	set := make(map[string]struct{}, len(segs))
	for i := range segs {
		set[segs[i].ID] = struct{}{}
	}
	return len(set) == len(segs)
}

// segmentsSorted reports whether segs are in the file's order.
func segmentsSorted(segs []segmentYAML) bool {
	for i := 1; i < len(segs); i++ {
		if compareSegmentYAML(&segs[i-1], &segs[i]) > 0 {
			return false
		}
	}
	return true
}

// compareSegmentYAML is compareSegments on the file's text form.
func compareSegmentYAML(a, b *segmentYAML) int {
	if c := strings.Compare(a.Document, b.Document); c != 0 {
		return c
	}
	if a.Start != b.Start {
		return cmp.Compare(a.Start, b.Start)
	}
	if a.End != b.End {
		return cmp.Compare(a.End, b.End)
	}
	return strings.Compare(a.ID, b.ID)
}

func sameSpan(a, b *segmentYAML) bool {
	return a.Document == b.Document && a.Start == b.Start && a.End == b.End
}

// Marshal renders f in the canonical form: keys in a fixed order, one list
// entry per item, segments sorted by document, start, end and id, times in
// UTC. Loading and marshalling a canonical file gives back the same bytes.
// The output is what yaml.v3 writes for the same tree (a test holds the two
// together), produced directly because yaml.v3 needs seconds for 100,000
// segments.
func (f *File) Marshal() ([]byte, error) {
	if err := f.validateForSave(); err != nil {
		return nil, err
	}
	g := f
	if !f.canonical() {
		g = f.Clone()
		g.normalize()
	}
	e := &emitter{buf: make([]byte, 0, 256*(len(g.Segments)+1))}
	if err := g.emit(e); err != nil {
		return nil, fmt.Errorf("encode coder file: %w", err)
	}
	return e.buf, nil
}

// validateForSave refuses to write what Load would refuse to read, so that
// a program error can never leave a file the user cannot open.
func (f *File) validateForSave() error {
	if !ValidCoder(f.Coder) {
		return fmt.Errorf("save coder file: invalid coder name %q", f.Coder)
	}
	text := []string{f.Memo}
	text = append(text, f.Reviewed...)
	text = append(text, f.Read...)
	for d, m := range f.DocumentMemos {
		text = append(text, d, m)
	}
	for _, s := range f.Segments {
		text = append(text, s.ID, s.Document, s.Memo, s.Hash)
		text = append(text, s.Codes...)
	}
	for _, t := range text {
		if !utf8.ValidString(t) {
			return fmt.Errorf("save coder file %s: %q is not valid UTF-8 text", f.Coder, t)
		}
	}
	for _, s := range f.Segments {
		if s.ID == "" || s.Document == "" || s.Start < 0 || s.Start >= s.End || len(s.Codes) == 0 || slices.Contains(s.Codes, "") {
			return fmt.Errorf("save coder file %s: segment %q (%s %d-%d) is invalid", f.Coder, s.ID, s.Document, s.Start, s.End)
		}
	}
	return nil
}

// Save writes f to path atomically (temporary file, fsync, rename).
func (f *File) Save(path string) error {
	data, err := f.Marshal()
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

func sequence(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: make([]*yaml.Node, 0, n)}
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		// yaml.v3 picks a literal block for any multi-line text on its own,
		// and loses leading line breaks and trailing blanks doing so.
		n.Style = yaml.DoubleQuotedStyle
		if literalSafe(s) {
			n.Style = yaml.LiteralStyle
		}
	}
	return n
}

// literalSafe reports whether s survives a literal block scalar unchanged;
// otherwise the encoder's double quotes (with escapes) are used.
func literalSafe(s string) bool {
	if !utf8.ValidString(s) || strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\n") {
		return false
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") || strings.ContainsAny(line, "\r\t\x00\ufeff") {
			return false
		}
	}
	return true
}
