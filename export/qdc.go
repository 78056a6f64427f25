package export

import "github.com/mixeval/mixeval/codebook"

// QDC renders the codebook as a REFI-QDA codebook file (.qdc) after the
// guard has run over every name, definition, scope and central organising
// concept it writes (memos are not part of a .qdc). The study's codebook
// is not changed.
func QDC(cb *codebook.Codebook, origin string, g Guard) ([]byte, *Report, error) {
	c := cb.Clone()
	gs, err := newGuardSet(g)
	if err != nil {
		return nil, nil, err
	}
	c.Walk(func(n, _ *codebook.Node) bool {
		for _, f := range nodeFields(n) {
			if f.name != "memo" {
				gs.free(CodebookPlace(n.ID, f.name), f.text)
			}
		}
		return true
	})
	rep, err := gs.run(g.Redact)
	if err != nil {
		return nil, nil, err
	}
	b, err := c.QDC(origin)
	return b, rep, err
}
