package codebook

import (
	"time"
)

// FileName is the codebook's name inside a study folder.
const FileName = "codebook.yaml"

// FormatVersion is the version of the file format this package writes.
const FormatVersion = 1

// Kind says whether a node groups other nodes (a theme) or is applied to
// text segments (a code).
type Kind int

const (
	// Theme is a superordinate theme, or a subtheme when it sits inside
	// another theme. Themes hold subthemes and codes; segments carry codes,
	// not themes.
	Theme Kind = iota + 1
	// Code is a label applied to text segments. Codes hold no children.
	Code
)

func (k Kind) String() string {
	switch k {
	case Theme:
		return "theme"
	case Code:
		return "code"
	}
	return "unknown"
}

// Codebook is the content of codebook.yaml. Field order here is the key
// order on disk.
type Codebook struct {
	Version int `yaml:"version"`
	// Themes are the top-level (superordinate) themes.
	Themes []*Node `yaml:"themes,omitempty"`
	// Codes are unattached codes, not yet placed under a theme.
	Codes []*Node `yaml:"codes,omitempty"`
	// History records every operation made through this package, oldest
	// first.
	History []Event `yaml:"history,omitempty"`

	// Clock gives the time recorded in history; nil means time.Now. Tests
	// set it to a fixed clock.
	Clock func() time.Time `yaml:"-"`

	// comments counts YAML comments in the loaded file, which Save drops.
	comments int
}

// HasComments reports whether the file this codebook was loaded from held
// YAML comments. Save writes the canonical form, which has none: a caller
// may warn before saving (memos are the place for notes).
func (cb *Codebook) HasComments() bool { return cb.comments > 0 }

// Node is a theme, subtheme or code. Field order here is the key order on
// disk.
type Node struct {
	// ID is a slug (lower-case letters, digits and single hyphens), stable
	// across renames and moves: coder files refer to codes by it.
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	// Definition says what the node means, in the researchers' words.
	Definition string `yaml:"definition,omitempty"`
	Scope      *Scope `yaml:"scope,omitempty"`
	// Concept is the theme's central organising concept (Braun & Clarke):
	// the one idea that holds it together.
	Concept   string     `yaml:"concept,omitempty"`
	Memo      string     `yaml:"memo,omitempty"`
	Exemplars []Exemplar `yaml:"exemplars,omitempty"`
	// Subthemes and Codes are a theme's children; a code has none.
	Subthemes []*Node `yaml:"subthemes,omitempty"`
	Codes     []*Node `yaml:"codes,omitempty"`

	// Kind is not stored: it follows from the list the node sits in.
	Kind Kind `yaml:"-"`
}

// Scope states what belongs under a node and what does not.
type Scope struct {
	Include string `yaml:"include,omitempty"`
	Exclude string `yaml:"exclude,omitempty"`
}

// Exemplar is a quote chosen to illustrate a node, stored as a reference to
// a coded segment, never as copied text: the quote is read from the source
// when shown.
type Exemplar struct {
	// Document is the document id, "<respondent>/<question>".
	Document string `yaml:"document"`
	// Start and End are Unicode code point offsets into the document text,
	// start inclusive, end exclusive (as in REFI-QDA).
	Start int `yaml:"start"`
	End   int `yaml:"end"`
	// Coder is whose coding the segment comes from ("consensus" for the
	// reconciled coding).
	Coder string `yaml:"coder"`
	// Code is the code the segment carries. Required for a theme's
	// exemplars; for a code's own exemplars it is implied and left empty.
	Code string `yaml:"code,omitempty"`
}

// Event is one entry of the history: what was done, by whom, when.
type Event struct {
	// What is the operation: create, rename, edit, move, merge, split,
	// delete, add-exemplar or remove-exemplar.
	What string `yaml:"what"`
	Who  string `yaml:"who"`
	// When is an RFC 3339 time; operations record UTC to the second.
	When string `yaml:"when"`
	// ID is the node the operation acted on.
	ID string `yaml:"id"`
	// To is the other node involved: the surviving code of a merge, the
	// reassignment target of a delete or split, the parent of a created or
	// moved node (empty for the top level), the code named by a theme's
	// new exemplar.
	To string `yaml:"to,omitempty"`
	// New lists the codes a split created.
	New []string `yaml:"new,omitempty"`
	// Undoes, on an undo, is the number (from 1, in history order) of the
	// event it reversed; that event's remap and retired id no longer hold.
	Undoes int `yaml:"undoes,omitempty"`
	// Details is a sentence for people reading the history.
	Details string `yaml:"details,omitempty"`
}

