package codebook

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/atomicfile"
)

// Marshal renders the codebook in its canonical form: keys in struct order,
// two-space indent, block style throughout, multi-line text as literal
// blocks, empty optional fields left out. Loading a file written this way
// and marshalling it again gives the same bytes.
func (cb *Codebook) Marshal() ([]byte, error) {
	out, restore := maskAstral(cb)
	if out.Version == 0 {
		out.Version = FormatVersion
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode codebook: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode codebook: %w", err)
	}
	return restore(buf.Bytes()), nil
}

// textNode is how free text is written: a literal block when it spans
// lines (if yaml.v3 reads that block back exactly; it does not, for
// instance, when the text starts with a line break), else whatever style
// yaml.v3 picks, with YAML 1.1 booleans and sexagesimal numbers quoted as
// yaml.v3 does for plain strings. nil (omitted) for empty text unless
// required.
func textNode(s string, required bool) *yaml.Node {
	if s == "" && !required {
		return nil
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch {
	case strings.Contains(s, "\n"):
		n.Style = yaml.LiteralStyle
		if plainLines(s) {
			break // the common case, safe as a block; checking costs an encode
		}
		if !readsBack(n) {
			n.Style = yaml.DoubleQuotedStyle
		}
	case oldBoolRe.MatchString(s) || base60Re.MatchString(s):
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

var (
	// Read as booleans and numbers by YAML 1.1 parsers (PyYAML, many
	// editors); yaml.v3 quotes them in plain strings for the same reason.
	oldBoolRe = regexp.MustCompile(`^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$`)
	base60Re  = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
)

// plainLines reports whether every line of s starts with a visible
// character (or is empty) and s holds no character that YAML treats as a
// line break or that yaml.v3 escapes: such text reads back exactly from a
// literal block.
func plainLines(s string) bool {
	if strings.HasPrefix(s, "\n") {
		return false
	}
	for _, line := range strings.Split(s, "\n") {
		if line == "" {
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			return false
		}
		for _, r := range line {
			if r < 0x20 && r != '\t' || r == 0x7F || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r >= 0x80 && r < 0xA0 {
				return false
			}
		}
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			return false
		}
	}
	return true
}

// readsBack reports whether n, written in its style, reads back as its value.
func readsBack(n *yaml.Node) bool {
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "k"}, n}}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if enc.Encode(doc) != nil || enc.Close() != nil {
		return false
	}
	var back map[string]string
	return yaml.Unmarshal(buf.Bytes(), &back) == nil && back["k"] == n.Value
}

// nodeOut is Node as written.
type nodeOut struct {
	ID         string     `yaml:"id"`
	Name       *yaml.Node `yaml:"name"`
	Definition *yaml.Node `yaml:"definition,omitempty"`
	Scope      *scopeOut  `yaml:"scope,omitempty"`
	Concept    *yaml.Node `yaml:"concept,omitempty"`
	Memo       *yaml.Node `yaml:"memo,omitempty"`
	Exemplars  []Exemplar `yaml:"exemplars,omitempty"`
	Subthemes  []*Node    `yaml:"subthemes,omitempty"`
	Codes      []*Node    `yaml:"codes,omitempty"`
}

type scopeOut struct {
	Include *yaml.Node `yaml:"include,omitempty"`
	Exclude *yaml.Node `yaml:"exclude,omitempty"`
}

// MarshalYAML writes the node in canonical form (see textNode).
func (n Node) MarshalYAML() (any, error) {
	out := nodeOut{
		ID: n.ID, Name: textNode(n.Name, true), Definition: textNode(n.Definition, false),
		Concept: textNode(n.Concept, false), Memo: textNode(n.Memo, false),
		Exemplars: n.Exemplars, Subthemes: n.Subthemes, Codes: n.Codes,
	}
	if n.Scope != nil && (n.Scope.Include != "" || n.Scope.Exclude != "") {
		out.Scope = &scopeOut{Include: textNode(n.Scope.Include, false), Exclude: textNode(n.Scope.Exclude, false)}
	}
	return out, nil
}

// eventOut is Event as written: When as a YAML timestamp, so that it is
// not quoted (as a Go string that looks like a time would be).
type eventOut struct {
	What    string     `yaml:"what"`
	Who     *yaml.Node `yaml:"who"`
	When    *yaml.Node `yaml:"when"`
	ID      string     `yaml:"id"`
	To      string     `yaml:"to,omitempty"`
	New     []string   `yaml:"new,omitempty"`
	Details *yaml.Node `yaml:"details,omitempty"`
}

