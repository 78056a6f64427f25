package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/backend"
)

// Codebook runs one codebook operation as one undoable step: undo is the
// backend's UndoCodebook (refused when a later change touched the same
// nodes), redo runs the operation again.
func (a *Actions) Codebook(origin, what string, op func() (*backend.CodebookResult, any, error)) tea.Cmd {
	return a.Do(origin, what, func() (*Step, any, error) {
		res, out, err := op()
		if err != nil {
			return nil, nil, err
		}
		st := &Step{What: what}
		st.Undo = func() error {
			_, err := a.Study.UndoCodebook(res.Undo)
			return err
		}
		st.Redo = func() error {
			r, _, err := op()
			if err == nil {
				res = r
			}
			return err
		}
		if res.Undo == nil {
			st = nil
		}
		return st, out, nil
	})
}
