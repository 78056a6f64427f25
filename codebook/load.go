package codebook

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/internal/yamlutil"
)

// Load reads and validates a codebook file. A failed validation returns a
// problem.List listing every problem with file, line and column.
func Load(path string) (*Codebook, error) {
	data, err := safefile.ReadFile(path, 0)
	if err != nil {
		return nil, fmt.Errorf("read codebook: %w", err)
	}
	return Parse(path, data)
}

// Parse decodes and validates a codebook; name is used in errors. An empty
// file (or one holding only comments) is an empty codebook.
func Parse(name string, data []byte) (*Codebook, error) {
	var cb Codebook
	root, err := yamlutil.DecodeStrict(name, data, &cb)
	if root == nil {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) == 0 {
			return New(), nil
		}
		return nil, err // syntax error: nothing to check further
	}
	var errs problem.List
	if err != nil && !errors.As(err, &errs) {
		return nil, err
	}
	// Unknown keys and type errors do not stop the semantic checks, so the
	// user sees every problem in one pass; a semantic complaint on a line
	// that already has a type error is left out, as it likely follows from
	// it.
	typeLines := map[int]bool{}
	for _, e := range errs {
		if e.Column == 0 {
			typeLines[e.Line] = true
		}
	}
	cb.setKinds()
	for _, e := range cb.validate(name, root) {
		if !typeLines[e.Line] {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	if cb.Version == 0 {
		cb.Version = FormatVersion
	}
	cb.comments = countComments(root)
	return &cb, nil
}

// Validate checks a codebook held in memory (for instance one built in
// code) by the same rules as Parse; errors carry no line numbers.
func (cb *Codebook) Validate() error {
	cb.setKinds()
	return cb.validate(FileName, nil).Err()
}

var (
	slugRe  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	coderRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

// MaxIDLength bounds slugs so that they stay readable in tables and paths.
const MaxIDLength = 64

// checkSlug returns why id is not a valid slug, or "".
func checkSlug(id string) string {
	switch {
	case id == "":
		return "is empty"
	case len(id) > MaxIDLength:
		return fmt.Sprintf("is longer than %d characters", MaxIDLength)
	case !slugRe.MatchString(id):
		return "is not a slug: use lower-case letters a-z, digits and single hyphens between them (e.g. \"sense-of-belonging\")"
	}
	return ""
}

// checkName returns why a node name is unusable, or "".
func checkName(name string) string {
	switch {
	case strings.TrimSpace(name) == "":
		return "is empty"
	case strings.ContainsAny(name, "\r\n"):
		return "spans several lines; keep names on one line and put the rest in the definition"
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "contains a control character"
	case strings.TrimSpace(name) != name:
		return "starts or ends with spaces"
	}
	return ""
}

// place remembers where a node sits, to position errors that refer to it.
type place struct {
	path   []any
	node   *Node
	parent *Node
}

type validator struct {
	file   string
	root   *yaml.Node
	errs   problem.List
	places map[string]place
}

func (v *validator) at(path []any, format string, args ...any) {
	var n *yaml.Node
	if v.root != nil {
		n = yamlutil.Lookup(v.root, path...)
	}
	v.errs = append(v.errs, yamlutil.At(v.file, n, format, args...))
}

func countComments(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	k := 0
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		k++
	}
	for _, c := range n.Content {
		k += countComments(c)
	}
	return k
}

func sortErrors(errs problem.List) {
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// atKey positions an error at the key of the last path element rather than
// at its value.
func (v *validator) atKey(path []any, format string, args ...any) {
	var n *yaml.Node
	if v.root != nil {
		if m := yamlutil.Lookup(v.root, path[:len(path)-1]...); m != nil && m.Kind == yaml.MappingNode {
			key, _ := path[len(path)-1].(string)
			for i := 0; i+1 < len(m.Content); i += 2 {
				if m.Content[i].Value == key {
					n = m.Content[i]
				}
			}
		}
	}
	v.errs = append(v.errs, yamlutil.At(v.file, n, format, args...))
}

func (v *validator) line(path []any) string {
	if v.root == nil {
		return "elsewhere"
	}
	if n := yamlutil.Lookup(v.root, path...); n != nil {
		return fmt.Sprintf("line %d", n.Line)
	}
	return "elsewhere"
}

func join(path []any, more ...any) []any {
	out := make([]any, 0, len(path)+len(more))
	return append(append(out, path...), more...)
}

func (cb *Codebook) validate(file string, root *yaml.Node) problem.List {
	v := &validator{file: file, root: root, places: map[string]place{}}
	if cb.Version != 0 && cb.Version != FormatVersion {
		v.at([]any{"version"}, "codebook format version %d is not known to this mixeval (it reads version %d); upgrade mixeval", cb.Version, FormatVersion)
	}
	v.nodes(cb.Themes, []any{"themes"}, nil, Theme)
	v.nodes(cb.Codes, []any{"codes"}, nil, Code)
	// References are checked once every id is known.
	cb.Walk(func(n, _ *Node) bool {
		if p, ok := v.places[n.ID]; ok && p.node == n {
			v.exemplarRefs(n, p.path)
		}
		return true
	})
	for i, e := range cb.History {
		v.event(e, []any{"history", i})
	}
	sortErrors(v.errs)
	return v.errs
}

func (v *validator) nodes(list []*Node, path []any, parent *Node, kind Kind) {
	for i, n := range list {
		p := join(path, i)
		if n == nil {
			v.at(p, "empty entry: each %s needs at least an id and a name", kind)
			continue
		}
		v.node(n, p, parent)
	}
}

func (v *validator) node(n *Node, path []any, parent *Node) {
	kind := n.Kind
	if msg := checkSlug(n.ID); n.ID == "" {
		v.at(path, "%s has no \"id\": add a slug such as %q", kind, Slug(n.Name))
	} else if msg != "" {
		v.at(join(path, "id"), "id %q %s", n.ID, msg)
	} else if prev, dup := v.places[n.ID]; dup {
		if prev.node.Kind == Code && kind == Code {
			v.at(join(path, "id"), "code %q appears in two places (%s, %s, and here, %s): a code sits in one place only; remove one of them or give it another id",
				n.ID, v.line(prev.path), where(prev.parent), where(parent))
		} else {
			v.at(join(path, "id"), "id %q is used twice (also at %s): ids must be unique across themes and codes", n.ID, v.line(prev.path))
		}
	} else {
		v.places[n.ID] = place{path: path, node: n, parent: parent}
	}
	if msg := checkName(n.Name); msg != "" {
		if n.Name == "" {
			v.at(path, "%s %q has no \"name\"", kind, n.ID)
		} else {
			v.at(join(path, "name"), "name of %s %q %s", kind, n.ID, msg)
		}
	}
	for i, e := range n.Exemplars {
		v.exemplar(e, join(path, "exemplars", i))
	}
	if kind == Code {
		if len(n.Subthemes) > 0 {
			v.atKey(join(path, "subthemes"), "code %q cannot hold subthemes: make it a theme (put it in a themes or subthemes list) or move them", n.ID)
		}
		if len(n.Codes) > 0 {
			v.atKey(join(path, "codes"), "code %q cannot hold codes: make it a theme (put it in a themes or subthemes list) or move them", n.ID)
		}
		return
	}
	v.nodes(n.Subthemes, join(path, "subthemes"), n, Theme)
	v.nodes(n.Codes, join(path, "codes"), n, Code)
}

func where(parent *Node) string {
	if parent == nil {
		return "unattached"
	}
	return fmt.Sprintf("under %q", parent.ID)
}

func (v *validator) exemplar(e Exemplar, path []any) {
	if e.Document == "" {
		v.at(path, "exemplar has no \"document\": give the document id, e.g. P01/helped")
	}
	if e.Start < 0 {
		v.at(join(path, "start"), "exemplar start %d is negative: positions count code points from 0", e.Start)
	}
	if e.End <= e.Start {
		v.at(join(path, "end"), "exemplar end %d must be greater than start %d (end is exclusive)", e.End, e.Start)
	}
	if e.Coder == "" {
		v.at(path, "exemplar has no \"coder\": say whose segment it is (or consensus)")
	} else if !coderRe.MatchString(e.Coder) {
		v.at(join(path, "coder"), "coder name %q: use lower-case letters, digits, '-' or '_'", e.Coder)
	}
}

func (v *validator) exemplarRefs(n *Node, path []any) {
	for i, e := range n.Exemplars {
		p := join(path, "exemplars", i)
		if n.Kind == Code {
			if e.Code != "" && e.Code != n.ID {
				v.at(join(p, "code"), "exemplar of code %q names code %q: a code's exemplars are its own segments; move the exemplar to %q or remove \"code\"", n.ID, e.Code, e.Code)
			}
			continue
		}
		if e.Code == "" {
			v.at(p, "exemplar of theme %q has no \"code\": name the code the quoted segment carries", n.ID)
			continue
		}
		target, ok := v.places[e.Code]
		switch {
		case !ok:
			v.at(join(p, "code"), "exemplar refers to code %q, which is not in the codebook", e.Code)
		case target.node.Kind != Code:
			v.at(join(p, "code"), "exemplar refers to %q, which is a theme: segments carry codes, so name a code", e.Code)
		}
	}
}

func (v *validator) event(e Event, path []any) {
	if !knownOps[e.What] {
		if e.What == "" {
			v.at(path, "history entry has no \"what\"")
		} else {
			v.at(join(path, "what"), "history entry: operation %q is not known (known: create, rename, edit, move, merge, split, delete, add-exemplar, remove-exemplar, undo)", e.What)
		}
	}
	if strings.TrimSpace(e.Who) == "" {
		v.at(path, "history entry has no \"who\"")
	}
	if e.When == "" {
		v.at(path, "history entry has no \"when\" (a time such as 2026-03-01T14:05:00Z)")
	} else if _, err := time.Parse(time.RFC3339, e.When); err != nil {
		v.at(join(path, "when"), "history time %q is not an RFC 3339 time such as 2026-03-01T14:05:00Z", e.When)
	}
	if e.ID == "" {
		v.at(path, "history entry has no \"id\"")
	}
}
