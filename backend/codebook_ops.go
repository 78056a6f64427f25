package backend

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
)

// NodeSpec describes a theme or code to add.
type NodeSpec struct {
	Kind       codebook.Kind
	ID         string // optional: made from Name when empty
	Name       string
	Parent     string // a theme's id; empty: top level (a theme) or unattached (a code)
	Definition string
}

// AddNode adds a theme, subtheme or code to the codebook.
func (b *Study) AddNode(spec NodeSpec) (*codebook.Node, *CodebookResult, error) {
	var made *codebook.Node
	res, err := b.ChangeCodebook("add "+spec.Name, false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		n, err := cb.Create(who, codebook.NewNode{Kind: spec.Kind, ID: spec.ID, Name: spec.Name, Parent: spec.Parent, Definition: spec.Definition})
		made = n
		return nil, err
	})
	return made, res, err
}

// RenameNode gives a node a new name; its id stays.
func (b *Study) RenameNode(id, name string) (*CodebookResult, error) {
	return b.ChangeCodebook("rename "+id, false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		return nil, cb.Rename(who, id, name)
	})
}

// MoveNode puts a node under parent (empty: the top level for a theme,
// unattached for a code).
func (b *Study) MoveNode(id, parent string) (*CodebookResult, error) {
	return b.ChangeCodebook("move "+id, false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		return nil, cb.Move(who, id, parent)
	})
}

// Definition is the descriptive part of a node; nil fields stay as they are.
type Definition struct {
	Definition, Concept, Include, Exclude, Memo *string
}

// DefineNode changes a node's definition, central organising concept,
// inclusion and exclusion criteria or memo.
func (b *Study) DefineNode(id string, def Definition) (*CodebookResult, error) {
	return b.ChangeCodebook("define "+id, false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		n := cb.Find(id)
		if n == nil {
			return nil, fmt.Errorf("%q is %w", id, codebook.ErrNotFound)
		}
		d := codebook.Details{Definition: n.Definition, Concept: n.Concept, Memo: n.Memo}
		var sc codebook.Scope
		if n.Scope != nil {
			sc = *n.Scope
		}
		set := func(dst *string, v *string) {
			if v != nil {
				*dst = *v
			}
		}
		set(&d.Definition, def.Definition)
		set(&d.Concept, def.Concept)
		set(&d.Memo, def.Memo)
		set(&sc.Include, def.Include)
		set(&sc.Exclude, def.Exclude)
		d.Scope = &sc
		return nil, cb.Edit(who, id, d)
	})
}

// MergeNodes folds each code of from into into; their segments, in every
// coder file and the consensus, follow.
func (b *Study) MergeNodes(from []string, into string) (*CodebookResult, error) {
	return b.ChangeCodebook(fmt.Sprintf("merge %s into %s", strings.Join(from, ", "), into), true,
		func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
			all := codebook.Remap{}
			for _, f := range from {
				r, err := cb.Merge(who, f, into)
				if err != nil {
					return nil, err
				}
				for k, v := range r {
					all[k] = v
				}
			}
			return all, nil
		})
}

// DeleteNode removes a node. A code still in use needs reassign, the code
// its segments move to (in every coder file and the consensus): only then
// are the coders' files taken, so deleting a theme or an unused code works
// while coders have their files open.
func (b *Study) DeleteNode(id, reassign string) (*CodebookResult, error) {
	return b.ChangeCodebook("delete "+id, reassign != "", func(cb *codebook.Codebook, who string, uses func(string) int) (codebook.Remap, error) {
		return cb.Delete(who, id, uses, reassign)
	})
}

// SplitRequest splits a code into new ones.
type SplitRequest struct {
	ID   string
	Into []codebook.NewNode
	// Assign moves segments (by id, in every coder's file that has them
	// with the code) to one of the new codes.
	Assign map[string]string
	// AssignAll, when set, removes the original and moves all its
	// segments to this new code.
	AssignAll string
}

