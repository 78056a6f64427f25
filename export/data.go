package export

import (
	"time"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// Data is the study as the exporters read it. The backend gathers it; an
// exporter never reads a file of the study itself.
type Data struct {
	Title string
	// Questions are the questions of every source, in manifest order.
	Questions []study.Question
	// Attributes are the attribute names of every source, in manifest
	// order, each once.
	Attributes []string
	// Documents are the answers, sorted by id.
	Documents []corpus.Document
	Codebook  *codebook.Codebook
	// Codings are every coder's coding, in the study's order, then the
	// consensus (named study.ConsensusCoder) when it exists.
	Codings []*coding.File
	// Used names the coding that themes, segments and the matrix read;
	// Defaulted says it was the default choice rather than asked for.
	Used      string
	Defaulted bool
	// Decisions are the reconciliation decisions that carry a memo.
	Decisions []DecisionMemo
	// Measures are the outcome measures' results (nil when the study has
	// none or they were not asked for).
	Measures []quant.MeasureResult
	// Origin names the exporting program ("mixeval 0.1.0"); Who is the
	// person exporting; Now is the time the export is stamped with.
	Origin string
	Who    string
	Now    time.Time

	byID map[string]int
}

// DecisionMemo is the memo of one reconciliation decision.
type DecisionMemo struct {
	Item     string
	Document string
	Code     string
	Decision string
	Memo     string
	By       string
	At       time.Time
}

// Coding returns the coding named name, or nil.
func (d *Data) Coding(name string) *coding.File {
	for _, f := range d.Codings {
		if f.Coder == name {
			return f
		}
	}
	return nil
}

// UsedCoding is the coding themes, segments and the matrix read.
func (d *Data) UsedCoding() *coding.File { return d.Coding(d.Used) }

// Document returns the answer with id.
func (d *Data) Document(id string) (*corpus.Document, bool) {
	if d.byID == nil {
		d.byID = make(map[string]int, len(d.Documents))
		for i, doc := range d.Documents {
			d.byID[doc.ID] = i
		}
	}
	i, ok := d.byID[id]
	if !ok {
		return nil, false
	}
	return &d.Documents[i], true
}

// QuestionText is the wording of the question labelled label (the label
// itself when the manifest gives none).
func (d *Data) QuestionText(label string) string {
	for _, q := range d.Questions {
		if q.Label == label && q.Text != "" {
			return q.Text
		}
	}
	return label
}

// respondents lists the respondents in document order, each once, with
// their attributes (from their first answer).
func (d *Data) respondents() []respondent {
	var out []respondent
	seen := map[string]bool{}
	for i := range d.Documents {
		doc := &d.Documents[i]
		if !seen[doc.Respondent] {
			seen[doc.Respondent] = true
			out = append(out, respondent{ID: doc.Respondent, Attributes: doc.Attributes})
		}
	}
	return out
}

type respondent struct {
	ID         string
	Attributes map[string]string
}
