package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mixeval/mixeval/thematic/index"
)

// famPage is phase 1: read every answer, as a list or one at a time;
// filter by question, attribute and read state; search with highlighted
// matches; word frequencies; memos.
type famPage struct {
	ctx  *Context
	w, h int

	list      vlist
	rows      []int // indexes into ctx.Docs that pass the filters
	questions []string
	question  int // 0: every question
	attrs     [][2]string
	attr      int // 0: any attribute
	readState int // 0 all, 1 unread, 2 read

	query     string
	hits      map[string][]index.Span // nil: no search
	searchReq int
	searching bool

	reading bool
	top     int

	words    *index.WordFrequencies
	wordsBy  int // 0 overall, else attribute names index
	wordList vlist
	showWord bool

	prompt *prompt
}

type searchMsg struct {
	req   int
	query string
	hits  map[string][]index.Span
	total int
	err   error
}

type wordsMsg struct {
	wf  *index.WordFrequencies
	err error
}

var readStates = [3]string{"all", "unread", "read"}

func newFamiliarise(ctx *Context) *famPage {
	p := &famPage{ctx: ctx}
	p.filter()
	return p
}

// facets lists the questions and attribute values to filter by, on first
// use (a pass over every answer, which start-up need not wait for).
func (p *famPage) facets() {
	if p.questions != nil {
		return
	}
	p.questions = []string{}
	qs, avs := map[string]bool{}, map[[2]string]bool{}
	for _, d := range p.ctx.Docs {
		if !qs[d.Question] {
			qs[d.Question] = true
			p.questions = append(p.questions, d.Question)
		}
		for k, v := range d.Attributes {
			if !avs[[2]string{k, v}] {
				avs[[2]string{k, v}] = true
				p.attrs = append(p.attrs, [2]string{k, v})
			}
		}
	}
	sort.Slice(p.attrs, func(i, j int) bool {
		if p.attrs[i][0] != p.attrs[j][0] {
			return p.attrs[i][0] < p.attrs[j][0]
		}
		return p.attrs[i][1] < p.attrs[j][1]
	})
}

// filter recomputes the rows that pass every filter.
func (p *famPage) filter() {
	p.rows = p.rows[:0]
	cv := p.ctx.Coding
	for i, d := range p.ctx.Docs {
		if p.question > 0 && d.Question != p.questions[p.question-1] {
			continue
		}
		if p.attr > 0 && d.Attributes[p.attrs[p.attr-1][0]] != p.attrs[p.attr-1][1] {
			continue
		}
		if p.hits != nil {
			if _, ok := p.hits[d.ID]; !ok {
				continue
			}
		}
		if p.readState > 0 && cv.IsRead(d.ID) != (p.readState == 2) {
			continue
		}
		p.rows = append(p.rows, i)
	}
	p.list.setLen(len(p.rows))
}

func (p *famPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.list.setHeight(max(3, h-2-p.previewHeight()))
	p.wordList.setHeight(h - 2)
}

func (p *famPage) previewHeight() int { return max(3, p.h/3) }

func (p *famPage) Typing() bool { return p.prompt != nil }

func (p *famPage) Progress() string {
	pr := p.ctx.Coding.Progress()
	n := len(p.ctx.Docs)
	next := "next: 2 Code, once you know the data"
	if pr.Read < n {
		next = "next: read on (enter opens, n next)"
	}
	return fmt.Sprintf("read %d/%d answers · %s", pr.Read, n, next)
}

func (p *famPage) Refresh() tea.Cmd {
	if p.readState > 0 {
		p.filter()
	}
	return nil
}

func (p *famPage) current() (int, bool) {
	if len(p.rows) == 0 {
		return 0, false
	}
	return p.rows[p.list.cursor], true
}

