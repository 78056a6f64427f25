package backend

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
)

// CodebookUndo reverses one codebook change: the codebook's states around
// it and, when it recoded segments, each coder's segment codes before it.
type CodebookUndo struct {
	What          string
	before, after *codebook.Codebook
	segments      map[string][]segmentCodes
	// consBefore and consAfter are coding/consensus.yaml before and after
	// the change recoded it (nil when it did not).
	consBefore, consAfter []byte
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
	remap := len(u.segments) > 0 || u.consAfter != nil
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
	// The consensus goes back too, as long as nothing changed it since.
	if u.consAfter != nil {
		now, _ := safefile.ReadFile(b.layout.Consensus(), 0)
		if !bytes.Equal(now, u.consAfter) {
			return res, fmt.Errorf("the codebook and the coders' segments are back as they were, but coding/consensus.yaml changed since (a reconcile?): update it by reconciling again")
		}
		if err := atomicfile.WriteFile(b.layout.Consensus(), u.consBefore, 0o644); err != nil {
			return res, err
		}
		res.Recoded[study.ConsensusCoder]++
	}
	res.Undo = undo
	return res, nil
}
