package codebook

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Errors that callers may want to tell apart; operation errors wrap them.
var (
	// ErrNotFound: an id names no node.
	ErrNotFound = errors.New("not in the codebook")
	// ErrInUse: a code still carried by segments cannot simply be deleted.
	ErrInUse = errors.New("code is in use")
)

// Remap maps removed code ids to the code their segments now belong to. The
// coding side applies it to every coder file (a segment that ends up with
// the same code twice keeps it once).
type Remap map[string]string

// NewNode describes a node to create.
type NewNode struct {
	Kind Kind
	// ID is optional: when empty a slug is made from Name (see NewID).
	ID   string
	Name string
	// Parent is the id of the theme to put the node in; empty puts a theme
	// at the top level and leaves a code unattached.
	Parent     string
	Definition string
	Scope      *Scope
	Concept    string
	Memo       string
}

// Details are a node's descriptive fields, which Edit replaces together.
type Details struct {
	Definition string
	Scope      *Scope
	Concept    string
	Memo       string
}

// Create adds a theme, subtheme or code and returns it.
func (cb *Codebook) Create(who string, spec NewNode) (*Node, error) {
	if err := cb.begin(who); err != nil {
		return nil, err
	}
	if spec.Kind != Theme && spec.Kind != Code {
		return nil, errors.New("create: say whether the new node is a theme or a code")
	}
	if msg := checkName(spec.Name); msg != "" {
		return nil, fmt.Errorf("create %s: name %s", spec.Kind, msg)
	}
	id := spec.ID
	if id == "" {
		id = cb.NewID(spec.Name, spec.Kind)
	} else if err := cb.checkNewID(id); err != nil {
		return nil, fmt.Errorf("create %s: %w", spec.Kind, err)
	}
	list, err := cb.childList(spec.Parent, spec.Kind)
	if err != nil {
		return nil, fmt.Errorf("create %s %q: %w", spec.Kind, spec.Name, err)
	}
	n := &Node{
		ID: id, Name: spec.Name, Kind: spec.Kind,
		Definition: spec.Definition, Scope: cleanScope(spec.Scope), Concept: spec.Concept, Memo: spec.Memo,
	}
	*list = append(*list, n)
	where := "unattached"
	if spec.Parent != "" {
		where = "under " + spec.Parent
	} else if spec.Kind == Theme {
		where = "at the top level"
	}
	cb.record(who, OpCreate, id, spec.Parent, nil, fmt.Sprintf("created %s %q %s", spec.Kind, spec.Name, where))
	return n, nil
}

// Rename changes a node's name; its id stays, so coder files need no change.
func (cb *Codebook) Rename(who, id, name string) error {
	if err := cb.begin(who); err != nil {
		return err
	}
	n, err := cb.mustFind(id)
	if err != nil {
		return fmt.Errorf("rename: %w", err)
	}
	if msg := checkName(name); msg != "" {
		return fmt.Errorf("rename %q: new name %s", id, msg)
	}
	if name == n.Name {
		return fmt.Errorf("rename %q: it is already called %q", id, name)
	}
	old := n.Name
	n.Name = name
	cb.record(who, OpRename, id, "", nil, fmt.Sprintf("renamed %q to %q", old, name))
	return nil
}

// Edit replaces a node's definition, scope, central organising concept and
// memo. Nothing is recorded when nothing changes.
func (cb *Codebook) Edit(who, id string, d Details) error {
	if err := cb.begin(who); err != nil {
		return err
	}
	n, err := cb.mustFind(id)
	if err != nil {
		return fmt.Errorf("edit: %w", err)
	}
	scope := cleanScope(d.Scope)
	var changed []string
	if n.Definition != d.Definition {
		changed = append(changed, "definition")
	}
	if scopeInclude(n.Scope) != scopeInclude(scope) || scopeExclude(n.Scope) != scopeExclude(scope) {
		changed = append(changed, "scope")
	}
	if n.Concept != d.Concept {
		changed = append(changed, "central organising concept")
	}
	if n.Memo != d.Memo {
		changed = append(changed, "memo")
	}
	if len(changed) == 0 {
		return nil
	}
	n.Definition, n.Scope, n.Concept, n.Memo = d.Definition, scope, d.Concept, d.Memo
	cb.record(who, OpEdit, id, "", nil, "changed the "+strings.Join(changed, ", "))
	return nil
}