func (p *famPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case searchMsg:
		if msg.req != p.searchReq {
			return nil // a newer search was asked for
		}
		p.searching = false
		if msg.err != nil {
			return failed(msg.err)
		}
		p.query, p.hits = msg.query, msg.hits
		p.filter()
		p.list.moveTo(0)
		return status("%d answers match %q", msg.total, msg.query)
	case wordsMsg:
		if msg.err != nil {
			p.showWord = false
			return failed(msg.err)
		}
		p.words = msg.wf
		p.wordList.setLen(len(msg.wf.Words))
		return nil
	case pageMouse:
		if msg.kind == mouseWheel {
			if p.showWord {
				p.wordList.wheel(msg.Mouse)
			} else if !p.reading {
				p.list.wheel(msg.Mouse)
			}
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

func (p *famPage) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	if p.prompt != nil {
		cmd, closed := p.prompt.update(msg)
		if closed {
			p.prompt = nil
		}
		return cmd
	}
	if p.showWord {
		switch {
		case p.wordList.navigate(msg, k):
		case k.WordsBy.Active(msg):
			p.facets()
			p.wordsBy = (p.wordsBy + 1) % (len(p.attrNames()) + 1)
			return p.loadWords()
		case k.Back.Active(msg), k.Words.Active(msg):
			p.showWord = false
		}
		return nil
	}
	for _, b := range []Binding{k.AnswerMemo, k.StudyMemo} {
		if b.Reason != "" && b.Pressed(msg) {
			return refused(b)
		}
	}
	if p.reading {
		return p.readerKey(msg)
	}
	switch {
	case p.list.navigate(msg, k):
	case k.Open.Active(msg):
		if i, ok := p.current(); ok {
			p.reading, p.top = true, 0
			return p.ctx.Actions.MarkRead(p.ctx.Docs[i].ID)
		}
	case k.Question.Active(msg):
		p.facets()
		p.question = (p.question + 1) % (len(p.questions) + 1)
		p.filter()
	case k.Attribute.Active(msg):
		p.facets()
		p.attr = (p.attr + 1) % (len(p.attrs) + 1)
		p.filter()
	case k.ReadFilter.Active(msg):
		p.readState = (p.readState + 1) % 3
		p.filter()
	case k.ClearFilter.Active(msg):
		p.question, p.attr, p.readState, p.hits, p.query = 0, 0, 0, nil, ""
		p.filter()
	case k.Search.Active(msg):
		p.prompt = newPrompt("search", p.query, p.w, p.search)
	case k.Words.Active(msg):
		p.showWord = true
		return p.loadWords()
	default:
		return p.memoKey(msg)
	}
	return nil
}

func (p *famPage) memoKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	a := p.ctx.Actions
	switch {
	case k.AnswerMemo.Active(msg):
		i, ok := p.current()
		if !ok {
			return nil
		}
		doc := p.ctx.Docs[i].ID
		p.prompt = newPrompt("memo on "+doc, p.ctx.Coding.DocumentMemo(doc), p.w, func(v string) tea.Cmd {
			return a.DocumentMemo("familiarise", doc, v)
		})
	case k.StudyMemo.Active(msg):
		p.prompt = newPrompt("initial ideas (study memo)", p.ctx.Coding.StudyMemo(), p.w, func(v string) tea.Cmd {
			return a.StudyMemo("familiarise", v)
		})
	}
	return nil
}

func (p *famPage) readerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	switch {
	case k.Back.Active(msg):
		p.reading = false
	case k.Down.Active(msg), k.PageDown.Active(msg):
		p.top++
	case k.Up.Active(msg), k.PageUp.Active(msg):
		p.top = max(0, p.top-1)
	case k.Next.Active(msg), k.Prev.Active(msg):
		d := 1
		if k.Prev.Active(msg) {
			d = -1
		}
		p.list.move(d)
		p.top = 0
		if i, ok := p.current(); ok {
			return p.ctx.Actions.MarkRead(p.ctx.Docs[i].ID)
		}
	default:
		return p.memoKey(msg)
	}
	return nil
}

// search runs the query on the index off the UI goroutine; only the
// result of the newest search is kept.
func (p *famPage) search(q string) tea.Cmd {
	q = strings.TrimSpace(q)
	if q == "" {
		p.query, p.hits = "", nil
		p.filter()
		return nil
	}
	p.searchReq++
	p.searching = true
	req, ctx := p.searchReq, p.ctx
	return tea.Batch(ctx.watch(), func() tea.Msg {
		ix, err := ctx.Index()
		if err != nil {
			return searchMsg{req: req, err: err}
		}
		res, err := ix.Search(q, index.SearchOptions{SnippetWidth: 1})
		if err != nil {
			return searchMsg{req: req, err: err}
		}
		hits := make(map[string][]index.Span, len(res.Hits))
		for _, h := range res.Hits {
			hits[h.Doc] = h.Spans
		}
		return searchMsg{req: req, query: q, hits: hits, total: res.Total}
	})
}

func (p *famPage) attrNames() []string {
	var names []string
	for _, av := range p.attrs {
		if len(names) == 0 || names[len(names)-1] != av[0] {
			names = append(names, av[0])
		}
	}
	return names
}

func (p *famPage) loadWords() tea.Cmd {
	by := ""
	if p.wordsBy > 0 {
		by = p.attrNames()[p.wordsBy-1]
	}
	ctx := p.ctx
	return tea.Batch(ctx.watch(), func() tea.Msg {
		ix, err := ctx.Index()
		if err != nil {
			return wordsMsg{err: err}
		}
		wf, err := ix.Words(by)
		return wordsMsg{wf: wf, err: err}
	})
}

func (p *famPage) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	switch {
	case p.showWord:
		return helpOf(k.Up, k.Down, k.WordsBy, k.Back)
	case p.reading:
		return helpOf(k.Next, k.Prev, k.AnswerMemo, k.Back)
	}
	return helpOf(k.Open, k.Search, k.Question, k.Attribute, k.ReadFilter, k.Words, k.AnswerMemo, k.StudyMemo)
}

func (p *famPage) FullHelp() [][]key.Binding {
	k := p.ctx.Keys
	return [][]key.Binding{
		helpOf(k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open, k.Back, k.Next, k.Prev),
		helpOf(k.Search, k.Question, k.Attribute, k.ReadFilter, k.ClearFilter),
		helpOf(k.Words, k.WordsBy, k.AnswerMemo, k.StudyMemo),
	}
}

