package tui

import (
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
)

// coder returns the coding session, or ErrReadOnly.
func (a *Actions) coder() (*backend.Coder, error) {
	if a.Coder == nil {
		return nil, ErrReadOnly
	}
	return a.Coder, nil
}

// CodeAction asks for a span to be coded with one code; NewName, when
// set, creates that code first (an unattached code named so).
type CodeAction struct {
	Doc        string
	Start, End int
	Code       string
	NewName    string
}

// Code codes a span, creating the code first when asked. Undo removes the
// segment (or puts back the codes and memo it had), returns the answer to
// "not reviewed" when coding marked it, and removes a code it created.
func (a *Actions) Code(origin string, req CodeAction) tea.Cmd {
	what := fmt.Sprintf("code %s %d-%d", req.Doc, req.Start, req.End)
	return a.Do(origin, what, func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		var created *backend.CodebookResult
		code := req.Code
		if req.NewName != "" {
			n, res, err := a.Study.AddNode(backend.NodeSpec{Kind: codebook.Code, Name: req.NewName})
			if err != nil {
				return nil, nil, err
			}
			code, created = n.ID, res
		}
		before, existed := c.Session().FindSpan(req.Doc, req.Start, req.End)
		wasReviewed := c.Session().Reviewed(req.Doc)
		res, err := c.Code(backend.CodeRequest{Doc: req.Doc, Start: req.Start, End: req.End, Codes: []string{code}})
		if err != nil {
			if created != nil {
				_, uerr := a.Study.UndoCodebook(created.Undo)
				err = errors.Join(err, uerr)
			}
			return nil, nil, err
		}
		seg := res.Segment
		st := &Step{What: fmt.Sprintf("coding %s %d-%d as %s", req.Doc, req.Start, req.End, code)}
		st.Undo = func() error {
			var err error
			if existed {
				err = c.Session().SetCodes(seg.ID, before.Codes)
			} else {
				_, _, err = c.Uncode(seg.ID)
			}
			if err == nil && !wasReviewed {
				err = c.Unreview(req.Doc)
			}
			if err == nil && created != nil {
				_, err = a.Study.UndoCodebook(created.Undo)
			}
			return err
		}
		st.Redo = func() error {
			if created != nil {
				_, res, err := a.Study.AddNode(backend.NodeSpec{Kind: codebook.Code, ID: code, Name: req.NewName})
				if err != nil {
					return err
				}
				created = res
			}
			_, err := c.Code(backend.CodeRequest{Doc: req.Doc, Start: req.Start, End: req.End, Codes: []string{code}})
			return err
		}
		return st, res, nil
	})
}

// Uncode removes a whole segment; undo restores it as it was.
func (a *Actions) Uncode(origin, id string) tea.Cmd {
	return a.Do(origin, "remove segment "+id, func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		before, _, err := c.Uncode(id)
		if err != nil {
			return nil, nil, err
		}
		return &Step{What: "removing segment " + before.Document,
			Undo: func() error { return c.Restore(before) },
			Redo: func() error { _, _, err := c.Uncode(id); return err },
		}, before, nil
	})
}

// Adjust moves a segment's span; undo moves it back.
func (a *Actions) Adjust(origin, id string, start, end int) tea.Cmd {
	return a.Do(origin, "adjust segment", func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		before, ok := c.Session().Segment(id)
		if !ok {
			return nil, nil, &backend.NoSegmentError{Coder: c.Name(), ID: id}
		}
		if err := c.Adjust(id, start, end); err != nil {
			return nil, nil, err
		}
		return &Step{What: fmt.Sprintf("adjusting a segment to %d-%d", start, end),
			Undo: func() error { return c.Adjust(id, before.Start, before.End) },
			Redo: func() error { return c.Adjust(id, start, end) },
		}, nil, nil
	})
}

// Recode replaces a segment's codes, keeping its span and memo; NewName
// creates the code first.
func (a *Actions) Recode(origin, id string, codes []string, newName string) tea.Cmd {
	return a.Do(origin, "recode segment", func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		before, ok := c.Session().Segment(id)
		if !ok {
			return nil, nil, &backend.NoSegmentError{Coder: c.Name(), ID: id}
		}
		var created *backend.CodebookResult
		if newName != "" {
			n, res, err := a.Study.AddNode(backend.NodeSpec{Kind: codebook.Code, Name: newName})
			if err != nil {
				return nil, nil, err
			}
			codes, created = []string{n.ID}, res
		}
		if _, err := c.Recode(id, codes, false); err != nil {
			return nil, nil, err
		}
		return &Step{What: "recoding a segment as " + fmt.Sprint(codes),
			Undo: func() error {
				err := c.Session().SetCodes(id, before.Codes)
				if err == nil && created != nil {
					_, err = a.Study.UndoCodebook(created.Undo)
				}
				return err
			},
			Redo: func() error {
				if created != nil {
					_, res, err := a.Study.AddNode(backend.NodeSpec{Kind: codebook.Code, ID: codes[0], Name: newName})
					if err != nil {
						return err
					}
					created = res
				}
				_, err := c.Recode(id, codes, false)
				return err
			},
		}, nil, nil
	})
}

