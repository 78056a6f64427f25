package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mixeval/mixeval/study"
)

// Write writes the hierarchy in format f.
func (t *Themes) Write(w io.Writer, f Format) error {
	switch f {
	case Markdown:
		return t.writeMarkdown(w)
	case JSON:
		return writeJSON(w, t)
	case YAML:
		b, err := study.MarshalYAML(t)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case CSV:
		return t.writeCSV(w)
	case Mermaid:
		return t.writeMermaid(w)
	}
	return &UnknownFormatError{Format: f, Known: ThemeFormats}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// CodingNote says which coding a hierarchy comes from, in a sentence.
func (t *Themes) CodingNote() string {
	switch {
	case t.Coding == study.ConsensusCoder:
		return "the consensus coding"
	case t.Defaulted:
		return t.Coding + "'s coding (there is no consensus coding yet and no coder was named, so the first coder in mixeval.yaml)"
	}
	return t.Coding + "'s coding"
}

func (t *Themes) writeMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	title := "Themes"
	if t.Title != "" {
		title += ": " + mdInline(t.Title)
	}
	fmt.Fprintf(bw, "# %s\n\nFrom %s. Quotes: %s.\n", title, t.CodingNote(), t.Quotes)
	for i, n := range t.Themes {
		t.mdNode(bw, n, 2, strconv.Itoa(i+1))
	}
	if len(t.Unthemed) > 0 {
		fmt.Fprintf(bw, "\n## Codes not yet under a theme\n")
		for _, n := range t.Unthemed {
			t.mdNode(bw, n, 3, "")
		}
	}
	return bw.Flush()
}

func (t *Themes) mdNode(w *bufio.Writer, n *ThemeNode, level int, number string) {
	head := mdInline(n.Name)
	if number != "" {
		head = number + ". " + head
	}
	if n.NotInCodebook {
		head += " (not in the codebook)"
	}
	fmt.Fprintf(w, "\n%s %s\n\n", strings.Repeat("#", min(level, 6)), head)
	if n.Definition != "" {
		fmt.Fprintf(w, "%s\n\n", mdBlock(n.Definition))
	}
	if n.Concept != "" {
		fmt.Fprintf(w, "**Central organising concept:** %s\n\n", mdBlock(n.Concept))
	}
	if n.Include != "" {
		fmt.Fprintf(w, "**Include:** %s\n\n", mdBlock(n.Include))
	}
	if n.Exclude != "" {
		fmt.Fprintf(w, "**Exclude:** %s\n\n", mdBlock(n.Exclude))
	}
	fmt.Fprintf(w, "*%s*\n", countsText(n.Counts.Counts))
	for _, a := range t.Attributes {
		vals := n.Counts.ByAttribute[a]
		if len(vals) == 0 {
			continue
		}
		var parts []string
		for _, v := range sortedKeys(vals) {
			parts = append(parts, fmt.Sprintf("%s: %s", mdInline(v), countsText(vals[v])))
		}
		fmt.Fprintf(w, "\n*By %s* — %s\n", mdInline(a), strings.Join(parts, " · "))
	}
	for _, q := range n.Quotes {
		fmt.Fprintf(w, "\n%s\n>\n> — %s\n", mdQuote(q.Text), t.attribution(q))
	}
	for i, c := range n.Children {
		sub := ""
		if number != "" {
			sub = number + "." + strconv.Itoa(i+1)
		}
		t.mdNode(w, c, level+1, sub)
	}
}