// Move puts a node under another theme (parent), or at the top level when
// parent is empty (a code becomes unattached). The node goes last among its
// new siblings. A theme cannot move into itself or its own descendants.
func (cb *Codebook) Move(who, id, parent string) error {
	if err := cb.begin(who); err != nil {
		return err
	}
	n, err := cb.mustFind(id)
	if err != nil {
		return fmt.Errorf("move: %w", err)
	}
	if parent == id {
		return fmt.Errorf("move %q: a node cannot go inside itself", id)
	}
	if parent != "" {
		for _, p := range cb.Path(parent) {
			if p == n {
				return fmt.Errorf("move %q: %q lies inside %q, so the theme would contain itself; move %q out first", id, parent, id, parent)
			}
		}
	}
	cur := cb.Parent(id)
	if (cur == nil && parent == "") || (cur != nil && cur.ID == parent) {
		return fmt.Errorf("move %q: it is already %s", id, whereText(parent))
	}
	list, err := cb.childList(parent, n.Kind)
	if err != nil {
		return fmt.Errorf("move %q: %w", id, err)
	}
	cb.detach(id)
	*list = append(*list, n)
	from := "the top level"
	if cur != nil {
		from = fmt.Sprintf("%q", cur.ID)
	}
	to := "the top level"
	if parent != "" {
		to = fmt.Sprintf("%q", parent)
	}
	cb.record(who, OpMove, id, parent, nil, fmt.Sprintf("moved %q from %s to %s", n.Name, from, to))
	return nil
}

func whereText(parent string) string {
	if parent == "" {
		return "at the top level"
	}
	return fmt.Sprintf("under %q", parent)
}

// Merge folds code from into code into: from disappears and its segments
// follow into (apply the returned Remap to the coder files). into keeps its
// name; from's definition, scope, concept and memo are appended to into's
// as paragraphs naming where they came from (identical or empty text is not
// repeated); from's exemplars join into's, and exemplars elsewhere that
// named from now name into.
func (cb *Codebook) Merge(who, from, into string) (Remap, error) {
	if err := cb.begin(who); err != nil {
		return nil, err
	}
	if from == into {
		return nil, fmt.Errorf("merge: %q cannot be merged into itself", from)
	}
	src, err := cb.mustFindCode(from, "merge")
	if err != nil {
		return nil, err
	}
	dst, err := cb.mustFindCode(into, "merge")
	if err != nil {
		return nil, err
	}
	label := fmt.Sprintf("From %q (%s): ", src.Name, src.ID)
	dst.Definition = combine(dst.Definition, src.Definition, label)
	dst.Concept = combine(dst.Concept, src.Concept, label)
	dst.Memo = combine(dst.Memo, src.Memo, label)
	if src.Scope != nil {
		s := Scope{
			Include: combine(scopeInclude(dst.Scope), src.Scope.Include, label),
			Exclude: combine(scopeExclude(dst.Scope), src.Scope.Exclude, label),
		}
		dst.Scope = cleanScope(&s)
	}
	cb.absorb(src, dst)
	cb.record(who, OpMerge, from, into, nil, fmt.Sprintf("merged %q into %q", src.Name, dst.Name))
	return Remap{from: into}, nil
}

// SplitResult tells the caller what a split means for the segments.
type SplitResult struct {
	// Created are the new codes, in the order given.
	Created []*Node
	// Kept is true when the original code stays: its segments stay on it
	// until a coder reassigns each one to a new code (then the original can
	// be deleted once unused).
	Kept bool
	// Remap is set when the original was removed: every segment it carried
	// moves to the chosen code.
	Remap Remap
}

