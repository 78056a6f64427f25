package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
)

// themesPage is phase 3: the tree of themes, subthemes and codes beside
// the codes not yet in a theme. Each operation is one backend call and one
// undo step; selecting a node previews its extracts.
type themesPage struct {
	ctx  *Context
	w, h int

	pane        int // 0 tree, 1 codes not in a theme
	rows, loose []treeRow
	tree, side  vlist
	tally       codebook.Tally
	tallyReq    int

	cut       string
	mergeFrom string
	selectID  string // select this node once it appears

	prompt *prompt
	picker *picker

	preview    []extract
	previewReq int
	previewID  string
	drill      *extractsView
	cooccur    []backend.CodePair
	showCo     bool
	coList     vlist
}

// tallyMsg carries the coding counts a page asked for (origin), tagged
// with its request number so that a stale count is dropped.
type tallyMsg struct {
	origin string
	req    int
	tally  codebook.Tally
	err    error
}

// loadTally counts every coder's use of the codebook off the UI goroutine.
func loadTally(ctx *Context, origin string, req int) tea.Cmd {
	b, cb := ctx.Study, ctx.Codebook()
	return func() tea.Msg {
		t, err := b.Tally(cb)
		return tallyMsg{origin: origin, req: req, tally: t, err: err}
	}
}

type cooccurMsg struct{ pairs []backend.CodePair }

func newThemesPage(ctx *Context) *themesPage {
	p := &themesPage{ctx: ctx}
	p.reload()
	return p
}

func (p *themesPage) reload() {
	cb := p.ctx.Codebook()
	p.rows, p.loose = treeRows(cb)
	p.tree.setLen(len(p.rows))
	p.side.setLen(len(p.loose))
	if p.selectID != "" {
		for i, r := range p.rows {
			if r.id == p.selectID {
				p.tree.moveTo(i)
				p.pane = 0
				p.selectID = ""
			}
		}
		for i, r := range p.loose {
			if r.id == p.selectID {
				p.side.moveTo(i)
				p.pane = 1
				p.selectID = ""
			}
		}
	}
}

func (p *themesPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.tree.setHeight(p.listHeight() - 1)
	p.side.setHeight(p.listHeight() - 1)
	p.coList.setHeight(h - 2)
	if p.drill != nil {
		p.drill.list.setHeight(h - 2 - extractPreview)
	}
}

func (p *themesPage) listHeight() int { return max(4, p.h-p.previewHeight()-1) }
func (p *themesPage) previewHeight() int {
	return max(3, p.h/4)
}

func (p *themesPage) Typing() bool { return p.prompt != nil || p.picker != nil }

func (p *themesPage) Progress() string {
	cb := p.ctx.Codebook()
	themes := 0
	cb.Walk(func(n, _ *codebook.Node) bool {
		if n.Kind == codebook.Theme {
			themes++
		}
		return true
	})
	next := "next: 4 Review, to check the themes against the data"
	if len(cb.Codes) > 0 {
		next = "next: put each code under a theme (x cuts, v pastes)"
	}
	return fmt.Sprintf("%d themes · %d codes not in a theme · %s", themes, len(cb.Codes), next)
}

func (p *themesPage) Refresh() tea.Cmd {
	p.reload()
	p.tallyReq++
	return tea.Batch(loadTally(p.ctx, "themes", p.tallyReq), p.loadPreview())
}

func (p *themesPage) selected() (treeRow, bool) {
	if p.pane == 0 && p.tree.n > 0 {
		return p.rows[p.tree.cursor], true
	}
	if p.pane == 1 && p.side.n > 0 {
		return p.loose[p.side.cursor], true
	}
	return treeRow{}, false
}

func (p *themesPage) loadPreview() tea.Cmd {
	r, ok := p.selected()
	if !ok {
		p.preview, p.previewID = nil, ""
		return nil
	}
	p.previewReq++
	return loadExtracts(p.ctx, "themes", p.previewReq, r.id)
}

