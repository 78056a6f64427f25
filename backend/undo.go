package backend

import (
	"fmt"
	"slices"

	"github.com/mixeval/mixeval/codebook"
)

// CodebookUndo reverses one codebook change: the codebook's states around
// it and, when it recoded segments, each coder's segment codes before it.
type CodebookUndo struct {
	What          string
	before, after *codebook.Codebook
	segments      map[string][]segmentCodes
}

func newCodebookUndo(what string, before, after *codebook.Codebook, segs map[string][]segmentCodes) *CodebookUndo {
	if len(segs) == 0 {
		segs = nil
	}
	return &CodebookUndo{What: what, before: before, after: after.Clone(), segments: segs}
}

// UndoCodebook reverses a change made by ChangeCodebook, as a new change
// recorded in the codebook's history and applied to every coder file and
// the consensus the same way. It is refused, changing nothing, when a
// later change touched the same nodes (codebook.ErrUndoConflict) or the
// same segments.
func (b *Study) UndoCodebook(u *CodebookUndo) (*CodebookResult, error) {
	if u == nil {
		return nil, fmt.Errorf("nothing to undo")
	}
	remap := len(u.segments) > 0
	var undo *CodebookUndo
	res, err := b.ChangeCodebook("undo "+u.What, remap, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		if _, err := cb.Revert(who, u.before, u.after); err != nil {
			return nil, err
		}
		return nil, nil
	})
	if err != nil || !remap {
		return res, err
	}
	// Put each recoded segment's codes back, through the coders' sessions.
	held, err := b.holdCodings("undo " + u.What)
	if err != nil {
		return res, fmt.Errorf("the codebook is back as it was, but its segments were not: %w", err)
	}
	defer held.release()
	for coder, segs := range u.segments {
		s := held.sessions[coder]
		if s == nil {
			continue
		}
		for _, sc := range segs {
			cur, ok := s.Segment(sc.ID)
			if !ok || slices.Equal(cur.Codes, sc.Codes) {
				continue
			}
			if err := s.SetCodes(sc.ID, sc.Codes); err != nil {
				return res, err
			}
			res.Recoded[coder]++
		}
		if err := s.Compact(); err != nil {
			return res, err
		}
	}
	res.Undo = undo
	return res, nil
}
