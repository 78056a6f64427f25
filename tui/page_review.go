package tui

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/agree"
	"github.com/mixeval/mixeval/thematic/reconcile"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// Review views, cycled with v.
const (
	viewExtracts = iota
	viewCoverage
	viewMap
	viewAgreement
	viewReconcile
	reviewViews
)

var reviewNames = [reviewViews]string{"extracts", "coverage", "map", "agreement", "reconcile"}

// reviewPage is phase 4: each theme's extracts (recode one), coverage by
// theme and attribute with the answers no theme touches, a thematic map,
// the coders compared, and reconciliation into the consensus.
type reviewPage struct {
	ctx  *Context
	w, h int
	view int

	themes   []treeRow
	tlist    vlist
	extracts []extract
	xlist    vlist
	exReq    int
	pane     int // extracts view: 0 themes, 1 extracts
	picker   *picker

	sc       scroller // coverage and map
	tally    codebook.Tally
	tallyReq int

	partner   int
	agreement *backend.Agreement
	agreeErr  error
	stats     bool
	dlist     vlist
	side      *triangulate.Disagreement

	recon    *backend.Reconciliation
	reconErr error
	items    []*reconcile.Item
	rlist    vlist
	// memo goes with the next decision.
	memo   string
	prompt *prompt
}

type agreeMsg struct {
	a   *backend.Agreement
	err error
}

type reconMsg struct {
	r   *backend.Reconciliation
	err error
}

type coverageMsg struct{ lines []string }

func newReviewPage(ctx *Context) *reviewPage {
	p := &reviewPage{ctx: ctx, stats: ctx.Mode == "codebook"}
	p.reload()
	return p
}

func (p *reviewPage) reload() {
	all, _ := treeRows(p.ctx.Codebook())
	p.themes = themeRows(all)
	p.tlist.setLen(len(p.themes))
}

func (p *reviewPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.tlist.setHeight(h - 2)
	p.xlist.setHeight(h - 2)
	p.dlist.setHeight(max(3, (h-2)/2-1))
	p.rlist.setHeight(h - 3)
	p.sc.h = h - 1
}

func (p *reviewPage) Typing() bool { return p.picker != nil || p.prompt != nil }

func (p *reviewPage) Progress() string {
	s := fmt.Sprintf("view %d/%d %s (v next)", p.view+1, reviewViews, reviewNames[p.view])
	if p.recon != nil {
		open := 0
		for _, it := range p.recon.Consensus.Items {
			if it.Status() == reconcile.StatusOpen {
				open++
			}
		}
		s += fmt.Sprintf(" · %d items to reconcile", open)
	}
	return s + " · next: 5 Define, to name and define the themes"
}

func (p *reviewPage) partners() []string {
	coders, _ := p.ctx.Study.Coders()
	var out []string
	for _, c := range coders {
		if c != p.ctx.Name {
			out = append(out, c)
		}
	}
	return out
}

func (p *reviewPage) pair() []string {
	others := p.partners()
	if len(others) == 0 {
		return nil
	}
	return []string{p.ctx.Name, others[p.partner%len(others)]}
}

func (p *reviewPage) Refresh() tea.Cmd {
	p.reload()
	var cmds []tea.Cmd
	b := p.ctx.Study
	switch p.view {
	case viewExtracts:
		cmds = append(cmds, p.loadExtracts())
	case viewCoverage, viewMap:
		p.tallyReq++
		cmds = append(cmds, loadTally(p.ctx, "review", p.tallyReq))
		if p.view == viewCoverage {
			cmds = append(cmds, p.coverage())
		}
	case viewAgreement:
		pair, stats := p.pair(), p.stats
		cmds = append(cmds, func() tea.Msg {
			if len(pair) < 2 {
				return agreeMsg{err: errors.New("agreement needs a second coder")}
			}
			a, err := b.Agree(backend.AgreeRequest{Coders: pair, Stats: stats})
			return agreeMsg{a: a, err: err}
		})
	case viewReconcile:
		cmds = append(cmds, p.loadRecon())
	}
	return tea.Batch(cmds...)
}