// SegmentMemo replaces a segment's memo; undo puts the old one back.
func (a *Actions) SegmentMemo(origin, id, text string) tea.Cmd {
	return a.Do(origin, "memo", func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		before, ok := c.Session().Segment(id)
		if !ok {
			return nil, nil, &backend.NoSegmentError{Coder: c.Name(), ID: id}
		}
		if err := c.SetMemo(id, text); err != nil {
			return nil, nil, err
		}
		return &Step{What: "a segment memo",
			Undo: func() error { return c.SetMemo(id, before.Memo) },
			Redo: func() error { return c.SetMemo(id, text) },
		}, nil, nil
	})
}

// DocumentMemo replaces the memo on an answer.
func (a *Actions) DocumentMemo(origin, doc, text string) tea.Cmd {
	return a.Do(origin, "memo on "+doc, func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		before := c.Session().DocumentMemo(doc)
		if err := c.SetDocumentMemo(doc, text); err != nil {
			return nil, nil, err
		}
		return &Step{What: "the memo on " + doc,
			Undo: func() error { return c.SetDocumentMemo(doc, before) },
			Redo: func() error { return c.SetDocumentMemo(doc, text) },
		}, nil, nil
	})
}

// StudyMemo replaces the memo on the study ("initial ideas").
func (a *Actions) StudyMemo(origin, text string) tea.Cmd {
	return a.Do(origin, "study memo", func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		before := c.Session().StudyMemo()
		if err := c.SetStudyMemo(text); err != nil {
			return nil, nil, err
		}
		return &Step{What: "the study memo",
			Undo: func() error { return c.SetStudyMemo(before) },
			Redo: func() error { return c.SetStudyMemo(text) },
		}, nil, nil
	})
}

// Review marks an answer reviewed (on) or not (off).
func (a *Actions) Review(origin, doc string, on bool) tea.Cmd {
	what := "mark " + doc + " reviewed"
	if !on {
		what = "mark " + doc + " not reviewed"
	}
	return a.Do(origin, what, func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		set := func(v bool) error {
			if v {
				return c.Review(doc)
			}
			return c.Unreview(doc)
		}
		if c.Session().Reviewed(doc) == on {
			return nil, nil, nil
		}
		if err := set(on); err != nil {
			return nil, nil, err
		}
		return &Step{What: what, Undo: func() error { return set(!on) }, Redo: func() error { return set(on) }}, nil, nil
	})
}

// Autocode applies a plan as one step: undo removes the segments it added,
// puts back the codes of those it extended, returns the answers it marked
// reviewed to "not reviewed", and removes the codes it created.
func (a *Actions) Autocode(origin string, plan *backend.AutocodePlan) tea.Cmd {
	return a.Do(origin, "autocode", func() (*Step, any, error) {
		c, err := a.coder()
		if err != nil {
			return nil, nil, err
		}
		s := c.Session()
		type prior struct {
			seg     coding.Segment
			existed bool
		}
		priors := make([]prior, len(plan.Requests))
		for i, r := range plan.Requests {
			priors[i].seg, priors[i].existed = s.FindSpan(r.Doc.ID, r.Start, r.End)
		}
		var newlyReviewed []string
		for _, d := range plan.Documents {
			if !s.Reviewed(d) {
				newlyReviewed = append(newlyReviewed, d)
			}
		}
		var createdUndo []*backend.CodebookUndo
		for _, id := range plan.Missing {
			_, res, err := a.Study.AddNode(backend.NodeSpec{Kind: codebook.Code, ID: id, Name: id})
			if err != nil {
				return nil, nil, err
			}
			createdUndo = append(createdUndo, res.Undo)
		}
		p := *plan
		p.Missing = nil
		out, _, err := c.ApplyAutocode(&p)
		if err != nil {
			return nil, nil, err
		}
		st := &Step{What: fmt.Sprintf("autocoding %d spans", len(plan.Requests))}
		st.Undo = func() error {
			// One journal record for the whole batch, however many spans.
			done := map[string]bool{}
			var changes []coding.SegmentCodes
			for i, seg := range out.Segments {
				if done[seg.ID] {
					continue
				}
				done[seg.ID] = true
				if priors[i].existed {
					if !slices.Equal(priors[i].seg.Codes, seg.Codes) {
						changes = append(changes, coding.SegmentCodes{ID: seg.ID, Codes: priors[i].seg.Codes})
					}
				} else if _, ok := s.Segment(seg.ID); ok {
					changes = append(changes, coding.SegmentCodes{ID: seg.ID})
				}
			}
			if err := s.SetCodesMany(changes); err != nil {
				return err
			}
			if len(newlyReviewed) > 0 {
				if err := c.Unreview(newlyReviewed...); err != nil {
					return err
				}
			}
			for i := len(createdUndo) - 1; i >= 0; i-- {
				if _, err := a.Study.UndoCodebook(createdUndo[i]); err != nil {
					return err
				}
			}
			return nil
		}
		st.Redo = func() error {
			createdUndo = createdUndo[:0]
			for _, id := range plan.Missing {
				_, res, err := a.Study.AddNode(backend.NodeSpec{Kind: codebook.Code, ID: id, Name: id})
				if err != nil {
					return err
				}
				createdUndo = append(createdUndo, res.Undo)
			}
			o, _, err := c.ApplyAutocode(&p)
			out = o
			return err
		}
		return st, out, nil
	})
}