func (p *themesPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tallyMsg:
		if msg.origin == "themes" && msg.req == p.tallyReq && msg.err == nil {
			p.tally = msg.tally
		}
		return nil
	case extractsMsg:
		if msg.origin == "themes" && msg.req == p.previewReq {
			p.preview, p.previewID = msg.items, msg.id
		}
		return nil
	case cooccurMsg:
		p.cooccur = msg.pairs
		p.coList.setLen(len(msg.pairs))
		return nil
	case ActionMsg:
		if msg.Origin == "themes" && msg.Err == nil {
			if n, ok := msg.Result.(*codebook.Node); ok {
				p.selectID = n.ID
			}
		}
		return nil
	case pageMouse:
		if msg.kind == mouseWheel {
			if p.pane == 0 {
				p.tree.wheel(msg.Mouse)
			} else {
				p.side.wheel(msg.Mouse)
			}
			return p.loadPreview()
		}
		if msg.kind == mouseClick && msg.y >= 1 && msg.y < p.listHeight() {
			if msg.x < p.treeWidth() {
				p.pane = 0
				p.tree.moveTo(p.tree.offset + msg.y - 1)
			} else {
				p.pane = 1
				p.side.moveTo(p.side.offset + msg.y - 1)
			}
			return p.loadPreview()
		}
		return nil
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	if p.prompt != nil {
		cmd, _ := p.prompt.update(msg)
		return cmd
	}
	if p.picker != nil {
		cmd, _ := p.picker.update(msg, p.ctx.Keys)
		return cmd
	}
	return nil
}

func (p *themesPage) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	if p.prompt != nil {
		cmd, closed := p.prompt.update(msg)
		if closed {
			p.prompt = nil
		}
		return cmd
	}
	if p.picker != nil {
		cmd, closed := p.picker.update(msg, k)
		if closed {
			p.picker = nil
		}
		return cmd
	}
	if p.drill != nil {
		if p.drill.key(msg, k) {
			p.drill = nil
		}
		return nil
	}
	if p.showCo {
		switch {
		case p.coList.navigate(msg, k):
		case k.Back.Active(msg), k.Cooccur.Active(msg):
			p.showCo = false
		}
		return nil
	}
	for _, b := range []Binding{k.NewTheme, k.NewSubtheme, k.Rename, k.Cut, k.Paste, k.Merge, k.Split, k.Delete} {
		if b.Reason != "" && b.Pressed(msg) {
			return refused(b)
		}
	}
	switch {
	case p.pane == 0 && p.tree.navigate(msg, k), p.pane == 1 && p.side.navigate(msg, k):
		return p.loadPreview()
	case k.Focus.Active(msg):
		p.pane = 1 - p.pane
		return p.loadPreview()
	case k.Back.Active(msg):
		p.cut, p.mergeFrom = "", ""
		return status("")
	case k.Open.Active(msg):
		r, ok := p.selected()
		if !ok {
			return nil
		}
		crumbs := []string{"Themes"}
		for _, n := range p.ctx.Codebook().Path(r.id) {
			crumbs = append(crumbs, n.Name)
		}
		items := p.preview
		if p.previewID != r.id {
			items = collectExtracts(p.ctx, p.ctx.Coding, p.ctx.Codebook(), r.id)
		}
		p.drill = newExtractsView(crumbs, items, p.h)
	case k.Cooccur.Active(msg):
		p.showCo = true
		view := p.ctx.Coding
		return func() tea.Msg {
			return cooccurMsg{pairs: backend.CoOccurrence(&coding.File{Segments: view.Segments()})}
		}
	default:
		return p.editKey(msg)
	}
	return nil
}