func (p *reviewPage) loadRecon() tea.Cmd {
	b, pair := p.ctx.Study, p.pair()
	return func() tea.Msg {
		req := backend.ReconcileRequest{ReadOnly: true}
		r, err := b.Reconcile(req)
		if err != nil && len(pair) == 2 {
			req.Coders = pair
			r, err = b.Reconcile(req)
		}
		return reconMsg{r: r, err: err}
	}
}

func (p *reviewPage) loadExtracts() tea.Cmd {
	if p.tlist.n == 0 {
		p.extracts = nil
		return nil
	}
	p.exReq++
	return loadExtracts(p.ctx, "review", p.exReq, p.themes[p.tlist.cursor].id)
}

// coverage works out, off the UI goroutine, respondents and answers per
// theme, by the first attribute, and the answers no theme touches.
func (p *reviewPage) coverage() tea.Cmd {
	ctx := p.ctx
	cb, view := ctx.Codebook(), ctx.Coding
	return func() tea.Msg {
		s := ctx.Styles
		segs := view.Segments()
		attr := ""
		var values []string
		seen := map[string]bool{}
		for _, d := range ctx.Docs {
			for k := range d.Attributes {
				if attr == "" || k < attr {
					attr = k
				}
			}
		}
		for _, d := range ctx.Docs {
			if v, ok := d.Attributes[attr]; ok && !seen[v] {
				seen[v] = true
				values = append(values, v)
			}
		}
		sort.Strings(values)
		inTheme := map[string]bool{}
		var lines []string
		head := fmt.Sprintf("%-26s %6s %7s", "theme", "resp.", "answers")
		for _, v := range values {
			head += fmt.Sprintf(" %6s", cut(v, 6))
		}
		if attr != "" {
			lines = append(lines, s.Dim.Render(fmt.Sprintf("%-41s answers by %s:", "", attr)))
		}
		lines = append(lines, s.Bold.Render(head))
		for _, t := range cb.Themes {
			codes := map[string]bool{}
			for _, c := range cb.CodesUnder(t.ID) {
				codes[c.ID] = true
			}
			docs, resp := map[string]bool{}, map[string]bool{}
			byVal := map[string]int{}
			for _, sg := range segs {
				if !slices.ContainsFunc(sg.Codes, func(c string) bool { return codes[c] }) || docs[sg.Document] {
					continue
				}
				docs[sg.Document] = true
				inTheme[sg.Document] = true
				if d, ok := ctx.Doc(sg.Document); ok {
					resp[d.Respondent] = true
					byVal[d.Attributes[attr]]++
				}
			}
			row := fmt.Sprintf("%-26s %6d %7d", cut(t.Name, 26), len(resp), len(docs))
			for _, v := range values {
				row += fmt.Sprintf(" %6d", byVal[v])
			}
			lines = append(lines, row)
		}
		var untouched []string
		for _, d := range ctx.Docs {
			if !inTheme[d.ID] {
				untouched = append(untouched, d.ID)
			}
		}
		lines = append(lines, "", s.Bold.Render(fmt.Sprintf("%d of %d answers are in no theme", len(untouched), len(ctx.Docs))))
		for i, id := range untouched {
			if i == 200 {
				lines = append(lines, fmt.Sprintf("… and %d more", len(untouched)-i))
				break
			}
			d, _ := ctx.Doc(id)
			lines = append(lines, fmt.Sprintf("%-12s %s", id, snippet(d.Text, 60)))
		}
		return coverageMsg{lines: lines}
	}
}