// timestampRe matches the times yaml.v3 reads back as timestamps.
var timestampRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`)

// MarshalYAML writes the event with an unquoted time.
func (e Event) MarshalYAML() (any, error) {
	when := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: e.When}
	if timestampRe.MatchString(e.When) {
		when.Tag = "!!timestamp"
	}
	return eventOut{What: e.What, Who: textNode(e.Who, true), When: when, ID: e.ID, To: e.To, New: e.New,
		Details: textNode(e.Details, false)}, nil
}

// maskAstral works around yaml.v3 treating every character outside the
// Basic Multilingual Plane (emoji among them) as unprintable: it would
// write such text double-quoted with \U escapes, turning a multi-line memo
// into one long escaped line. When there are such characters, it returns a
// copy of cb in which each is swapped for an unused private-use character
// (which yaml.v3 writes as is), and a function that swaps them back in the
// output. If the private-use area runs out, the remaining characters keep
// yaml.v3's escapes, which still read back correctly.
func maskAstral(cb *Codebook) (*Codebook, func([]byte) []byte) {
	used := map[rune]bool{}
	var astral []rune
	seen := map[rune]bool{}
	cb.eachString(func(s string) string {
		for _, r := range s {
			switch {
			case r > 0xFFFF && !seen[r]:
				seen[r] = true
				astral = append(astral, r)
			case r >= 0xE000 && r <= 0xF8FF:
				used[r] = true
			}
		}
		return s
	})
	same := func(b []byte) []byte { return b }
	if len(astral) == 0 {
		out := *cb
		return &out, same
	}
	mask := map[rune]rune{}
	next := rune(0xE000)
	for _, r := range astral {
		for next <= 0xF8FF && used[next] {
			next++
		}
		if next > 0xF8FF {
			break
		}
		mask[r] = next
		next++
	}
	out := cb.clone()
	out.eachString(func(s string) string {
		if strings.IndexFunc(s, func(r rune) bool { return mask[r] != 0 }) < 0 {
			return s
		}
		return strings.Map(func(r rune) rune {
			if m := mask[r]; m != 0 {
				return m
			}
			return r
		}, s)
	})
	pairs := make([]string, 0, 2*len(mask))
	for r, m := range mask {
		pairs = append(pairs, string(m), string(r))
	}
	return out, func(b []byte) []byte {
		if !utf8.Valid(b) {
			return b
		}
		return []byte(strings.NewReplacer(pairs...).Replace(string(b)))
	}
}

// Clone copies the codebook deeply.
func (cb *Codebook) Clone() *Codebook { return cb.clone() }

// clone copies the codebook deeply.
func (cb *Codebook) clone() *Codebook {
	out := *cb
	var copyList func(list []*Node) []*Node
	copyList = func(list []*Node) []*Node {
		if list == nil {
			return nil
		}
		res := make([]*Node, len(list))
		for i, n := range list {
			if n == nil {
				continue
			}
			c := *n
			if n.Scope != nil {
				s := *n.Scope
				c.Scope = &s
			}
			c.Exemplars = append([]Exemplar(nil), n.Exemplars...)
			c.Subthemes = copyList(n.Subthemes)
			c.Codes = copyList(n.Codes)
			res[i] = &c
		}
		return res
	}
	out.Themes = copyList(cb.Themes)
	out.Codes = copyList(cb.Codes)
	out.History = make([]Event, len(cb.History))
	for i, e := range cb.History {
		e.New = append([]string(nil), e.New...)
		out.History[i] = e
	}
	return &out
}

// eachString replaces every string of the codebook with f(string).
func (cb *Codebook) eachString(f func(string) string) {
	var each func(list []*Node)
	each = func(list []*Node) {
		for _, n := range list {
			if n == nil {
				continue
			}
			n.ID, n.Name, n.Definition, n.Concept, n.Memo = f(n.ID), f(n.Name), f(n.Definition), f(n.Concept), f(n.Memo)
			if n.Scope != nil {
				n.Scope.Include, n.Scope.Exclude = f(n.Scope.Include), f(n.Scope.Exclude)
			}
			for i := range n.Exemplars {
				e := &n.Exemplars[i]
				e.Document, e.Coder, e.Code = f(e.Document), f(e.Coder), f(e.Code)
			}
			each(n.Subthemes)
			each(n.Codes)
		}
	}
	each(cb.Themes)
	each(cb.Codes)
	for i := range cb.History {
		e := &cb.History[i]
		e.What, e.Who, e.When, e.ID, e.To, e.Details = f(e.What), f(e.Who), f(e.When), f(e.ID), f(e.To), f(e.Details)
		for j := range e.New {
			e.New[j] = f(e.New[j])
		}
	}
}

// Save validates the codebook and writes it atomically to path: a crash
// leaves either the old file or the new one.
func (cb *Codebook) Save(path string) error {
	if err := cb.Validate(); err != nil {
		return fmt.Errorf("not saving %s: %w", path, err)
	}
	data, err := cb.Marshal()
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}