func (p *themesPage) editKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	a := p.ctx.Actions
	b := p.ctx.Study
	r, ok := p.selected()
	// parent is the theme a new or pasted node goes under.
	parent := ""
	if ok && p.pane == 0 {
		parent = r.id
		if r.kind == codebook.Code {
			parent = r.parent
		}
	}
	switch {
	case k.NewTheme.Active(msg), k.NewSubtheme.Active(msg):
		under, label := "", "new theme"
		if k.NewSubtheme.Active(msg) {
			if parent == "" {
				return failed(errors.New("choose the theme to put the subtheme under first"))
			}
			under, label = parent, "new subtheme under "+parent
		}
		p.prompt = newPrompt(label, "", p.w, func(name string) tea.Cmd {
			name = strings.TrimSpace(name)
			if name == "" {
				return nil
			}
			return a.Codebook("themes", "creating theme "+name, func() (*backend.CodebookResult, any, error) {
				n, res, err := b.AddNode(backend.NodeSpec{Kind: codebook.Theme, Name: name, Parent: under})
				return res, n, err
			})
		})
	case !ok:
		return nil
	case k.Rename.Active(msg):
		id := r.id
		p.prompt = newPrompt("rename "+id, r.name, p.w, func(name string) tea.Cmd {
			return a.Codebook("themes", "renaming "+id, func() (*backend.CodebookResult, any, error) {
				res, err := b.RenameNode(id, strings.TrimSpace(name))
				return res, nil, err
			})
		})
	case k.Cut.Active(msg):
		p.cut = r.id
		return status("cut %s: choose a theme (or the codes not in a theme) and press v", r.id)
	case k.Paste.Active(msg):
		if p.cut == "" {
			return failed(errors.New("nothing cut: x cuts the node to move"))
		}
		id := p.cut
		p.cut, p.selectID = "", id
		return a.Codebook("themes", "moving "+id, func() (*backend.CodebookResult, any, error) {
			res, err := b.MoveNode(id, parent)
			return res, nil, err
		})
	case k.Merge.Active(msg):
		if r.kind != codebook.Code {
			return failed(errors.New("merge joins codes: choose a code"))
		}
		if p.mergeFrom == "" || p.mergeFrom == r.id {
			p.mergeFrom = r.id
			return status("merge %s into…: choose the code to keep and press m", r.id)
		}
		from, into := p.mergeFrom, r.id
		p.mergeFrom = ""
		return a.Codebook("themes", "merging "+from+" into "+into, func() (*backend.CodebookResult, any, error) {
			res, err := b.MergeNodes([]string{from}, into)
			return res, nil, err
		})
	case k.Split.Active(msg):
		if r.kind != codebook.Code {
			return failed(errors.New("split makes codes from a code: choose a code"))
		}
		id, under := r.id, r.parent
		p.prompt = newPrompt("split "+id+" into (names, comma-separated)", "", p.w, func(v string) tea.Cmd {
			var into []codebook.NewNode
			for _, name := range strings.Split(v, ",") {
				if name = strings.TrimSpace(name); name != "" {
					into = append(into, codebook.NewNode{Kind: codebook.Code, Name: name, Parent: under})
				}
			}
			if len(into) < 2 {
				return failed(errors.New("a split needs two names or more, separated by commas"))
			}
			return a.Codebook("themes", "splitting "+id, func() (*backend.CodebookResult, any, error) {
				res, err := b.SplitNode(backend.SplitRequest{ID: id, Into: into})
				return res, nil, err
			})
		})
	case k.Delete.Active(msg):
		id := r.id
		if r.kind == codebook.Code && total(p.tally, id) > 0 {
			p.picker = newPicker(fmt.Sprintf("Delete %s: move its %d segments to", id, total(p.tally, id)), p.ctx.Codebook(), p.ctx.Recent, false, p.h/2,
				func(to, _ string) tea.Cmd {
					if to == id {
						return failed(errors.New("choose another code to take the segments"))
					}
					return a.Codebook("themes", "deleting "+id, func() (*backend.CodebookResult, any, error) {
						res, err := b.DeleteNode(id, to)
						return res, nil, err
					})
				})
			return nil
		}
		return a.Codebook("themes", "deleting "+id, func() (*backend.CodebookResult, any, error) {
			res, err := b.DeleteNode(id, "")
			return res, nil, err
		})
	}
	return nil
}

func (p *themesPage) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	switch {
	case p.drill != nil:
		return helpOf(k.Up, k.Down, k.Open, k.Back)
	case p.showCo:
		return helpOf(k.Up, k.Down, k.Back)
	}
	return helpOf(k.Focus, k.Open, k.NewTheme, k.NewSubtheme, k.Rename, k.Cut, k.Paste, k.Merge, k.Split, k.Delete)
}