func (p *reviewPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case extractsMsg:
		if msg.origin == "review" && msg.req == p.exReq {
			p.extracts = msg.items
			p.xlist.setLen(len(msg.items))
		}
	case tallyMsg:
		if msg.origin == "review" && msg.req == p.tallyReq && msg.err == nil {
			p.tally = msg.tally
			if p.view == viewMap {
				p.mapLines()
			}
		}
	case coverageMsg:
		if p.view == viewCoverage {
			p.sc.lines = msg.lines
			p.sc.clamp()
		}
	case agreeMsg:
		p.agreement, p.agreeErr = msg.a, msg.err
		if msg.a != nil && len(msg.a.Diagnostics) > 0 {
			p.dlist.setLen(len(msg.a.Diagnostics[0].Disagreements))
		}
	case reconMsg:
		p.recon, p.reconErr = msg.r, msg.err
		p.items = nil
		if msg.r != nil {
			for _, it := range msg.r.Consensus.Items {
				if it.Status() == reconcile.StatusOpen || it.Status() == reconcile.StatusDecided {
					p.items = append(p.items, it)
				}
			}
		}
		p.rlist.setLen(len(p.items))
	case pageMouse:
		if msg.kind == mouseWheel {
			p.sc.wheel(msg.Mouse)
		}
	case tea.KeyPressMsg:
		return p.key(msg)
	default:
		if p.picker != nil {
			cmd, _ := p.picker.update(msg, p.ctx.Keys)
			return cmd
		}
		if p.prompt != nil {
			cmd, _ := p.prompt.update(msg)
			return cmd
		}
	}
	return nil
}

func (p *reviewPage) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	if p.picker != nil {
		cmd, closed := p.picker.update(msg, k)
		if closed {
			p.picker = nil
		}
		return cmd
	}
	if p.prompt != nil {
		cmd, closed := p.prompt.update(msg)
		if closed {
			p.prompt = nil
		}
		return cmd
	}
	if p.side != nil {
		if k.Back.Active(msg) {
			p.side = nil
		}
		return nil
	}
	if k.View.Active(msg) {
		p.view = (p.view + 1) % reviewViews
		p.sc.top = 0
		if p.view == viewMap {
			p.mapLines()
		}
		return p.Refresh()
	}
	switch p.view {
	case viewExtracts:
		return p.extractsKey(msg)
	case viewCoverage, viewMap:
		p.sc.key(msg, k)
	case viewAgreement:
		switch {
		case p.dlist.navigate(msg, k):
		case k.Stats.Active(msg):
			p.stats = !p.stats
			return p.Refresh()
		case k.Others.Active(msg):
			p.partner++
			return p.Refresh()
		case k.Open.Active(msg):
			if a := p.agreement; a != nil && len(a.Diagnostics) > 0 && p.dlist.n > 0 {
				d := a.Diagnostics[0].Disagreements[p.dlist.cursor]
				p.side = &d
			}
		}
	case viewReconcile:
		return p.reconcileKey(msg)
	}
	return nil
}

func (p *reviewPage) extractsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	switch {
	case k.Focus.Active(msg):
		p.pane = 1 - p.pane
	case p.pane == 0 && p.tlist.navigate(msg, k):
		return p.loadExtracts()
	case p.pane == 1 && p.xlist.navigate(msg, k):
	case k.Recode.Pressed(msg) && p.pane == 1 && p.xlist.n > 0:
		if k.Recode.Reason != "" {
			return refused(k.Recode)
		}
		x := p.extracts[p.xlist.cursor]
		a := p.ctx.Actions
		p.picker = newPicker("Recode "+x.doc.ID+" ("+strings.Join(x.seg.Codes, ", ")+") as", p.ctx.Codebook(), p.ctx.Recent, true, p.h/2,
			func(code, newName string) tea.Cmd {
				if code != "" {
					return a.Recode("review", x.seg.ID, []string{code}, "")
				}
				return a.Recode("review", x.seg.ID, nil, newName)
			})
	}
	return nil
}

