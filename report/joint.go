package report

import (
	"slices"
	"strings"
	"unicode"

	"github.com/mixeval/mixeval/quant"
)

// The joint display's rows, worst to best, as the report labels them.
const (
	RowDeteriorated = "Deteriorated"
	RowNoChange     = "No reliable change"
	RowImproved     = "Reliable improvement"
	RowClinical     = "Clinically significant change"
	RowNoScores     = "Answers but no complete scores"
	RowNoAnswers    = "Scores but no answers"
)

// Categories are the four change categories in the order of the rows.
var Categories = []string{RowDeteriorated, RowNoChange, RowImproved, RowClinical}

// Category is the joint display row of a scored patient: deteriorated
// (reliably worse); no reliable change; reliable improvement that is not
// clinically significant (okay at baseline included); clinically
// significant change (reliable improvement and a post score beyond the
// cut-off from a pre score that was not).
func Category(p quant.Patient) string {
	switch {
	case p.ReliableChange == quant.Deterioration:
		return RowDeteriorated
	case p.ReliableChange == quant.NoChange:
		return RowNoChange
	case p.ClinicalSignificance == quant.SignificantChange:
		return RowClinical
	}
	return RowImproved
}

// JointDisplay links one measure's change categories to the themes of
// what the patients wrote.
type JointDisplay struct {
	Measure string
	Anchor  string
	Columns []*ThemeView
	Rows    []JointRow
	// Crossed are patients without reliable change whose post score is
	// beyond the cut-off (not counted as clinically significant change).
	Crossed []*Text
	// Baseline are patients with reliable improvement who were already
	// beyond the cut-off before.
	Baseline []*Text
	// Lookalikes pair a scored id without answers with an answering id
	// without scores that differ only in case, punctuation or leading
	// zeros (P1 and P01).
	Lookalikes [][2]*Text
}

// JointRow is one row of a joint display.
type JointRow struct {
	Label string
	// Extra is true for the rows of patients who cannot be placed: answers
	// without complete scores, or scores without answers.
	Extra bool
	// Patients are everyone in the row; N those of them who answered the
	// form, the denominator of every cell.
	Patients []*Text
	N        int
	Cells    []JointCell
}

// JointCell counts the row's answering patients whose coded answers carry
// the column's theme, with one exemplar quote.
type JointCell struct {
	K, N  int
	Quote *QuoteView // nil when K is 0
}

// Empty reports whether the cell shows "—".
func (c JointCell) Empty() bool { return c.K == 0 }

func (b *builder) joint(m *MeasureView) *JointDisplay {
	d := &JointDisplay{Measure: m.Name, Anchor: b.anchor("joint", m.Name), Columns: b.columns()}
	rows := make(map[string][]string, len(Categories))
	scored := map[string]bool{}
	for _, p := range m.Patients {
		scored[p.ID] = true
		cat := Category(p.Patient)
		rows[cat] = append(rows[cat], p.ID)
		switch {
		case cat == RowNoChange && p.ClinicalSignificance == quant.SignificantChange:
			d.Crossed = append(d.Crossed, p.Who)
		case cat == RowImproved && p.ClinicalSignificance == quant.OkayAtBaseline:
			d.Baseline = append(d.Baseline, p.Who)
		}
	}
	for _, cat := range Categories {
		d.Rows = append(d.Rows, b.jointRow(cat, false, rows[cat], d.Columns))
	}
	var noScores, noAnswers []string
	for _, p := range b.in.Respondents {
		if b.answered[p.ID] && !scored[p.ID] {
			noScores = append(noScores, p.ID)
		}
	}
	for _, p := range m.Patients {
		if !b.answered[p.ID] {
			noAnswers = append(noAnswers, p.ID)
		}
	}
	for _, id := range m.Result.Excluded {
		if !b.answered[id] {
			noAnswers = append(noAnswers, id)
		}
	}
	if len(noScores) > 0 {
		d.Rows = append(d.Rows, b.jointRow(RowNoScores, true, noScores, d.Columns))
	}
	if len(noAnswers) > 0 {
		d.Rows = append(d.Rows, b.jointRow(RowNoAnswers, true, noAnswers, d.Columns))
		d.Lookalikes = b.lookalikes(noAnswers, noScores)
	}
	return d
}

// jointRow counts, per column, the row's answering patients with the
// theme, and picks the cell's quote: the first pinned exemplar whose
// respondent is in the row, else the row's first coded segment.
func (b *builder) jointRow(label string, extra bool, ids []string, cols []*ThemeView) JointRow {
	row := JointRow{Label: label, Extra: extra}
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		row.Patients = append(row.Patients, b.pseudonym(id))
		if b.answered[id] {
			in[id] = true
		}
	}
	row.N = len(in)
	for _, col := range cols {
		cell := JointCell{N: row.N}
		for id := range in {
			if col.who[id] {
				cell.K++
			}
		}
		if cell.K > 0 {
			q, pinned := pickQuote(col, in)
			qv := b.quoteView(q, pinned, b.opt.QuoteLength)
			cell.Quote = &qv
		}
		row.Cells = append(row.Cells, cell)
	}
	return row
}

// pickQuote returns the theme's first pinned exemplar from one of the
// respondents in, else its first segment from one of them. The caller
// knows at least one segment qualifies.
func pickQuote(t *ThemeView, in map[string]bool) (Quote, bool) {
	for _, q := range t.pinned {
		if in[q.Respondent] {
			return q, true
		}
	}
	i := slices.IndexFunc(t.segments, func(q Quote) bool { return in[q.Respondent] })
	return t.segments[i], false
}

// lookalikes pairs ids that are probably the same person written two
// ways: scored without answers against answering without scores.
func (b *builder) lookalikes(scored, answering []string) [][2]*Text {
	byKey := map[string]string{}
	for _, id := range answering {
		byKey[idKey(id)] = id
	}
	var out [][2]*Text
	for _, id := range scored {
		if other, ok := byKey[idKey(id)]; ok && other != id {
			out = append(out, [2]*Text{b.pseudonym(id), b.pseudonym(other)})
		}
	}
	return out
}

// idKey folds the ways one id is commonly written differently: case,
// spaces and punctuation, and leading zeros of numbers (P1, p01, P-001).
func idKey(id string) string {
	var sb strings.Builder
	zeros := true // at the start of a run of digits
	for _, r := range strings.ToLower(id) {
		switch {
		case unicode.IsDigit(r):
			if r == '0' && zeros {
				continue
			}
			zeros = false
			sb.WriteRune(r)
		case unicode.IsLetter(r):
			zeros = true
			sb.WriteRune(r)
		default:
			zeros = true
		}
	}
	return sb.String()
}
