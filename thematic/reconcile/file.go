package reconcile

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/internal/yamlutil"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// Path is where a study keeps its consensus.
func Path(studyDir string) string { return filepath.Join(studyDir, "coding", "consensus.yaml") }

// The YAML shape; field order is the key order on disk.
type fileYAML struct {
	Version  int           `yaml:"version"`
	Coders   []string      `yaml:"coders,flow"`
	Overlap  float64       `yaml:"overlap"`
	Reviewed []string      `yaml:"reviewed,omitempty"`
	Items    []itemYAML    `yaml:"items,omitempty"`
	Segments []segmentYAML `yaml:"segments,omitempty"`
	Log      []logYAML     `yaml:"log,omitempty"`
}

type itemYAML struct {
	ID       string   `yaml:"id"`
	Document string   `yaml:"document"`
	Code     string   `yaml:"code"`
	Status   string   `yaml:"status"`
	A        []string `yaml:"a,flow"`
	B        []string `yaml:"b,flow"`
	Decision string   `yaml:"decision,omitempty"`
	Span     string   `yaml:"span,omitempty"`
	Memo     string   `yaml:"memo,omitempty"`
	By       string   `yaml:"by,omitempty"`
	At       string   `yaml:"at,omitempty"`
}

type segmentYAML struct {
	Document string   `yaml:"document"`
	Start    int      `yaml:"start"`
	End      int      `yaml:"end"`
	Codes    []string `yaml:"codes,flow"`
	Items    []string `yaml:"items,flow"`
}

type logYAML struct {
	At       string `yaml:"at"`
	By       string `yaml:"by,omitempty"`
	Action   string `yaml:"action"`
	Item     string `yaml:"item,omitempty"`
	Decision string `yaml:"decision,omitempty"`
	Span     string `yaml:"span,omitempty"`
	Memo     string `yaml:"memo,omitempty"`
	Details  string `yaml:"details,omitempty"`
}

const timeLayout = time.RFC3339

func spanStrings(ss []triangulate.Span) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.String()
	}
	return out
}

// Marshal writes the consensus in its stable form.
func (c *Consensus) Marshal() ([]byte, error) {
	y := fileYAML{Version: c.Version, Coders: c.Coders[:], Overlap: c.Overlap, Reviewed: c.Reviewed}
	for _, it := range c.Items {
		iy := itemYAML{ID: it.ID, Document: it.Document, Code: it.Code, Status: it.Status(), A: spanStrings(it.A), B: spanStrings(it.B)}
		if d := it.Decision; d != nil {
			iy.Decision, iy.Memo, iy.By, iy.At = d.Kind, d.Memo, d.By, d.At.UTC().Format(timeLayout)
			if d.Kind == Edit {
				iy.Span = d.Span.String()
			}
		}
		y.Items = append(y.Items, iy)
	}
	for _, s := range c.Segments {
		y.Segments = append(y.Segments, segmentYAML{s.Document, s.Start, s.End, s.Codes, s.Items})
	}
	for _, l := range c.Log {
		y.Log = append(y.Log, logYAML{At: l.At.UTC().Format(timeLayout), By: l.By, Action: l.Action, Item: l.Item, Decision: l.Decision, Span: l.Span, Memo: l.Memo, Details: l.Details})
	}
	return encodeFile(fileComment, &y)
}

const fileComment = "# The consensus coding of two coders, with the decision log: written by\n# 'mixeval reconcile' (see docs/reconcile.md).\n"

// marshalYAMLv3 is Marshal through yaml.v3 alone, which encodeFile must
// equal byte for byte.
func marshalYAMLv3(y *fileYAML) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(fileComment)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(y); err != nil {
		return nil, err
	}
	enc.Close()
	return buf.Bytes(), nil
}

