package codebook

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// ErrUndoConflict: a later change touched what an undo would restore.
var ErrUndoConflict = errors.New("changed since")

// Revert undoes one operation: before and after are this codebook's states
// just before and just after it (after's history is before's plus the
// operation's event). Every node the operation touched (created, removed,
// moved, or with changed fields or exemplars) is put back as it was in
// before, provided it is still exactly as after left it; otherwise nothing
// changes and the error wraps ErrUndoConflict, naming the node. The undo
// is recorded as an event of its own, so history stays append-only, and
// the undone operation's remap and retired ids no longer hold.
func (cb *Codebook) Revert(who string, before, after *Codebook) ([]string, error) {
	if err := cb.begin(who); err != nil {
		return nil, err
	}
	before, after = before.clone(), after.clone()
	before.setKinds()
	after.setKinds()
	if len(after.History) != len(before.History)+1 {
		return nil, errors.New("undo: the two states are not one operation apart")
	}
	undone := len(after.History) // 1-based number of the undone event
	if undone > len(cb.History) || cb.History[undone-1].When != after.History[undone-1].When || cb.History[undone-1].What != after.History[undone-1].What {
		return nil, errors.New("undo: the operation is not in this codebook's history")
	}
	if cb.undone()[undone-1] {
		return nil, fmt.Errorf("undo: %s of %q was undone already", after.History[undone-1].What, after.History[undone-1].ID)
	}
	bp, ap, cp := places(before), places(after), places(cb)
	var touched []string
	for id := range union(bp, ap) {
		if !samePlace(bp[id], ap[id]) {
			touched = append(touched, id)
		}
	}
	slices.Sort(touched)
	for _, id := range touched {
		if !samePlace(ap[id], cp[id]) {
			return nil, fmt.Errorf("undo %s: %q was %w (by a later change); undo that first, or change it by hand", after.History[undone-1].What, id, ErrUndoConflict)
		}
	}
	isTouched := map[string]bool{}
	for _, id := range touched {
		isTouched[id] = true
	}
	for _, id := range touched {
		if _, existed := bp[id]; existed {
			continue
		}
		if n := cp[id].node; n != nil {
			for _, c := range append(slices.Clone(n.Subthemes), n.Codes...) {
				if c != nil && !isTouched[c.ID] {
					return nil, fmt.Errorf("undo %s: %q now holds %q, which a later change put there; move it out first", after.History[undone-1].What, id, c.ID)
				}
			}
		}
	}
	// Remove what the operation created or moved, then put back what it
	// removed or moved, in before's document order so parents come first.
	for _, id := range touched {
		cb.detach(id)
	}
	for _, id := range orderIn(before, touched) {
		p := bp[id]
		list, err := cb.childList(p.parent, p.node.Kind)
		if err != nil {
			return nil, fmt.Errorf("undo: %w", err)
		}
		n := *p.node
		n.Subthemes, n.Codes = nil, nil
		// Children the operation did not touch stay where they are now.
		if cur := cp[id]; cur.node != nil {
			n.Subthemes, n.Codes = cur.node.Subthemes, cur.node.Codes
		}
		at := min(p.index, len(*list))
		*list = slices.Insert(*list, at, &n)
	}
	// Children of restored nodes that the operation touched were detached
	// above and are re-inserted by the loop, since they are in touched too.
	ev := after.History[undone-1]
	cb.History = append(cb.History, Event{What: OpUndo, Who: who, ID: ev.ID, To: ev.To, Undoes: undone,
		When:    cb.now().UTC().Format("2006-01-02T15:04:05Z"),
		Details: fmt.Sprintf("undid %s (history entry %d)", ev.What, undone)})
	cb.setKinds()
	return touched, nil
}

// undone marks the history events that a later undo reversed.
func (cb *Codebook) undone() map[int]bool {
	out := map[int]bool{}
	for _, e := range cb.History {
		if e.What == OpUndo && e.Undoes > 0 {
			out[e.Undoes-1] = true
		}
	}
	return out
}

// spot is where a node sits and what it holds besides its children.
type spot struct {
	node   *Node
	parent string
	index  int
}

func places(cb *Codebook) map[string]spot {
	out := map[string]spot{}
	var walk func(list []*Node, parent string)
	walk = func(list []*Node, parent string) {
		for i, n := range list {
			if n == nil {
				continue
			}
			out[n.ID] = spot{node: n, parent: parent, index: i}
			walk(n.Subthemes, n.ID)
			walk(n.Codes, n.ID)
		}
	}
	walk(cb.Themes, "")
	walk(cb.Codes, "")
	return out
}

// samePlace compares two places of a node: parent, kind and own fields
// (not the index, which siblings' changes shift, nor the children).
func samePlace(a, b spot) bool {
	if a.node == nil || b.node == nil {
		return a.node == nil && b.node == nil
	}
	if a.parent != b.parent || a.node.Kind != b.node.Kind {
		return false
	}
	x, y := *a.node, *b.node
	x.Subthemes, x.Codes, y.Subthemes, y.Codes = nil, nil, nil, nil
	return reflect.DeepEqual(x, y)
}

func union(a, b map[string]spot) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// orderIn keeps the ids of ids that exist in cb, in cb's document order.
func orderIn(cb *Codebook, ids []string) []string {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []string
	cb.Walk(func(n, _ *Node) bool {
		if want[n.ID] {
			out = append(out, n.ID)
		}
		return true
	})
	return out
}
