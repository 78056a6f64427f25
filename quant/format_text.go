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
		return writeCSV(w, rs)
	case FormatTable, FormatMarkdown:
		ew := &errWriter{w: w}
		for i, m := range rs {
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
		clin += fmt.Sprintf("estimated from the sample's pre scores (the %d patients used)", r.N)
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
	if r.Compat == CompatClinsig {
		mode = "compat clinsig (reproduces clinsig 1.2, including its quirks)"
	}
	return [][2]string{
		{"Direction", r.Direction.String() + " scores are better"},
		{"Reliability", fmt.Sprintf("r = %s %s", num(r.Reliability), sourced(m.Sources.Reliability))},
		{"z", num(r.Z)},
		{"Clinical distribution", clin},
		{"Norm distribution", norm},
		{"Criterion", fmt.Sprintf("%s: %s", r.Criterion, criterionMeaning[r.Criterion])},
		{"Cut-off a", cut(r.Cutoffs.A, "")},
		{"Cut-off b", cut(r.Cutoffs.B, noNormSD)},
		{"Cut-off c", cut(r.Cutoffs.C, noNorm)},
		{"S_diff", num(r.SDiff) + " (SD_clin × √2 × √(1 − r))"},
		{"RC threshold", num(r.RCThreshold) + " (z × S_diff; reliable when |post − pre| is larger)"},
		{"Patients used", fmt.Sprintf("%d of %d", r.N, r.N+len(r.Excluded))},
		{"Excluded", excludedText(r.Excluded)},
		{"Mode", mode},
	}
}

func excludedText(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	const max = 20
	s := strings.Join(ids[:min(len(ids), max)], ", ")
	if len(ids) > max {
		s += fmt.Sprintf(" and %d more", len(ids)-max)
	}
	return s + " (missing pre or post score)"
}

var (
	rowOrder = []ClinicalSignificance{NotSignificant, OkayAtBaseline, SignificantChange}
	colOrder = []ReliableChange{Deterioration, Improvement, NoChange}
)

func capitalise(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func writeTableBlock(w *errWriter, m MeasureResult) {
	r := m.Result
	w.printf("%s\n%s\n", m.Name, strings.Repeat("=", max(len([]rune(m.Name)), 1)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range settings(m) {
		fmt.Fprintf(tw, "%s\t%s\n", s[0], s[1])
	}
	tw.Flush()

	w.printf("\nClinically significant change by reliable change (Jacobson & Truax 1991)\n")
	w.printf("%-20s%15s%13s%11s\n", "", "Deterioration", "Improvement", "No change")
	for _, cs := range rowOrder {
		w.printf("%-20s%15d%13d%11d\n", capitalise(cs.String()), r.Table[cs][Deterioration], r.Table[cs][Improvement], r.Table[cs][NoChange])
	}

	if len(r.Patients) > 0 {
		w.printf("\nPatients\n")
		writePatientRows(w, r.Patients)
	}

	w.printf("\nGroup summary\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range summaryRows(r.Summary) {
		fmt.Fprintf(tw, "%s\t%s\n", s[0], s[1])
	}
	tw.Flush()

	if len(r.Warnings) > 0 {
		w.printf("\nWarnings\n")
		for _, s := range r.Warnings {
			w.printf("- %s\n", s)
		}
	}
}

func meanSDText(d Distribution) string {
	sd := "undefined"
	if finite(d.SD) {
		sd = num(d.SD)
	}
	return fmt.Sprintf("mean %s, SD %s", num(d.Mean), sd)
}

func summaryRows(s Summary) [][2]string {
	counts := func(m map[string]int, names []string) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf("%s %d", n, m[n])
		}
		return strings.Join(parts, ", ")
	}
	return [][2]string{
		{"n", strconv.Itoa(s.N)},
		{"Pre", meanSDText(s.Pre)},
		{"Post", meanSDText(s.Post)},
		{"Mean change", num(s.MeanChange)},
		{"Reliable change", counts(s.Reliable, reliableNames[:])},
		{"Clinical significance", counts(s.Clinical, clinicalNames[:])},
	}
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
	if len(r.Patients) > 0 {
		w.printf("\n### Patients\n\n| id | pre | post | change | RCI | reliable change | clinical significance |\n|---|--:|--:|--:|--:|---|---|\n")
		for _, p := range r.Patients {
			w.printf("| %s | %s | %s | %s | %s | %s | %s |\n", md(p.ID), num(p.Pre), num(p.Post), num(p.Change), num(p.RCI), p.ReliableChange, p.ClinicalSignificance)
		}
	}
	w.printf("\n### Group summary\n\n| | |\n|---|---|\n")
	for _, s := range summaryRows(r.Summary) {
		w.printf("| %s | %s |\n", s[0], s[1])
	}
	if len(r.Warnings) > 0 {
		w.printf("\n### Warnings\n\n")
		for _, s := range r.Warnings {
			w.printf("- %s\n", md(s))
		}
	}
}

// writePatientRows aligns the patient list like text/tabwriter would, but
// in two passes over the patients instead of holding every formatted row:
// a million patients would otherwise need several hundred MB.
func writePatientRows(w *errWriter, ps []Patient) {
	head := [...]string{"id", "pre", "post", "change", "RCI", "reliable change", "clinical significance"}
	cells := func(p Patient) [7]string {
		return [7]string{p.ID, num(p.Pre), num(p.Post), num(p.Change), num(p.RCI), p.ReliableChange.String(), p.ClinicalSignificance.String()}
	}
	var width [7]int
	measure := func(c [7]string) {
		for i, s := range c {
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	measure(head)
	for _, p := range ps {
		measure(cells(p))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	line := func(c [7]string) {
		for i, s := range c[:6] {
			bw.WriteString(s)
			bw.WriteString(strings.Repeat(" ", width[i]+2-utf8.RuneCountInString(s)))
		}
		bw.WriteString(c[6])
		bw.WriteByte('\n')
	}
	line(head)
	for _, p := range ps {
		line(cells(p))
	}
	bw.Flush()
}