// Operation names used in Event.What.
const (
	OpCreate         = "create"
	OpRename         = "rename"
	OpEdit           = "edit"
	OpMove           = "move"
	OpMerge          = "merge"
	OpSplit          = "split"
	OpDelete         = "delete"
	OpAddExemplar    = "add-exemplar"
	OpRemoveExemplar = "remove-exemplar"
	OpUndo           = "undo"
)

var knownOps = map[string]bool{
	OpCreate: true, OpRename: true, OpEdit: true, OpMove: true, OpMerge: true,
	OpSplit: true, OpDelete: true, OpAddExemplar: true, OpRemoveExemplar: true,
	OpUndo: true,
}

// New returns an empty codebook.
func New() *Codebook {
	return &Codebook{Version: FormatVersion}
}

// Walk calls fn for every node in document order (themes depth-first, then
// unattached codes) with the node's parent (nil at the top level). It stops
// when fn returns false.
func (cb *Codebook) Walk(fn func(n, parent *Node) bool) {
	var walk func(list []*Node, parent *Node) bool
	walk = func(list []*Node, parent *Node) bool {
		for _, n := range list {
			if n == nil {
				continue
			}
			if !fn(n, parent) {
				return false
			}
			if !walk(n.Subthemes, n) || !walk(n.Codes, n) {
				return false
			}
		}
		return true
	}
	if walk(cb.Themes, nil) {
		walk(cb.Codes, nil)
	}
}

// Find returns the node with id, or nil.
func (cb *Codebook) Find(id string) *Node {
	var found *Node
	cb.Walk(func(n, _ *Node) bool {
		if n.ID == id {
			found = n
			return false
		}
		return true
	})
	return found
}

// Parent returns the theme holding id, or nil when id is at the top level
// or does not exist.
func (cb *Codebook) Parent(id string) *Node {
	var parent *Node
	cb.Walk(func(n, p *Node) bool {
		if n.ID == id {
			parent = p
			return false
		}
		return true
	})
	return parent
}

// Path returns the nodes from the top level down to id, id last; nil when
// id does not exist.
func (cb *Codebook) Path(id string) []*Node {
	var path []*Node
	var walk func(list []*Node) bool
	walk = func(list []*Node) bool {
		for _, n := range list {
			if n == nil {
				continue
			}
			path = append(path, n)
			if n.ID == id || walk(n.Subthemes) || walk(n.Codes) {
				return true
			}
			path = path[:len(path)-1]
		}
		return false
	}
	if walk(cb.Themes) || walk(cb.Codes) {
		return path
	}
	return nil
}

// CodesUnder returns every code below the theme id, at any depth, in
// document order. For a code it returns the code itself; for an unknown id,
// nil.
func (cb *Codebook) CodesUnder(id string) []*Node {
	n := cb.Find(id)
	if n == nil {
		return nil
	}
	var out []*Node
	var walk func(n *Node)
	walk = func(n *Node) {
		if n == nil {
			return
		}
		if n.Kind == Code {
			out = append(out, n)
			return
		}
		for _, s := range n.Subthemes {
			walk(s)
		}
		for _, c := range n.Codes {
			walk(c)
		}
	}
	walk(n)
	return out
}

// AllCodes returns every code, attached or not, in document order.
func (cb *Codebook) AllCodes() []*Node {
	var out []*Node
	cb.Walk(func(n, _ *Node) bool {
		if n.Kind == Code {
			out = append(out, n)
		}
		return true
	})
	return out
}

// IsCode reports whether id names a code (not a theme). The coding side uses
// it to check the codes on segments.
func (cb *Codebook) IsCode(id string) bool {
	n := cb.Find(id)
	return n != nil && n.Kind == Code
}

// setKinds marks each node's kind from the list it sits in, and drops empty
// scopes so that they are not written as "scope: {}".
func (cb *Codebook) setKinds() {
	var mark func(list []*Node, k Kind)
	mark = func(list []*Node, k Kind) {
		for _, n := range list {
			if n == nil {
				continue
			}
			n.Kind = k
			n.Scope = cleanScope(n.Scope)
			mark(n.Subthemes, Theme)
			mark(n.Codes, Code)
		}
	}
	mark(cb.Themes, Theme)
	mark(cb.Codes, Code)
}

func (cb *Codebook) now() time.Time {
	if cb.Clock != nil {
		return cb.Clock()
	}
	return time.Now()
}
