package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
)

// definePage is phase 5: per theme and subtheme, name, definition,
// central organising concept, include/exclude, and pinned exemplar
// quotes; a checklist of what is still missing.
type definePage struct {
	ctx  *Context
	w, h int

	rows []treeRow
	list vlist

	prompt *prompt
	// choose is a list of extracts to pin, or of pinned quotes to unpin.
	choose    *extractsView
	unpinning bool
	chooseReq int
	selectID  string
}

func newDefinePage(ctx *Context) *definePage {
	p := &definePage{ctx: ctx}
	p.reload()
	return p
}

func (p *definePage) reload() {
	all, _ := treeRows(p.ctx.Codebook())
	p.rows = themeRows(all)
	p.list.setLen(len(p.rows))
	if p.selectID != "" {
		for i, r := range p.rows {
			if r.id == p.selectID {
				p.list.moveTo(i)
			}
		}
		p.selectID = ""
	}
}

func (p *definePage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.list.setHeight(h - 3)
}

func (p *definePage) Typing() bool { return p.prompt != nil }

// missing counts the themes without a definition and without a quote.
func (p *definePage) missing() (noDef, noQuote []string) {
	cb := p.ctx.Codebook()
	for _, r := range p.rows {
		n := cb.Find(r.id)
		if n == nil {
			continue
		}
		if strings.TrimSpace(n.Definition) == "" {
			noDef = append(noDef, n.ID)
		}
		if len(n.Exemplars) == 0 {
			noQuote = append(noQuote, n.ID)
		}
	}
	return noDef, noQuote
}

func (p *definePage) Progress() string {
	noDef, noQuote := p.missing()
	next := "next: 6 Write up"
	if len(noDef)+len(noQuote) > 0 {
		next = "next: e writes a definition, p pins a quote"
	}
	return fmt.Sprintf("%d themes without a definition · %d without a quote · %s", len(noDef), len(noQuote), next)
}

func (p *definePage) Refresh() tea.Cmd {
	p.reload()
	return nil
}

func (p *definePage) selected() (*codebook.Node, bool) {
	if p.list.n == 0 {
		return nil, false
	}
	n := p.ctx.Codebook().Find(p.rows[p.list.cursor].id)
	return n, n != nil
}

func (p *definePage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case extractsMsg:
		if msg.origin == "define" && msg.req == p.chooseReq && p.choose != nil {
			p.choose.items = msg.items
			p.choose.list.setLen(len(msg.items))
		}
		return nil
	case ActionMsg:
		return nil
	case pageMouse:
		if msg.kind == mouseWheel && p.choose == nil {
			p.list.wheel(msg.Mouse)
		}
		return nil
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	if p.prompt != nil {
		cmd, _ := p.prompt.update(msg)
		return cmd
	}
	return nil
}

