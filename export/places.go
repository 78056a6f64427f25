package export

import (
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/privacy"
)

// Free text (names, definitions, memos, attribute values) belongs to no
// answer. The guard judges each such text under a name of where it lives,
// so that a decision on it can be recorded in privacy.yaml like one on an
// answer. The names below are the only ones the exporters use, and
// FreeTexts lists every text under its name for the scan.

// CodebookPlace names a field of a theme or code: name, definition,
// concept, include, exclude or memo.
func CodebookPlace(id, field string) string { return "codebook:" + id + "#" + field }

// StudyMemoPlace names a coder's memo on the whole study.
func StudyMemoPlace(coder string) string { return "memo:" + coder }

// AnswerMemoPlace names a coder's memo on one answer.
func AnswerMemoPlace(coder, doc string) string { return "memo:" + coder + "@" + doc }

// SegmentMemoPlace names a coder's memo on one segment.
func SegmentMemoPlace(coder, segment string) string { return "memo:" + coder + "#" + segment }

// DecisionMemoPlace names the memo of a reconciliation decision.
func DecisionMemoPlace(item string) string { return "decision:" + item }

// AttributePlace names one respondent's value of an attribute.
func AttributePlace(respondent, name string) string { return "attribute:" + respondent + "#" + name }

// TitlePlace names the study's title.
const TitlePlace = "study:title"

// QuestionPlace names a question's wording.
func QuestionPlace(label string) string { return "question:" + label }

// FreeTexts lists every free text an export may write, each under its
// place name: the study's title and questions, every field of every theme
// and code, every memo (study, answer, segment, reconciliation decision)
// and every respondent's attribute values. Empty texts are left out.
func FreeTexts(d *Data) []privacy.Document {
	var out []privacy.Document
	add := func(place, text string) {
		if text != "" {
			out = append(out, privacy.Document{ID: place, Text: text})
		}
	}
	add(TitlePlace, d.Title)
	for _, q := range d.Questions {
		add(QuestionPlace(q.Label), q.Text)
	}
	if d.Codebook != nil {
		d.Codebook.Walk(func(n, _ *codebook.Node) bool {
			for _, f := range nodeFields(n) {
				add(CodebookPlace(n.ID, f.name), *f.text)
			}
			return true
		})
	}
	for _, f := range d.Codings {
		add(StudyMemoPlace(f.Coder), f.Memo)
		for _, doc := range sortedKeys(f.DocumentMemos) {
			add(AnswerMemoPlace(f.Coder, doc), f.DocumentMemos[doc])
		}
		for _, s := range f.Segments {
			add(SegmentMemoPlace(f.Coder, s.ID), s.Memo)
		}
	}
	for _, m := range d.Decisions {
		add(DecisionMemoPlace(m.Item), m.Memo)
	}
	for _, r := range d.respondents() {
		for _, a := range d.Attributes {
			add(AttributePlace(r.ID, a), r.Attributes[a])
		}
	}
	return out
}

// nodeField is one text field of a codebook node, by its place name.
type nodeField struct {
	name string
	text *string
}

// nodeFields lists a node's text fields. The pointers point into n: the
// caller works on a copy when it replaces them.
func nodeFields(n *codebook.Node) []nodeField {
	fs := []nodeField{{"name", &n.Name}, {"definition", &n.Definition}, {"concept", &n.Concept}}
	if n.Scope != nil {
		fs = append(fs, nodeField{"include", &n.Scope.Include}, nodeField{"exclude", &n.Scope.Exclude})
	}
	return append(fs, nodeField{"memo", &n.Memo})
}
