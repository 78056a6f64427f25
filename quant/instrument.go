package quant

import (
	"embed"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/yamlutil"
)

// Instrument is a questionnaire definition: its items, response range,
// reverse-scored items and the scores (a total, subscales or both) made from
// them. Every reliability and norm carries its source citation.
type Instrument struct {
	Name     string   `yaml:"name"`
	Title    string   `yaml:"title"`
	Citation string   `yaml:"citation"`
	Items    []string `yaml:"items"`
	Range    Range    `yaml:"range"`
	// Reverse lists items scored as min + max − x (e.g. 6 − x on a 1–5 scale).
	Reverse []string `yaml:"reverse,omitempty"`
	// Missing is the default missing-item rule of every score.
	Missing   MissingRule `yaml:"missing"`
	Total     *Score      `yaml:"total,omitempty"`
	Subscales []Score     `yaml:"subscales,omitempty"`

	// File is where the definition was read from ("built in" for the
	// embedded ones); used in messages.
	File string `yaml:"-"`

	reversed []bool // by position in Items
}

// Range is the response range of every item, inclusive.
type Range struct {
	Min *int `yaml:"min"`
	Max *int `yaml:"max"`
}

// MissingRule says how a score copes with unanswered items: when at most
// MaxMissing of its items are missing, the score is prorated from the items
// answered; otherwise the score is missing.
type MissingRule struct {
	MaxMissing *int `yaml:"max_missing"`
}

// Score is one score of an instrument: the total or a subscale.
type Score struct {
	Name  string `yaml:"name,omitempty"`
	Title string `yaml:"title,omitempty"`
	// Items are the item keys summed or averaged; the total uses every item
	// and leaves this empty.
	Items []string `yaml:"items,omitempty"`
	// Scoring is "sum" or "mean" of the (reverse-scored) items.
	Scoring string `yaml:"scoring"`
	// Direction is "higher" or "lower": which way is better.
	Direction   string       `yaml:"direction"`
	MaxMissing  *int         `yaml:"max_missing,omitempty"`
	Reliability *Reliability `yaml:"reliability,omitempty"`
	Norm        *SourcedNorm `yaml:"norm,omitempty"`

	// index holds the positions in Instrument.Items of the score's items,
	// set when the definition is parsed.
	index []int
}

// Reliability is an internal-consistency coefficient (e.g. Cronbach's alpha)
// with the citation it was taken from.
type Reliability struct {
	Value  float64 `yaml:"value"`
	Source string  `yaml:"source"`
}

// SourcedNorm is a published non-clinical distribution with its citation.
type SourcedNorm struct {
	Mean   float64  `yaml:"mean"`
	SD     *float64 `yaml:"sd,omitempty"`
	Source string   `yaml:"source"`
}

// Scoring rules.
const (
	ScoringSum  = "sum"
	ScoringMean = "mean"
)

//go:embed instruments/*.yaml
var builtinFS embed.FS

// Builtins lists the names of the built-in instruments.
func Builtins() []string {
	entries, _ := builtinFS.ReadDir("instruments")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// Builtin returns a built-in instrument by name (scs-sf, fscrs, pseq).
func Builtin(name string) (*Instrument, error) {
	data, err := builtinFS.ReadFile("instruments/" + strings.ToLower(name) + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("instrument %q is not built in (built in: %s); to use your own, give the path of its YAML file", name, strings.Join(Builtins(), ", "))
	}
	inst, err := ParseInstrument("built-in "+name+".yaml", data)
	if err != nil {
		return nil, err
	}
	inst.File = "built in"
	return inst, nil
}

// ResolveInstrument finds the instrument a manifest names: a built-in name,
// or a YAML file path relative to dir (the study folder).
func ResolveInstrument(ref, dir string) (*Instrument, error) {
	ext := strings.ToLower(filepath.Ext(ref))
	if ext != ".yaml" && ext != ".yml" {
		return Builtin(ref)
	}
	path := ref
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, filepath.FromSlash(ref))
	}
	return LoadInstrument(path)
}

// LoadInstrument reads and validates an instrument YAML file.
func LoadInstrument(path string) (*Instrument, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("instrument file %s does not exist: check the path (it is relative to the study folder)", path)
		}
		return nil, fmt.Errorf("read instrument: %w", err)
	}
	inst, err := ParseInstrument(path, data)
	if err != nil {
		return nil, err
	}
	inst.File = path
	return inst, nil
}

// ParseInstrument decodes and validates an instrument definition; file names
// it in errors, which carry line and column.
func ParseInstrument(file string, data []byte) (*Instrument, error) {
	var inst Instrument
	root, err := yamlutil.DecodeStrict(file, data, &inst)
	if root == nil {
		return nil, err // not YAML at all
	}
	// Unknown keys and wrong types come with the other problems, so that
	// one pass fixes the file.
	var errs problem.List
	errors.As(err, &errs)
	errs = append(errs, inst.validate(file, root)...)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			if errs[i].Line != errs[j].Line {
				return errs[i].Line < errs[j].Line
			}
			return errs[i].Column < errs[j].Column
		})
		return nil, errs
	}
	inst.prepare()
	return &inst, nil
}

