package export

import (
	"testing"
	"time"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/privacy"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// smallCodebook: theme T (subtheme S holding code a; code b directly under
// T), and code u under no theme.
const smallCodebook = `version: 1
themes:
  - id: t
    name: Theme T
    definition: What T means.
    concept: T's idea.
    subthemes:
      - id: s
        name: Sub S
        codes:
          - id: a
            name: Code A
    codes:
      - id: b
        name: Code B
codes:
  - id: u
    name: Code U
`

func doc(id, text string, attrs map[string]string) corpus.Document {
	resp, q := id[:3], id[4:]
	return corpus.Document{ID: id, Respondent: resp, Question: q, Text: text, Attributes: attrs, Hash: corpus.HashText(text)}
}

func seg(id, docID string, start, end int, codes ...string) coding.Segment {
	return coding.Segment{ID: id, Document: docID, Start: start, End: end, Codes: codes,
		Created: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

// smallData: three answers of two respondents in groups 1 and 2, coded by
// alice.
func smallData(t *testing.T) *Data {
	t.Helper()
	cb, err := codebook.Parse("codebook.yaml", []byte(smallCodebook))
	if err != nil {
		t.Fatal(err)
	}
	g1, g2 := map[string]string{"group": "1"}, map[string]string{"group": "2"}
	return &Data{
		Title:      "Small",
		Questions:  []study.Question{{Label: "helped", Text: "What helped?"}, {Label: "online", Text: "Online?"}},
		Attributes: []string{"group"},
		Documents: []corpus.Document{
			doc("P01/helped", "Breathing helped, and the others.", g1),
			doc("P01/online", "No travel 😊 at all.", g1),
			doc("P02/helped", "Talking to Dr Kowalczyk at 07700 900123 helped.", g2),
		},
		Codebook: cb,
		Codings: []*coding.File{{
			Coder:    "alice",
			Reviewed: []string{"P01/helped", "P01/online", "P02/helped"},
			Segments: []coding.Segment{
				seg("s1", "P01/helped", 0, 16, "a"),
				seg("s2", "P01/helped", 22, 32, "a", "b"),
				seg("s3", "P01/online", 0, 9, "u"),
				seg("s4", "P02/helped", 0, 47, "b"),
			},
		}},
		Used: "alice",
		Now:  time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC),
	}
}

// noGuard is a guard with no study names and no decisions.
func noGuard(redact bool) Guard {
	return Guard{Guard: &privacy.Guard{Detector: privacy.NewDetector(nil)}, Redact: redact}
}

func exemplar(docID string, start, end int) codebook.Exemplar {
	return codebook.Exemplar{Document: docID, Start: start, End: end, Coder: "alice"}
}