// Split creates two or more new codes from code id, placed right after it
// among its siblings. With assign empty the original stays and keeps its
// segments until they are reassigned one by one. With assign naming one of
// the new codes, the original is removed, all its segments go to that code
// (see SplitResult.Remap), and that code inherits the original's exemplars
// and, if it has none of its own, its definition; the original's memo is
// appended to its memo.
func (cb *Codebook) Split(who, id string, parts []NewNode, assign string) (SplitResult, error) {
	if err := cb.begin(who); err != nil {
		return SplitResult{}, err
	}
	orig, err := cb.mustFindCode(id, "split")
	if err != nil {
		return SplitResult{}, err
	}
	if len(parts) < 2 {
		return SplitResult{}, fmt.Errorf("split %q: give at least two new codes (to add one code, create it)", id)
	}
	ids := make([]string, len(parts))
	seen := map[string]bool{}
	for i, p := range parts {
		if msg := checkName(p.Name); msg != "" {
			return SplitResult{}, fmt.Errorf("split %q: name of new code %d %s", id, i+1, msg)
		}
		if p.Kind == Theme {
			return SplitResult{}, fmt.Errorf("split %q: a code splits into codes, not themes (new code %d)", id, i+1)
		}
		if p.Parent != "" {
			return SplitResult{}, fmt.Errorf("split %q: new codes are placed beside the original; leave Parent empty and move them afterwards", id)
		}
		nid := p.ID
		if nid == "" {
			nid = cb.newIDAvoiding(p.Name, seen)
		} else if err := cb.checkNewID(nid); err != nil {
			return SplitResult{}, fmt.Errorf("split %q: %w", id, err)
		}
		if seen[nid] {
			return SplitResult{}, fmt.Errorf("split %q: id %q is given to two new codes", id, nid)
		}
		seen[nid] = true
		ids[i] = nid
	}
	if assign != "" && !seen[assign] {
		return SplitResult{}, fmt.Errorf("split %q: segments can only be assigned to one of the new codes (%s), not %q", id, strings.Join(ids, ", "), assign)
	}

	list, at := cb.locate(id)
	created := make([]*Node, len(parts))
	for i, p := range parts {
		created[i] = &Node{ID: ids[i], Name: p.Name, Kind: Code, Definition: p.Definition,
			Scope: cleanScope(p.Scope), Concept: p.Concept, Memo: p.Memo}
	}
	*list = slices.Insert(*list, at+1, created...)
	res := SplitResult{Created: created, Kept: assign == ""}
	details := fmt.Sprintf("split %q into %s; the original stays until its segments are reassigned", orig.Name, strings.Join(ids, ", "))
	if assign != "" {
		dst := created[slices.Index(ids, assign)]
		if dst.Definition == "" {
			dst.Definition = orig.Definition
		}
		dst.Memo = combine(dst.Memo, orig.Memo, fmt.Sprintf("From %q (%s): ", orig.Name, orig.ID))
		cb.absorb(orig, dst)
		res.Remap = Remap{id: assign}
		details = fmt.Sprintf("split %q into %s; its segments went to %s", orig.Name, strings.Join(ids, ", "), assign)
	}
	cb.record(who, OpSplit, id, assign, ids, details)
	return res, nil
}

// Delete removes a node. A theme must be empty first. A code must be unused
// (uses(id) == 0, counting every coder's and the consensus segments) unless
// reassign names another code: then its segments and exemplars go there
// and the returned Remap says so. Exemplars elsewhere that named a deleted
// unused code are dropped with it.
func (cb *Codebook) Delete(who, id string, uses func(id string) int, reassign string) (Remap, error) {
	if err := cb.begin(who); err != nil {
		return nil, err
	}
	n, err := cb.mustFind(id)
	if err != nil {
		return nil, fmt.Errorf("delete: %w", err)
	}
	if n.Kind == Theme {
		if reassign != "" {
			return nil, fmt.Errorf("delete theme %q: segments carry codes, not themes, so there is nothing to reassign; leave the target empty", id)
		}
		if k := len(n.Subthemes) + len(n.Codes); k > 0 {
			return nil, fmt.Errorf("delete theme %q: it still holds %d subtheme(s) and %d code(s); move or delete them first", id, len(n.Subthemes), len(n.Codes))
		}
		cb.detach(id)
		cb.record(who, OpDelete, id, "", nil, fmt.Sprintf("deleted theme %q", n.Name))
		return nil, nil
	}
	if reassign == "" {
		if uses == nil {
			return nil, fmt.Errorf("delete code %q: cannot tell whether segments use it (no usage count given)", id)
		}
		if k := uses(id); k > 0 {
			return nil, fmt.Errorf("delete code %q: %w by %d segment(s); reassign them by deleting with a target code, or merge it into another code", id, ErrInUse, k)
		}
		cb.detach(id)
		cb.rewriteExemplarCodes(id, "")
		cb.record(who, OpDelete, id, "", nil, fmt.Sprintf("deleted unused code %q", n.Name))
		return nil, nil
	}
	if reassign == id {
		return nil, fmt.Errorf("delete code %q: cannot reassign its segments to itself", id)
	}
	dst, err := cb.mustFindCode(reassign, "delete: reassign to")
	if err != nil {
		return nil, err
	}
	cb.absorb(n, dst)
	cb.record(who, OpDelete, id, reassign, nil, fmt.Sprintf("deleted code %q; its segments went to %q", n.Name, dst.Name))
	return Remap{id: reassign}, nil
}

