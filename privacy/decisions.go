package privacy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/yamlutil"
	"github.com/mixeval/mixeval/study"
)

// Action is what a researcher decided about a finding.
type Action string

const (
	// ActionRedact replaces the finding by its marker in everything exported.
	ActionRedact Action = "redact"
	// ActionAllow lets the finding leave the study as it is.
	ActionAllow Action = "allow"
)

// FormatVersion is the version of privacy.yaml this package writes.
const FormatVersion = 1

// HashLen is how many hex digits of a document's content hash a decision
// records: the same short hash that coder files record for segments.
const HashLen = 12

// Decision is one entry of privacy.yaml. It is keyed to the document, its
// content hash and the span: never to the finding's text, nor to a hash of
// that text alone (a ten-digit number's hash is reversed by trying every
// number). When the answer changes, its hash changes and the decision no
// longer applies: it is stale, and the finding is asked about again.
type Decision struct {
	// Finding is the finding's id, derived from the other key fields
	// (FindingID); kept so that people can match the file with scan output.
	Finding string    `yaml:"finding"`
	Doc     string    `yaml:"doc"`
	Hash    string    `yaml:"hash"`
	Start   int       `yaml:"start"`
	End     int       `yaml:"end"`
	Kind    Kind      `yaml:"kind"`
	Action  Action    `yaml:"action"`
	By      string    `yaml:"by"`
	At      time.Time `yaml:"at"`
	Memo    string    `yaml:"memo,omitempty"`
}

// Key identifies what a decision is about.
type Key struct {
	Doc        string
	Hash       string
	Start, End int
	Kind       Kind
}

// Key returns the decision's key.
func (d Decision) Key() Key { return Key{d.Doc, d.Hash, d.Start, d.End, d.Kind} }

// ID is the finding id of the key (FindingID).
func (k Key) ID() string { return FindingID(k.Doc, k.Hash, k.Start, k.End, k.Kind) }

// FindingID derives a finding's id from its document id, the document's
// short content hash, its span and its kind: the same while the answer is
// unchanged, different once it changes. Ten hex digits.
func FindingID(doc, hash string, start, end int, kind Kind) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d\x00%s", doc, ShortHash(hash), start, end, kind)
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// HashText is a document's content hash: hex SHA-256 of its text, as
// documents carry it.
func HashText(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// ShortHash is the first HashLen hex digits of a content hash.
func ShortHash(h string) string {
	h = strings.ToLower(h)
	if len(h) > HashLen {
		return h[:HashLen]
	}
	return h
}

// NewDecision records action on finding f by who at a time (stored in UTC,
// to the second).
func NewDecision(f Finding, action Action, by string, at time.Time, memo string) Decision {
	return Decision{
		Finding: f.ID, Doc: f.Doc, Hash: f.Hash, Start: f.Start, End: f.End, Kind: f.Kind,
		Action: action, By: by, At: at.UTC().Truncate(time.Second), Memo: memo,
	}
}

// File is the content of privacy.yaml. Field order is the key order on
// disk.
type File struct {
	Version   int        `yaml:"version"`
	Decisions []Decision `yaml:"decisions"`
}

// Decide returns decisions with each of add put in: a decision with the
// same key is replaced. The result is in canonical order (SortDecisions); neither
// argument is changed.
func Decide(decisions []Decision, add ...Decision) []Decision {
	keys := make(map[Key]bool, len(add))
	for _, d := range add {
		keys[d.Key()] = true
	}
	out := make([]Decision, 0, len(decisions)+len(add))
	for _, d := range decisions {
		if !keys[d.Key()] {
			out = append(out, d)
		}
	}
	seen := make(map[Key]int, len(add))
	for _, d := range add {
		if i, ok := seen[d.Key()]; ok {
			out[i] = d // the last of two for one key wins
			continue
		}
		seen[d.Key()] = len(out)
		out = append(out, d)
	}
	SortDecisions(out)
	return out
}

// Without returns decisions less those with one of the keys (stale ones,
// say); the argument is not changed.
func Without(decisions []Decision, keys ...Key) []Decision {
	drop := make(map[Key]bool, len(keys))
	for _, k := range keys {
		drop[k] = true
	}
	out := make([]Decision, 0, len(decisions))
	for _, d := range decisions {
		if !drop[d.Key()] {
			out = append(out, d)
		}
	}
	return out
}

// SortDecisions puts decisions in the order privacy.yaml keeps them: by document,
// then span, kind and hash.
func SortDecisions(ds []Decision) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		switch {
		case a.Doc != b.Doc:
			return a.Doc < b.Doc
		case a.Start != b.Start:
			return a.Start < b.Start
		case a.End != b.End:
			return a.End < b.End
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		}
		return a.Hash < b.Hash
	})
}