func (p *reviewPage) reconcileKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	if p.rlist.navigate(msg, k) {
		return nil
	}
	decisions := map[*Binding]string{&k.AcceptA: reconcile.AcceptA, &k.AcceptB: reconcile.AcceptB, &k.Both: reconcile.Both, &k.Neither: reconcile.Neither}
	for b, kind := range decisions {
		if !b.Pressed(msg) {
			continue
		}
		if b.Reason != "" {
			return refused(*b)
		}
		if p.rlist.n == 0 || p.recon == nil {
			return nil
		}
		it := p.items[p.rlist.cursor]
		coders := p.recon.Consensus.Coders[:]
		return p.decide(reconcile.Request{Item: it.ID, Decision: kind}, coders)
	}
	if p.rlist.n == 0 || p.recon == nil {
		return nil
	}
	it := p.items[p.rlist.cursor]
	coders := p.recon.Consensus.Coders[:]
	switch {
	case k.Adjust.Pressed(msg):
		if k.Adjust.Reason != "" {
			return refused(k.Adjust)
		}
		p.prompt = newPrompt("span for "+it.Document+" "+it.Code+" (START-END)", "", p.w, func(v string) tea.Cmd {
			return p.decide(reconcile.Request{Item: it.ID, Decision: reconcile.Edit, Span: strings.TrimSpace(v)}, coders)
		})
	case k.SegmentMemo.Pressed(msg):
		if k.SegmentMemo.Reason != "" {
			return refused(k.SegmentMemo)
		}
		p.prompt = newPrompt("memo for the next decision", p.memo, p.w, func(v string) tea.Cmd {
			p.memo = strings.TrimSpace(v)
			return nil
		})
	}
	return nil
}

// decide records a decision, with the memo given for it, as one undoable
// step (undo withdraws it).
func (p *reviewPage) decide(req reconcile.Request, coders []string) tea.Cmd {
	req.Memo, p.memo = p.memo, ""
	item, kind := req.Item, req.Decision
	b := p.ctx.Study
	do := func(req backend.ReconcileRequest) error {
		req.Coders = coders
		_, err := b.Reconcile(req)
		return err
	}
	return p.ctx.Actions.Do("review", kind+" on item "+item, func() (*Step, any, error) {
		if err := do(backend.ReconcileRequest{Decisions: []reconcile.Request{req}}); err != nil {
			return nil, nil, err
		}
		return &Step{What: kind + " on item " + item,
			Undo: func() error { return do(backend.ReconcileRequest{Undo: []string{item}}) },
			Redo: func() error {
				return do(backend.ReconcileRequest{Decisions: []reconcile.Request{req}})
			},
		}, nil, nil
	})
}

func (p *reviewPage) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	switch p.view {
	case viewExtracts:
		return helpOf(k.View, k.Focus, k.Up, k.Down, k.Recode)
	case viewAgreement:
		return helpOf(k.View, k.Stats, k.Others, k.Open, k.Back)
	case viewReconcile:
		return helpOf(k.View, k.AcceptA, k.AcceptB, k.Both, k.Neither, k.Adjust, k.SegmentMemo)
	}
	return helpOf(k.View, k.Up, k.Down)
}

func (p *reviewPage) FullHelp() [][]key.Binding {
	k := p.ctx.Keys
	return [][]key.Binding{
		helpOf(k.View, k.Focus, k.Up, k.Down, k.Open, k.Back),
		helpOf(k.Recode, k.Stats, k.Others),
		helpOf(k.AcceptA, k.AcceptB, k.Both, k.Neither, k.Adjust, k.SegmentMemo),
	}
}

