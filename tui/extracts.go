package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// extract is one coded segment shown under a theme or code: the collated
// quote with its respondent and attributes.
type extract struct {
	seg coding.Segment
	doc corpus.Document
}

// collectExtracts returns the segments of view carrying any code under
// node id, in file order.
func collectExtracts(ctx *Context, view CodingView, cb *codebook.Codebook, id string) []extract {
	codes := cb.CodesUnder(id)
	var segs []coding.Segment
	switch len(codes) {
	case 0:
	case 1:
		segs = view.SegmentsWith(codes[0].ID)
	default:
		want := map[string]bool{}
		for _, c := range codes {
			want[c.ID] = true
		}
		for _, s := range view.Segments() {
			if slices.ContainsFunc(s.Codes, func(c string) bool { return want[c] }) {
				segs = append(segs, s)
			}
		}
	}
	out := make([]extract, 0, len(segs))
	for _, s := range segs {
		d, ok := ctx.Doc(s.Document)
		if !ok {
			d = corpus.Document{ID: s.Document}
		}
		out = append(out, extract{seg: s, doc: d})
	}
	return out
}

// extractsMsg carries the extracts of a node, computed off the UI
// goroutine; req drops stale ones.
type extractsMsg struct {
	origin string
	req    int
	id     string
	items  []extract
}

func loadExtracts(ctx *Context, origin string, req int, id string) tea.Cmd {
	cb, view := ctx.Codebook(), ctx.Coding
	return func() tea.Msg {
		return extractsMsg{origin: origin, req: req, id: id, items: collectExtracts(ctx, view, cb, id)}
	}
}

// extractRow draws one extract on one line.
func extractRow(x extract, w int) string {
	return cut(fmt.Sprintf("%-12s [%s] “%s”", x.doc.ID, strings.Join(x.seg.Codes, ", "), quote(x.doc, x.seg)), w)
}

// extractPreview is how many lines under the list show the highlighted
// extract whole: its respondent, attributes and quote.
const extractPreview = 4

// extractsView is a drill-down list of extracts; enter opens the answer
// with the extract highlighted.
type extractsView struct {
	crumbs []string
	items  []extract
	list   vlist
	answer *extract
	top    int
}

func newExtractsView(crumbs []string, items []extract, h int) *extractsView {
	v := &extractsView{crumbs: crumbs, items: items}
	v.list.setLen(len(items))
	v.list.setHeight(h - 2 - extractPreview)
	return v
}

// key handles a key; closed is true when the view is left.
func (v *extractsView) key(msg tea.KeyPressMsg, k *KeyMap) (closed bool) {
	if v.answer != nil {
		switch {
		case k.Back.Active(msg):
			v.answer = nil
		case k.Down.Active(msg):
			v.top++
		case k.Up.Active(msg):
			v.top = max(0, v.top-1)
		}
		return false
	}
	switch {
	case v.list.navigate(msg, k):
	case k.Open.Active(msg):
		if v.list.n > 0 {
			x := v.items[v.list.cursor]
			v.answer, v.top = &x, 0
		}
	case k.Back.Active(msg):
		return true
	}
	return false
}

func (v *extractsView) current() (extract, bool) {
	if v.list.n == 0 {
		return extract{}, false
	}
	return v.items[v.list.cursor], true
}

func (v *extractsView) view(s *Styles, w, h int) []string {
	crumbs := strings.Join(v.crumbs, " › ")
	if v.answer != nil {
		x := v.answer
		lines := []string{s.Dim.Render(cut(crumbs+" › "+x.doc.ID, w)), s.Bold.Render(cut(answerHeading(x.doc), w))}
		l := newTextLayout(x.doc.Text, w-2)
		a, b := l.graphemeAt(x.seg.Start), l.graphemeAt(x.seg.End)
		style := func(g int) int {
			if g >= a && g < b {
				return 1
			}
			return 0
		}
		for _, ln := range l.render(min(v.top, max(0, len(l.lines)-1)), h-4, style, []lipgloss.Style{{}, s.Focused}) {
			lines = append(lines, " "+ln)
		}
		lines = append(lines, s.Dim.Render(cut(fmt.Sprintf("%d-%d coded %s", x.seg.Start, x.seg.End, strings.Join(x.seg.Codes, ", ")), w)))
		return lines
	}
	lines := []string{s.Dim.Render(cut(crumbs, w)), s.Heading.Render(fmt.Sprintf("%d extracts", len(v.items)))}
	lines = append(lines, v.list.rows(func(i int, sel bool) string {
		row := extractRow(v.items[i], w)
		if sel {
			return s.Selected.Render(pad(row, w))
		}
		return row
	})...)
	if x, ok := v.current(); ok {
		lines = append(lines, s.Rule.Render(strings.Repeat("─", w)),
			s.Bold.Render(cut(answerHeading(x.doc)+" · "+strings.Join(x.seg.Codes, ", "), w)))
		q := wrapText("“"+quote(x.doc, x.seg)+"”", w-2)
		for i := 0; i < len(q) && i < extractPreview-2; i++ {
			lines = append(lines, " "+q[i])
		}
	}
	return lines
}
