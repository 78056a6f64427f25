package tui

import (
	"bytes"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// quantPage shows every measure's Table 2 block and its patients,
// read-only; a patient's feedback answers are one key away (respondent
// ids link the two).
type quantPage struct {
	ctx  *Context
	w, h int

	results []quant.MeasureResult
	err     error
	loaded  bool
	measure int
	sc      scroller

	patients bool
	plist    vlist
	answers  []corpus.Document
	ansSc    scroller
}

type quantMsg struct {
	rs  []quant.MeasureResult
	err error
}

func newQuantPage(ctx *Context) *quantPage { return &quantPage{ctx: ctx} }

func (p *quantPage) SetSize(w, h int) {
	p.w, p.h = w, h
	p.sc.h = h - 2
	p.plist.setHeight(h - 3)
	p.ansSc.h = h - 2
	p.build()
}

func (p *quantPage) Typing() bool { return false }

func (p *quantPage) Progress() string {
	if !p.loaded {
		return "measures: reading the scores…"
	}
	if p.err != nil {
		return "measures: " + cut(p.err.Error(), 60)
	}
	return fmt.Sprintf("%d measures · tab next measure · enter lists patients and their answers", len(p.results))
}

func (p *quantPage) Refresh() tea.Cmd {
	if p.loaded {
		return nil
	}
	b := p.ctx.Study
	return func() tea.Msg {
		rs, err := b.Quant(quant.StudyOptions{})
		return quantMsg{rs: rs, err: err}
	}
}

func (p *quantPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case quantMsg:
		p.results, p.err, p.loaded = msg.rs, msg.err, true
		p.build()
	case pageMouse:
		if msg.kind == mouseWheel {
			p.sc.wheel(msg.Mouse)
		}
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	return nil
}

func (p *quantPage) current() *quant.MeasureResult {
	if p.measure < len(p.results) {
		return &p.results[p.measure]
	}
	return nil
}

func (p *quantPage) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.ctx.Keys
	m := p.current()
	switch {
	case p.answers != nil:
		if k.Back.Active(msg) {
			p.answers = nil
		} else {
			p.ansSc.key(msg, k)
		}
	case p.patients:
		switch {
		case p.plist.navigate(msg, k):
		case k.Back.Active(msg):
			p.patients = false
		case k.Open.Active(msg) && m != nil && p.plist.n > 0:
			p.openPatient(m.Patients[p.plist.cursor].ID)
		}
	case k.Focus.Active(msg), k.Right.Active(msg):
		if len(p.results) > 0 {
			p.measure = (p.measure + 1) % len(p.results)
			p.sc.top = 0
			p.build()
		}
	case k.Left.Active(msg):
		if len(p.results) > 0 {
			p.measure = (p.measure + len(p.results) - 1) % len(p.results)
			p.sc.top = 0
			p.build()
		}
	case k.Open.Active(msg) && m != nil:
		p.patients = true
		p.plist.setLen(len(m.Patients))
	default:
		p.sc.key(msg, k)
	}
	return nil
}

// openPatient lists the feedback answers of respondent id.
func (p *quantPage) openPatient(id string) {
	p.answers = []corpus.Document{}
	var lines []string
	for _, d := range p.ctx.Docs {
		if d.Respondent != id {
			continue
		}
		p.answers = append(p.answers, d)
		lines = append(lines, p.ctx.Styles.Bold.Render(cut(p.ctx.Questions[d.Question], p.w-2)))
		lines = append(lines, wrapText(d.Text, p.w-4)...)
		lines = append(lines, "")
	}
	if len(lines) == 0 {
		lines = []string{fmt.Sprintf("respondent %s has no feedback answers in this study", id)}
	}
	p.ansSc.lines, p.ansSc.top = lines, 0
	p.ansSc.clamp()
}

func (p *quantPage) build() {
	m := p.current()
	if m == nil {
		p.sc.lines = nil
		return
	}
	var buf bytes.Buffer
	if err := quant.WriteStudy(&buf, quant.FormatTable, []quant.MeasureResult{*m}); err != nil {
		p.sc.lines = []string{err.Error()}
		return
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(buf.String(), "\n"), "\n") {
		lines = append(lines, wrapText(l, p.w-2)...)
		if l == "" {
			lines = append(lines, "")
		}
	}
	p.sc.lines = lines
	p.sc.clamp()
}

func (p *quantPage) ShortHelp() []key.Binding {
	k := p.ctx.Keys
	switch {
	case p.answers != nil:
		return helpOf(k.Up, k.Down, k.Back)
	case p.patients:
		return helpOf(k.Up, k.Down, k.Open, k.Back)
	}
	return helpOf(k.Focus, k.Up, k.Down, k.Open)
}

func (p *quantPage) FullHelp() [][]key.Binding {
	k := p.ctx.Keys
	return [][]key.Binding{helpOf(k.Focus, k.Left, k.Right, k.Up, k.Down, k.PageDown, k.PageUp, k.Open, k.Back)}
}

func (p *quantPage) View() string {
	s := p.ctx.Styles
	var lines []string
	var tabs []string
	for i, r := range p.results {
		if i == p.measure {
			tabs = append(tabs, s.ActiveTab.Render(" "+r.Name+" "))
		} else {
			tabs = append(tabs, s.Tab.Render(" "+r.Name+" "))
		}
	}
	lines = append(lines, strings.Join(tabs, ""))
	m := p.current()
	switch {
	case !p.loaded:
		lines = append(lines, s.Dim.Render("reading the scores…"))
	case p.err != nil:
		lines = append(lines, wrapText(p.err.Error(), p.w)...)
	case m == nil:
		lines = append(lines, s.Dim.Render("the study has no measures"))
	case p.answers != nil:
		lines = append(lines, s.Heading.Render("Feedback of "+m.Patients[p.plist.cursor].ID))
		for _, l := range p.ansSc.view() {
			lines = append(lines, " "+l)
		}
	case p.patients:
		lines = append(lines, s.Heading.Render(m.Name+": patients")+s.Dim.Render("  enter shows the patient's feedback"),
			s.Dim.Render(fmt.Sprintf("%-8s %8s %8s %8s  %-14s %s", "id", "pre", "post", "RCI", "reliable", "clinical")))
		lines = append(lines, p.plist.rows(func(i int, sel bool) string {
			pt := m.Patients[i]
			row := fmt.Sprintf("%-8s %8.3f %8.3f %8.3f  %-14s %s", pt.ID, pt.Pre, pt.Post, pt.RCI, pt.ReliableChange, pt.ClinicalSignificance)
			if sel {
				return s.Selected.Render(pad(row, p.w))
			}
			return cut(row, p.w)
		})...)
	default:
		for _, l := range p.sc.view() {
			lines = append(lines, " "+l)
		}
	}
	return strings.Join(column(lines, p.w, p.h), "\n")
}
