package report

import (
	"fmt"
	"strings"

	"github.com/mixeval/mixeval/quant"
)

// Table2Row is one row of a measure's block in the source study's Table 2
// layout: a clinical significance category by reliable change.
type Table2Row struct {
	Label string
	Key   string // the engine's name, e.g. "okay at baseline"
	// Footnote marks "okay at baseline", which the table explains.
	Footnote bool
	Cells    []Table2Cell
}

// Table2Cell is one count, keyed by the engine's reliable change name.
type Table2Cell struct {
	Key string
	N   int
}

// Table2Columns are the reliable change columns, in the article's order.
var Table2Columns = []quant.ReliableChange{quant.Deterioration, quant.Improvement, quant.NoChange}

var table2Rows = []quant.ClinicalSignificance{quant.NotSignificant, quant.OkayAtBaseline, quant.SignificantChange}

// Table2 returns the measure's block of the Table 2 layout: rows not
// significant, okay at baseline, significant change; columns
// deterioration, improvement, no change.
func (m *MeasureView) Table2() []Table2Row {
	var out []Table2Row
	for _, cs := range table2Rows {
		row := Table2Row{Label: capitalise(cs.String()), Key: cs.String(), Footnote: cs == quant.OkayAtBaseline}
		for _, rc := range Table2Columns {
			row.Cells = append(row.Cells, Table2Cell{Key: rc.String(), N: m.Result.Table.Count(cs, rc)})
		}
		out = append(out, row)
	}
	return out
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Summary is the measure's group summary as label and value.
func (m *MeasureView) Summary() [][2]string {
	r := m.Result
	s := r.Summary
	counts := func(names []string, of map[string]int) string {
		var parts []string
		for _, n := range names {
			parts = append(parts, fmt.Sprintf("%s %d", n, of[n]))
		}
		return strings.Join(parts, ", ")
	}
	cats := map[string]int{}
	for _, p := range m.Patients {
		cats[Category(p.Patient)]++
	}
	var catParts []string
	for _, c := range Categories {
		catParts = append(catParts, fmt.Sprintf("%s %d", strings.ToLower(c), cats[c]))
	}
	return [][2]string{
		{"Patients with both scores", fmt.Sprint(s.N)},
		{"Pre score", fmt.Sprintf("mean %s (SD %s)", score(s.Pre.Mean), score(s.Pre.SD))},
		{"Post score", fmt.Sprintf("mean %s (SD %s)", score(s.Post.Mean), score(s.Post.SD))},
		{"Mean change", score(s.MeanChange)},
		{"Reliable change", counts([]string{"improvement", "no change", "deterioration"}, s.Reliable)},
		{"Clinical significance", counts([]string{"significant change", "okay at baseline", "not significant"}, s.Clinical)},
		{"Change category", catParts[3] + ", " + catParts[2] + ", " + catParts[1] + ", " + catParts[0]},
	}
}

// listMax is the most pseudonyms a list in a table or note shows before it
// says how many more there are.
const listMax = 30

// names joins pseudonyms, at most listMax of them.
func names(ts []*Text) string {
	parts := make([]string, 0, min(len(ts), listMax))
	for _, t := range ts[:min(len(ts), listMax)] {
		parts = append(parts, t.String())
	}
	s := strings.Join(parts, ", ")
	if len(ts) > listMax {
		s += fmt.Sprintf(" and %d more", len(ts)-listMax)
	}
	return s
}

// themeNames joins theme names.
func themeNames(ts []*ThemeView) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Name.String()
	}
	return strings.Join(parts, "; ")
}

// Notes are the sentences under a joint display: who crossed the cut-off
// without reliable change, who improved from okay at baseline, and why
// patients may have scores but no answers.
func (d *JointDisplay) Notes() []string {
	var out []string
	if len(d.Crossed) > 0 {
		out = append(out, fmt.Sprintf("No reliable change, but a post score beyond the cut-off: %s.", names(d.Crossed)))
	}
	if len(d.Baseline) > 0 {
		out = append(out, fmt.Sprintf("Reliable improvement from a pre score already beyond the cut-off (okay at baseline): %s.", names(d.Baseline)))
	}
	for _, row := range d.Rows {
		if row.Label != RowNoAnswers {
			continue
		}
		s := fmt.Sprintf("%s have scores on %s but no answer in the feedback forms.", names(row.Patients), d.Measure)
		if len(d.Lookalikes) > 0 {
			var pairs []string
			for _, p := range d.Lookalikes {
				pairs = append(pairs, fmt.Sprintf("%s (scores) and %s (forms)", p[0], p[1]))
			}
			s += " These ids look like the same person written two ways: " + strings.Join(pairs, "; ") + "; make the ids match in the forms and the score file."
		} else {
			s += " An id written differently in the forms and the score file (such as P1 and P01) is the likely cause; otherwise they did not fill in the form."
		}
		out = append(out, s)
	}
	return out
}

// RowWho lists a row's patients when the row is small enough to list.
func (row JointRow) RowWho() string {
	if len(row.Patients) == 0 {
		return ""
	}
	return names(row.Patients)
}
