package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// codePage is phase 2: a list of answers, and an answer's text with a
// cursor, selections, segments, the code picker and autocode.
type codePage struct {
	ctx  *Context
	w, h int

	list vlist
	open bool
	doc  corpus.Document
	lay  *textLayout
	// cursor and anchor are grapheme indexes; anchor < 0: no selection.
	cursor, anchor int
	adjusting      string // id of the segment whose span is being adjusted
	top            int
	segs           []coding.Segment
	focus          int // index in segs of the segment under the cursor
	dragging       bool

	picker *picker
	prompt *prompt
	auto   *autocodeView

	showOthers bool
	others     map[string][]coding.Segment // coder → segments on the open answer
	otherFiles []*coding.File

	counts   map[string]int
	countReq int
}

type codeCountsMsg struct {
	req    int
	counts map[string]int
}

type othersMsg struct{ files []*coding.File }

type planMsg struct {
	plan  *backend.AutocodePlan
	query string
	err   error
}

const sideWidth = 24

func newCodePage(ctx *Context) *codePage {
	p := &codePage{ctx: ctx, anchor: -1, focus: -1}
	p.list.setLen(len(ctx.Docs))
	return p
}

func (p *codePage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.list.setHeight(h - 1)
	if p.open {
		p.layout()
	}
	if p.auto != nil {
		p.auto.list.setHeight(h - 3)
	}
}

func (p *codePage) mainWidth() int {
	if p.w >= 70 {
		return p.w - sideWidth - 1
	}
	return p.w
}

func (p *codePage) textHeight() int { return max(3, p.h-2-p.panelHeight()-1) }

func (p *codePage) panelHeight() int {
	if p.picker != nil {
		return min(10, max(4, p.h/2))
	}
	return max(3, min(6, p.h/4))
}

func (p *codePage) Typing() bool { return p.picker != nil || p.prompt != nil }

func (p *codePage) Progress() string {
	pr := p.ctx.Coding.Progress()
	n := len(p.ctx.Docs)
	next := "next: 3 Themes, to group your codes"
	if pr.Reviewed < n {
		next = "next: keep coding; R marks an answer reviewed"
	}
	return fmt.Sprintf("coded %d/%d answers · reviewed %d/%d · %d segments · %s", pr.Coded, n, pr.Reviewed, n, pr.Segments, next)
}

// Refresh re-reads the open answer's segments and counts the codes.
func (p *codePage) Refresh() tea.Cmd {
	if p.open {
		p.loadSegments()
	}
	p.countReq++
	req, view := p.countReq, p.ctx.Coding
	cmds := []tea.Cmd{func() tea.Msg {
		counts := map[string]int{}
		for _, s := range view.Segments() {
			for _, c := range s.Codes {
				counts[c]++
			}
		}
		return codeCountsMsg{req: req, counts: counts}
	}}
	if p.showOthers {
		cmds = append(cmds, p.loadOthers())
	}
	return tea.Batch(cmds...)
}

func (p *codePage) loadOthers() tea.Cmd {
	b, me := p.ctx.Study, p.ctx.Name
	return func() tea.Msg {
		coders, _ := b.Coders()
		var files []*coding.File
		for _, c := range coders {
			if c == me {
				continue
			}
			if f, err := b.ReadCoding(c); err == nil {
				files = append(files, f)
			}
		}
		return othersMsg{files: files}
	}
}

// openAnswer shows the answer at list index i with the cursor on its first
// character, and marks it read.
func (p *codePage) openAnswer(i int) tea.Cmd {
	if i < 0 || i >= len(p.ctx.Docs) {
		return nil
	}
	p.list.moveTo(i)
	p.doc = p.ctx.Docs[i]
	p.open = true
	p.cursor, p.anchor, p.top, p.adjusting = 0, -1, 0, ""
	p.layout()
	p.loadSegments()
	return p.ctx.Actions.MarkRead(p.doc.ID)
}

func (p *codePage) layout() {
	p.lay = newTextLayout(p.doc.Text, p.mainWidth()-2)
	p.cursor = min(p.cursor, len(p.lay.gs))
	p.scroll()
}

