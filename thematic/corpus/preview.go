package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// ColumnPreview describes one column of a table for a person choosing the
// mapping: its name, how many rows have a value, and a few example values.
type ColumnPreview struct {
	Name     string
	Filled   int
	Examples []string
	// MeanLength is the mean length, in characters, of the filled cells.
	MeanLength float64
}

// PreviewColumns summarises every column of t with up to n short examples.
func PreviewColumns(t *Table, n int) []ColumnPreview {
	out := make([]ColumnPreview, len(t.Header))
	for i, h := range t.Header {
		p := ColumnPreview{Name: h}
		total := 0
		for _, r := range t.Rows {
			c := r.Cells[i]
			if c == "" {
				continue
			}
			p.Filled++
			total += utf8.RuneCountInString(c)
			if len(p.Examples) < n {
				p.Examples = append(p.Examples, shorten(c, 40))
			}
		}
		if p.Filled > 0 {
			p.MeanLength = float64(total) / float64(p.Filled)
		}
		out[i] = p
	}
	return out
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Form tools number their responses in a column called "ID"; a column named
// after the person (Respondent, Patient ID) is the better guess, so it is
// tried first.
var (
	personHeaderRe = regexp.MustCompile(`(?i)^(respondent|participant|patient|client|pseudonym)s?([ _-]?(id|code|number|no\.?))?$`)
	idHeaderRe     = regexp.MustCompile(`(?i)^(id|code)$`)
)

// SuggestMapping proposes a mapping only for display in an example command
// (mixeval does not import on a guess): the first column whose header looks
// like a person's id, else one named ID, else the first column whose values
// are all filled and distinct; answers are the columns whose header ends in
// a question mark or whose filled cells average 20 characters or more.
func SuggestMapping(t *Table) ImportOptions {
	var opt ImportOptions
	prev := PreviewColumns(t, 0)
	for _, re := range []*regexp.Regexp{personHeaderRe, idHeaderRe} {
		for _, p := range prev {
			if opt.ID == "" && re.MatchString(strings.TrimSpace(p.Name)) {
				opt.ID = p.Name
			}
		}
	}
	if opt.ID == "" {
		for i, p := range prev {
			if p.Filled == len(t.Rows) && distinct(t, i) {
				opt.ID = p.Name
				break
			}
		}
	}
	for _, p := range prev {
		if p.Name != opt.ID && p.Filled > 0 && (p.MeanLength >= 20 || strings.HasSuffix(strings.TrimSpace(p.Name), "?")) {
			opt.Texts = append(opt.Texts, TextMapping{Column: p.Name, Label: QuestionLabel(p.Name)})
		}
	}
	return opt
}

func distinct(t *Table, col int) bool {
	seen := map[string]bool{}
	for _, r := range t.Rows {
		if seen[r.Cells[col]] {
			return false
		}
		seen[r.Cells[col]] = true
	}
	return true
}
