package report

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"io"
	"strings"
)

//go:embed templates/report.html.tmpl templates/report.css
var templateFS embed.FS

// page is what the HTML template reads.
type page struct {
	R          *Report
	CSS        template.CSS
	CSP        string
	References []string
}

// newHTMLTemplate parses the page template; it is parsed per report (a
// few hundred microseconds) so that the package holds no state.
func newHTMLTemplate() (*template.Template, error) {
	funcs := template.FuncMap{
		"score":            score,
		"sampleText":       sampleText,
		"attributeText":    attributeText,
		"codingText":       codingText,
		"plot":             func(m *MeasureView) template.HTML { return template.HTML(jtPlot(m.Anchor+"-svg", m)) },
		"themeMap":         func(ts []*ThemeView) template.HTML { return template.HTML(themeMap("theme-map-svg", ts)) },
		"subNames":         func(t *ThemeView) string { return themeNames(t.Subthemes) },
		"levelName":        levelName,
		"levelTitle":       func(l Level) string { return capitalise(levelName(l)) },
		"agreementHead":    agreementHead,
		"agreementColumns": agreementColumns,
		"agreementValues":  agreementValues,
		"agreementNotes":   agreementNotes,
		"noAgreementText":  noAgreementText,
		"caseThemes":       func(c CaseRow) string { return caseThemes(c) },
		"themeCounts":      themeCounts,
		"scoreRows":        scoreRows,
		"caseRows":         caseRows,
	}
	return template.New("report.html.tmpl").Funcs(funcs).ParseFS(templateFS, "templates/report.html.tmpl")
}

// WriteHTML writes the report as one self-contained HTML page: inline CSS
// and SVG, no script, and a Content-Security-Policy that lets the page
// load nothing from anywhere (the style sheet is allowed by its hash).
func (r *Report) WriteHTML(w io.Writer) error {
	t, err := newHTMLTemplate()
	if err != nil {
		return err
	}
	css, err := templateFS.ReadFile("templates/report.css")
	if err != nil {
		return err
	}
	sum := sha256.Sum256(css)
	p := page{
		R:          r,
		CSS:        template.CSS(css),
		CSP:        fmt.Sprintf("default-src 'none'; style-src 'sha256-%s'; img-src data:; base-uri 'none'; form-action 'none'", base64.StdEncoding.EncodeToString(sum[:])),
		References: References,
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		return fmt.Errorf("write the HTML report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func sampleText(s Sample) string {
	return fmt.Sprintf("%s in the feedback forms, %d with at least one answer", plural(s.Respondents, "respondent", "respondents"), s.Answered)
}

func attributeText(a AttributeCount) string {
	if len(a.Values) == 0 {
		return fmt.Sprintf("%d distinct values", a.Distinct)
	}
	var parts []string
	for _, v := range a.Values {
		name := "(blank)"
		if v.Value != nil {
			name = v.Value.String()
		}
		parts = append(parts, fmt.Sprintf("%s: %d", name, v.N))
	}
	return strings.Join(parts, "; ")
}

func codingText(c Coding) string {
	switch {
	case c.Name == "":
		return "none yet: no one has coded the answers"
	case c.Consensus:
		return "the consensus coding"
	case c.Defaulted:
		return fmt.Sprintf("%s's coding (no consensus coding yet; %s is the first coder listed)", c.Name, c.Name)
	}
	return fmt.Sprintf("%s's coding", c.Name)
}

func levelName(l Level) string {
	if l == LevelSubtheme {
		return "subordinate theme"
	}
	return "superordinate theme"
}

func themeCounts(t *ThemeView) string {
	return fmt.Sprintf("Coded in the answers of %s (%s).", plural(t.Respondents, "patient", "patients"), plural(t.Segments, "segment", "segments"))
}

func caseThemes(c CaseRow) string {
	if len(c.Themes) == 0 {
		return "—"
	}
	return themeNames(c.Themes)
}

// scoreRows are the rows of a measure's "scores plotted" table. Tables of
// thousands of patients are written here rather than in the template,
// whose reflection on every field made up most of a 10,000-patient
// report's time; every study text is escaped.
func scoreRows(m *MeasureView) template.HTML {
	var sb strings.Builder
	for _, p := range m.Patients {
		fmt.Fprintf(&sb, "\n<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
			html.EscapeString(p.Who.String()), score(p.Pre), score(p.Post), score(p.RCI))
	}
	return template.HTML(sb.String())
}

// caseRows are the rows of a case appendix table (see scoreRows).
func caseRows(c *CaseTable) template.HTML {
	var sb strings.Builder
	for _, r := range c.Rows {
		fmt.Fprintf(&sb, "\n<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td>%s</td><td>%s</td><td>%s</td>",
			html.EscapeString(r.Who.String()), score(r.Pre), score(r.Post), score(r.RCI),
			r.ReliableChange, r.ClinicalSignificance, r.Category)
		if c.Combined {
			fmt.Fprintf(&sb, "<td>%s</td>", r.Patient.Category)
		}
		fmt.Fprintf(&sb, "<td>%s</td></tr>", html.EscapeString(caseThemes(r)))
	}
	return template.HTML(sb.String())
}
