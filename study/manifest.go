// Package study finds a study folder and reads and validates its manifest,
// mixeval.yaml. Every other package receives paths and settings from here;
// none of them walks the file system looking for a study on its own.
//
//	s, err := study.Open("")           // walk up from the working directory
//	for _, m := range s.Manifest.Measures { ... }
package study

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/internal/yamlutil"
)

// ManifestName is the file that marks a study folder.
const ManifestName = "mixeval.yaml"

// Manifest is the content of mixeval.yaml. Field order here is the key order
// on disk.
type Manifest struct {
	Title string `yaml:"title"`
	// Description says what the study is, for the report's opening.
	Description string   `yaml:"description,omitempty"`
	Mode        string   `yaml:"mode,omitempty"`
	Coders      []string `yaml:"coders,omitempty"`
	Sources     []Source `yaml:"sources,omitempty"`
	// Identifiers tells the personal-data guard what identifies people in
	// this study (docs/privacy.md).
	Identifiers *Identifiers `yaml:"identifiers,omitempty"`
	Measures    []Measure    `yaml:"measures,omitempty"`
}

// Identifiers lists names to look for in the answers (staff, say) and the
// columns of imported forms whose values identify respondents ("Name",
// "RecipientFirstName"). Those values are read from the sources when the
// answers are scanned and never copied into any other file.
type Identifiers struct {
	Names   []string `yaml:"names,omitempty"`
	Columns []string `yaml:"columns,omitempty"`
}

// Source maps one imported feedback file onto documents.
type Source struct {
	// File is the normalised copy (UTF-8 CSV, NFC, LF) that documents are
	// read from; Original is the file or folder as the user gave it, kept
	// byte for byte; Sheet is the XLSX sheet that was imported.
	File       string     `yaml:"file"`
	Original   string     `yaml:"original,omitempty"`
	Sheet      string     `yaml:"sheet,omitempty"`
	ID         string     `yaml:"id"`
	Questions  []Question `yaml:"questions"`
	Attributes []string   `yaml:"attributes,omitempty"`
}

// Question is one free-text column of a source.
type Question struct {
	Column string `yaml:"column"`
	Label  string `yaml:"label"`
	Text   string `yaml:"text,omitempty"`
}

// Measure is one outcome measure scored from one data file: an instrument,
// or one subscale of it.
type Measure struct {
	Name       string `yaml:"name"`
	Instrument string `yaml:"instrument"`
	Subscale   string `yaml:"subscale,omitempty"`
	Data       string `yaml:"data"`
	Criterion  string `yaml:"criterion,omitempty"`
	// Method is the reliable change index: jt (default), gln, hll, en, nk
	// or ha.
	Method            string   `yaml:"method,omitempty"`
	Direction         string   `yaml:"direction,omitempty"`
	Reliability       *float64 `yaml:"reliability,omitempty"`
	ReliabilitySource string   `yaml:"reliability_source,omitempty"`
	// ReliabilityPost is the NK method's reliability at post.
	ReliabilityPost *float64  `yaml:"reliability_post,omitempty"`
	Z               *float64  `yaml:"z,omitempty"`
	Norm            *Norm     `yaml:"norm,omitempty"`
	Clinical        *Clinical `yaml:"clinical,omitempty"`
	// MID is an anchor-based minimal important difference, in score
	// points, for a classification beside the reliable change.
	MID *MID `yaml:"mid,omitempty"`
	// Pairs are the time points to compare; the first is the measure's main
	// result. Empty means pre to post.
	Pairs []TimePair `yaml:"pairs,omitempty"`
}

// MID is a minimal important difference from an anchor-based study, with
// its citation. Deteriorate defaults to Improve.
type MID struct {
	Improve     float64  `yaml:"improve"`
	Deteriorate *float64 `yaml:"deteriorate,omitempty"`
	Source      string   `yaml:"source,omitempty"`
}

// TimePair names two time points of item-level data (pre, post, fu3, ...).
type TimePair struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// Methods are the reliable change methods a measure may name.
var Methods = []string{"jt", "gln", "hll", "en", "nk", "ha"}

// timeLabelRe is what a time point may be called (the quant package reads
// the same labels from data files).
var timeLabelRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

// Norm is a published non-clinical ("functional") distribution. Source is
// the citation; a norm without one is shown as unsourced.
type Norm struct {
	Mean   float64  `yaml:"mean"`
	SD     *float64 `yaml:"sd,omitempty"`
	Source string   `yaml:"source,omitempty"`
}

// Clinical overrides the clinical ("dysfunctional") distribution, which is
// otherwise estimated from the sample's pre scores.
type Clinical struct {
	Mean   float64 `yaml:"mean"`
	SD     float64 `yaml:"sd"`
	Source string  `yaml:"source,omitempty"`
}