// Save writes coding/consensus.yaml atomically: a crash leaves the old file
// or the new, never part of one.
//
// It refuses to overwrite a file that changed since this consensus was
// loaded (or to replace one that appeared since a new consensus was
// started), so that two people reconciling at once on a shared folder do
// not silently lose each other's decisions.
func (c *Consensus) Save(studyDir string) error {
	data, err := c.Marshal()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(studyDir, "coding"), 0o755); err != nil {
		return err
	}
	current, err := safefile.ReadFile(Path(studyDir), 0)
	switch {
	case err == nil && (!c.fromDisk || sha256.Sum256(current) != c.loaded):
		return errors.New("coding/consensus.yaml changed while this reconcile ran (another mixeval reconcile?): nothing was written; run the command again")
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	case err != nil && c.fromDisk:
		return errors.New("coding/consensus.yaml was removed while this reconcile ran: nothing was written; run the command again")
	}
	if err := atomicfile.WriteFile(Path(studyDir), data, 0o644); err != nil {
		return err
	}
	c.loaded, c.fromDisk = sha256.Sum256(data), true
	return nil
}

// Load reads coding/consensus.yaml; fs.ErrNotExist when there is none.
func Load(studyDir string) (*Consensus, error) {
	data, err := safefile.ReadFile(Path(studyDir), 0)
	if err != nil {
		return nil, err
	}
	c, err := Parse("coding/consensus.yaml", data)
	if err != nil {
		return nil, err
	}
	c.loaded, c.fromDisk = sha256.Sum256(data), true
	return c, nil
}

// LoadOrNew loads the consensus, or starts one for coders a and b.
func LoadOrNew(studyDir, a, b string) (*Consensus, error) {
	c, err := Load(studyDir)
	if errors.Is(err, fs.ErrNotExist) {
		return New(a, b), nil
	}
	return c, err
}

// Parse decodes and checks a consensus file, reporting every problem with
// its line and column; name is used in the messages.
func Parse(name string, data []byte) (*Consensus, error) {
	if y, ok := decodeFile(data); ok {
		if c, err := fromYAML(name, nil, &y); err == nil {
			return c, nil
		}
		// Read again below, to position the problems.
	}
	var y fileYAML
	root, err := yamlutil.DecodeStrict(name, data, &y)
	if err != nil {
		return nil, err
	}
	return fromYAML(name, root, &y)
}

