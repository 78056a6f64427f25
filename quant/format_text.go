package quant

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// WriteResult writes one measure's analysis in format f. name labels the
// measure; src gives the citations of the values used.
// JSON is the single-measure object of the output contract, without a name.
func WriteResult(w io.Writer, f Format, name string, r *Result, src Sources) error {
	if f == FormatJSON {
		return WriteJSON(w, r)
	}
	return WriteStudy(w, f, []MeasureResult{{Name: name, Sources: src, Result: r}})
}

// WriteStudy writes the analyses of several measures in format f. JSON wraps
// them as {"measures": [...]}; for a single measure without the wrapper use
// WriteJSON.
func WriteStudy(w io.Writer, f Format, rs []MeasureResult) error {
	switch f {
	case FormatJSON:
		return WriteStudyJSON(w, rs)
	case FormatCSV:
		return writeCSV(w, expand(rs))
	case FormatTable, FormatMarkdown:
		ew := &errWriter{w: w}
		for i, m := range expand(rs) {
			if i > 0 {
				ew.printf("\n")
			}
			if f == FormatTable {
				writeTableBlock(ew, m)
			} else {
				writeMarkdownBlock(ew, m)
			}
		}
		return ew.err
	}
	return fmt.Errorf("format %q is not known: use table, json, csv or md", f)
}

// errWriter keeps the first write error so that the writers read as plain
// sequences of prints.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

// num shows a number to at most four decimals, without trailing zeros.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func sourced(src string) string {
	if src == "" {
		return "(no source given)"
	}
	return "(source: " + src + ")"
}

var criterionMeaning = map[Criterion]string{
	CriterionA: "beyond two clinical SDs from the clinical mean, towards health",
	CriterionB: "within two norm SDs of the norm mean",
	CriterionC: "nearer the norm mean than the clinical mean, weighted by the SDs",
}

// settings lists every choice of an analysis as label and value, in the
// order both the table and the Markdown show them.
func settings(m MeasureResult) [][2]string {
	r := m.Result
	cut := func(p *float64, why string) string {
		if p == nil {
			return "not computable (" + why + ")"
		}
		return num(*p)
	}
	clin := fmt.Sprintf("mean %s, SD %s, ", num(r.Clinical.Mean), num(r.Clinical.SD))
	switch {
	case !r.ClinicalFromSample:
		clin += "supplied " + sourced(m.Sources.Clinical)
	case r.Compat == CompatClinsig:
		clin += "estimated from the sample's pre scores (every non-missing pre score, as clinsig does)"
	default:
		clin += fmt.Sprintf("estimated from the sample's %s scores (the %d patients used)", orDefault(r.From, "pre"), r.N)
	}
	norm := "none given"
	if r.Norm != nil {
		sd := "no SD"
		if r.Norm.SD != nil {
			sd = "SD " + num(*r.Norm.SD)
		}
		norm = fmt.Sprintf("mean %s, %s %s", num(r.Norm.Mean), sd, sourced(m.Sources.Norm))
	}
	noNorm, noNormSD := "no norm given", "no norm given"
	if r.Norm != nil {
		noNormSD = "no norm SD given"
	}
	mode := "default (mixeval)"
	switch r.Compat {
	case CompatClinsig:
		mode = "compat clinsig (reproduces clinsig 1.2, including its quirks)"
	case CompatClinicalSignificance:
		mode = "compat clinicalsignificance (follows the R package clinicalsignificance 3.0.0)"
	}
	rel := fmt.Sprintf("r = %s %s", num(r.Reliability), sourced(m.Sources.Reliability))
	if r.Method == MethodNK && r.ReliabilityPost != nil {
		rel += fmt.Sprintf("; at post r = %s", num(*r.ReliabilityPost))
	}
	rows := [][2]string{
		{"Direction", r.Direction.String() + " scores are better"},
		{"Reliability", rel},
	}
	if r.From != "" {
		rows = append(rows, [2]string{"Time points", fmt.Sprintf("%s to %s", r.From, r.To)})
	}
	rows = append(rows,
		[2]string{"Method", fmt.Sprintf("%s: %s", r.Method, r.Method.Title())},
		[2]string{"Critical value", num(r.Z) + " (reliable when |RCI| is larger)"},
		[2]string{"Clinical distribution", clin},
		[2]string{"Norm distribution", norm},
		[2]string{"Criterion", fmt.Sprintf("%s: %s", r.Criterion, criterionMeaning[r.Criterion])},
		[2]string{"Cut-off a", cut(r.Cutoffs.A, "")},
		[2]string{"Cut-off b", cut(r.Cutoffs.B, noNormSD)},
		[2]string{"Cut-off c", cut(r.Cutoffs.C, noNorm)},
	)
	if r.Method == MethodJT {
		rows = append(rows,
			[2]string{"S_diff", num(r.SDiff) + " (SD_clin × √2 × √(1 − r))"},
			[2]string{"RC threshold", num(r.RCThreshold) + " (z × S_diff; reliable when |post − pre| is larger)"})
	} else {
		se := "not computable"
		if r.RCISE != nil {
			se = num(*r.RCISE)
		}
		rows = append(rows, [2]string{"RCI standard error", se + " (" + seMeaning[r.Method] + ")"})
	}
	if h := r.HA; h != nil {
		rows = append(rows, [2]string{"Hageman & Arrindell", fmt.Sprintf("r_dd %s, pre reliability %s, post reliability %s", optNum(h.RDD), optNum(h.ReliabilityPre), optNum(h.ReliabilityPost))})
		if tc := h.TrueCutoffs; tc != nil {
			rows = append(rows, [2]string{"True cut-offs", fmt.Sprintf("a %s, b %s, c %s (each SD × √its reliability)", optNum(tc.A), optNum(tc.B), optNum(tc.C))})
		}
	}
	if t := r.AnchorTable; t != nil {
		rows = append(rows, [2]string{"Minimal important difference", fmt.Sprintf("improvement %s, deterioration %s points %s", num(t.Improve), num(t.Deteriorate), sourced(m.Sources.MID))})
	}
	if t := r.PercentageTable; t != nil {
		rows = append(rows, [2]string{"Percentage change", fmt.Sprintf("improvement from %s%%, deterioration from %s%% of the pre score", num(t.Improve*100), num(t.Deteriorate*100))})
	}
	rows = append(rows,
		[2]string{"Patients used", fmt.Sprintf("%d of %d", r.N, r.N+len(r.Excluded))},
		[2]string{"Excluded", excludedText(r.Excluded, orDefault(r.From, "pre"), orDefault(r.To, "post"))},
		[2]string{"Categories", categoriesText[r.Categories]},
		[2]string{"Mode", mode},
	)
	return rows
}

