package report

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode"
)

// Figure is an SVG file that a Markdown report links to.
type Figure struct {
	// Path is relative to the Markdown file, with forward slashes.
	Path string
	SVG  []byte
}

// Markdown renders the report as GitHub-flavoured Markdown: tables, the
// theme map as a Mermaid diagram, and each Jacobson–Truax plot as an SVG
// file under figDir (relative to the Markdown file). With figDir empty the
// plots are left out and only the scores plotted are given.
func (r *Report) Markdown(figDir string) ([]byte, []Figure, error) {
	w := &mdWriter{r: r, figDir: figDir}
	w.header()
	w.methods()
	w.quantitative()
	w.qualitative()
	w.joint()
	w.agreement()
	w.cases()
	w.references()
	return w.buf.Bytes(), w.figs, nil
}

type mdWriter struct {
	r      *Report
	figDir string
	buf    bytes.Buffer
	figs   []Figure
}

func (w *mdWriter) p(format string, args ...any) { fmt.Fprintf(&w.buf, format, args...) }

func (w *mdWriter) para(s string) { w.p("%s\n\n", mdLine(s)) }

// table writes a Markdown table; numeric columns (true in right) are
// right-aligned. Every cell is escaped.
func (w *mdWriter) table(head []string, right []bool, rows [][]string) {
	w.p("|")
	for _, h := range head {
		w.p(" %s |", mdCell(h))
	}
	w.p("\n|")
	for i := range head {
		if i < len(right) && right[i] {
			w.p("--:|")
		} else {
			w.p("---|")
		}
	}
	w.p("\n")
	for _, row := range rows {
		w.p("|")
		for _, c := range row {
			w.p(" %s |", c)
		}
		w.p("\n")
	}
	w.p("\n")
}

func (w *mdWriter) header() {
	r := w.r
	w.p("# %s\n\n", mdText(r.Title.String()))
	if r.Description != nil {
		w.para(r.Description.String())
	}
	w.p("- **Date:** %s\n", r.Date)
	w.p("- **Made with:** mixeval %s\n", mdText(r.Version))
	w.p("- **Sample:** %s\n", mdText(sampleText(r.Sample)))
	for _, a := range r.Sample.Attributes {
		w.p("- **By %s:** %s\n", mdText(a.Name.String()), mdText(attributeText(a)))
	}
	for _, m := range r.Measures {
		w.p("- **Scored on %s:** %d patients with pre and post scores\n", mdText(m.Name), m.Result.N)
	}
	w.p("- **Qualitative results:** %s\n\n", mdText(codingText(r.Coding)))
}

func (w *mdWriter) methods() {
	m := w.r.Methods
	w.p("## Methods\n\n### Outcome measures and change\n\n")
	for _, s := range m.Quant {
		w.para(s)
	}
	for _, s := range m.Instr {
		w.p("- %s\n", mdText(s))
	}
	if len(m.Instr) > 0 {
		w.p("\n")
	}
	w.p("### Thematic analysis\n\n")
	if len(w.r.Questions) > 0 {
		w.p("The form's questions:\n\n")
		for _, q := range w.r.Questions {
			w.p("- *%s*: %s\n", mdText(q.Label), mdText(q.Text.String()))
		}
		w.p("\n")
	}
	for _, s := range m.Thematic {
		w.para(s)
	}
	w.p("### Integration\n\n")
	for _, s := range m.Integrate {
		w.para(s)
	}
}

func (w *mdWriter) quantitative() {
	w.p("## Quantitative results\n\n")
	if len(w.r.Measures) == 0 {
		w.para("The study has no outcome measures.")
		return
	}
	w.p("**Reliable and clinically significant change: number of patients per measure** (the layout of the source study's Table 2)\n\n")
	var rows [][]string
	for _, m := range w.r.Measures {
		for _, b := range m.Blocks() {
			rows = append(rows, w.table2Block(b)...)
		}
	}
	w.table([]string{"Measure and clinically significant change", "Deterioration", "Improvement", "No change"}, []bool{false, true, true, true}, rows)
	w.p("ᵃ Okay at baseline: the pre score was already beyond the cut-off, in the non-clinical range.\n\n")
	for _, m := range w.r.Measures {
		w.measure(m)
	}
}

// table2Block is one pair's rows of Table 2: its label, then the three
// rows of counts.
func (w *mdWriter) table2Block(b Block) [][]string {
	rows := [][]string{{fmt.Sprintf("**%s** (n = %d)", mdCell(b.Label()), b.Result.N), "", "", ""}}
	for _, row := range b.Table2() {
		label := row.Label
		if row.Footnote {
			label += " ᵃ"
		}
		cells := []string{label}
		for _, c := range row.Cells {
			cells = append(cells, fmt.Sprint(c.N))
		}
		rows = append(rows, cells)
	}
	return rows
}