func (p *themesPage) FullHelp() [][]key.Binding {
	k := p.ctx.Keys
	return [][]key.Binding{
		helpOf(k.Up, k.Down, k.Focus, k.Open, k.Back),
		helpOf(k.NewTheme, k.NewSubtheme, k.Rename, k.Cut, k.Paste),
		helpOf(k.Merge, k.Split, k.Delete, k.Cooccur),
	}
}

func (p *themesPage) treeWidth() int {
	if p.w < 60 {
		return p.w
	}
	return p.w * 3 / 5
}

func (p *themesPage) counts(id string) string {
	mine := p.tally.Counts[id][p.ctx.Name].Segments
	return fmt.Sprintf("%4d %4d", mine, total(p.tally, id))
}

func (p *themesPage) View() string {
	s := p.ctx.Styles
	switch {
	case p.drill != nil:
		return strings.Join(column(p.drill.view(s, p.w, p.h), p.w, p.h), "\n")
	case p.showCo:
		return strings.Join(column(p.coView(), p.w, p.h), "\n")
	}
	tw := p.treeWidth()
	row := func(r treeRow, sel, focus bool, w int) string {
		mark := "  "
		switch r.id {
		case p.cut:
			mark = "✂ "
		case p.mergeFrom:
			mark = "⇢ "
		}
		label := strings.Repeat("  ", r.depth) + r.name
		if r.kind == codebook.Code {
			label = strings.Repeat("  ", r.depth) + "· " + r.id
		}
		line := pad(mark+label, w-10) + p.counts(r.id)
		if sel && focus {
			return s.Selected.Render(pad(line, w))
		}
		if r.kind == codebook.Theme {
			return s.Bold.Render(pad(line, w))
		}
		return pad(line, w)
	}
	left := []string{s.Heading.Render("Themes") + s.Dim.Render(pad("", tw-16-6)+" you  all")}
	left = append(left, p.tree.rows(func(i int, sel bool) string { return row(p.rows[i], sel, p.pane == 0, tw) })...)
	var lines []string
	if tw < p.w {
		sw := p.w - tw - 1
		right := []string{s.Heading.Render("Not in a theme")}
		right = append(right, p.side.rows(func(i int, sel bool) string { return row(p.loose[i], sel, p.pane == 1, sw) })...)
		switch {
		case len(p.loose) > 0:
		case len(p.ctx.Codebook().AllCodes()) == 0:
			right[1] = s.Dim.Render("no codes yet")
		default:
			right[1] = s.Dim.Render("every code is in a theme")
		}
		lines = beside(s.Rule.Render("│"), column(left, tw, p.listHeight()), column(right, sw, p.listHeight()))
	} else {
		lines = column(left, tw, p.listHeight())
	}
	lines = append(lines, s.Rule.Render(strings.Repeat("─", p.w)))
	if p.prompt != nil {
		lines = append(lines, p.prompt.view(s))
	} else if p.picker != nil {
		lines = append(lines, p.picker.view(s, p.w)...)
	} else {
		r, _ := p.selected()
		lines = append(lines, s.Dim.Render(fmt.Sprintf("%d extracts of %s (enter lists them, o co-occurrence)", len(p.preview), r.id)))
		for i := 0; i < len(p.preview) && i < p.previewHeight()-1; i++ {
			lines = append(lines, extractRow(p.preview[i], p.w))
		}
	}
	return strings.Join(column(lines, p.w, p.h), "\n")
}

func (p *themesPage) coView() []string {
	s := p.ctx.Styles
	lines := []string{s.Heading.Render("Code co-occurrence") + s.Dim.Render("  answers coded with both (yours)")}
	if len(p.cooccur) == 0 {
		return append(lines, s.Dim.Render("no answer carries two codes yet"))
	}
	lines = append(lines, p.coList.rows(func(i int, sel bool) string {
		c := p.cooccur[i]
		row := fmt.Sprintf("%5d  %s + %s", c.Documents, c.A, c.B)
		if sel {
			return s.Selected.Render(pad(row, p.w))
		}
		return cut(row, p.w)
	})...)
	return lines
}
