package triangulate

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/mixeval/mixeval/thematic/agree"
)

// The per-document views run to tens of megabytes at 100,000 answers; the
// summary below fits a terminal whatever the study's size: disagreements
// counted per code and kind, segment overlap per code, character-level
// agreement per code over all documents, and the first disagreements.

// CodeDisagreements counts one code's disagreements by kind.
type CodeDisagreements struct {
	Code                    string
	OnlyA, OnlyB, Different int
}

// Total is every disagreement on the code.
func (c CodeDisagreements) Total() int { return c.OnlyA + c.OnlyB + c.Different }

// DisagreementsByCode counts d's disagreements per code, most first (ties
// by code).
func DisagreementsByCode(d *Diagnostics) []CodeDisagreements {
	at := map[string]int{}
	var out []CodeDisagreements
	for _, x := range d.Disagreements {
		i, ok := at[x.Code]
		if !ok {
			i = len(out)
			at[x.Code] = i
			out = append(out, CodeDisagreements{Code: x.Code})
		}
		switch x.Kind {
		case "only-a":
			out[i].OnlyA++
		case "only-b":
			out[i].OnlyB++
		default:
			out[i].Different++
		}
	}
	slices.SortFunc(out, func(x, y CodeDisagreements) int {
		if x.Total() != y.Total() {
			return y.Total() - x.Total()
		}
		return strings.Compare(x.Code, y.Code)
	})
	return out
}

// CharactersByCode adds the character-level counts of every document up,
// per code (Document is empty): one code point of any answer is one unit.
func CharactersByCode(d *Diagnostics) []CharAgreement {
	var out []CharAgreement
	at := map[string]int{}
	for _, c := range d.Characters {
		i, ok := at[c.Code]
		if !ok {
			i = len(out)
			at[c.Code] = i
			out = append(out, CharAgreement{Code: c.Code})
		}
		s := &out[i]
		s.Length += c.Length
		s.Both += c.Both
		s.OnlyA += c.OnlyA
		s.OnlyB += c.OnlyB
		s.Neither += c.Neither
	}
	for i := range out {
		s := &out[i]
		s.Agreement = share(s.Both+s.Neither, s.Length, "no text")
		m, _ := agree.NewMatrix([]string{"a", "b"}, []float64{0, 1})
		for _, p := range []struct {
			n      int
			va, vb float64
		}{{s.Both, 1, 1}, {s.OnlyA, 1, 0}, {s.OnlyB, 0, 1}, {s.Neither, 0, 0}} {
			if p.n > 0 {
				m.AddUnits("all", []float64{p.va, p.vb}, p.n)
			}
		}
		s.Kappa = agree.CohenKappa(m)
	}
	slices.SortFunc(out, func(x, y CharAgreement) int { return strings.Compare(x.Code, y.Code) })
	return out
}

// WriteDiagnosticsSummaryText writes the summary of d's views, with the
// first top disagreements in document order; docs is the study's number of
// documents.
func WriteDiagnosticsSummaryText(w io.Writer, d *Diagnostics, docs, top int) error {
	a, b := d.Coders[0], d.Coders[1]
	fmt.Fprintf(w, "Disagreements between %s [in square brackets] and %s {in braces}: %d\n", a, b, len(d.Disagreements))
	fmt.Fprintf(w, "(on the %d of %d documents both reviewed; overlap rule: a segment agrees when the other coder applied the same code to a segment sharing at least %s%% of their union)\n\n", d.Compared, docs, fmtPct(d.Overlap))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "CODE\tONLY %s\tONLY %s\tDIFFERENT SPANS\tTOTAL\n", strings.ToUpper(a), strings.ToUpper(b))
	for _, c := range DisagreementsByCode(d) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", c.Code, c.OnlyA, c.OnlyB, c.Different, c.Total())
	}
	tw.Flush()
	if n := min(top, len(d.Disagreements)); n > 0 {
		fmt.Fprintf(w, "\nThe first %d disagreements\n", n)
		for _, x := range d.Disagreements[:n] {
			fmt.Fprintf(w, "%s  %s  %s  %s %s  %s %s\n", x.Document, x.Code, kindText(x.Kind, a, b), a, spansText(x.A), b, spansText(x.B))
			fmt.Fprintf(w, "    %s\n", oneLine(Markup(x.Text, x.A, x.B)))
		}
	}
	fmt.Fprintf(w, "\nSegment overlap per code (documents both reviewed)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "CODE\t%s SEGMENTS\tMATCHED\t%s SEGMENTS\tMATCHED\tAGREEMENT\n", strings.ToUpper(a), strings.ToUpper(b))
	for _, o := range d.Segments {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", o.Code, o.SegmentsA, o.MatchedA, o.SegmentsB, o.MatchedB, o.Agreement)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nCharacter level per code, all documents (each code point is a unit; NVivo-style)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "CODE\tLENGTH\tBOTH\tONLY %s\tONLY %s\tNEITHER\tAGREEMENT\tKAPPA\n", strings.ToUpper(a), strings.ToUpper(b))
	for _, c := range CharactersByCode(d) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", c.Code, c.Length, c.Both, c.OnlyA, c.OnlyB, c.Neither, c.Agreement, c.Kappa)
	}
	return tw.Flush()
}

// WriteDiagnosticsSummaryMarkdown is WriteDiagnosticsSummaryText as
// Markdown.
func WriteDiagnosticsSummaryMarkdown(w io.Writer, d *Diagnostics, docs, top int) error {
	a, b := d.Coders[0], d.Coders[1]
	fmt.Fprintf(w, "## Disagreements between %s and %s\n\n%d disagreements on the %d of %d documents both reviewed. %s's spans are in [square brackets], %s's in {braces}. Overlap rule: %s%% of the union.\n\n", a, b, len(d.Disagreements), d.Compared, docs, a, b, fmtPct(d.Overlap))
	fmt.Fprintf(w, "| code | only %s | only %s | different spans | total |\n|---|---|---|---|---|\n", a, b)
	for _, c := range DisagreementsByCode(d) {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d |\n", mdCell(c.Code), c.OnlyA, c.OnlyB, c.Different, c.Total())
	}
	if n := min(top, len(d.Disagreements)); n > 0 {
		fmt.Fprintf(w, "\n### The first %d disagreements\n\n| document | code | kind | text |\n|---|---|---|---|\n", n)
		for _, x := range d.Disagreements[:n] {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", mdCell(x.Document), mdCell(x.Code), kindText(x.Kind, a, b), mdCell(oneLine(Markup(x.Text, x.A, x.B))))
		}
	}
	fmt.Fprintf(w, "\n### Segment overlap per code\n\n| code | %s segments | matched | %s segments | matched | agreement |\n|---|---|---|---|---|---|\n", a, b)
	for _, o := range d.Segments {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %s |\n", mdCell(o.Code), o.SegmentsA, o.MatchedA, o.SegmentsB, o.MatchedB, o.Agreement)
	}
	fmt.Fprintf(w, "\n### Character level per code, all documents\n\n| code | length | both | only %s | only %s | neither | agreement | kappa |\n|---|---|---|---|---|---|---|---|\n", a, b)
	for _, c := range CharactersByCode(d) {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %s | %s |\n", mdCell(c.Code), c.Length, c.Both, c.OnlyA, c.OnlyB, c.Neither, c.Agreement, c.Kappa)
	}
	return nil
}

func mdCell(s string) string { return strings.Join(mdEscape([]string{s}), "") }