// fromYAML checks a decoded file; root positions the problems (nil when
// the file was read without yaml.v3's tree).
func fromYAML(name string, root *yaml.Node, y *fileYAML) (*Consensus, error) {
	var errs problem.List
	at := func(path []any, format string, args ...any) {
		n := yamlutil.Lookup(root, path...)
		if n == nil {
			n = root
		}
		errs = append(errs, yamlutil.At(name, n, format, args...))
	}
	c := &Consensus{Version: y.Version, Overlap: y.Overlap, Reviewed: y.Reviewed}
	if y.Version != FormatVersion {
		at([]any{"version"}, "version %d is not known: this mixeval reads version %d", y.Version, FormatVersion)
	}
	if len(y.Coders) != 2 || !coding.ValidCoder(y.Coders[0]) || !coding.ValidCoder(y.Coders[1]) || y.Coders[0] == y.Coders[1] {
		at([]any{"coders"}, "coders must name two different coders, e.g. [alice, bob]")
	} else {
		c.Coders = [2]string{y.Coders[0], y.Coders[1]}
	}
	if !(y.Overlap > 0 && y.Overlap <= 100) {
		at([]any{"overlap"}, "overlap %v must be a percentage above 0 and at most 100", y.Overlap)
	}
	seen := make(map[string]int, len(y.Items))
	for i, iy := range y.Items {
		p := func(k string) []any { return []any{"items", i, k} }
		it := &Item{ID: iy.ID, Document: iy.Document, Code: iy.Code}
		if len(iy.ID) != 10 || !hexDigits(iy.ID) {
			at(p("id"), "item id %q is not ten hex digits", iy.ID)
		} else if j, dup := seen[iy.ID]; dup {
			at(p("id"), "item id %s appears twice (items %d and %d)", iy.ID, j+1, i+1)
		}
		seen[iy.ID] = i
		if iy.Document == "" {
			at([]any{"items", i}, "item %s has no document", iy.ID)
		}
		if iy.Code == "" {
			at([]any{"items", i}, "item %s has no code", iy.ID)
		}
		for _, side := range []struct {
			key  string
			text []string
			dst  *[]triangulate.Span
		}{{"a", iy.A, &it.A}, {"b", iy.B, &it.B}} {
			for k, s := range side.text {
				sp, err := triangulate.ParseSpan(s)
				if err != nil {
					at([]any{"items", i, side.key, k}, "%v", err)
					continue
				}
				*side.dst = append(*side.dst, sp)
			}
		}
		if len(it.A)+len(it.B) == 0 {
			at([]any{"items", i}, "item %s has no spans from either coder", iy.ID)
		}
		switch iy.Status {
		case StatusAgreed:
			it.Agreed = true
		case StatusObsolete:
			it.Obsolete = true
		case StatusOpen, StatusDecided:
		default:
			at(p("status"), "status %q is not known: use agreed, open, decided or obsolete", iy.Status)
		}
		if iy.Decision != "" {
			d, ok := parseDecision(iy, func(k, format string, args ...any) { at(p(k), format, args...) })
			if ok {
				it.Decision = d
			}
		} else if iy.Status == StatusDecided {
			at(p("status"), "item %s is decided but has no decision", iy.ID)
		}
		if iy.Decision != "" && (iy.Status == StatusOpen || iy.Status == StatusAgreed) {
			at(p("decision"), "item %s is %s but has a decision: make it decided, or remove the decision", iy.ID, iy.Status)
		}
		c.Items = append(c.Items, it)
	}
	for i, s := range y.Segments {
		if s.Document == "" || s.Start < 0 || s.End <= s.Start || len(s.Codes) == 0 {
			at([]any{"segments", i}, "segment %d must have a document, 0 <= start < end and at least one code", i+1)
		}
		c.Segments = append(c.Segments, Segment{s.Document, s.Start, s.End, s.Codes, s.Items})
	}
	for i, l := range y.Log {
		t, err := time.Parse(timeLayout, l.At)
		if err != nil {
			at([]any{"log", i, "at"}, "time %q is not a date and time like 2026-01-31T14:05:00Z", l.At)
		}
		switch l.Action {
		case "update", "decide", "undo":
		default:
			at([]any{"log", i, "action"}, "action %q is not known: use update, decide or undo", l.Action)
		}
		c.Log = append(c.Log, LogEntry{At: t, By: l.By, Action: l.Action, Item: l.Item, Decision: l.Decision, Span: l.Span, Memo: l.Memo, Details: l.Details})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// The segments follow from the items; a file whose segments say
	// otherwise has been edited by hand or damaged.
	stored := c.Segments
	c.Segments = nil
	c.rebuildSegments()
	if !sameSegments(stored, c.Segments) {
		at([]any{"segments"}, "the segments do not follow from the items' statuses and decisions: change the decisions rather than editing segments by hand")
		return nil, errs
	}
	return c, nil
}

func sameSegments(x, y []Segment) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		a, b := x[i], y[i]
		if a.Document != b.Document || a.Start != b.Start || a.End != b.End || !slices.Equal(a.Codes, b.Codes) || !slices.Equal(a.Items, b.Items) {
			return false
		}
	}
	return true
}

func parseDecision(iy itemYAML, fail func(key, format string, args ...any)) (*Decision, bool) {
	ok := true
	kind, err := ParseKind(iy.Decision)
	if err != nil {
		fail("decision", "%v", err)
		ok = false
	}
	d := &Decision{Kind: kind, Memo: iy.Memo, By: iy.By}
	if kind == Edit {
		sp, err := triangulate.ParseSpan(iy.Span)
		if err != nil {
			fail("span", "an edit needs a span: %v", err)
			ok = false
		}
		d.Span = sp
	} else if iy.Span != "" {
		fail("span", "a span goes with decision edit only")
		ok = false
	}
	if iy.At != "" {
		t, err := time.Parse(timeLayout, iy.At)
		if err != nil {
			fail("at", "time %q is not a date and time like 2026-01-31T14:05:00Z", iy.At)
			ok = false
		}
		d.At = t
	}
	return d, ok
}