// prepare resolves item keys to positions once, so that scoring thousands
// of rows does no string lookups.
func (in *Instrument) prepare() {
	in.reversed = make([]bool, len(in.Items))
	for i, it := range in.Items {
		in.reversed[i] = in.isReversed(it)
	}
	if in.Total != nil {
		in.Total.index = in.positions(in.Items)
	}
	for i := range in.Subscales {
		in.Subscales[i].index = in.positions(in.Subscales[i].Items)
	}
}

func (in *Instrument) positions(keys []string) []int {
	idx := make([]int, 0, len(keys))
	for _, k := range keys {
		for i, it := range in.Items {
			if strings.EqualFold(it, k) {
				idx = append(idx, i)
				break
			}
		}
	}
	return idx
}

func (in *Instrument) validate(file string, root *yaml.Node) problem.List {
	var errs problem.List
	at := func(path []any, format string, args ...any) {
		n := yamlutil.Lookup(root, path...)
		if n == nil {
			n = root
		}
		errs = append(errs, yamlutil.At(file, n, format, args...))
	}
	if in.Name == "" {
		at(nil, "missing key \"name\": give the instrument a short name, e.g. my-scale")
	}
	if len(in.Items) == 0 {
		at(nil, "missing key \"items\": list the item keys, which are also the data file's column names")
	}
	known := map[string]bool{}
	for i, it := range in.Items {
		switch {
		case strings.TrimSpace(it) == "":
			at([]any{"items", i}, "item %d has an empty key", i+1)
		case known[strings.ToLower(it)]:
			at([]any{"items", i}, "item %q is listed twice", it)
		case strings.EqualFold(it, "id") || strings.EqualFold(it, "time"):
			at([]any{"items", i}, "item key %q is reserved for the respondent id and time columns", it)
		}
		known[strings.ToLower(it)] = true
	}
	switch {
	case in.Range.Min == nil || in.Range.Max == nil:
		at([]any{"range"}, "range needs both min and max (the lowest and highest response)")
	case *in.Range.Min >= *in.Range.Max:
		at([]any{"range"}, "range min %d must be below max %d", *in.Range.Min, *in.Range.Max)
	}
	for i, it := range in.Reverse {
		if !known[strings.ToLower(it)] {
			at([]any{"reverse", i}, "reverse-scored item %q is not one of the instrument's items", it)
		}
	}
	if m := in.Missing.MaxMissing; m != nil && *m < 0 {
		at([]any{"missing", "max_missing"}, "max_missing %d must be 0 or more", *m)
	}
	if in.Total == nil && len(in.Subscales) == 0 {
		at(nil, "the instrument has no scores: add \"total\", \"subscales\" or both")
	}
	if in.Total != nil {
		if len(in.Total.Items) > 0 {
			at([]any{"total", "items"}, "the total uses every item: remove \"items\" here, or make it a subscale")
		}
		if in.Total.Name != "" {
			at([]any{"total", "name"}, "the total has no name of its own: remove \"name\"")
		}
		in.validateScore(in.Total, []any{"total"}, at)
	}
	names := map[string]bool{}
	for i := range in.Subscales {
		s := &in.Subscales[i]
		p := []any{"subscales", i}
		if s.Name == "" {
			at(p, "subscale %d has no \"name\"", i+1)
		} else if names[strings.ToLower(s.Name)] {
			at(append(p, "name"), "subscale %q is listed twice", s.Name)
		}
		names[strings.ToLower(s.Name)] = true
		if len(s.Items) == 0 {
			at(p, "subscale %q has no \"items\"", s.Name)
		}
		seen := map[string]bool{}
		for j, it := range s.Items {
			if !known[strings.ToLower(it)] {
				at(append(p, "items", j), "subscale %q uses item %q, which is not one of the instrument's items", s.Name, it)
			}
			if seen[strings.ToLower(it)] {
				at(append(p, "items", j), "subscale %q lists item %q twice", s.Name, it)
			}
			seen[strings.ToLower(it)] = true
		}
		in.validateScore(s, p, at)
	}
	return errs
}

func (in *Instrument) validateScore(s *Score, p []any, at func([]any, string, ...any)) {
	with := func(k ...any) []any { return append(append([]any{}, p...), k...) }
	switch s.Scoring {
	case ScoringSum, ScoringMean:
	case "":
		at(p, "missing key \"scoring\": use sum or mean")
	default:
		at(with("scoring"), "scoring %q is not known: use sum or mean", s.Scoring)
	}
	if _, err := ParseDirection(s.Direction); err != nil {
		at(with("direction"), "direction %q is not known: use higher or lower (which is better)", s.Direction)
	} else if s.Direction == "" {
		at(p, "missing key \"direction\": say whether higher or lower is better")
	}
	if m := s.MaxMissing; m != nil && *m < 0 {
		at(with("max_missing"), "max_missing %d must be 0 or more", *m)
	}
	if r := s.Reliability; r != nil {
		if !(r.Value > 0 && r.Value < 1) {
			at(with("reliability", "value"), "reliability %v must be between 0 and 1 (exclusive)", r.Value)
		}
		if strings.TrimSpace(r.Source) == "" {
			at(with("reliability"), "reliability has no \"source\": cite where the value comes from")
		}
	}
	if n := s.Norm; n != nil {
		if n.SD != nil && !(*n.SD > 0) {
			at(with("norm", "sd"), "norm sd %v must be positive", *n.SD)
		}
		if strings.TrimSpace(n.Source) == "" {
			at(with("norm"), "norm has no \"source\": cite the published norm, or write that the values are illustrative")
		}
	}
}