func (p *reviewPage) mapLines() {
	cb := p.ctx.Codebook()
	tr := cb.Tree(p.tally)
	var lines []string
	var add func(ns []codebook.TreeNode, depth int)
	add = func(ns []codebook.TreeNode, depth int) {
		for _, n := range ns {
			total := 0
			for _, c := range n.Counts {
				total += c.Segments
			}
			label := strings.Repeat("  ", depth)
			switch n.Kind {
			case "theme":
				label += "■ " + n.Name
			case "subtheme":
				label += "├ " + n.Name
			default:
				label += "· " + n.ID
			}
			lines = append(lines, fmt.Sprintf("%s %s", pad(label, p.w-12), fmt.Sprintf("%5d segs", total)))
			add(n.Children, depth+1)
		}
	}
	add(tr.Themes, 0)
	if len(tr.Unattached) > 0 {
		lines = append(lines, "", "codes in no theme:")
		add(tr.Unattached, 1)
	}
	p.sc.lines = lines
	p.sc.clamp()
}

func (p *reviewPage) View() string {
	s := p.ctx.Styles
	title := s.Heading.Render("Review: "+reviewNames[p.view]) + s.Dim.Render("  (v: "+reviewNames[(p.view+1)%reviewViews]+")")
	var lines []string
	switch p.view {
	case viewExtracts:
		lines = p.extractsView(title)
	case viewCoverage, viewMap:
		lines = []string{title}
		lines = append(lines, p.sc.view()...)
	case viewAgreement:
		lines = p.agreementView(title)
	case viewReconcile:
		lines = p.reconcileView(title)
		if p.prompt != nil {
			lines = append(column(lines, p.w, p.h-1), p.prompt.view(p.ctx.Styles))
		}
	}
	return strings.Join(column(lines, p.w, p.h), "\n")
}

func (p *reviewPage) extractsView(title string) []string {
	s := p.ctx.Styles
	lw := min(28, p.w/3)
	rw := p.w - lw - 1
	left := []string{s.Bold.Render("Themes")}
	left = append(left, p.tlist.rows(func(i int, sel bool) string {
		r := p.themes[i]
		line := pad(strings.Repeat(" ", r.depth)+r.name, lw)
		if sel && p.pane == 0 {
			return s.Selected.Render(line)
		}
		return line
	})...)
	right := []string{s.Bold.Render(fmt.Sprintf("%d extracts (yours)", len(p.extracts)))}
	right = append(right, p.xlist.rows(func(i int, sel bool) string {
		row := extractRow(p.extracts[i], rw)
		if sel && p.pane == 1 {
			return s.Selected.Render(pad(row, rw))
		}
		return row
	})...)
	lines := []string{title}
	lines = append(lines, beside(s.Rule.Render("│"), column(left, lw, p.h-1), column(right, rw, p.h-1))...)
	if p.picker != nil {
		lines = append(lines[:max(1, p.h-p.h/2-2)], p.picker.view(s, p.w)...)
	}
	return lines
}

func result(r agree.Result) string {
	if !r.Defined {
		return "   —"
	}
	return fmt.Sprintf("%5.2f", r.Value)
}