func countsText(c Counts) string {
	return fmt.Sprintf("%s, %s, %s", plural(c.Segments, "segment"), plural(c.Answers, "answer"), plural(c.Respondents, "respondent"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// attribution is a quote's source line: respondent, question, attributes.
func (t *Themes) attribution(q Quote) string {
	s := mdInline(q.Respondent) + ", *" + mdInline(q.Question) + "*"
	var attrs []string
	for _, a := range t.Attributes {
		if v, ok := q.Attributes[a]; ok && v != "" {
			attrs = append(attrs, mdInline(a)+" "+mdInline(v))
		}
	}
	if len(attrs) > 0 {
		s += " (" + strings.Join(attrs, ", ") + ")"
	}
	if q.Pinned {
		s += " · pinned"
	}
	return s
}

// mdSpecial are the characters that start Markdown markup inside a line.
var mdSpecial = strings.NewReplacer(`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `|`, `\|`, `#`, `\#`)

// mdInline escapes s for use inside a line, joining its lines.
func mdInline(s string) string {
	return mdSpecial.Replace(strings.Join(strings.Fields(s), " "))
}

// mdBlock escapes s as paragraphs, keeping its line breaks as hard breaks.
func mdBlock(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = mdLine(l)
	}
	return strings.Join(lines, "  \n")
}

// mdLine escapes one line, including what would start a list or a numbered
// item at its start.
func mdLine(l string) string {
	l = mdSpecial.Replace(strings.TrimRight(l, " \t\r"))
	t := strings.TrimLeft(l, " ")
	if t == "" {
		return ""
	}
	switch t[0] {
	case '-', '+', '=':
		return `\` + t
	}
	if i := strings.IndexFunc(t, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && (t[i] == '.' || t[i] == ')') {
		return t[:i] + `\` + t[i:]
	}
	return t
}

// mdQuote renders a quote as a block quote, whole, each line marked.
func mdQuote(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l = mdLine(l); l == "" {
			lines[i] = ">"
		} else {
			lines[i] = "> " + l
		}
	}
	return strings.Join(lines, "\n")
}

// writeCSV writes one row per quote: the node's path from its theme split
// into columns, then the quote and where it comes from.
func (t *Themes) writeCSV(w io.Writer) error {
	depth := 1
	var measure func(ns []*ThemeNode, d int)
	measure = func(ns []*ThemeNode, d int) {
		for _, n := range ns {
			if n.Kind != "code" {
				depth = max(depth, d)
			}
			measure(n.Children, d+1)
		}
	}
	measure(t.Themes, 1)
	head := []string{"theme"}
	for i := 2; i <= depth; i++ {
		if i == 2 {
			head = append(head, "subtheme")
		} else {
			head = append(head, "level "+strconv.Itoa(i))
		}
	}
	head = append(head, "code", "respondent", "question")
	head = append(head, t.Attributes...)
	head = append(head, "document", "start", "end", "quote", "codes", "pinned", "segment", "coding")
	cw := newCSVWriter(w)
	if err := cw.write(head...); err != nil {
		return err
	}
	var rows func(ns []*ThemeNode, path []string, unthemed bool) error
	rows = func(ns []*ThemeNode, path []string, unthemed bool) error {
		for _, n := range ns {
			p := append(path[:len(path):len(path)], n.Name)
			cols := make([]string, depth+1)
			code := ""
			if n.Kind == "code" {
				code, p = n.Name, p[:len(p)-1]
			}
			if unthemed {
				p = nil
			}
			copy(cols, p)
			cols[depth] = code
			for _, q := range n.Quotes {
				row := append([]string(nil), cols...)
				row = append(row, q.Respondent, q.Question)
				for _, a := range t.Attributes {
					row = append(row, q.Attributes[a])
				}
				row = append(row, q.Document, strconv.Itoa(q.Start), strconv.Itoa(q.End), q.Text,
					strings.Join(q.Codes, "; "), strconv.FormatBool(q.Pinned), q.Segment, t.Coding)
				if err := cw.write(row...); err != nil {
					return err
				}
			}
			if err := rows(n.Children, p, unthemed); err != nil {
				return err
			}
		}
		return nil
	}
	if err := rows(t.Themes, nil, false); err != nil {
		return err
	}
	if err := rows(t.Unthemed, nil, true); err != nil {
		return err
	}
	return cw.flush()
}

// writeMermaid draws the hierarchy as a Mermaid flowchart: each node with
// its name and counts, unattached codes in a group of their own.
func (t *Themes) writeMermaid(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "flowchart LR")
	next := 0
	var draw func(ns []*ThemeNode, parent, indent string)
	draw = func(ns []*ThemeNode, parent, indent string) {
		for _, n := range ns {
			next++
			id := "n" + strconv.Itoa(next)
			label := mermaidText(n.Name) + "<br/>" + fmt.Sprintf("%d segments, %d respondents", n.Counts.Segments, n.Counts.Respondents)
			open, close := "[\"", "\"]"
			if n.Kind == "theme" {
				open, close = "([\"", "\"])"
			}
			fmt.Fprintf(bw, "%s%s%s%s%s\n", indent, id, open, label, close)
			if parent != "" {
				fmt.Fprintf(bw, "%s%s --> %s\n", indent, parent, id)
			}
			draw(n.Children, id, indent)
		}
	}
	draw(t.Themes, "", "  ")
	if len(t.Unthemed) > 0 {
		fmt.Fprintln(bw, "  subgraph unthemed[\"Codes not yet under a theme\"]")
		draw(t.Unthemed, "", "    ")
		fmt.Fprintln(bw, "  end")
	}
	return bw.Flush()
}

// mermaidText escapes a label for a quoted Mermaid node text.
var mermaidText = strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ", "\r", "").Replace