// ScoreNames lists the instrument's scores: "" for the total, then the
// subscale names.
func (in *Instrument) ScoreNames() []string {
	var out []string
	if in.Total != nil {
		out = append(out, "")
	}
	for _, s := range in.Subscales {
		out = append(out, s.Name)
	}
	return out
}

// Score returns the score a measure uses: the total when subscale is empty,
// else the named subscale (case-insensitive).
func (in *Instrument) Score(subscale string) (*Score, error) {
	if subscale == "" {
		if in.Total == nil {
			return nil, fmt.Errorf("instrument %s has no total score: name one of its subscales (%s)", in.Name, in.subscaleList())
		}
		return in.Total, nil
	}
	for i := range in.Subscales {
		if strings.EqualFold(in.Subscales[i].Name, subscale) {
			return &in.Subscales[i], nil
		}
	}
	if len(in.Subscales) == 0 {
		return nil, fmt.Errorf("instrument %s has no subscales: remove \"subscale\"", in.Name)
	}
	return nil, fmt.Errorf("instrument %s has no subscale %q: use one of %s", in.Name, subscale, in.subscaleList())
}

func (in *Instrument) subscaleList() string {
	names := make([]string, len(in.Subscales))
	for i, s := range in.Subscales {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

// scoreItems returns the item keys a score uses.
func (in *Instrument) scoreItems(s *Score) []string {
	if s == in.Total || len(s.Items) == 0 {
		return in.Items
	}
	return s.Items
}

// MaxMissing is how many items of score s may be missing and the score
// still computed: the score's own rule, else the instrument's, else 0.
func (in *Instrument) MaxMissing(s *Score) int {
	switch {
	case s.MaxMissing != nil:
		return *s.MaxMissing
	case in.Missing.MaxMissing != nil:
		return *in.Missing.MaxMissing
	}
	return 0
}

// isReversed reports whether item is reverse-scored.
func (in *Instrument) isReversed(item string) bool {
	for _, r := range in.Reverse {
		if strings.EqualFold(r, item) {
			return true
		}
	}
	return false
}

// Compute scores one respondent. responses maps item keys (as the
// instrument spells them) to raw responses; math.NaN() or an absent key is a
// missing item. Reverse-scored items become min + max − x. When more items
// are missing than the rule allows the score is NaN; otherwise a sum is
// prorated as mean(answered) × number of items, and a mean is the mean of
// the answered items.
func (in *Instrument) Compute(s *Score, responses map[string]float64) float64 {
	vals := make([]float64, len(in.Items))
	for i, it := range in.Items {
		x, ok := responses[it]
		if !ok {
			x = math.NaN()
		}
		vals[i] = x
	}
	return in.ComputeValues(s, vals)
}

// ComputeValues is Compute for answers given in the order of in.Items
// (math.NaN() for a missing item), as Response.Values holds them.
func (in *Instrument) ComputeValues(s *Score, vals []float64) float64 {
	if in.reversed == nil || (s.index == nil && len(in.scoreItems(s)) > 0) {
		in.prepare() // an Instrument built in Go rather than parsed
		if s.index == nil {
			s.index = in.positions(in.scoreItems(s))
		}
	}
	lo, hi := float64(*in.Range.Min), float64(*in.Range.Max)
	var sum float64
	answered := 0
	for _, i := range s.index {
		x := vals[i]
		if math.IsNaN(x) {
			continue
		}
		if in.reversed[i] {
			x = lo + hi - x
		}
		sum += x
		answered++
	}
	n := len(s.index)
	if answered == 0 || n-answered > in.MaxMissing(s) {
		return math.NaN()
	}
	mean := sum / float64(answered)
	if s.Scoring == ScoringMean {
		return mean
	}
	if answered == n {
		return sum // exact, no rounding from the division
	}
	return mean * float64(n)
}

// ScoreRange is the lowest and highest score s can take: the response
// range times the number of items for a sum, the response range for a mean.
func (in *Instrument) ScoreRange(s *Score) (lo, hi float64) {
	lo, hi = float64(*in.Range.Min), float64(*in.Range.Max)
	if s.Scoring == ScoringMean {
		return lo, hi
	}
	n := float64(len(in.scoreItems(s)))
	return lo * n, hi * n
}