var seMeaning = map[Method]string{
	MethodGLN: "SE of prediction, SD_pre × √(1 − r²)",
	MethodHLL: "SE of prediction, SD_pre × √(1 − r²)",
	MethodEN:  "SE of measurement, SD_pre × √(1 − r)",
	MethodNK:  "√(r² × SD_pre² × (1 − r) + SD_pre² × (1 − r_post))",
	MethodHA:  "√r_dd × √2 × SEM",
}

var categoriesText = map[Categories]string{
	CategoriesClinsig:  "the clinsig table",
	CategoriesCombined: "the clinsig table and the five combined categories",
}

func optNum(p *float64) string {
	if p == nil {
		return "not computable"
	}
	return num(*p)
}

func excludedText(ids []string, from, to string) string {
	if len(ids) == 0 {
		return "none"
	}
	const max = 20
	s := strings.Join(ids[:min(len(ids), max)], ", ")
	if len(ids) > max {
		s += fmt.Sprintf(" and %d more", len(ids)-max)
	}
	return s + fmt.Sprintf(" (missing %s or %s score)", from, to)
}

var (
	rowOrder = []ClinicalSignificance{NotSignificant, OkayAtBaseline, SignificantChange}
	colOrder = []ReliableChange{Deterioration, Improvement, NoChange}
)

func capitalise(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func writeTableBlock(w *errWriter, m MeasureResult) {
	r := m.Result
	w.printf("%s\n%s\n", m.Name, strings.Repeat("=", max(len([]rune(m.Name)), 1)))
	writePairs(w, settings(m))

	w.printf("\nClinically significant change by reliable change (Jacobson & Truax 1991)\n")
	w.printf("%-20s%15s%13s%11s\n", "", "Deterioration", "Improvement", "No change")
	for _, cs := range rowOrder {
		w.printf("%-20s%15d%13d%11d\n", capitalise(cs.String()), r.Table[cs][Deterioration], r.Table[cs][Improvement], r.Table[cs][NoChange])
	}
	for _, b := range extraTables(r) {
		w.printf("\n%s\n", b.title)
		writePairs(w, b.rows)
	}

	if len(r.Patients) > 0 {
		w.printf("\nPatients\n")
		writePatientRows(w, r.Patients)
	}

	w.printf("\nGroup summary\n")
	writePairs(w, summaryRows(r.Summary, r.NotComputable != ""))

	w.printf("\n%s\n", effectsTitle(r.Effects))
	writePairs(w, effectRows(r.Effects))

	if len(r.Warnings) > 0 {
		w.printf("\nWarnings\n")
		for _, s := range r.Warnings {
			w.printf("- %s\n", s)
		}
	}
}

func writePairs(w *errWriter, rows [][2]string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", s[0], s[1])
	}
	tw.Flush()
}