func (w *mdWriter) measure(m *MeasureView) {
	w.p("### %s\n\n", mdText(m.Name))
	w.p("**%s: how change was judged**\n\n", mdText(m.Name))
	w.table([]string{"Setting", "Value"}, nil, pairs(m.Settings))
	w.p("**%s: group summary**\n\n", mdText(m.Name))
	var sum [][]string
	for _, row := range m.Summary() {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = mdCell(c)
		}
		sum = append(sum, cells)
	}
	w.table(m.SummaryHead(), nil, sum)
	if w.figDir != "" {
		name := path.Join(w.figDir, "jt-"+slug(m.Name)+".svg")
		w.figs = append(w.figs, Figure{Path: name, SVG: []byte(jtPlot("jt", m))})
		w.p("![%s](%s)\n\n", mdText(jtDescription(m)), name)
		w.p("*%s: each patient's pre score against their post score (Jacobson & Truax 1991). Points between the dashed grey lines changed less than the reliable change threshold; the dashed red lines mark the cut-off.*\n\n", mdText(m.Name))
	}
	w.p("**%s: the scores plotted**\n\n", mdText(m.Name))
	var rows [][]string
	for _, p := range m.Patients {
		rows = append(rows, []string{mdCell(p.Who.String()), score(p.Pre), score(p.Post), score(p.RCI)})
	}
	w.table([]string{"Patient", "Pre", "Post", "RCI"}, []bool{false, true, true, true}, rows)
}

func pairs(kv [][2]string) [][]string {
	out := make([][]string, len(kv))
	for i, p := range kv {
		out[i] = []string{mdCell(p[0]), mdCell(p[1])}
	}
	return out
}

func (w *mdWriter) qualitative() {
	w.p("## Qualitative results\n\n")
	if len(w.r.Themes) == 0 {
		w.para("The codebook has no themes yet.")
		return
	}
	w.p("**Themes:** superordinate themes (dark) and their subordinate themes (light), with the number of patients whose answers were coded under each.\n\n")
	w.p("%s\n", mermaidMap(w.r.Themes))
	var rows [][]string
	for _, t := range w.r.Themes {
		subs := "none"
		if len(t.Subthemes) > 0 {
			subs = themeNames(t.Subthemes)
		}
		rows = append(rows, []string{mdCell(t.Name.String()), mdCell(subs), fmt.Sprint(t.Respondents), fmt.Sprint(t.Segments)})
	}
	w.table([]string{"Superordinate theme", "Subordinate themes", "Patients", "Segments"}, []bool{false, false, true, true}, rows)
	for _, t := range w.r.Themes {
		w.p("### %s\n\n", mdText(t.Name.String()))
		w.theme(t)
		for _, s := range t.Subthemes {
			w.p("#### %s\n\n", mdText(s.Name.String()))
			w.theme(s)
		}
	}
}

func (w *mdWriter) theme(t *ThemeView) {
	if t.Definition != nil {
		w.para(t.Definition.String())
	}
	if t.Concept != nil {
		w.p("*Central organising concept:* %s\n\n", mdText(t.Concept.String()))
	}
	w.para(themeCounts(t))
	for _, q := range t.Quotes {
		w.blockquote(q)
	}
}

// blockquote writes a quote line by line, then its attribution.
func (w *mdWriter) blockquote(q QuoteView) {
	for _, line := range strings.Split(q.Text.String(), "\n") {
		if strings.TrimSpace(line) == "" {
			w.p(">\n")
			continue
		}
		w.p("> %s\n", mdLine(line))
	}
	attr := fmt.Sprintf("%s, answering “%s”", q.Who, q.Question.Text)
	if !q.Pinned {
		attr += " (the first coded segment: no quote is pinned)"
	}
	w.p(">\n> — %s\n\n", mdText(attr))
}