func (p *codePage) loadSegments() {
	p.segs = p.ctx.Coding.SegmentsIn(p.doc.ID)
	p.others = map[string][]coding.Segment{}
	for _, f := range p.otherFiles {
		p.others[f.Coder] = f.SegmentsIn(p.doc.ID)
	}
	p.focusAtCursor()
}

// focusAtCursor focuses the first segment under the cursor, keeping the
// focused one when it still is.
func (p *codePage) focusAtCursor() {
	cp := p.lay.offset(p.cursor)
	if p.focus >= 0 && p.focus < len(p.segs) && p.segs[p.focus].Start <= cp && cp < p.segs[p.focus].End {
		return
	}
	p.focus = -1
	for i, s := range p.segs {
		if s.Start <= cp && cp < s.End {
			p.focus = i
			return
		}
	}
}

func (p *codePage) scroll() {
	if p.lay == nil {
		return
	}
	ln := p.lay.lineOf(min(p.cursor, max(0, len(p.lay.gs)-1)))
	if p.cursor == len(p.lay.gs) {
		ln = len(p.lay.lines) - 1
	}
	th := p.textHeight()
	if ln < p.top {
		p.top = ln
	}
	if ln >= p.top+th {
		p.top = ln - th + 1
	}
}

// selection returns the selected span in code points.
func (p *codePage) selection() (start, end int, ok bool) {
	if p.anchor < 0 || p.anchor == p.cursor {
		return 0, 0, false
	}
	a, b := min(p.anchor, p.cursor), max(p.anchor, p.cursor)
	return p.lay.offset(a), p.lay.offset(b), true
}

func (p *codePage) focused() (coding.Segment, bool) {
	if p.focus < 0 || p.focus >= len(p.segs) {
		return coding.Segment{}, false
	}
	return p.segs[p.focus], true
}

func (p *codePage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case codeCountsMsg:
		if msg.req == p.countReq {
			p.counts = msg.counts
		}
		return nil
	case othersMsg:
		p.otherFiles = msg.files
		if p.open {
			p.loadSegments()
		}
		return nil
	case planMsg:
		if msg.err != nil {
			return failed(msg.err)
		}
		p.auto = newAutocodeView(msg.plan, msg.query, p.h-3)
		return nil
	case ActionMsg:
		if msg.Origin == "code" && msg.Err == nil {
			if r, ok := msg.Result.(*backend.CodeResult); ok && len(r.Segment.Codes) > 0 && r.Segment.Document == p.doc.ID {
				p.focusSegment(r.Segment.ID)
			}
		}
		return nil
	case pageMouse:
		return p.mouse(msg)
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	if p.picker != nil {
		cmd, _ := p.picker.update(msg, p.ctx.Keys)
		return cmd
	}
	if p.prompt != nil {
		cmd, _ := p.prompt.update(msg)
		return cmd
	}
	return nil
}

func (p *codePage) focusSegment(id string) {
	p.loadSegments()
	for i, s := range p.segs {
		if s.ID == id {
			p.focus = i
		}
	}
}

func (p *codePage) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	if p.picker != nil {
		cmd, closed := p.picker.update(msg, k)
		if closed {
			p.picker = nil
			p.scroll()
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
	if p.auto != nil {
		return p.autoKey(msg)
	}
	if !p.open {
		return p.listKey(msg)
	}
	if cmd, ok := p.disabled(msg); ok {
		return cmd
	}
	return p.textKey(msg)
}

// disabled answers an editing key pressed while editing is off with the
// reason.
func (p *codePage) disabled(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.ctx.Keys
	for _, b := range []Binding{k.Select, k.Code, k.InVivo, k.Adjust, k.Recode, k.Remove, k.SegmentMemo, k.Reviewed, k.Autocode, k.Others} {
		if b.Reason != "" && b.Pressed(msg) {
			return refused(b), true
		}
	}
	return nil, false
}

func (p *codePage) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	switch {
	case p.list.navigate(msg, k):
	case k.Open.Active(msg):
		return p.openAnswer(p.list.cursor)
	case k.Autocode.Pressed(msg):
		if cmd, ok := p.disabled(msg); ok {
			return cmd
		}
		return p.startAutocode()
	}
	return nil
}