// block is a titled list of label and value rows.
type block struct {
	title string
	rows  [][2]string
}

// extraTables are the tables beyond the clinsig one that were asked for:
// the combined categories, the HA group estimate, percentage change and
// the anchor.
func extraTables(r *Result) []block {
	var out []block
	count := func(c Count) string { return fmt.Sprintf("%d (%s%%)", c.N, num(c.Percent)) }
	if t := r.CombinedTable; t != nil {
		b := block{title: "Combined categories (reliable change and the cut-off)"}
		for _, c := range CategoryOrder {
			b.rows = append(b.rows, [2]string{capitalise(c.String()), count(t.Get(c))})
		}
		if t.NotComputable > 0 {
			b.rows = append(b.rows, [2]string{"Not computable", fmt.Sprint(t.NotComputable)})
		}
		out = append(out, b)
	}
	if h := r.HA; h != nil && h.Group != nil {
		pct := func(p *float64) string {
			if p == nil {
				return "not computable"
			}
			return num(*p*100) + "%"
		}
		out = append(out, block{title: "Hageman & Arrindell group level (expected proportions)", rows: [][2]string{
			{"Changed reliably for the better", pct(h.Group.Changed)},
			{"In the functional range at post", pct(h.Group.Functional)},
		}})
	}
	classes := func(title string, t *ClassTable) block {
		b := block{title: title}
		for _, c := range ClassOrder {
			b.rows = append(b.rows, [2]string{capitalise(c.String()), count(t.Get(c))})
		}
		return b
	}
	if t := r.PercentageTable; t != nil {
		out = append(out, classes(fmt.Sprintf("Percentage change (improved from %s%%, deteriorated from %s%%)", num(t.Improve*100), num(t.Deteriorate*100)), t))
	}
	if t := r.AnchorTable; t != nil {
		out = append(out, classes(fmt.Sprintf("Minimal important difference (improved from %s, deteriorated from %s points)", num(t.Improve), num(t.Deteriorate)), t))
	}
	return out
}

func meanSDText(d Distribution) string {
	sd := "undefined"
	if finite(d.SD) {
		sd = num(d.SD)
	}
	return fmt.Sprintf("mean %s, SD %s", num(d.Mean), sd)
}

func summaryRows(s Summary, notComputable bool) [][2]string {
	counts := func(m map[string]int, names []string) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf("%s %d", n, m[n])
		}
		return strings.Join(parts, ", ")
	}
	rel := reliableNames[:3]
	if notComputable {
		rel = reliableNames[:]
	}
	return [][2]string{
		{"n", strconv.Itoa(s.N)},
		{"Pre", meanSDText(s.Pre)},
		{"Post", meanSDText(s.Post)},
		{"Mean change", num(s.MeanChange)},
		{"Reliable change", counts(s.Reliable, rel)},
		{"Clinical significance", counts(s.Clinical, clinicalNames[:])},
	}
}

func effectsTitle(e Effects) string {
	if e.Exploratory {
		return fmt.Sprintf("Group effects (exploratory: fewer than %d pairs)", ExploratoryBelow)
	}
	return "Group effects"
}

func effectRows(e Effects) [][2]string {
	ci := func(i *Interval) string {
		if i == nil {
			return "not computable"
		}
		return fmt.Sprintf("%s to %s", num(i.Lower), num(i.Upper))
	}
	rows := [][2]string{{"Mean change", fmt.Sprintf("%s (95%% CI %s; t distribution)", num(e.MeanChange), ci(e.MeanChangeCI))}}
	if es := e.EffectSize; es != nil {
		rows = append(rows, [2]string{"Effect size", fmt.Sprintf("d = %s (mean change / SD of pre scores; 95%% CI %s)", num(es.D), ci(&es.CI))})
	} else {
		rows = append(rows, [2]string{"Effect size", "not computable (no spread in the pre scores)"})
	}
	if w := e.Wilcoxon; w != nil {
		rows = append(rows, [2]string{"Wilcoxon signed-rank", wilcoxonText(w)})
	}
	return rows
}

func wilcoxonText(w *Wilcoxon) string {
	if w.Method == "none" {
		return fmt.Sprintf("not computable (every change is 0; %d dropped)", w.Zeros)
	}
	s := fmt.Sprintf("V = %s, n = %d", num(w.V), w.N)
	if w.Zeros > 0 {
		s += fmt.Sprintf(" (%d zero changes dropped)", w.Zeros)
	}
	if w.Ties {
		s += ", ties given mid-ranks"
	}
	if w.Method == "exact" {
		return s + fmt.Sprintf(", exact p = %s", optNum(w.P))
	}
	return s + fmt.Sprintf(", z = %s, p = %s (normal approximation)", optNum(w.Z), optNum(w.P))
}

