package report

import (
	"cmp"
	"slices"

	"github.com/mixeval/mixeval/quant"
)

// cases lists one measure's scored patients from the most deteriorated to
// the most improved (RCI signed so that positive is better; ties in the
// forms' order), each with their joint display row and the themes of what
// they wrote.
func (b *builder) cases(m *MeasureView) *CaseTable {
	t := &CaseTable{Measure: m.Name, Anchor: b.anchor("cases", m.Name), Columns: b.columns(), Combined: m.Result.Categories == quant.CategoriesCombined}
	for _, p := range m.Patients {
		row := CaseRow{PatientView: p, Category: Category(p.Patient)}
		for _, col := range t.Columns {
			if col.who[p.ID] {
				row.Themes = append(row.Themes, col)
			}
		}
		t.Rows = append(t.Rows, row)
	}
	rank := func(id string) int {
		if i, ok := b.order[id]; ok {
			return i
		}
		return len(b.order)
	}
	slices.SortStableFunc(t.Rows, func(x, y CaseRow) int {
		if c := cmp.Compare(improvement(m.Result, x.Patient), improvement(m.Result, y.Patient)); c != 0 {
			return c
		}
		return cmp.Compare(rank(x.ID), rank(y.ID))
	})
	return t
}