// Load reads privacy.yaml at path (study.Layout.Privacy); a missing file is
// an empty one. A caller that changes decisions holds the study's lock
// around Load, the change and Save, so that no decision is lost.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &File{Version: FormatVersion}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read personal-data decisions: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and checks privacy.yaml; name is used in problems. Every
// problem is reported at once, as a problem.List with lines and columns.
// An empty file has no decisions.
func Parse(name string, data []byte) (*File, error) {
	var f File
	if len(bytes.TrimSpace(data)) == 0 {
		return &File{Version: FormatVersion}, nil
	}
	root, err := yamlutil.DecodeStrict(name, data, &f)
	var l problem.List
	if err != nil {
		ye := problem.Of(err)
		if ye == nil {
			return nil, err
		}
		for _, e := range ye {
			if strings.Contains(e.Msg, "file is empty") {
				return &File{Version: FormatVersion}, nil // comments only
			}
			l.Add(e)
		}
		if root == nil {
			return nil, l.Err()
		}
	}
	f.check(name, root, &l)
	if err := l.Err(); err != nil {
		return nil, err
	}
	if f.Version == 0 {
		f.Version = FormatVersion
	}
	return &f, nil
}

// Validate checks a File held in memory by the rules Parse applies;
// problems carry no line numbers.
func (f *File) Validate() error {
	var l problem.List
	f.check(study.PrivacyFile, nil, &l)
	return l.Err()
}

// check adds every problem of f to l, positioned at root's nodes when root
// is given.
func (f *File) check(file string, root *yaml.Node, l *problem.List) {
	at := func(path []any, format string, args ...any) {
		p := &problem.Problem{File: file, Msg: fmt.Sprintf(format, args...)}
		// The key's value, or the entry holding it when the key is missing.
		n := yamlutil.Lookup(root, path...)
		if n == nil && len(path) > 1 {
			n = yamlutil.Lookup(root, path[:len(path)-1]...)
		}
		if n != nil {
			p.Line, p.Column = n.Line, n.Column
		}
		l.Add(p)
	}
	if f.Version != 0 && f.Version != FormatVersion {
		at([]any{"version"}, "version %d is not known: this mixeval reads version %d", f.Version, FormatVersion)
	}
	first := map[Key]int{}
	for i, d := range f.Decisions {
		p := func(key string) []any { return []any{"decisions", i, key} }
		ok := true
		bad := func(key, format string, args ...any) {
			at(p(key), format, args...)
			ok = false
		}
		if d.Doc == "" || strings.ContainsAny(d.Doc, "\r\n") {
			bad("doc", "decision %d: \"doc\" must name one document (respondent/question)", i+1)
		}
		if !isHex(d.Hash, HashLen) {
			bad("hash", "decision %d: \"hash\" %q must be the %d hex digits of the answer's content hash that scan reports", i+1, d.Hash, HashLen)
		}
		if d.Start < 0 || d.End <= d.Start {
			bad("end", "decision %d: span %d-%d is empty or negative: start must be at least 0 and end greater than start", i+1, d.Start, d.End)
		}
		if !d.Kind.Valid() {
			bad("kind", "decision %d: kind %q is not known: use %s", i+1, d.Kind, kindList())
		}
		switch d.Action {
		case ActionRedact:
		case ActionAllow:
			if strings.TrimSpace(d.Memo) == "" {
				bad("memo", "decision %d: an allow decision needs a memo saying why this may leave the study", i+1)
			}
		default:
			bad("action", "decision %d: action %q is not known: use redact or allow", i+1, d.Action)
		}
		if strings.TrimSpace(d.By) == "" {
			bad("by", "decision %d: \"by\" must name who decided", i+1)
		}
		if d.At.IsZero() {
			bad("at", "decision %d: \"at\" must give when it was decided (e.g. 2025-03-14T10:00:00Z)", i+1)
		}
		if !ok {
			continue
		}
		if want := d.Key().ID(); d.Finding != want {
			at(p("finding"), "decision %d: finding id %q does not match its doc, hash, span and kind (they give %q); ids are derived, not edited", i+1, d.Finding, want)
			continue
		}
		if j, dup := first[d.Key()]; dup {
			at(p("finding"), "decision %d: finding %s is decided twice (first in decision %d); keep one", i+1, d.Finding, j+1)
			continue
		}
		first[d.Key()] = i
	}
}

func kindList() string {
	var s []string
	for _, k := range Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isDigit(c) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// header opens every privacy.yaml that mixeval writes.
const header = "# Personal-data decisions of this study, one per finding (see docs/privacy.md).\n" +
	"# Each is keyed to the answer's content hash and a span, never to the text found.\n"

// Marshal renders f in canonical form: version 1, decisions sorted (SortDecisions),
// keys in a fixed order, times in UTC.
func (f *File) Marshal() ([]byte, error) {
	out := File{Version: FormatVersion, Decisions: append([]Decision(nil), f.Decisions...)}
	for i := range out.Decisions {
		out.Decisions[i].At = out.Decisions[i].At.UTC()
	}
	SortDecisions(out.Decisions)
	if out.Decisions == nil {
		out.Decisions = []Decision{}
	}
	b, err := study.MarshalYAML(out)
	if err != nil {
		return nil, err
	}
	return append([]byte(header), b...), nil
}

// Save checks f and writes it to path atomically; a File with problems is
// not written.
func Save(path string, f *File) error {
	if err := f.Validate(); err != nil {
		return err
	}
	b, err := f.Marshal()
	if err != nil {
		return fmt.Errorf("write personal-data decisions: %w", err)
	}
	return atomicfile.WriteFile(path, b, 0o644)
}

// String is a finding's short description for messages: id, document and
// span, never the text.
func (k Key) String() string {
	return k.ID() + " " + k.Doc + " " + strconv.Itoa(k.Start) + "-" + strconv.Itoa(k.End) + " " + string(k.Kind)
}
