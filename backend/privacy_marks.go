package backend

import (
	"github.com/mixeval/mixeval/privacy"
)

// PrivacyMarks finds, in each answer of docs, the personal data that no one
// has allowed, for a front end to mark while the researcher reads or codes
// (exports are guarded; reading is not blocked). A study whose names cannot
// be read is scanned without them, and namesErr says why.
func (b *Study) PrivacyMarks(docs []string) (marks map[string][]privacy.Finding, namesErr error) {
	det, err := b.PrivacyDetector()
	if err != nil {
		namesErr = err
		det = privacy.NewDetector(nil)
	}
	var decisions []privacy.Decision
	if f, err := b.PrivacyDecisions(); err == nil {
		decisions = f.Decisions
	}
	marks = map[string][]privacy.Finding{}
	for _, id := range docs {
		if _, done := marks[id]; done {
			continue
		}
		d, err := b.Document(id)
		if err != nil {
			continue
		}
		var keep []privacy.Finding
		for _, f := range privacy.Resolve(det.FindIn(privacy.Document{ID: d.ID, Text: d.Text, Hash: d.Hash}), decisions).Findings {
			if f.Status != privacy.Allowed {
				keep = append(keep, f)
			}
		}
		marks[id] = keep
	}
	return marks, namesErr
}