// Study is an opened study folder.
type Study struct {
	Dir      string
	Manifest Manifest
	// Root is the manifest's YAML tree, kept to position later errors.
	Root *yaml.Node
}

// ManifestPath is the absolute path of the study's mixeval.yaml.
func (s *Study) ManifestPath() string { return filepath.Join(s.Dir, ManifestName) }

// Path resolves a path written in the manifest (relative to the study folder).
func (s *Study) Path(rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(s.Dir, filepath.FromSlash(rel))
}

// ErrNoStudy is returned by Find when no mixeval.yaml is found.
var ErrNoStudy = errors.New("no study found")

// Find returns the study folder for dir: dir itself when given (it must hold
// a mixeval.yaml), else the nearest folder from the working directory upwards
// that does, the way git finds a repository.
func Find(dir string) (string, error) {
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", err
		}
		if _, err := os.Stat(filepath.Join(abs, ManifestName)); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("%w: %s has no %s", ErrNoStudy, dir, ManifestName)
			}
			return "", err
		}
		return abs, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ManifestName)); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", fmt.Errorf("%w in %s or any parent folder", ErrNoStudy, wd)
}

// Open finds and loads a study (see Find for how dir is used).
func Open(dir string) (*Study, error) {
	d, err := Find(dir)
	if err != nil {
		return nil, err
	}
	return Load(d)
}

// Load reads and validates dir/mixeval.yaml.
func Load(dir string) (*Study, error) {
	path := filepath.Join(dir, ManifestName)
	data, err := safefile.ReadFile(path, 0)
	if err != nil {
		return nil, fmt.Errorf("read study manifest: %w", err)
	}
	m, root, err := ParseManifest(path, data)
	if err != nil {
		return nil, err
	}
	return &Study{Dir: dir, Manifest: *m, Root: root}, nil
}

// ParseManifest decodes and validates a manifest; name is used in errors.
func ParseManifest(name string, data []byte) (*Manifest, *yaml.Node, error) {
	var m Manifest
	root, err := yamlutil.DecodeStrict(name, data, &m)
	if err != nil {
		return nil, nil, err
	}
	if errs := m.validate(name, root); len(errs) > 0 {
		return nil, nil, errs
	}
	return &m, root, nil
}

var (
	coderRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	labelRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
)

// ValidLabel reports whether label can be a question label: it becomes the
// second half of document ids, so it is kept to letters, digits, '.', '-'
// and '_'.
func ValidLabel(label string) bool { return labelRe.MatchString(label) }

func (m *Manifest) validate(file string, root *yaml.Node) problem.List {
	var errs problem.List
	at := func(path []any, format string, args ...any) {
		errs = append(errs, yamlutil.At(file, yamlutil.Lookup(root, path...), format, args...))
	}
	if m.Title == "" {
		at(nil, "missing key \"title\": give the study a title")
	}
	if m.Mode != "" && m.Mode != "reflexive" && m.Mode != "codebook" {
		at([]any{"mode"}, "mode %q is not known: use reflexive or codebook", m.Mode)
	}
	seenCoder := map[string]bool{}
	for i, c := range m.Coders {
		switch {
		case !coderRe.MatchString(c):
			at([]any{"coders", i}, "coder name %q: use lower-case letters, digits, '-' or '_'", c)
		case c == "consensus":
			at([]any{"coders", i}, "coder name \"consensus\" is reserved for the reconciled coding")
		case seenCoder[c]:
			at([]any{"coders", i}, "coder %q is listed twice", c)
		}
		seenCoder[c] = true
	}
	for i, s := range m.Sources {
		m.validateSource(i, s, at)
	}
	if m.Identifiers != nil {
		m.validateIdentifiers(at)
	}
	seen := map[string]bool{}
	for i, ms := range m.Measures {
		p := func(k string) []any { return []any{"measures", i, k} }
		if ms.Name == "" {
			at([]any{"measures", i}, "measure %d has no \"name\"", i+1)
		} else if seen[ms.Name] {
			at(p("name"), "measure %q is listed twice", ms.Name)
		}
		seen[ms.Name] = true
		if ms.Instrument == "" {
			at([]any{"measures", i}, "measure %q has no \"instrument\" (e.g. scs-sf, fscrs, pseq)", ms.Name)
		}
		if ms.Data == "" {
			at([]any{"measures", i}, "measure %q has no \"data\" file", ms.Name)
		}
		switch ms.Criterion {
		case "", "a", "b", "c":
		default:
			at(p("criterion"), "criterion %q is not known: use a, b or c", ms.Criterion)
		}
		switch ms.Direction {
		case "", "higher", "lower":
		default:
			at(p("direction"), "direction %q is not known: use higher or lower (which is better)", ms.Direction)
		}
		if r := ms.Reliability; r != nil && (*r <= 0 || *r >= 1) {
			at(p("reliability"), "reliability %v must be between 0 and 1 (exclusive)", *r)
		}
		if z := ms.Z; z != nil && *z <= 0 {
			at(p("z"), "z %v must be positive", *z)
		}
		if n := ms.Norm; n != nil && n.SD != nil && *n.SD <= 0 {
			at([]any{"measures", i, "norm", "sd"}, "norm sd %v must be positive", *n.SD)
		}
		if c := ms.Clinical; c != nil && c.SD <= 0 {
			at([]any{"measures", i, "clinical", "sd"}, "clinical sd %v must be positive", c.SD)
		}
		validateQuantChoices(i, ms, at)
	}
	return errs
}