// md escapes the characters that would break a Markdown table cell.
func md(s string) string { return mdEscaper.Replace(s) }

var mdEscaper = strings.NewReplacer("|", `\|`, "\n", " ")

func writeMarkdownBlock(w *errWriter, m MeasureResult) {
	r := m.Result
	w.printf("## %s\n\n| Setting | Value |\n|---|---|\n", md(m.Name))
	for _, s := range settings(m) {
		w.printf("| %s | %s |\n", s[0], md(s[1]))
	}
	w.printf("\n### Clinically significant change by reliable change\n\n")
	w.printf("| Clinical significance | Deterioration | Improvement | No change |\n|---|--:|--:|--:|\n")
	for _, cs := range rowOrder {
		w.printf("| %s | %d | %d | %d |\n", capitalise(cs.String()), r.Table[cs][Deterioration], r.Table[cs][Improvement], r.Table[cs][NoChange])
	}
	for _, b := range extraTables(r) {
		w.printf("\n### %s\n\n| | |\n|---|---|\n", md(b.title))
		for _, s := range b.rows {
			w.printf("| %s | %s |\n", s[0], md(s[1]))
		}
	}
	if len(r.Patients) > 0 {
		head, _ := patientColumns(r.Patients)
		w.printf("\n### Patients\n\n|")
		for _, h := range head {
			w.printf(" %s |", h)
		}
		w.printf("\n|")
		for i := range head {
			if i >= 1 && i <= 4 || head[i] == "% change" {
				w.printf("--:|")
			} else {
				w.printf("---|")
			}
		}
		w.printf("\n")
		for _, p := range r.Patients {
			w.printf("|")
			for _, c := range patientCells(p) {
				w.printf(" %s |", md(c))
			}
			w.printf("\n")
		}
	}
	w.printf("\n### Group summary\n\n| | |\n|---|---|\n")
	for _, s := range summaryRows(r.Summary, r.NotComputable != "") {
		w.printf("| %s | %s |\n", s[0], s[1])
	}
	w.printf("\n### %s\n\n| | |\n|---|---|\n", effectsTitle(r.Effects))
	for _, s := range effectRows(r.Effects) {
		w.printf("| %s | %s |\n", s[0], md(s[1]))
	}
	if len(r.Warnings) > 0 {
		w.printf("\n### Warnings\n\n")
		for _, s := range r.Warnings {
			w.printf("- %s\n", md(s))
		}
	}
}

// patientColumns names the per-patient columns: the seven of the clinsig
// analysis, then those of the classifications asked for (judged from the
// first patient; every patient has the same ones).
func patientColumns(ps []Patient) (head []string, n int) {
	head = []string{"id", "pre", "post", "change", "RCI", "reliable change", "clinical significance"}
	if len(ps) > 0 {
		p := ps[0]
		if p.Category != NoCategory {
			head = append(head, "category")
		}
		if p.Percentage != NoClass {
			head = append(head, "% change", "percentage")
		}
		if p.Anchor != NoClass {
			head = append(head, "anchor")
		}
	}
	return head, len(head)
}

// patientCells are one patient's cells in patientColumns' order.
func patientCells(p Patient) []string {
	na := func(s string, bad bool) string {
		if bad {
			return "not computable"
		}
		return s
	}
	c := []string{p.ID, num(p.Pre), num(p.Post), num(p.Change), na(num(p.RCI), !finite(p.RCI)), p.ReliableChange.String(), p.ClinicalSignificance.String()}
	if p.Category != NoCategory {
		c = append(c, p.Category.String())
	}
	if p.Percentage != NoClass {
		pct := "undefined (pre 0)"
		if finite(p.PctChange) {
			pct = num(p.PctChange*100) + "%"
		}
		c = append(c, pct, p.Percentage.String())
	}
	if p.Anchor != NoClass {
		c = append(c, p.Anchor.String())
	}
	return c
}

// writePatientRows aligns the patient list like text/tabwriter would, but
// in two passes over the patients instead of holding every formatted row:
// a million patients would otherwise need several hundred MB.
func writePatientRows(w *errWriter, ps []Patient) {
	head, n := patientColumns(ps)
	width := make([]int, n)
	measure := func(c []string) {
		for i, s := range c {
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	measure(head)
	for _, p := range ps {
		measure(patientCells(p))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	line := func(c []string) {
		for i, s := range c[:n-1] {
			bw.WriteString(s)
			bw.WriteString(strings.Repeat(" ", width[i]+2-utf8.RuneCountInString(s)))
		}
		bw.WriteString(c[n-1])
		bw.WriteByte('\n')
	}
	line(head)
	for _, p := range ps {
		line(patientCells(p))
	}
	bw.Flush()
}