// AddExemplar adds a quote reference to a node. A code's exemplars are its
// own segments (leave e.Code empty); a theme's name the code they carry.
func (cb *Codebook) AddExemplar(who, id string, e Exemplar) error {
	if err := cb.begin(who); err != nil {
		return err
	}
	n, err := cb.mustFind(id)
	if err != nil {
		return fmt.Errorf("add exemplar: %w", err)
	}
	if n.Kind == Code && e.Code == id {
		e.Code = ""
	}
	if msg := cb.checkExemplar(n, e); msg != "" {
		return fmt.Errorf("add exemplar to %q: %s", id, msg)
	}
	if slices.ContainsFunc(n.Exemplars, e.sameSegment) {
		return fmt.Errorf("add exemplar to %q: %s is already an exemplar", id, e)
	}
	n.Exemplars = append(n.Exemplars, e)
	cb.record(who, OpAddExemplar, id, e.Code, nil, "added exemplar "+e.String())
	return nil
}

// RemoveExemplar removes the exemplar of node id that refers to the same
// segment as e (document, start, end, coder).
func (cb *Codebook) RemoveExemplar(who, id string, e Exemplar) error {
	if err := cb.begin(who); err != nil {
		return err
	}
	n, err := cb.mustFind(id)
	if err != nil {
		return fmt.Errorf("remove exemplar: %w", err)
	}
	i := slices.IndexFunc(n.Exemplars, e.sameSegment)
	if i < 0 {
		return fmt.Errorf("remove exemplar from %q: %s is not one of its exemplars", id, e)
	}
	n.Exemplars = slices.Delete(n.Exemplars, i, i+1)
	cb.record(who, OpRemoveExemplar, id, "", nil, "removed exemplar "+e.String())
	return nil
}

// Remaps returns, from the history, where the segments of every removed
// code belong now, following chains (a merged into b, b later deleted into
// c gives a → c). The coding side applies it to coder files written before
// those operations, for instance on another researcher's laptop.
func (cb *Codebook) Remaps() Remap {
	direct := Remap{}
	undone := cb.undone()
	for i, e := range cb.History {
		if undone[i] {
			continue
		}
		if e.To != "" && (e.What == OpMerge || e.What == OpDelete || e.What == OpSplit) {
			direct[e.ID] = e.To
		}
	}
	out := Remap{}
	for from := range direct {
		to, seen := from, map[string]bool{from: true}
		for {
			next, ok := direct[to]
			if !ok || seen[next] {
				break
			}
			seen[next] = true
			to = next
		}
		if to != from {
			out[from] = to
		}
	}
	return out
}

func (e Exemplar) sameSegment(o Exemplar) bool {
	return e.Document == o.Document && e.Start == o.Start && e.End == o.End && e.Coder == o.Coder
}

func (e Exemplar) String() string {
	return fmt.Sprintf("%s [%d,%d) by %s", e.Document, e.Start, e.End, e.Coder)
}

func (cb *Codebook) checkExemplar(n *Node, e Exemplar) string {
	switch {
	case e.Document == "":
		return "the exemplar has no document id"
	case e.Start < 0:
		return fmt.Sprintf("start %d is negative", e.Start)
	case e.End <= e.Start:
		return fmt.Sprintf("end %d must be greater than start %d", e.End, e.Start)
	case !coderRe.MatchString(e.Coder):
		return fmt.Sprintf("coder %q is not a coder name", e.Coder)
	case n.Kind == Code && e.Code != "":
		return fmt.Sprintf("a code's exemplars are its own segments, not segments of %q", e.Code)
	case n.Kind == Theme && e.Code == "":
		return "name the code the quoted segment carries"
	case n.Kind == Theme && !cb.IsCode(e.Code):
		return fmt.Sprintf("%q is not a code in the codebook", e.Code)
	}
	return ""
}

// absorb removes src and hands its exemplars to dst; exemplars elsewhere
// naming src then name dst.
func (cb *Codebook) absorb(src, dst *Node) {
	cb.detach(src.ID)
	for _, e := range src.Exemplars {
		e.Code = ""
		if !slices.ContainsFunc(dst.Exemplars, e.sameSegment) {
			dst.Exemplars = append(dst.Exemplars, e)
		}
	}
	cb.rewriteExemplarCodes(src.ID, dst.ID)
}

// rewriteExemplarCodes makes theme exemplars naming code from name to
// instead, or drops them when to is empty; duplicates that result go.
func (cb *Codebook) rewriteExemplarCodes(from, to string) {
	cb.Walk(func(n, _ *Node) bool {
		if n.Kind != Theme {
			return true
		}
		var kept []Exemplar
		for _, e := range n.Exemplars {
			if e.Code == from {
				if to == "" {
					continue
				}
				e.Code = to
			}
			if !slices.ContainsFunc(kept, func(k Exemplar) bool { return k.sameSegment(e) && k.Code == e.Code }) {
				kept = append(kept, e)
			}
		}
		n.Exemplars = kept
		return true
	})
}