// validateQuantChoices checks a measure's method, post reliability, MID
// and pairs of time points.
func validateQuantChoices(i int, ms Measure, at func(path []any, format string, args ...any)) {
	p := func(k ...any) []any { return append([]any{"measures", i}, k...) }
	if ms.Method != "" && !slices.Contains(Methods, ms.Method) {
		at(p("method"), "method %q is not known: use jt, gln, hll, en, nk or ha", ms.Method)
	}
	if r := ms.ReliabilityPost; r != nil {
		if *r <= 0 || *r >= 1 {
			at(p("reliability_post"), "reliability_post %v must be between 0 and 1 (exclusive)", *r)
		} else if ms.Method != "nk" {
			at(p("reliability_post"), "reliability_post is used by the nk method only: add \"method: nk\" or remove it")
		}
	}
	if m := ms.MID; m != nil {
		if !(m.Improve > 0) {
			at(p("mid", "improve"), "mid improve %v must be a positive number of score points", m.Improve)
		}
		if d := m.Deteriorate; d != nil && !(*d > 0) {
			at(p("mid", "deteriorate"), "mid deteriorate %v must be a positive number of score points", *d)
		}
	}
	seen := map[TimePair]bool{}
	for j, tp := range ms.Pairs {
		for _, k := range []struct{ key, v string }{{"from", tp.From}, {"to", tp.To}} {
			if !timeLabelRe.MatchString(k.v) {
				at(p("pairs", j, k.key), "%s %q is not a time point: use pre, post or a follow-up label such as fu3 (lower-case letters and digits)", k.key, k.v)
			}
		}
		switch {
		case tp.From == tp.To && tp.From != "":
			at(p("pairs", j), "a pair compares two time points: from and to are both %q", tp.From)
		case seen[tp]:
			at(p("pairs", j), "the pair %s to %s is listed twice", tp.From, tp.To)
		}
		seen[tp] = true
	}
}

func (m *Manifest) validateSource(i int, s Source, at func([]any, string, ...any)) {
	p := func(k ...any) []any { return append([]any{"sources", i}, k...) }
	if s.File == "" {
		at(p(), "source %d has no \"file\"", i+1)
	}
	if s.ID == "" {
		at(p(), "source %d has no \"id\" column", i+1)
	}
	if len(s.Questions) == 0 {
		at(p(), "source %d has no \"questions\": list the free-text columns", i+1)
	}
	labels := map[string]bool{}
	for j, q := range s.Questions {
		if q.Column == "" {
			at(p("questions", j), "question %d has no \"column\"", j+1)
		}
		if !labelRe.MatchString(q.Label) {
			at(p("questions", j), "question label %q: use letters, digits, '.', '-' or '_' (it becomes part of document ids)", q.Label)
		}
		if labels[q.Label] {
			at(p("questions", j, "label"), "question label %q is used twice", q.Label)
		}
		labels[q.Label] = true
	}
}

func (m *Manifest) validateIdentifiers(at func([]any, string, ...any)) {
	id := m.Identifiers
	seen := map[string]bool{}
	for i, n := range id.Names {
		p := []any{"identifiers", "names", i}
		switch {
		case strings.TrimSpace(n) == "":
			at(p, "identifier name %d is empty", i+1)
		case strings.ContainsAny(n, "\r\n"):
			at(p, "identifier name %q spans several lines: give one name per entry", n)
		case seen[strings.ToLower(n)]:
			at(p, "identifier name %q is listed twice", n)
		}
		seen[strings.ToLower(n)] = true
	}
	questions := map[string]bool{}
	for _, s := range m.Sources {
		for _, q := range s.Questions {
			questions[q.Column] = true
		}
	}
	cols := map[string]bool{}
	for i, c := range id.Columns {
		p := []any{"identifiers", "columns", i}
		switch {
		case strings.TrimSpace(c) == "":
			at(p, "identifying column %d is empty", i+1)
		case cols[c]:
			at(p, "identifying column %q is listed twice", c)
		case questions[c]:
			at(p, "column %q is a question: its answers are scanned, not taken as names; list only columns such as Name", c)
		}
		cols[c] = true
	}
}

// Marshal renders the manifest with stable key order and two-space indent.
func (m *Manifest) Marshal() ([]byte, error) {
	return MarshalYAML(m)
}