func (p *codePage) textKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	l := p.lay
	moved := true
	selecting := p.anchor >= 0
	switch {
	case k.Back.Active(msg):
		switch {
		case p.adjusting != "":
			p.adjusting, p.anchor = "", -1
		case selecting:
			p.anchor = -1
		default:
			p.open = false
		}
	case k.SelLeft.Active(msg), k.SelRight.Active(msg):
		if !selecting {
			p.anchor = p.cursor
		}
		if k.SelLeft.Active(msg) {
			p.cursor = max(0, p.cursor-1)
		} else {
			p.cursor = min(len(l.gs), p.cursor+1)
		}
	case k.Left.Active(msg):
		p.cursor = max(0, p.cursor-1)
	case k.Right.Active(msg):
		p.cursor = min(len(l.gs), p.cursor+1)
	case k.Up.Active(msg), k.Down.Active(msg):
		ln, col := l.lineOf(p.cursor), l.column(p.cursor)
		if p.cursor == len(l.gs) {
			ln = len(l.lines) - 1
		}
		if k.Up.Active(msg) {
			ln--
		} else {
			ln++
		}
		if ln >= 0 && ln < len(l.lines) {
			p.cursor = l.at(ln, col)
		}
	case k.WordNext.Active(msg):
		p.cursor = p.wordNext(selecting)
	case k.WordPrev.Active(msg):
		p.cursor = p.wordPrev(selecting)
	case k.Select.Active(msg):
		if selecting && p.adjusting == "" {
			p.anchor = -1
		} else {
			p.cursor = l.snapStart(p.cursor)
			p.anchor = p.cursor
			p.adjusting = ""
		}
	case k.Cycle.Active(msg):
		if selecting {
			p.anchor, p.cursor = p.cursor, p.anchor
		} else {
			p.cycleFocus()
			moved = false
		}
	case k.Next.Active(msg):
		return p.openAnswer(p.list.cursor + 1)
	case k.Prev.Active(msg):
		return p.openAnswer(p.list.cursor - 1)
	default:
		moved = false
		if cmd, ok := p.editKey(msg); ok {
			return cmd
		}
	}
	if moved {
		p.scroll()
		if p.anchor < 0 {
			p.focusAtCursor()
		}
	}
	return nil
}

// wordNext moves the cursor by a word: in a selection to the end of the
// next word (both ends snap to word edges), otherwise to the next word's
// start.
func (p *codePage) wordNext(selecting bool) int {
	l := p.lay
	switch {
	case !selecting:
		return l.wordStartAfter(p.cursor)
	case p.cursor < p.anchor:
		return min(p.anchor, l.wordStartAfter(p.cursor))
	}
	return l.wordEndAfter(p.cursor)
}

func (p *codePage) wordPrev(selecting bool) int {
	l := p.lay
	switch {
	case !selecting:
		return l.wordStartBefore(p.cursor)
	case p.cursor > p.anchor:
		if e := l.wordEndBefore(p.cursor); e > p.anchor {
			return e
		}
		return p.anchor
	}
	return l.wordStartBefore(p.cursor)
}

func (p *codePage) cycleFocus() {
	cp := p.lay.offset(p.cursor)
	var here []int
	for i, s := range p.segs {
		if s.Start <= cp && cp < s.End {
			here = append(here, i)
		}
	}
	if len(here) == 0 {
		return
	}
	j := slices.Index(here, p.focus)
	p.focus = here[(j+1)%len(here)]
}

