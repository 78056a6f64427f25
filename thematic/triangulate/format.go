package triangulate

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/mixeval/mixeval/internal/csvsafe"
	"github.com/mixeval/mixeval/thematic/agree"
)

// Bands is the one sentence every format uses when it mentions thresholds.
const Bands = "Krippendorff (2004, Content Analysis, 2nd ed., p. 241) relies on variables with alpha >= .800 and allows tentative conclusions for .667 <= alpha < .800; these are conventions, not verdicts."

// UnitNote says what a unit is, for the head of every statistics output.
const UnitNote = "Unit: one document × one code; 1 = the coder applied the code anywhere in the answer, 0 = reviewed and not applied, missing = not reviewed (left out)."

// MarshalJSON writes the mean's value, or null when no code had the
// coefficient defined.
func (m Mean) MarshalJSON() ([]byte, error) {
	type plain struct {
		Value     *float64 `json:"value"`
		Used      int      `json:"codes_used"`
		Undefined int      `json:"codes_undefined"`
	}
	p := plain{Used: m.Used, Undefined: m.Undefined}
	if m.Defined {
		v := m.Value
		p.Value = &v
	}
	return json.Marshal(p)
}

func (m Mean) String() string {
	if !m.Defined {
		return "undefined"
	}
	return strconv.FormatFloat(m.Value, 'f', 3, 64)
}

func (m Mean) basis() string {
	s := fmt.Sprintf("%d codes", m.Used)
	if m.Undefined > 0 {
		s += fmt.Sprintf(", %d undefined left out", m.Undefined)
	}
	return s
}

// head names the columns of the 2×2 table for the two coders.
func head(coders []string) []string {
	cols := []string{"kind", "id", "name"}
	if len(coders) == 2 {
		cols = append(cols, "both", "only "+coders[0], "only "+coders[1], "neither")
	}
	cols = append(cols, "units", "% agreement")
	if len(coders) == 2 {
		cols = append(cols, "Cohen's kappa")
	} else {
		cols = append(cols, "Light's kappa", "Fleiss' kappa")
	}
	cols = append(cols, "alpha", "AC1")
	return cols
}

func row(s Stats, coders []string, ci bool) []string {
	r := []string{s.Kind, s.ID, s.Name}
	if len(coders) == 2 {
		t := s.Table
		if t == nil {
			t = &Table{}
		}
		r = append(r, strconv.Itoa(t.Both), strconv.Itoa(t.OnlyA), strconv.Itoa(t.OnlyB), strconv.Itoa(t.Neither))
	}
	r = append(r, strconv.Itoa(s.Units), s.PercentAgreement.String(), s.Kappa.String())
	if len(coders) != 2 {
		r = append(r, s.FleissKappa.String())
	}
	alpha := s.Alpha.String()
	if ci && s.AlphaCI != nil {
		alpha += fmt.Sprintf(" [%.3f, %.3f]", s.AlphaCI.Lower, s.AlphaCI.Upper)
	}
	return append(r, alpha, s.AC1.String())
}

func (r *Report) rows() []Stats {
	out := append([]Stats{}, r.Codes...)
	out = append(out, r.Themes...)
	return append(out, r.Pooled)
}

// WriteStatsText writes the statistics as aligned tables for people.
func WriteStatsText(w io.Writer, r *Report) error {
	fmt.Fprintf(w, "Agreement between %s on %d documents\n", strings.Join(r.Coders, " and "), r.Documents)
	fmt.Fprintf(w, "Reviewed: %s; by all: %d.\n%s\n\n", reviewedText(r), r.ReviewedByAll, UnitNote)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	h := head(r.Coders)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(h, "\t")))
	for _, s := range r.rows() {
		fmt.Fprintln(tw, strings.Join(row(s, r.Coders, r.Bootstrap > 0), "\t"))
	}
	tw.Flush()
	fmt.Fprintln(w)
	writeOverall(w, r, "")
	return nil
}

func reviewedText(r *Report) string {
	parts := make([]string, len(r.Coders))
	for i, c := range r.Coders {
		parts[i] = fmt.Sprintf("%s %d", c, r.Reviewed[i])
	}
	return strings.Join(parts, ", ")
}