func (cb *Codebook) record(who, what, id, to string, created []string, details string) {
	cb.History = append(cb.History, Event{
		What: what, Who: who, ID: id, To: to, New: created, Details: details,
		When: cb.now().UTC().Truncate(time.Second).Format(time.RFC3339),
	})
}

// begin checks the author and makes sure every node's Kind is set, for a
// codebook assembled in code rather than loaded.
func (cb *Codebook) begin(who string) error {
	cb.setKinds()
	return checkWho(who)
}

func checkWho(who string) error {
	if strings.TrimSpace(who) == "" || strings.ContainsAny(who, "\r\n") {
		return errors.New("say who makes the change (a coder name) so the history can record it")
	}
	return nil
}

func (cb *Codebook) mustFind(id string) (*Node, error) {
	if n := cb.Find(id); n != nil {
		return n, nil
	}
	return nil, fmt.Errorf("%q is %w", id, ErrNotFound)
}

func (cb *Codebook) mustFindCode(id, op string) (*Node, error) {
	n := cb.Find(id)
	if n == nil {
		return nil, fmt.Errorf("%s: %q is %w", op, id, ErrNotFound)
	}
	if n.Kind != Code {
		return nil, fmt.Errorf("%s: %q is a theme; this works on codes only", op, id)
	}
	return n, nil
}

// checkNewID says why id cannot name a new node.
func (cb *Codebook) checkNewID(id string) error {
	if msg := checkSlug(id); msg != "" {
		return fmt.Errorf("id %q %s", id, msg)
	}
	if n := cb.Find(id); n != nil {
		return fmt.Errorf("id %q is already used by %s %q", id, n.Kind, n.Name)
	}
	if cb.retired(id) {
		return fmt.Errorf("id %q belonged to a code that was merged, split or deleted; choose another so that old segments are not attached to the new code", id)
	}
	return nil
}

// newIDAvoiding is NewID that also avoids ids about to be created.
func (cb *Codebook) newIDAvoiding(name string, also map[string]bool) string {
	id := cb.NewID(name, Code)
	if !also[id] {
		return id
	}
	for i := 2; ; i++ {
		cand := cb.NewID(fmt.Sprintf("%s %d", name, i), Code)
		if !also[cand] {
			return cand
		}
	}
}

// childList returns the list a new child of kind goes into under parent.
func (cb *Codebook) childList(parent string, kind Kind) (*[]*Node, error) {
	if parent == "" {
		if kind == Theme {
			return &cb.Themes, nil
		}
		return &cb.Codes, nil
	}
	p := cb.Find(parent)
	if p == nil {
		return nil, fmt.Errorf("parent %q is %w", parent, ErrNotFound)
	}
	if p.Kind != Theme {
		return nil, fmt.Errorf("parent %q is a code; only themes hold other nodes", parent)
	}
	if kind == Theme {
		return &p.Subthemes, nil
	}
	return &p.Codes, nil
}

// locate returns the list holding id and its index there.
func (cb *Codebook) locate(id string) (*[]*Node, int) {
	var find func(list *[]*Node) (*[]*Node, int)
	find = func(list *[]*Node) (*[]*Node, int) {
		for i, n := range *list {
			if n == nil {
				continue
			}
			if n.ID == id {
				return list, i
			}
			if l, j := find(&n.Subthemes); l != nil {
				return l, j
			}
			if l, j := find(&n.Codes); l != nil {
				return l, j
			}
		}
		return nil, -1
	}
	if l, i := find(&cb.Themes); l != nil {
		return l, i
	}
	return find(&cb.Codes)
}

func (cb *Codebook) detach(id string) {
	if list, i := cb.locate(id); list != nil {
		*list = slices.Delete(*list, i, i+1)
	}
}

// combine appends extra to base as a new paragraph prefixed with label,
// unless extra is empty or already there.
func combine(base, extra, label string) string {
	extra = strings.TrimSpace(extra)
	switch {
	case extra == "" || strings.Contains(base, extra):
		return base
	case strings.TrimSpace(base) == "":
		return extra
	}
	return strings.TrimRight(base, "\n") + "\n\n" + label + extra
}

func cleanScope(s *Scope) *Scope {
	if s == nil || (s.Include == "" && s.Exclude == "") {
		return nil
	}
	c := *s
	return &c
}

func scopeInclude(s *Scope) string {
	if s == nil {
		return ""
	}
	return s.Include
}

func scopeExclude(s *Scope) string {
	if s == nil {
		return ""
	}
	return s.Exclude
}