func (p *reviewPage) agreementView(title string) []string {
	s := p.ctx.Styles
	lines := []string{title}
	a := p.agreement
	switch {
	case p.agreeErr != nil:
		return append(lines, wrapText(p.agreeErr.Error(), p.w)...)
	case a == nil:
		return append(lines, s.Dim.Render("comparing…"))
	}
	d := a.Diagnostics[0]
	if p.side != nil {
		return append(lines, p.sideBySide(d, *p.side)...)
	}
	lines = append(lines, s.Dim.Render(cut(fmt.Sprintf("%s vs %s (O: other coder) · %d answers both reviewed · %s mode", d.Coders[0], d.Coders[1], d.Compared, a.Mode), p.w)))
	if a.NothingCompared {
		return append(lines, s.Dim.Render("no answer was reviewed by both coders yet"))
	}
	var stats []string
	if a.Report != nil {
		stats = append(stats, s.Bold.Render(fmt.Sprintf("%-24s %6s %6s %6s %6s", "code", "agree", "kappa", "alpha", "AC1")))
		for _, c := range append(a.Report.Themes, a.Report.Codes...) {
			label := "· " + c.ID
			if c.Kind == "theme" {
				label = c.Name
			}
			stats = append(stats, fmt.Sprintf("%-24s %6s %6s %6s %6s", cut(label, 24), result(c.PercentAgreement), result(c.Kappa), result(c.Alpha), result(c.AC1)))
		}
		pl := a.Report.Pooled
		stats = append(stats, fmt.Sprintf("%-24s %6s %6s %6s %6s", "pooled", result(pl.PercentAgreement), result(pl.Kappa), result(pl.Alpha), result(pl.AC1)))
	} else {
		stats = append(stats, s.Dim.Render("s shows the statistics (kappa, alpha, AC1)"))
	}
	dis := []string{s.Bold.Render(fmt.Sprintf("%d disagreements (enter: side by side)", len(d.Disagreements)))}
	dis = append(dis, p.dlist.rows(func(i int, sel bool) string {
		x := d.Disagreements[i]
		row := fmt.Sprintf("%-12s %-20s %-10s %v | %v", x.Document, cut(x.Code, 20), x.Kind, x.A, x.B)
		if sel {
			return s.Selected.Render(pad(row, p.w))
		}
		return cut(row, p.w)
	})...)
	half := max(3, (p.h-2)/2)
	if a.StatsFirst {
		lines = append(lines, column(stats, p.w, half)...)
		return append(lines, dis...)
	}
	lines = append(lines, column(dis, p.w, half)...)
	return append(lines, stats...)
}

// sideBySide shows one disagreement in the answer text, each coder's spans
// highlighted in a column of their own.
func (p *reviewPage) sideBySide(d *triangulate.Diagnostics, x triangulate.Disagreement) []string {
	s := p.ctx.Styles
	doc, _ := p.ctx.Doc(x.Document)
	cw := (p.w - 3) / 2
	col := func(name string, spans []triangulate.Span) []string {
		l := newTextLayout(doc.Text, cw)
		on := make([]bool, len(l.gs)+1)
		for _, sp := range spans {
			for g := l.graphemeAt(sp.Start); g < len(l.gs) && l.gs[g].start < sp.End; g++ {
				on[g] = true
			}
		}
		st := func(g int) int {
			if on[g] {
				return 1
			}
			return 0
		}
		out := []string{s.Bold.Render(cut(fmt.Sprintf("%s %v", name, spans), cw))}
		return append(out, l.render(0, p.h-4, st, []lipgloss.Style{{}, s.Focused})...)
	}
	lines := []string{s.Dim.Render(cut(fmt.Sprintf("%s · code %s · %s (esc back)", x.Document, x.Code, x.Kind), p.w))}
	return append(lines, beside(" │ ", col(d.Coders[0], x.A), col(d.Coders[1], x.B))...)
}

func (p *reviewPage) reconcileView(title string) []string {
	s := p.ctx.Styles
	lines := []string{title}
	switch {
	case p.reconErr != nil:
		return append(lines, wrapText(p.reconErr.Error(), p.w)...)
	case p.recon == nil:
		return append(lines, s.Dim.Render("reading the consensus…"))
	}
	c := p.recon.Consensus
	head := fmt.Sprintf("%s (a) and %s (b) · %d items to decide or decided · a/b/B/N/e decide, u undoes", c.Coders[0], c.Coders[1], len(p.items))
	if p.memo != "" {
		head = "memo for the next decision: " + p.memo
	}
	lines = append(lines, s.Dim.Render(cut(head, p.w)))
	lines = append(lines, p.rlist.rows(func(i int, sel bool) string {
		it := p.items[i]
		st := it.Status()
		if it.Decision != nil {
			st = it.Decision.Kind
		}
		row := fmt.Sprintf("%-9s %-12s %-18s a %v b %v", st, it.Document, cut(it.Code, 18), it.A, it.B)
		if sel {
			return s.Selected.Render(pad(row, p.w))
		}
		return cut(row, p.w)
	})...)
	return lines
}