func (p *famPage) filters() string {
	var f []string
	if p.question > 0 {
		f = append(f, "question "+p.questions[p.question-1])
	}
	if p.attr > 0 {
		f = append(f, p.attrs[p.attr-1][0]+" "+p.attrs[p.attr-1][1])
	}
	if p.readState > 0 {
		f = append(f, readStates[p.readState])
	}
	if p.hits != nil {
		f = append(f, fmt.Sprintf("search %q", p.query))
	}
	if p.searching {
		f = append(f, "searching…")
	}
	if len(f) == 0 {
		return "all answers"
	}
	return strings.Join(f, " · ")
}

func (p *famPage) View() string {
	var lines []string
	switch {
	case p.showWord:
		lines = p.wordsView()
	case p.reading:
		lines = p.readerView()
	default:
		lines = p.listView()
	}
	if p.prompt != nil {
		lines = column(lines, p.w, p.h-1)
		lines = append(lines, p.prompt.view(p.ctx.Styles))
	}
	return strings.Join(column(lines, p.w, p.h), "\n")
}

func (p *famPage) listView() []string {
	s := p.ctx.Styles
	cv := p.ctx.Coding
	lines := []string{s.Heading.Render(fmt.Sprintf("Answers (%d)", len(p.rows))) + " " + s.Dim.Render(p.filters()+" · ● read")}
	lines = append(lines, p.list.rows(func(i int, sel bool) string {
		d := p.ctx.Docs[p.rows[i]]
		mark := "○"
		if cv.IsRead(d.ID) {
			mark = "●"
		}
		row := fmt.Sprintf("%s %-12s %s", mark, d.ID, snippet(d.Text, p.w))
		if sel {
			return s.Selected.Render(pad(row, p.w))
		}
		return cut(row, p.w)
	})...)
	lines = append(lines, s.Rule.Render(strings.Repeat("─", p.w)))
	if i, ok := p.current(); ok {
		lines = append(lines, p.answerLines(i, 0, p.previewHeight())...)
	}
	return lines
}

// answerLines draws an answer's text wrapped, with search matches
// highlighted, from display line top.
func (p *famPage) answerLines(i, top, n int) []string {
	s := p.ctx.Styles
	d := p.ctx.Docs[i]
	l := newTextLayout(d.Text, p.w-2)
	hit := make([]bool, len(l.gs)+1)
	for _, sp := range p.hits[d.ID] {
		for g := l.graphemeAt(sp.Start); g < len(l.gs) && l.gs[g].start < sp.End; g++ {
			hit[g] = true
		}
	}
	style := func(g int) int {
		if hit[g] {
			return 1
		}
		return 0
	}
	var out []string
	for _, ln := range l.render(min(top, max(0, len(l.lines)-1)), n, style, []lipgloss.Style{{}, s.Hit}) {
		out = append(out, " "+ln)
	}
	return out
}

func (p *famPage) readerView() []string {
	s := p.ctx.Styles
	i, ok := p.current()
	if !ok {
		return []string{s.Dim.Render("no answer")}
	}
	d := p.ctx.Docs[i]
	mark := "○ unread"
	if p.ctx.Coding.IsRead(d.ID) {
		mark = "● read"
	}
	lines := []string{
		s.Bold.Render(cut(answerHeading(d), p.w-20)) + "  " + s.Dim.Render(fmt.Sprintf("%s · %d/%d", mark, p.list.cursor+1, len(p.rows))),
		s.Dim.Render(cut(p.ctx.Questions[d.Question], p.w)),
		"",
	}
	memoLines := 0
	memo := p.ctx.Coding.DocumentMemo(d.ID)
	if memo != "" {
		memoLines = 2
	}
	lines = append(lines, p.answerLines(i, p.top, p.h-3-memoLines)...)
	if memo != "" {
		lines = append(lines, s.Rule.Render(strings.Repeat("─", p.w)), "memo: "+cut(flat(memo), p.w-6))
	}
	return lines
}

func (p *famPage) wordsView() []string {
	s := p.ctx.Styles
	if p.words == nil {
		return []string{s.Heading.Render("Word frequencies"), s.Dim.Render("counting (the index is built first if need be)…")}
	}
	wf := p.words
	head := fmt.Sprintf("%-20s %7s %6s", "word", "times", "answers")
	for _, v := range wf.Values {
		head += fmt.Sprintf(" %8s", cut(v, 8))
	}
	title := "Word frequencies"
	if wf.By != "" {
		title += " by " + wf.By
	}
	lines := []string{s.Heading.Render(title) + s.Dim.Render("  (b: by attribute)"), s.Dim.Render(cut(head, p.w))}
	lines = append(lines, p.wordList.rows(func(i int, sel bool) string {
		w := wf.Words[i]
		row := fmt.Sprintf("%-20s %7d %6d", cut(w.Word, 20), w.Occurrences, w.Documents)
		for _, v := range wf.Values {
			row += fmt.Sprintf(" %8d", w.By[v].Occurrences)
		}
		if sel {
			return s.Selected.Render(pad(row, p.w))
		}
		return cut(row, p.w)
	})...)
	return lines
}