// editKey handles the keys that change the coding.
func (p *codePage) editKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := p.ctx.Keys
	a := p.ctx.Actions
	seg, hasSeg := p.focused()
	switch {
	case k.Open.Active(msg) && p.adjusting != "":
		start, end, ok := p.selection()
		id := p.adjusting
		p.cursor = min(p.anchor, p.cursor)
		p.adjusting, p.anchor = "", -1
		if !ok {
			return failed(fmt.Errorf("the span is empty: nothing adjusted")), true
		}
		return a.Adjust("code", id, start, end), true
	case k.Code.Active(msg):
		start, end, ok := p.selection()
		if !ok && hasSeg {
			start, end, ok = seg.Start, seg.End, true
		}
		if !ok {
			return failed(fmt.Errorf("select a span first: v, then w to extend by words")), true
		}
		doc := p.doc.ID
		p.picker = newPicker(fmt.Sprintf("Code %d-%d as", start, end), p.ctx.Codebook(), p.ctx.Recent, true, p.panelHeight()-2,
			func(id, newName string) tea.Cmd {
				if p.anchor >= 0 {
					// The cursor goes to the span's start, so the new
					// segment is the one under it.
					p.cursor = min(p.anchor, p.cursor)
				}
				p.anchor, p.adjusting = -1, ""
				if id != "" {
					p.ctx.used(id)
				} else {
					p.ctx.used(codebook.Slug(newName))
				}
				return a.Code("code", CodeAction{Doc: doc, Start: start, End: end, Code: id, NewName: newName})
			})
		p.scroll()
		return nil, true
	case k.InVivo.Active(msg):
		start, end, ok := p.selection()
		if !ok {
			return failed(fmt.Errorf("select the words first: v, then w")), true
		}
		name := strings.TrimSpace(flat(p.doc.Text[byteAt(p.doc.Text, start):byteAt(p.doc.Text, end)]))
		p.anchor = -1
		req := CodeAction{Doc: p.doc.ID, Start: start, End: end}
		if n := findByName(p.ctx.Codebook(), name); n != "" {
			req.Code = n
		} else {
			req.NewName = name
		}
		return a.Code("code", req), true
	case k.Adjust.Active(msg):
		if !hasSeg {
			return failed(fmt.Errorf("no segment under the cursor to adjust")), true
		}
		p.adjusting = seg.ID
		p.anchor = p.lay.graphemeAt(seg.Start)
		p.cursor = p.lay.graphemeAt(seg.End)
		p.scroll()
		return status("adjusting: move the end with w/b or shift+arrows, o swaps ends, enter applies"), true
	case k.Recode.Active(msg):
		if !hasSeg {
			return failed(fmt.Errorf("no segment under the cursor to recode")), true
		}
		id := seg.ID
		p.picker = newPicker("Recode "+strings.Join(seg.Codes, ", ")+" as", p.ctx.Codebook(), p.ctx.Recent, true, p.panelHeight()-2,
			func(code, newName string) tea.Cmd {
				if code != "" {
					p.ctx.used(code)
					return a.Recode("code", id, []string{code}, "")
				}
				return a.Recode("code", id, nil, newName)
			})
		return nil, true
	case k.Remove.Active(msg):
		if !hasSeg {
			return failed(fmt.Errorf("no segment under the cursor to remove")), true
		}
		p.focus = -1
		return a.Uncode("code", seg.ID), true
	case k.SegmentMemo.Active(msg):
		if !hasSeg {
			doc := p.doc.ID
			p.prompt = newPrompt("memo on "+doc, p.ctx.Coding.DocumentMemo(doc), p.mainWidth(), func(v string) tea.Cmd {
				return a.DocumentMemo("code", doc, v)
			})
			return nil, true
		}
		id := seg.ID
		p.prompt = newPrompt("memo on the segment", seg.Memo, p.mainWidth(), func(v string) tea.Cmd {
			return a.SegmentMemo("code", id, v)
		})
		return nil, true
	case k.Reviewed.Active(msg):
		return a.Review("code", p.doc.ID, !p.ctx.Coding.Reviewed(p.doc.ID)), true
	case k.Autocode.Active(msg):
		return p.startAutocode(), true
	case k.Others.Active(msg):
		if p.ctx.Mode == "codebook" {
			return failed(fmt.Errorf("blind coding: a codebook study hides other coders' work until the review phase")), true
		}
		p.showOthers = !p.showOthers
		if p.showOthers {
			return p.loadOthers(), true
		}
		p.otherFiles = nil
		p.loadSegments()
		return nil, true
	}
	return nil, false
}

// byteAt converts a code point offset into a byte offset of s.
func byteAt(s string, cp int) int {
	i := 0
	for b := range s {
		if i == cp {
			return b
		}
		i++
	}
	return len(s)
}