// writeOverall writes the labelled overall values, undefined codes, codes
// missing from the codebook and the bands' source; bullet is "" or "- ".
func writeOverall(w io.Writer, r *Report, bullet string) {
	kname := "Cohen's kappa"
	if len(r.Coders) != 2 {
		kname = "Light's kappa"
	}
	m := r.Macro
	fmt.Fprintf(w, "%sMacro mean across codes (each code counts once): %% agreement %s (%s); %s %s (%s); alpha %s (%s); AC1 %s (%s).\n",
		bullet, m.PercentAgreement, m.PercentAgreement.basis(), kname, m.Kappa, m.Kappa.basis(), m.Alpha, m.Alpha.basis(), m.AC1, m.AC1.basis())
	p := r.Pooled
	fmt.Fprintf(w, "%sPooled (all %d document × code units of %d codes in one matrix, %d rated by two or more coders): %% agreement %s; %s %s; alpha %s; AC1 %s.\n",
		bullet, r.Documents*p.Codes, p.Codes, p.Units, p.PercentAgreement, kname, p.Kappa, p.Alpha, p.AC1)
	for _, pr := range r.Pairs {
		fmt.Fprintf(w, "%sPair %s and %s: Cohen's kappa macro mean %s (%s), pooled %s; pooled alpha %s.\n", bullet, pr.Coders[0], pr.Coders[1], pr.MacroKappa, pr.MacroKappa.basis(), pr.PooledKappa, pr.PooledAlpha)
	}
	var undef []string
	for _, s := range r.Codes {
		if !s.Alpha.Defined || !s.Kappa.Defined {
			undef = append(undef, s.ID)
		}
	}
	if len(undef) > 0 {
		fmt.Fprintf(w, "%sUndefined (0/0: no variation in the values, e.g. a code nobody applied; never shown as 0 or 1): %s.\n", bullet, strings.Join(undef, ", "))
	}
	for _, u := range r.Unknown {
		var per []string
		for _, c := range r.Coders {
			if n := u.Segments[c]; n > 0 {
				per = append(per, fmt.Sprintf("%s %d", c, n))
			}
		}
		fmt.Fprintf(w, "%sNot in the codebook: %q, used by %s segments; it is analysed like the others.\n", bullet, u.Code, strings.Join(per, ", "))
	}
	if r.OutsideStudy > 0 {
		fmt.Fprintf(w, "%s%d segments name documents the study does not hold and are left out (validation lists them).\n", bullet, r.OutsideStudy)
	}
	if r.Bootstrap > 0 {
		fmt.Fprintf(w, "%sAlpha intervals: 95%% percentile bootstrap over units, %d replicates, seed %d.\n", bullet, r.Bootstrap, r.Seed)
	}
	fmt.Fprintf(w, "%s%s\n", bullet, Bands)
}

// WriteStatsMarkdown writes the statistics as a Markdown table.
func WriteStatsMarkdown(w io.Writer, r *Report) error {
	fmt.Fprintf(w, "## Agreement between %s\n\n%d documents. Reviewed: %s; by all: %d.\n%s\n\n", strings.Join(r.Coders, " and "), r.Documents, reviewedText(r), r.ReviewedByAll, UnitNote)
	h := head(r.Coders)
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(h, " | "), strings.Repeat("---|", len(h)))
	for _, s := range r.rows() {
		fmt.Fprintf(w, "| %s |\n", strings.Join(mdEscape(row(s, r.Coders, r.Bootstrap > 0)), " | "))
	}
	fmt.Fprintln(w)
	writeOverall(w, r, "- ")
	return nil
}

func mdEscape(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ReplaceAll(x, "|", `\|`)
	}
	return out
}

// WriteStatsCSV writes one row per code, theme and the pooled value; the
// macro means follow as rows of kind "macro". Undefined values are empty.
func WriteStatsCSV(w io.Writer, r *Report) error {
	cw := csvsafe.NewWriter(w)
	h := head(r.Coders)
	h = append(h, "alpha lower", "alpha upper", "note")
	cw.Write(h)
	blank := func(x agree.Result) string {
		if !x.Defined {
			return ""
		}
		return strconv.FormatFloat(x.Value, 'f', -1, 64)
	}
	for _, s := range r.rows() {
		rec := row(s, r.Coders, false)
		// Machine-readable: full precision, empty when undefined.
		n := len(rec)
		rec[n-1] = blank(s.AC1)
		rec[n-2] = blank(s.Alpha)
		if len(r.Coders) == 2 {
			rec[n-3], rec[n-4] = blank(s.Kappa), blank(s.PercentAgreement)
		} else {
			rec[n-3], rec[n-4], rec[n-5] = blank(s.FleissKappa), blank(s.Kappa), blank(s.PercentAgreement)
		}
		lo, hi := "", ""
		if s.AlphaCI != nil {
			lo, hi = strconv.FormatFloat(s.AlphaCI.Lower, 'f', -1, 64), strconv.FormatFloat(s.AlphaCI.Upper, 'f', -1, 64)
		}
		cw.Write(append(rec, lo, hi, strings.Join(s.Notes, "; ")))
	}
	mean := func(m Mean) string {
		if !m.Defined {
			return ""
		}
		return strconv.FormatFloat(m.Value, 'f', -1, 64)
	}
	rec := make([]string, len(h))
	rec[0], rec[1], rec[2] = "macro", "macro", "mean across codes"
	k := len(h) - 3 // after AC1
	rec[k-1], rec[k-2] = mean(r.Macro.AC1), mean(r.Macro.Alpha)
	if len(r.Coders) == 2 {
		rec[k-3], rec[k-4] = mean(r.Macro.Kappa), mean(r.Macro.PercentAgreement)
	} else {
		rec[k-4], rec[k-5] = mean(r.Macro.Kappa), mean(r.Macro.PercentAgreement)
	}
	rec[len(h)-1] = fmt.Sprintf("kappa over %s; alpha over %s", r.Macro.Kappa.basis(), r.Macro.Alpha.basis())
	cw.Write(rec)
	cw.Flush()
	return cw.Error()
}

