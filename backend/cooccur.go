package backend

import (
	"sort"

	"github.com/mixeval/mixeval/thematic/coding"
)

// CodePair is how often two codes are applied to the same answer.
type CodePair struct {
	A, B string // A < B
	// Documents counts the answers carrying both codes.
	Documents int
}

// CoOccurrence counts, for every pair of codes, the answers of f on which
// both appear (on the same or on different segments), most frequent first,
// ties by code ids.
func CoOccurrence(f *coding.File) []CodePair {
	counts := map[[2]string]int{}
	var docCodes []string
	flush := func() {
		sort.Strings(docCodes)
		for i := 0; i < len(docCodes); i++ {
			if i > 0 && docCodes[i] == docCodes[i-1] {
				continue
			}
			for j := i + 1; j < len(docCodes); j++ {
				if docCodes[j] == docCodes[j-1] || docCodes[j] == docCodes[i] {
					continue
				}
				counts[[2]string{docCodes[i], docCodes[j]}]++
			}
		}
		docCodes = docCodes[:0]
	}
	for i, s := range f.Segments {
		if i > 0 && s.Document != f.Segments[i-1].Document {
			flush()
		}
		docCodes = append(docCodes, s.Codes...)
	}
	flush()
	out := make([]CodePair, 0, len(counts))
	for k, n := range counts {
		out = append(out, CodePair{A: k[0], B: k[1], Documents: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Documents != out[j].Documents {
			return out[i].Documents > out[j].Documents
		}
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}