// findByName returns the id of the code named name (any case), or "".
func findByName(cb *codebook.Codebook, name string) string {
	for _, c := range cb.AllCodes() {
		if strings.EqualFold(c.Name, name) || c.ID == name {
			return c.ID
		}
	}
	return ""
}

// mouse: a click moves the cursor, a drag selects, the wheel scrolls.
func (p *codePage) mouse(m pageMouse) tea.Cmd {
	if !p.open || p.Typing() || p.auto != nil {
		if !p.open && p.auto == nil {
			switch m.kind {
			case mouseWheel:
				p.list.wheel(m.Mouse)
			case mouseClick:
				if i := p.list.offset + m.y - 1; m.y >= 1 && i < p.list.n {
					p.list.moveTo(i)
				}
			}
		}
		return nil
	}
	ln := p.top + m.y - 2
	inText := m.y >= 2 && m.y < 2+p.textHeight() && m.x < p.mainWidth()
	g := p.lay.at(ln, max(0, m.x-1))
	switch m.kind {
	case mouseWheel:
		if m.Button == tea.MouseWheelUp {
			p.top = max(0, p.top-1)
		} else {
			p.top = min(max(0, len(p.lay.lines)-p.textHeight()), p.top+1)
		}
	case mouseClick:
		if inText && m.Button == tea.MouseLeft {
			p.cursor, p.anchor, p.dragging = g, g, true
		}
	case mouseMotion:
		if p.dragging && inText {
			p.cursor = g
		}
	case mouseRelease:
		if p.dragging {
			p.dragging = false
			if p.anchor == p.cursor {
				p.anchor = -1
				p.focusAtCursor()
			}
		}
	}
	return nil
}

func (p *codePage) startAutocode() tea.Cmd {
	a := p.ctx.Actions
	if a.Coder == nil {
		return failed(ErrReadOnly)
	}
	p.prompt = newPrompt("autocode every hit of", "", p.mainWidth(), func(q string) tea.Cmd {
		q = strings.TrimSpace(q)
		if q == "" {
			return nil
		}
		p.picker = newPicker(fmt.Sprintf("Code the hits of %q as", q), p.ctx.Codebook(), p.ctx.Recent, true, p.panelHeight()-2,
			func(id, newName string) tea.Cmd {
				code, isNew := id, false
				if id == "" {
					code, isNew = codebook.Slug(newName), true
				}
				c, ctx := a.Coder, p.ctx
				return tea.Batch(ctx.watch(), func() tea.Msg {
					// Build the index here first, with progress in the footer.
					if _, err := ctx.Index(); err != nil {
						return planMsg{err: err}
					}
					plan, err := c.PlanAutocode(backend.AutocodeRequest{Query: q, Codes: []string{code}, Unit: codeops.UnitMatch, New: isNew}, backend.IndexOptions{})
					return planMsg{plan: plan, query: q, err: err}
				})
			})
		return nil
	})
	return nil
}

func (p *codePage) autoKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	v := p.auto
	switch {
	case v.list.navigate(msg, k) && !k.Toggle.Pressed(msg):
	case k.Toggle.Pressed(msg):
		if v.list.n > 0 {
			v.on[v.list.cursor] = !v.on[v.list.cursor]
		}
	case k.Back.Active(msg):
		p.auto = nil
	case k.Open.Active(msg):
		plan := v.chosen()
		p.auto = nil
		if len(plan.Requests) == 0 {
			return status("no hit chosen: nothing coded")
		}
		return p.ctx.Actions.Autocode("code", plan)
	}
	return nil
}

func (p *codePage) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	switch {
	case p.picker != nil:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply/create")), key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	case p.auto != nil:
		return helpOf(k.Toggle, k.Open, k.Back)
	case !p.open:
		return helpOf(k.Up, k.Down, k.Open, k.Autocode)
	case p.anchor >= 0:
		return helpOf(k.WordNext, k.WordPrev, k.SelRight, k.Code, k.InVivo, k.Back)
	}
	return helpOf(k.Select, k.WordNext, k.Code, k.Cycle, k.Recode, k.Remove, k.SegmentMemo, k.Reviewed, k.Next)
}