// WriteDiagnosticsText writes the disagreements with both coders' spans in
// the answer text, then the segment-overlap and character-level tables.
func WriteDiagnosticsText(w io.Writer, d *Diagnostics, docs int) error {
	a, b := d.Coders[0], d.Coders[1]
	fmt.Fprintf(w, "Disagreements between %s [in square brackets] and %s {in braces}: %d\n", a, b, len(d.Disagreements))
	fmt.Fprintf(w, "(on the %d of %d documents both reviewed; overlap rule: a segment agrees when the other coder applied the same code to a segment sharing at least %s%% of their union)\n\n", d.Compared, docs, fmtPct(d.Overlap))
	for _, x := range d.Disagreements {
		fmt.Fprintf(w, "%s  %s  %s  %s %s  %s %s\n", x.Document, x.Code, kindText(x.Kind, a, b), a, spansText(x.A), b, spansText(x.B))
		fmt.Fprintf(w, "    %s\n\n", oneLine(Markup(x.Text, x.A, x.B)))
	}
	fmt.Fprintf(w, "Segment overlap per code (documents both reviewed)\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "CODE\t%s SEGMENTS\tMATCHED\t%s SEGMENTS\tMATCHED\tAGREEMENT\n", strings.ToUpper(a), strings.ToUpper(b))
	for _, o := range d.Segments {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", o.Code, o.SegmentsA, o.MatchedA, o.SegmentsB, o.MatchedB, o.Agreement)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nCharacter level per code × document (each code point is a unit; NVivo-style)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "DOCUMENT\tCODE\tLENGTH\tBOTH\tONLY %s\tONLY %s\tNEITHER\tAGREEMENT\tKAPPA\n", strings.ToUpper(a), strings.ToUpper(b))
	for _, c := range d.Characters {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", c.Document, c.Code, c.Length, c.Both, c.OnlyA, c.OnlyB, c.Neither, c.Agreement, c.Kappa)
	}
	return tw.Flush()
}

// WriteDiagnosticsMarkdown is WriteDiagnosticsText as Markdown.
func WriteDiagnosticsMarkdown(w io.Writer, d *Diagnostics, docs int) error {
	a, b := d.Coders[0], d.Coders[1]
	fmt.Fprintf(w, "## Disagreements between %s and %s\n\nOn the %d of %d documents both reviewed. %s's spans are in [square brackets], %s's in {braces}. Overlap rule: %s%% of the union.\n\n", a, b, d.Compared, docs, a, b, fmtPct(d.Overlap))
	fmt.Fprintf(w, "| document | code | kind | text |\n|---|---|---|---|\n")
	for _, x := range d.Disagreements {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", x.Document, x.Code, kindText(x.Kind, a, b), strings.Join(mdEscape([]string{oneLine(Markup(x.Text, x.A, x.B))}), ""))
	}
	fmt.Fprintf(w, "\n### Segment overlap per code\n\n| code | %s segments | matched | %s segments | matched | agreement |\n|---|---|---|---|---|---|\n", a, b)
	for _, o := range d.Segments {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %s |\n", o.Code, o.SegmentsA, o.MatchedA, o.SegmentsB, o.MatchedB, o.Agreement)
	}
	fmt.Fprintf(w, "\n### Character level per code × document\n\n| document | code | length | both | only %s | only %s | neither | agreement | kappa |\n|---|---|---|---|---|---|---|---|---|\n", a, b)
	for _, c := range d.Characters {
		fmt.Fprintf(w, "| %s | %s | %d | %d | %d | %d | %d | %s | %s |\n", c.Document, c.Code, c.Length, c.Both, c.OnlyA, c.OnlyB, c.Neither, c.Agreement, c.Kappa)
	}
	return nil
}

// WriteDisagreementsCSV writes one row per disagreement, for every pair of
// coders given.
func WriteDisagreementsCSV(w io.Writer, ds ...*Diagnostics) error {
	cw := csvsafe.NewWriter(w)
	cw.Write([]string{"document", "code", "kind", "coder_a", "spans_a", "coder_b", "spans_b", "text"})
	for _, d := range ds {
		for _, x := range d.Disagreements {
			cw.Write([]string{x.Document, x.Code, x.Kind, d.Coders[0], spansText(x.A), d.Coders[1], spansText(x.B), Markup(x.Text, x.A, x.B)})
		}
	}
	cw.Flush()
	return cw.Error()
}

func kindText(kind, a, b string) string {
	switch kind {
	case "only-a":
		return "only " + a
	case "only-b":
		return "only " + b
	}
	return "different spans"
}

func spansText(ss []Span) string {
	if len(ss) == 0 {
		return "-"
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.String()
	}
	return strings.Join(parts, ",")
}

// SpansText writes spans as "0-24,30-41", or "-" for none.
func SpansText(ss []Span) string { return spansText(ss) }

func fmtPct(p float64) string { return strconv.FormatFloat(p, 'f', -1, 64) }

// oneLine keeps a multi-line answer on one output line.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ⏎ ", "\n", " ⏎ ", "\r", " ⏎ ").Replace(s)
}