func (w *mdWriter) joint() {
	w.p("## Integration: joint display\n\n")
	if len(w.r.Joint) == 0 {
		w.para("There is no measure to join the themes with.")
		return
	}
	for _, d := range w.r.Joint {
		w.p("**%s: change category by %s.** Each cell: k of n, the row's patients who answered the form and wrote something coded under the column, with one quote.\n\n", mdText(d.Measure), levelName(w.r.Level))
		head := []string{"Change on " + d.Measure}
		for _, c := range d.Columns {
			head = append(head, c.Name.String())
		}
		var rows [][]string
		for _, row := range d.Rows {
			label := fmt.Sprintf("**%s**<br>n = %d who answered", mdCell(row.Label), row.N)
			if who := row.RowWho(); who != "" {
				label += ": " + mdCell(who)
			}
			cells := []string{label}
			for _, c := range row.Cells {
				cells = append(cells, jointCellMD(c))
			}
			rows = append(rows, cells)
		}
		w.table(head, nil, rows)
		for _, n := range d.Notes() {
			w.p("- %s\n", mdText(n))
		}
		if len(d.Notes()) > 0 {
			w.p("\n")
		}
	}
}

func jointCellMD(c JointCell) string {
	if c.Empty() {
		return "—"
	}
	s := fmt.Sprintf("**%d of %d**", c.K, c.N)
	if q := c.Quote; q != nil {
		text := q.Text.String()
		if q.Cut {
			text += "…"
		}
		s += fmt.Sprintf("<br>“%s” — %s (%s)", mdCell(text), mdCell(q.Who.String()), mdCell(q.Question.Label))
		if q.Pinned {
			s += ", pinned"
		}
	}
	return s
}

func (w *mdWriter) agreement() {
	w.p("## Agreement between coders\n\n")
	a := w.r.Agreement
	if a == nil {
		w.para(noAgreementText(w.r))
		return
	}
	w.para(agreementHead(a))
	w.p("**Agreement per code and theme, and pooled over every code**\n\n")
	var rows [][]string
	for _, row := range a.Rows {
		cells := []string{mdCell(row.Kind)}
		for _, c := range agreementCells(a, row) {
			cells = append(cells, mdCell(c))
		}
		rows = append(rows, cells)
	}
	w.table(agreementColumns(a), nil, rows)
	for _, n := range agreementNotes(a) {
		w.p("- %s\n", mdText(n))
	}
	w.p("\n")
}

func (w *mdWriter) cases() {
	w.p("## Appendix: cases\n\n")
	if len(w.r.Cases) == 0 {
		w.para("There are no scored patients to list.")
	}
	for _, c := range w.r.Cases {
		w.p("**%s: every scored patient, from the most deteriorated to the most improved** (RCI signed so that positive is better)\n\n", mdText(c.Measure))
		head := []string{"Patient", "Pre", "Post", "RCI", "Reliable change", "Clinical significance", "Change category"}
		if c.Combined {
			head = append(head, "Combined category")
		}
		head = append(head, capitalise(levelName(w.r.Level)))
		var rows [][]string
		for _, row := range c.Rows {
			cells := []string{mdCell(row.Who.String()), score(row.Pre), score(row.Post), score(row.RCI),
				row.ReliableChange.String(), row.ClinicalSignificance.String(), row.Category}
			if c.Combined {
				cells = append(cells, row.Patient.Category.String())
			}
			rows = append(rows, append(cells, mdCell(caseThemes(row))))
		}
		w.table(head, []bool{false, true, true, true}, rows)
	}
}

func (w *mdWriter) references() {
	w.p("## References\n\n")
	for i, ref := range References {
		w.p("%d. %s\n", i+1, mdText(ref))
	}
	w.p("\n---\n\n*Written by mixeval %s on %s from the study folder.*\n", mdText(w.r.Version), w.r.Date)
}

// mdText escapes text for Markdown inline: every ASCII punctuation mark
// that Markdown or the HTML it allows could read as markup gets a
// backslash, and line breaks become spaces.
func mdText(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			sb.WriteByte(' ')
		case strings.ContainsRune("\\`*_[]<>|~&#!", r):
			sb.WriteByte('\\')
			sb.WriteRune(r)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// mdLine escapes text that starts a line (a paragraph, a quoted line):
// as mdText, and a start that Markdown would read as a list item or a
// heading underline ("- ", "+ ", "=", "1. ") is escaped too.
func mdLine(s string) string {
	out := mdText(s)
	t := strings.TrimLeftFunc(out, unicode.IsSpace)
	lead := out[:len(out)-len(t)]
	if t == "" {
		return out
	}
	if t[0] == '-' || t[0] == '+' || t[0] == '=' {
		return lead + `\` + t
	}
	if i := strings.IndexFunc(t, func(r rune) bool { return !unicode.IsDigit(r) }); i > 0 && (t[i] == '.' || t[i] == ')') {
		return lead + t[:i] + `\` + t[i:]
	}
	return out
}

// mdCell escapes text for a table cell: as inline text, but a line break
// is kept as <br> (a cell is one line of the table).
func mdCell(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = mdText(l)
	}
	return strings.Join(lines, "<br>")
}
