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

// Block is one pair of time points of a measure: its block of the Table 2
// layout and its column of the group summary.
type Block struct {
	Measure string
	// Pair names the time points, "pre → post"; Key is "pre-post".
	Pair, Key string
	Result    *quant.Result
}

// Blocks are the measure's pairs of time points: pre to post first.
func (m *MeasureView) Blocks() []Block {
	var out []Block
	for _, r := range append([]*quant.Result{m.Result}, m.FollowUps...) {
		from, to := r.From, r.To
		if from == "" {
			from, to = "pre", "post"
		}
		out = append(out, Block{Measure: m.Name, Pair: from + " → " + to, Key: from + "-" + to, Result: r})
	}
	return out
}

// Label names the block in Table 2: the measure, and the pair when it is
// not pre to post.
func (b Block) Label() string {
	if b.Key == "pre-post" {
		return b.Measure
	}
	return b.Measure + ", " + b.Pair
}

// Table2 returns the block in the layout of the source study's Table 2:
// rows not significant, okay at baseline, significant change; columns
// deterioration, improvement, no change.
func (b Block) Table2() []Table2Row {
	var out []Table2Row
	for _, cs := range table2Rows {
		row := Table2Row{Label: capitalise(cs.String()), Key: cs.String(), Footnote: cs == quant.OkayAtBaseline}
		for _, rc := range Table2Columns {
			row.Cells = append(row.Cells, Table2Cell{Key: rc.String(), N: b.Result.Table.Count(cs, rc)})
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

// Summary is the measure's group summary: one row per figure, one column
// per pair of time points (after the label).
func (m *MeasureView) Summary() [][]string {
	labels := []string{"Patients with both scores", "Score before", "Score after", "Mean change (95% CI)", "Standardised mean change d (95% CI)",
		"Wilcoxon signed-rank test", "Reliable change", "Clinical significance", "Change category"}
	rows := make([][]string, len(labels))
	for i, l := range labels {
		rows[i] = []string{l}
	}
	for _, b := range m.Blocks() {
		for i, v := range summaryColumn(b.Result) {
			rows[i] = append(rows[i], v)
		}
	}
	return rows
}

// SummaryHead names the summary's columns.
func (m *MeasureView) SummaryHead() []string {
	head := []string{""}
	for _, b := range m.Blocks() {
		head = append(head, b.Pair)
	}
	return head
}

func summaryColumn(r *quant.Result) []string {
	s := r.Summary
	counts := func(names []string, of map[string]int) string {
		var parts []string
		for _, n := range names {
			parts = append(parts, fmt.Sprintf("%s %d", n, of[n]))
		}
		return strings.Join(parts, ", ")
	}
	cats := map[string]int{}
	for _, p := range r.Patients {
		cats[Category(p)]++
	}
	var catParts []string
	for i := len(Categories) - 1; i >= 0; i-- {
		catParts = append(catParts, fmt.Sprintf("%s %d", strings.ToLower(Categories[i]), cats[Categories[i]]))
	}
	e := r.Effects
	change := score(e.MeanChange)
	if e.MeanChangeCI != nil {
		change += fmt.Sprintf(" (%s to %s)", score(e.MeanChangeCI.Lower), score(e.MeanChangeCI.Upper))
	}
	d := "not computable"
	if es := e.EffectSize; es != nil {
		d = fmt.Sprintf("%s (%s to %s)", score(es.D), score(es.CI.Lower), score(es.CI.Upper))
	}
	w := "not computable"
	if x := e.Wilcoxon; x != nil && x.P != nil {
		w = fmt.Sprintf("V = %s, p = %s (%s)", short(x.V), fixed(*x.P, 3), x.Method)
	}
	if e.Exploratory {
		d += ", exploratory"
		w += ", exploratory"
	}
	return []string{
		fmt.Sprint(s.N),
		fmt.Sprintf("mean %s (SD %s)", score(s.Pre.Mean), score(s.Pre.SD)),
		fmt.Sprintf("mean %s (SD %s)", score(s.Post.Mean), score(s.Post.SD)),
		change, d, w,
		counts([]string{"improvement", "no change", "deterioration"}, s.Reliable),
		counts([]string{"significant change", "okay at baseline", "not significant"}, s.Clinical),
		strings.Join(catParts, ", "),
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
