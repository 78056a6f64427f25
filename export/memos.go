package export

import (
	"io"
	"time"

	"github.com/mixeval/mixeval/codebook"
)

// Memos are every memo of the study with its owner and date.
type Memos struct {
	Memos []Memo `json:"memos"`
}

// Memo is one memo. Kind is "study" (a coder's memo on the whole study),
// "answer", "segment", "theme", "code" or "decision" (a reconciliation
// decision's). Target names what it is about: the answer, segment, theme
// or code id, or the reconciliation item. Date is the zero time where the
// study records none (coders' study and answer memos).
type Memo struct {
	Kind     string    `json:"kind"`
	Owner    string    `json:"owner"`
	Date     time.Time `json:"date,omitzero"`
	Target   string    `json:"target,omitempty"`
	Document string    `json:"document,omitempty"`
	Text     string    `json:"text"`

	place string
}

// MemoFormats are the formats of the memo export.
var MemoFormats = []Format{CSV, JSON}

// BuildMemos gathers every memo: each coder's (and the consensus's) memos
// on the study, answers and segments; the memos of themes and codes, owned
// by whoever last created or edited the node; and the memos of
// reconciliation decisions.
func BuildMemos(d *Data) *Memos {
	m := &Memos{Memos: []Memo{}}
	add := func(x Memo) {
		if x.Text != "" {
			m.Memos = append(m.Memos, x)
		}
	}
	for _, f := range d.Codings {
		add(Memo{Kind: "study", Owner: f.Coder, Text: f.Memo, place: StudyMemoPlace(f.Coder)})
		for _, doc := range sortedKeys(f.DocumentMemos) {
			add(Memo{Kind: "answer", Owner: f.Coder, Target: doc, Document: doc, Text: f.DocumentMemos[doc], place: AnswerMemoPlace(f.Coder, doc)})
		}
		for _, s := range f.Segments {
			add(Memo{Kind: "segment", Owner: f.Coder, Date: s.Updated, Target: s.ID, Document: s.Document, Text: s.Memo, place: SegmentMemoPlace(f.Coder, s.ID)})
		}
	}
	if d.Codebook != nil {
		d.Codebook.Walk(func(n, _ *codebook.Node) bool {
			who, when := lastEdit(d.Codebook, n.ID)
			add(Memo{Kind: kindName(n), Owner: who, Date: when, Target: n.ID, Text: n.Memo, place: CodebookPlace(n.ID, "memo")})
			return true
		})
	}
	for _, dm := range d.Decisions {
		add(Memo{Kind: "decision", Owner: dm.By, Date: dm.At, Target: dm.Item, Document: dm.Document, Text: dm.Memo, place: DecisionMemoPlace(dm.Item)})
	}
	return m
}

// lastEdit is who last created or edited node id, and when, from the
// codebook's history.
func lastEdit(cb *codebook.Codebook, id string) (string, time.Time) {
	for i := len(cb.History) - 1; i >= 0; i-- {
		e := cb.History[i]
		if e.ID == id && (e.What == codebook.OpEdit || e.What == codebook.OpCreate) {
			t, _ := time.Parse(time.RFC3339, e.When)
			return e.Who, t
		}
	}
	return "", time.Time{}
}

func kindName(n *codebook.Node) string {
	if n.Kind == codebook.Code {
		return "code"
	}
	return "theme"
}

// Guard runs the personal-data guard over every memo.
func (m *Memos) Guard(g Guard) (*Report, error) {
	gs, err := newGuardSet(g)
	if err != nil {
		return nil, err
	}
	for i := range m.Memos {
		gs.free(m.Memos[i].place, &m.Memos[i].Text)
	}
	return gs.run(g.Redact)
}

// Write writes the memos as CSV or JSON.
func (m *Memos) Write(w io.Writer, f Format) error {
	switch f {
	case JSON:
		return writeJSON(w, m)
	case CSV:
	default:
		return &UnknownFormatError{Format: f, Known: MemoFormats}
	}
	cw := newCSVWriter(w)
	if err := cw.write("kind", "owner", "date", "target", "document", "memo"); err != nil {
		return err
	}
	for _, x := range m.Memos {
		if err := cw.write(x.Kind, x.Owner, timeText(x.Date), x.Target, x.Document, x.Text); err != nil {
			return err
		}
	}
	return cw.flush()
}
