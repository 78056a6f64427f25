package main

import (
	"fmt"
	"strings"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/privacy"
	"github.com/mixeval/mixeval/thematic/index"
)

// privacyMarks says, for each hit's answer, which personal data it holds
// that no one has allowed: "name, phone". Search marks them on a terminal
// so that the researcher notices them while coding; the terminal is not
// blocked, exports are. A study whose names cannot be read is marked
// without them, and the reason goes to stderr.
func privacyMarks(io *ioStreams, b *backend.Study, hits []index.Hit) map[string]string {
	det, err := b.PrivacyDetector()
	if err != nil {
		fmt.Fprintf(io.ErrOut, "note: personal data marked without the study's names: %v\n", err)
		det = privacy.NewDetector(nil)
	}
	var decisions []privacy.Decision
	if f, err := b.PrivacyDecisions(); err == nil {
		decisions = f.Decisions
	}
	out := map[string]string{}
	for _, h := range hits {
		if _, done := out[h.Doc]; done {
			continue
		}
		d, err := b.Document(h.Doc)
		if err != nil {
			continue
		}
		found := privacy.Resolve(det.FindIn(privacy.Document{ID: d.ID, Text: d.Text, Hash: d.Hash}), decisions).Findings
		var kinds []string
		for _, f := range found {
			if k := string(f.Kind); f.Status != privacy.Allowed && !contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		out[h.Doc] = strings.Join(kinds, ", ")
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
