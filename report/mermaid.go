package report

import (
	"fmt"
	"strings"
)

// mermaidMap is the theme map as a Mermaid flowchart, which GitHub draws
// from a fenced block: superordinate themes dark, subordinate themes light.
func mermaidMap(themes []*ThemeView) string {
	var sb strings.Builder
	sb.WriteString("```mermaid\nflowchart TD\n")
	sb.WriteString("  classDef super fill:#4d4d4d,color:#ffffff,stroke:#4d4d4d\n")
	sb.WriteString("  classDef sub fill:#dcdcdc,color:#1a1a1a,stroke:#dcdcdc\n")
	for i, t := range themes {
		fmt.Fprintf(&sb, "  t%d[\"%s<br/>%s\"]:::super\n", i, mermaidText(t.Name.String()), plural(t.Respondents, "patient", "patients"))
		for j, s := range t.Subthemes {
			fmt.Fprintf(&sb, "  t%d --- t%ds%d[\"%s<br/>%s\"]:::sub\n", i, i, j, mermaidText(s.Name.String()), plural(s.Respondents, "patient", "patients"))
		}
	}
	sb.WriteString("```\n")
	return sb.String()
}

// mermaidText escapes a label for a quoted Mermaid node: quotes and the
// characters Mermaid or the HTML it makes would read as markup become
// entity codes (#quot; is Mermaid's own form).
func mermaidText(s string) string {
	r := strings.NewReplacer(
		`"`, "#quot;", "&", "#amp;", "<", "#lt;", ">", "#gt;",
		"\n", " ", "\r", " ", "`", "#96;", "#", "#35;",
	)
	return r.Replace(s)
}