func (p *codePage) FullHelp() [][]key.Binding {
	k := p.ctx.Keys
	return [][]key.Binding{
		helpOf(k.Up, k.Down, k.Open, k.Back, k.Next, k.Prev),
		helpOf(k.Left, k.Right, k.WordNext, k.WordPrev, k.Select, k.SelLeft, k.SelRight),
		helpOf(k.Code, k.InVivo, k.Cycle, k.Adjust, k.Recode, k.Remove, k.SegmentMemo),
		helpOf(k.Reviewed, k.Autocode, k.Others, k.Toggle),
	}
}

func (p *codePage) View() string {
	mw := p.mainWidth()
	var main []string
	switch {
	case p.auto != nil:
		main = p.auto.view(p.ctx, mw, p.h)
	case !p.open:
		main = p.listView(mw)
	default:
		main = p.textView(mw)
	}
	main = column(main, mw, p.h)
	if mw == p.w {
		return strings.Join(main, "\n")
	}
	side := column(p.sideView(), sideWidth, p.h)
	rule := p.ctx.Styles.Rule.Render("│")
	return strings.Join(beside(rule, main, side), "\n")
}

func (p *codePage) listView(w int) []string {
	s := p.ctx.Styles
	lines := []string{s.Heading.Render("Answers") + s.Dim.Render("  enter opens · ✓ reviewed · ● coded")}
	cv := p.ctx.Coding
	lines = append(lines, p.list.rows(func(i int, sel bool) string {
		d := p.ctx.Docs[i]
		mark := "·"
		switch {
		case cv.Reviewed(d.ID):
			mark = "✓"
		case len(cv.SegmentsIn(d.ID)) > 0:
			mark = "●"
		}
		row := fmt.Sprintf("%s %-12s %s", mark, d.ID, snippet(d.Text, w))
		if sel {
			return s.Selected.Render(pad(row, w))
		}
		return cut(row, w)
	})...)
	return lines
}

// Styles of the answer text, by index.
const (
	stPlain = iota
	stSegment
	stOverlap
	stFocused
	stOther
	stSelection
	stCursor
)

func (p *codePage) textView(w int) []string {
	s := p.ctx.Styles
	d := p.doc
	mark := ""
	if p.ctx.Coding.Reviewed(d.ID) {
		mark = "  ✓ reviewed"
	}
	lines := []string{s.Bold.Render(cut(answerHeading(d), w-len(mark))) + s.Dim.Render(mark),
		s.Dim.Render(cut(p.ctx.Questions[d.Question], w))}
	l := p.lay
	cover := make([]int8, len(l.gs)+1)
	for _, sg := range p.segs {
		for g := l.graphemeAt(sg.Start); g < len(l.gs) && l.gs[g].start < sg.End; g++ {
			cover[g]++
		}
	}
	other := make([]bool, len(l.gs)+1)
	for _, segs := range p.others {
		for _, sg := range segs {
			for g := l.graphemeAt(sg.Start); g < len(l.gs) && l.gs[g].start < sg.End; g++ {
				other[g] = true
			}
		}
	}
	fa, fb := -1, -1
	if sg, ok := p.focused(); ok && p.anchor < 0 {
		fa, fb = l.graphemeAt(sg.Start), l.graphemeAt(sg.End)
		if fb < len(l.gs) && l.gs[fb].start < sg.End {
			fb++
		}
	}
	sa, sb := -1, -1
	if p.anchor >= 0 {
		sa, sb = min(p.anchor, p.cursor), max(p.anchor, p.cursor)
	}
	style := func(g int) int {
		switch {
		case g == p.cursor:
			return stCursor
		case g >= sa && g < sb:
			return stSelection
		case g >= fa && g < fb:
			return stFocused
		case cover[g] > 1:
			return stOverlap
		case cover[g] == 1:
			return stSegment
		case other[g]:
			return stOther
		}
		return stPlain
	}
	styles := []lipgloss.Style{{}, s.Segment, s.Overlap, s.Focused, s.Other, s.Selection, s.Cursor}
	for _, ln := range l.render(p.top, p.textHeight(), style, styles) {
		lines = append(lines, " "+ln)
	}
	lines = append(lines, s.Rule.Render(strings.Repeat("─", w)))
	return append(lines, p.panel(w)...)
}

