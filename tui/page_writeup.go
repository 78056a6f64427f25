package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/study"
)

// scroller is a scrollable block of lines.
type scroller struct {
	lines  []string
	top, h int
}

func (s *scroller) key(msg tea.KeyPressMsg, k *KeyMap) bool {
	switch {
	case k.Down.Active(msg):
		s.top++
	case k.Up.Active(msg):
		s.top--
	case k.PageDown.Active(msg):
		s.top += s.h
	case k.PageUp.Active(msg):
		s.top -= s.h
	case k.Top.Active(msg):
		s.top = 0
	case k.Bottom.Active(msg):
		s.top = len(s.lines)
	default:
		return false
	}
	s.clamp()
	return true
}

func (s *scroller) clamp() {
	s.top = max(0, min(s.top, len(s.lines)-s.h))
}

func (s *scroller) wheel(m tea.Mouse) {
	if m.Button == tea.MouseWheelUp {
		s.top -= 3
	} else if m.Button == tea.MouseWheelDown {
		s.top += 3
	}
	s.clamp()
}

func (s *scroller) view() []string {
	end := min(len(s.lines), s.top+s.h)
	if s.top >= end {
		return nil
	}
	return s.lines[s.top:end]
}

// writeUpPage is phase 6: the qualitative results as the report will show
// them: themes, definitions, pinned quotes and counts.
type writeUpPage struct {
	ctx  *Context
	w, h int
	sc   scroller

	tally    codebook.Tally
	tallyReq int
}

func newWriteUpPage(ctx *Context) *writeUpPage { return &writeUpPage{ctx: ctx} }

func (p *writeUpPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.sc.h = h - 1
	p.build()
}

func (p *writeUpPage) Typing() bool { return false }

func (p *writeUpPage) Progress() string {
	cb := p.ctx.Codebook()
	quotes := 0
	cb.Walk(func(n, _ *codebook.Node) bool {
		quotes += len(n.Exemplars)
		return true
	})
	return fmt.Sprintf("%d themes · %d pinned quotes · the report shows the themes as below", len(cb.Themes), quotes)
}

func (p *writeUpPage) Refresh() tea.Cmd {
	p.tallyReq++
	p.build()
	return loadTally(p.ctx, "writeup", p.tallyReq)
}

func (p *writeUpPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tallyMsg:
		if msg.origin == "writeup" && msg.req == p.tallyReq && msg.err == nil {
			p.tally = msg.tally
			p.build()
		}
	case pageMouse:
		if msg.kind == mouseWheel {
			p.sc.wheel(msg.Mouse)
		}
	case writtenMsg:
		if msg.err != nil {
			return failed(writeAdvice(msg.err))
		}
		note := ""
		if msg.w.Redacted > 0 {
			note = fmt.Sprintf(" (%d finding(s) of personal data redacted)", msg.w.Redacted)
		}
		return status("wrote %s%s", msg.w.Path, note)
	case tea.KeyPressMsg:
		k := p.ctx.Keys
		switch {
		case k.ExportThemes.Active(msg):
			return writeOut(func() (*backend.Written, error) { return p.ctx.Study.WriteThemes("themes.md") }, "themes.md")
		case k.WriteReport.Active(msg):
			v := p.ctx.Version
			return writeOut(func() (*backend.Written, error) { return p.ctx.Study.WriteReport("report.html", v) }, "report.html")
		}
		p.sc.key(msg, p.ctx.Keys)
	}
	return nil
}

// writtenMsg carries the result of writing an export from the UI.
type writtenMsg struct {
	w   *backend.Written
	err error
}

// writeOut runs an export off the UI goroutine, saying what it writes.
func writeOut(write func() (*backend.Written, error), name string) tea.Cmd {
	return tea.Batch(status("writing %s…", name), func() tea.Msg {
		w, err := write()
		return writtenMsg{w: w, err: err}
	})
}

// writeAdvice words a blocked export for the UI: the findings are decided
// on the command line, where their text can be read.
func writeAdvice(err error) error {
	var blocked *export.BlockedError
	if errors.As(err, &blocked) {
		return fmt.Errorf("%d finding(s) of personal data have no decision, so nothing was written: run 'mixeval privacy scan' and decide them", len(blocked.Findings))
	}
	return err
}

// countsOf says how many respondents and answers a node covers, in the
// consensus when there is one, else in this coder's coding.
func (p *writeUpPage) countsOf(id string) string {
	by := p.ctx.Name
	for _, c := range p.tally.Coders {
		if c == study.ConsensusCoder {
			by = c
		}
	}
	c := p.tally.Counts[id][by]
	return fmt.Sprintf("%d respondents, %d answers, %d extracts (%s)", c.Respondents, c.Documents, c.Segments, by)
}

func (p *writeUpPage) build() {
	s := p.ctx.Styles
	cb := p.ctx.Codebook()
	w := max(20, p.w-2)
	var out []string
	add := func(indent, text string, style func(...string) string) {
		for _, l := range wrapText(text, w-len(indent)) {
			if style != nil {
				l = style(l)
			}
			out = append(out, indent+l)
		}
	}
	if len(cb.Themes) == 0 {
		add("", "No themes yet: group your codes into themes in 3 Themes, and define them in 5 Define.", s.Dim.Render)
	}
	var node func(n *codebook.Node, depth int)
	node = func(n *codebook.Node, depth int) {
		indent := strings.Repeat("  ", depth)
		if n.Kind == codebook.Code {
			add(indent, "· "+n.Name+" ["+n.ID+"]", nil)
			return
		}
		out = append(out, "")
		add(indent, n.Name, s.Heading.Render)
		add(indent, p.countsOf(n.ID), s.Dim.Render)
		if n.Definition != "" {
			add(indent, n.Definition, nil)
		}
		if n.Concept != "" {
			add(indent, "Central organising concept: "+n.Concept, nil)
		}
		for _, e := range n.Exemplars {
			d, _ := p.ctx.Doc(e.Document)
			add(indent+"  ", fmt.Sprintf("“%s” (%s)", quoteSpan(d, e.Start, e.End), answerHeading(d)), s.Other.Render)
		}
		for _, c := range n.Subthemes {
			node(c, depth+1)
		}
		for _, c := range n.Codes {
			node(c, depth+1)
		}
	}
	for _, t := range cb.Themes {
		node(t, 0)
	}
	if len(cb.Codes) > 0 {
		out = append(out, "")
		add("", fmt.Sprintf("%d codes are in no theme and are left out of the report.", len(cb.Codes)), s.Dim.Render)
	}
	out = append(out, "")
	add("", "Export: e writes themes.md (the themes with every quote) and R writes report.html (the combined evaluation report) in the study folder, each through the personal-data check that every export passes.", s.Dim.Render)
	p.sc.lines = out
	p.sc.clamp()
}

func (p *writeUpPage) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	return helpOf(k.ExportThemes, k.WriteReport, k.Up, k.Down, k.PageDown, k.PageUp)
}

func (p *writeUpPage) FullHelp() [][]key.Binding {
	k := p.ctx.Keys
	return [][]key.Binding{helpOf(k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom), helpOf(k.ExportThemes, k.WriteReport)}
}

func (p *writeUpPage) View() string {
	s := p.ctx.Styles
	lines := []string{s.Heading.Render("Results: themes") + s.Dim.Render(fmt.Sprintf("  lines %d-%d of %d", p.sc.top+1, min(len(p.sc.lines), p.sc.top+p.sc.h), len(p.sc.lines)))}
	for _, l := range p.sc.view() {
		lines = append(lines, " "+l)
	}
	return strings.Join(column(lines, p.w, p.h), "\n")
}