// SplitNode creates two or more codes from one. Segments named in Assign go
// to their new code in every coder file that has them with the code; the
// original stays for the rest (or goes, with AssignAll, taking all its
// segments to that code). The assignments are checked with every coding
// held before anything changes: a segment no coder has with the code
// refuses the whole split. The consensus follows assignments at its next
// update (its items are rebuilt from the coders' files).
func (b *Study) SplitNode(req SplitRequest) (*CodebookResult, error) {
	for seg, to := range req.Assign {
		if !slices.ContainsFunc(req.Into, func(n codebook.NewNode) bool { return n.ID == to }) {
			return nil, fmt.Errorf("segment %s is assigned to %q, which is not one of the new codes", seg, to)
		}
	}
	if len(req.Assign) > 0 && req.AssignAll != "" {
		return nil, fmt.Errorf("split %q: assign single segments or all of them, not both", req.ID)
	}
	edit := func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		sr, err := cb.Split(who, req.ID, req.Into, req.AssignAll)
		return sr.Remap, err
	}
	var segs segmentEdit
	if len(req.Assign) > 0 {
		segs = func(h *heldCodings) (func(map[string]int, map[string][]segmentCodes) error, error) {
			return h.assign(req.ID, req.Assign)
		}
	}
	return b.changeCodebook("split "+req.ID, true, edit, segs)
}

// assign checks that every segment in assign is coded from by some coder,
// and returns the function that moves each to its new code.
func (h *heldCodings) assign(from string, assign map[string]string) (func(map[string]int, map[string][]segmentCodes) error, error) {
	found := map[string]bool{}
	for _, s := range h.sessions {
		for seg := range assign {
			if cur, ok := s.Segment(seg); ok && cur.HasCode(from) {
				found[seg] = true
			}
		}
	}
	var missing []string
	for seg := range assign {
		if !found[seg] {
			missing = append(missing, seg)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("no coder has segment %s coded %q: nothing was changed", strings.Join(missing, ", "), from)
	}
	return func(counts map[string]int, before map[string][]segmentCodes) error {
		for coder, s := range h.sessions {
			for seg, to := range assign {
				cur, ok := s.Segment(seg)
				if !ok || !cur.HasCode(from) {
					continue
				}
				before[coder] = append(before[coder], segmentCodes{ID: seg, Codes: slices.Clone(cur.Codes)})
				codes := slices.DeleteFunc(slices.Clone(cur.Codes), func(c string) bool { return c == from })
				if err := s.SetCodes(seg, append(codes, to)); err != nil {
					return err
				}
				counts[coder]++
			}
			if err := s.Compact(); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// Pin adds a coded segment as an exemplar quote of a node (the report and
// exports show pinned quotes first). coder is whose coding holds the
// segment, "consensus" for the reconciled coding.
func (b *Study) Pin(id, coder, segment string) (*CodebookResult, error) {
	e, err := b.exemplar(id, coder, segment)
	if err != nil {
		return nil, err
	}
	return b.ChangeCodebook("pin "+segment, false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		return nil, cb.AddExemplar(who, id, e)
	})
}

// Unpin removes an exemplar quote from a node.
func (b *Study) Unpin(id, coder, segment string) (*CodebookResult, error) {
	e, err := b.exemplar(id, coder, segment)
	if err != nil {
		return nil, err
	}
	return b.ChangeCodebook("unpin "+segment, false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		return nil, cb.RemoveExemplar(who, id, e)
	})
}

// exemplar finds segment in coder's coding and makes the exemplar that
// pins it to node id: a code's own segments leave Code empty; a theme's
// name a code the segment carries that lies under the theme.
func (b *Study) exemplar(id, coder, segment string) (codebook.Exemplar, error) {
	f, err := b.ReadCoding(coder)
	if err != nil {
		return codebook.Exemplar{}, err
	}
	cb, err := b.Codebook()
	if err != nil {
		return codebook.Exemplar{}, err
	}
	n := cb.Find(id)
	if n == nil {
		return codebook.Exemplar{}, fmt.Errorf("%q is %w", id, codebook.ErrNotFound)
	}
	for _, s := range f.Segments {
		if s.ID != segment {
			continue
		}
		e := codebook.Exemplar{Document: s.Document, Start: s.Start, End: s.End, Coder: coder}
		if n.Kind == codebook.Code {
			if !s.HasCode(id) {
				return e, fmt.Errorf("segment %s is not coded %q (its codes: %s): a code's exemplars are its own segments", segment, id, strings.Join(s.Codes, ", "))
			}
			return e, nil
		}
		for _, c := range cb.CodesUnder(id) {
			if s.HasCode(c.ID) {
				e.Code = c.ID
				return e, nil
			}
		}
		return e, fmt.Errorf("segment %s carries no code under theme %q (its codes: %s)", segment, id, strings.Join(s.Codes, ", "))
	}
	who := coder + "'s coding"
	if coder == study.ConsensusCoder {
		who = "the consensus"
	}
	return codebook.Exemplar{}, fmt.Errorf("%s has no segment %q", who, segment)
}