func (p *definePage) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	if p.prompt != nil {
		cmd, closed := p.prompt.update(msg)
		if closed {
			p.prompt = nil
		}
		return cmd
	}
	if p.choose != nil {
		return p.chooseKey(msg)
	}
	for _, b := range []Binding{k.Rename, k.Definition, k.Concept, k.Include, k.Exclude, k.Pin, k.Unpin} {
		if b.Reason != "" && b.Pressed(msg) {
			return refused(b)
		}
	}
	if p.list.navigate(msg, k) {
		return nil
	}
	n, ok := p.selected()
	if !ok {
		return nil
	}
	a, b, id := p.ctx.Actions, p.ctx.Study, n.ID
	define := func(label, value string, set func(d *backend.Definition, v string)) tea.Cmd {
		p.prompt = newPrompt(label+" of "+id, value, p.w, func(v string) tea.Cmd {
			var d backend.Definition
			set(&d, strings.TrimSpace(v))
			return a.Codebook("define", label+" of "+id, func() (*backend.CodebookResult, any, error) {
				res, err := b.DefineNode(id, d)
				return res, nil, err
			})
		})
		return nil
	}
	var inc, exc string
	if n.Scope != nil {
		inc, exc = n.Scope.Include, n.Scope.Exclude
	}
	switch {
	case k.Definition.Active(msg):
		return define("definition", n.Definition, func(d *backend.Definition, v string) { d.Definition = &v })
	case k.Concept.Active(msg):
		return define("central organising concept", n.Concept, func(d *backend.Definition, v string) { d.Concept = &v })
	case k.Include.Active(msg):
		return define("include", inc, func(d *backend.Definition, v string) { d.Include = &v })
	case k.Exclude.Active(msg):
		return define("exclude", exc, func(d *backend.Definition, v string) { d.Exclude = &v })
	case k.Rename.Active(msg):
		p.prompt = newPrompt("name of "+id, n.Name, p.w, func(v string) tea.Cmd {
			return a.Codebook("define", "renaming "+id, func() (*backend.CodebookResult, any, error) {
				res, err := b.RenameNode(id, strings.TrimSpace(v))
				return res, nil, err
			})
		})
	case k.Pin.Active(msg):
		p.chooseReq++
		p.unpinning = false
		p.choose = newExtractsView([]string{"Define", n.Name, "pin a quote (enter)"}, nil, p.h)
		return loadExtracts(p.ctx, "define", p.chooseReq, id)
	case k.Unpin.Active(msg):
		if len(n.Exemplars) == 0 {
			return failed(fmt.Errorf("%s has no pinned quote", id))
		}
		var items []extract
		for _, e := range n.Exemplars {
			d, _ := p.ctx.Doc(e.Document)
			items = append(items, extract{seg: coding.Segment{Document: e.Document, Start: e.Start, End: e.End, Codes: []string{e.Coder}}, doc: d})
		}
		p.unpinning = true
		p.choose = newExtractsView([]string{"Define", n.Name, "unpin a quote (enter)"}, items, p.h)
	}
	return nil
}

// segmentOf finds the coded segment an exemplar refers to, in its coder's
// coding.
func (p *definePage) segmentOf(e codebook.Exemplar) (segID string, ok bool) {
	if e.Coder == p.ctx.Name {
		for _, s := range p.ctx.Coding.SegmentsIn(e.Document) {
			if s.Start == e.Start && s.End == e.End {
				return s.ID, true
			}
		}
		return "", false
	}
	f, err := p.ctx.Study.ReadCoding(e.Coder)
	if e.Coder == study.ConsensusCoder {
		f, _, _, err = p.ctx.Study.UseCoding(study.ConsensusCoder)
	}
	if err != nil {
		return "", false
	}
	for _, s := range f.SegmentsIn(e.Document) {
		if s.Start == e.Start && s.End == e.End {
			return s.ID, true
		}
	}
	return "", false
}

func (p *definePage) chooseKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	if !k.Open.Active(msg) || p.choose.answer != nil {
		if p.choose.key(msg, k) {
			p.choose = nil
		}
		return nil
	}
	x, ok := p.choose.current()
	n, nok := p.selected()
	p.choose = nil
	if !ok || !nok {
		return nil
	}
	a, b, id := p.ctx.Actions, p.ctx.Study, n.ID
	if p.unpinning {
		e := n.Exemplars[0]
		for _, ex := range n.Exemplars {
			if ex.Document == x.seg.Document && ex.Start == x.seg.Start && ex.End == x.seg.End {
				e = ex
			}
		}
		segID, found := p.segmentOf(e)
		if !found {
			return failed(fmt.Errorf("the pinned quote %s %d-%d is no longer a segment of %s's coding", e.Document, e.Start, e.End, e.Coder))
		}
		return a.Codebook("define", "unpinning a quote of "+id, func() (*backend.CodebookResult, any, error) {
			res, err := b.Unpin(id, e.Coder, segID)
			return res, nil, err
		})
	}
	coder, seg := p.ctx.Name, x.seg.ID
	return a.Codebook("define", "pinning a quote to "+id, func() (*backend.CodebookResult, any, error) {
		res, err := b.Pin(id, coder, seg)
		return res, nil, err
	})
}

