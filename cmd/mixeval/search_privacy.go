package main

import (
	"fmt"
	"strings"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/index"
)

// privacyMarks says, for each answer, which personal data it holds that
// no one has allowed: "name, phone". Search (and show) mark them on a
// terminal so that the researcher notices them while coding; the terminal
// is not blocked, exports are. A study whose names cannot be read is
// marked without them, and the reason goes to stderr.
func privacyMarks(io *ioStreams, b *backend.Study, docs []string) map[string]string {
	marks, err := b.PrivacyMarks(docs)
	if err != nil {
		fmt.Fprintf(io.ErrOut, "note: personal data marked without the study's names: %v\n", err)
	}
	out := map[string]string{}
	for id, found := range marks {
		var kinds []string
		for _, f := range found {
			if k := string(f.Kind); !contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
		out[id] = strings.Join(kinds, ", ")
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

// hitDocs lists the answers of search hits.
func hitDocs(hits []index.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Doc
	}
	return out
}