// panel is the bottom of the answer view: the picker, a prompt, or the
// answer's segments.
func (p *codePage) panel(w int) []string {
	s := p.ctx.Styles
	switch {
	case p.picker != nil:
		return p.picker.view(s, w)
	case p.prompt != nil:
		return []string{p.prompt.view(s)}
	}
	if len(p.segs) == 0 {
		hint := "no segments yet: v selects, w/b extend by words, c codes"
		if m := p.ctx.Coding.DocumentMemo(p.doc.ID); m != "" {
			return []string{s.Dim.Render(hint), "memo: " + cut(flat(m), w-6)}
		}
		return []string{s.Dim.Render(hint)}
	}
	var lines []string
	first := max(0, min(p.focus, len(p.segs)-p.panelHeight()))
	for i := first; i < len(p.segs) && len(lines) < p.panelHeight(); i++ {
		sg := p.segs[i]
		row := fmt.Sprintf("%d-%d %s “%s”", sg.Start, sg.End, strings.Join(sg.Codes, ", "), quote(p.doc, sg))
		if sg.Memo != "" {
			row += "  memo: " + flat(sg.Memo)
		}
		if i == p.focus {
			lines = append(lines, s.Selected.Render(pad("▸ "+row, w)))
		} else {
			lines = append(lines, cut("  "+row, w))
		}
	}
	return lines
}

func (p *codePage) sideView() []string {
	s := p.ctx.Styles
	lines := []string{s.Heading.Render("Codes") + s.Dim.Render(" (yours)")}
	cb := p.ctx.Codebook()
	for _, c := range cb.AllCodes() {
		n := p.counts[c.ID]
		lines = append(lines, pad(cut(c.ID, sideWidth-5), sideWidth-4)+fmt.Sprintf("%4d", n))
	}
	if len(lines) == 1 {
		lines = append(lines, s.Dim.Render("no codes yet"))
	}
	return lines
}

// autocodeView previews an autocode plan: every span, each on or off.
type autocodeView struct {
	plan  *backend.AutocodePlan
	query string
	on    []bool
	list  vlist
}

func newAutocodeView(plan *backend.AutocodePlan, query string, rows int) *autocodeView {
	v := &autocodeView{plan: plan, query: query, on: make([]bool, len(plan.Requests))}
	for i := range v.on {
		v.on[i] = true
	}
	v.list.setLen(len(plan.Requests))
	v.list.setHeight(rows)
	return v
}

// chosen returns the plan with only the spans left on.
func (v *autocodeView) chosen() *backend.AutocodePlan {
	p := *v.plan
	p.Requests = nil
	seen := map[string]bool{}
	p.Documents = nil
	for i, r := range v.plan.Requests {
		if v.on[i] {
			p.Requests = append(p.Requests, r)
			if !seen[r.Doc.ID] {
				seen[r.Doc.ID] = true
				p.Documents = append(p.Documents, r.Doc.ID)
			}
		}
	}
	slices.Sort(p.Documents)
	return &p
}

func (v *autocodeView) view(ctx *Context, w, h int) []string {
	s := ctx.Styles
	n := 0
	for _, on := range v.on {
		if on {
			n++
		}
	}
	codes := ""
	if len(v.plan.Requests) > 0 {
		codes = strings.Join(v.plan.Requests[0].Codes, ", ")
	}
	lines := []string{
		s.Heading.Render(fmt.Sprintf("Autocode %q as %s", v.query, codes)),
		s.Dim.Render(fmt.Sprintf("%d spans in %d answers (%d new, %d extended, %d already coded); %d chosen", len(v.plan.Requests), len(v.plan.Documents), v.plan.Added, v.plan.Extended, v.plan.Unchanged, n)),
	}
	lines = append(lines, v.list.rows(func(i int, sel bool) string {
		r := v.plan.Requests[i]
		box := "[ ]"
		if v.on[i] {
			box = "[x]"
		}
		q := quote(r.Doc, coding.Segment{Start: r.Start, End: r.End})
		row := fmt.Sprintf("%s %s %d-%d “%s”", box, r.Doc.ID, r.Start, r.End, q)
		if sel {
			return s.Selected.Render(pad(row, w))
		}
		return cut(row, w)
	})...)
	return lines
}