func (p *definePage) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	if p.choose != nil {
		return helpOf(k.Up, k.Down, k.Open, k.Back)
	}
	return helpOf(k.Up, k.Down, k.Rename, k.Definition, k.Concept, k.Include, k.Exclude, k.Pin, k.Unpin)
}

func (p *definePage) FullHelp() [][]key.Binding {
	k := p.ctx.Keys
	return [][]key.Binding{helpOf(k.Up, k.Down, k.Back), helpOf(k.Rename, k.Definition, k.Concept, k.Include, k.Exclude), helpOf(k.Pin, k.Unpin)}
}

func (p *definePage) View() string {
	s := p.ctx.Styles
	if p.choose != nil {
		return strings.Join(column(p.choose.view(s, p.w, p.h), p.w, p.h), "\n")
	}
	lw := min(34, p.w/2)
	cb := p.ctx.Codebook()
	left := []string{s.Heading.Render("Themes") + s.Dim.Render("  def quote")}
	left = append(left, p.list.rows(func(i int, sel bool) string {
		r := p.rows[i]
		n := cb.Find(r.id)
		d, q := "·", "·"
		if n != nil && strings.TrimSpace(n.Definition) != "" {
			d = "✓"
		}
		if n != nil && len(n.Exemplars) > 0 {
			q = "✓"
		}
		line := pad(strings.Repeat(" ", r.depth)+r.name, lw-8) + "  " + d + "   " + q
		if sel {
			return s.Selected.Render(pad(line, lw))
		}
		return line
	})...)
	rw := p.w - lw - 1
	var right []string
	if n, ok := p.selected(); ok {
		right = p.details(n, rw)
	} else {
		right = []string{s.Dim.Render("no themes yet: create them in 3 Themes")}
	}
	body := beside(s.Rule.Render("│"), column(left, lw, p.h-2), column(right, rw, p.h-2))
	noDef, noQuote := p.missing()
	check := fmt.Sprintf("still to do: %d without a definition, %d without a quote", len(noDef), len(noQuote))
	if len(noDef)+len(noQuote) == 0 {
		check = "every theme has a definition and a quote"
	}
	body = append(body, s.Rule.Render(strings.Repeat("─", p.w)))
	if p.prompt != nil {
		body = append(body, p.prompt.view(s))
	} else {
		body = append(body, s.Dim.Render(cut(check, p.w)))
	}
	return strings.Join(column(body, p.w, p.h), "\n")
}

// details draws a node's fields, wrapped.
func (p *definePage) details(n *codebook.Node, w int) []string {
	s := p.ctx.Styles
	lines := []string{s.Bold.Render(cut(n.Name, w-len(n.ID)-3)) + s.Dim.Render(" ["+n.ID+"]")}
	field := func(label, v string) {
		if strings.TrimSpace(v) == "" {
			lines = append(lines, s.Dim.Render(label+": —"))
			return
		}
		for i, l := range wrapText(label+": "+v, w) {
			if i == 0 {
				lines = append(lines, s.Bold.Render(label+":")+strings.TrimPrefix(l, label+":"))
			} else {
				lines = append(lines, l)
			}
		}
	}
	var inc, exc string
	if n.Scope != nil {
		inc, exc = n.Scope.Include, n.Scope.Exclude
	}
	field("definition", n.Definition)
	field("concept", n.Concept)
	field("include", inc)
	field("exclude", exc)
	lines = append(lines, s.Bold.Render(fmt.Sprintf("pinned quotes (%d):", len(n.Exemplars))))
	for _, e := range n.Exemplars {
		d, _ := p.ctx.Doc(e.Document)
		q := quoteSpan(d, e.Start, e.End)
		lines = append(lines, cut(fmt.Sprintf("“%s” (%s, %s)", q, e.Document, e.Coder), w))
	}
	return lines
}
