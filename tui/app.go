package tui

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

var (
	phaseNames = [7]string{"Familiarise", "Code", "Themes", "Review", "Define", "Write up", "Quant"}
	phaseKeys  = [7]string{"1", "2", "3", "4", "5", "6", "7"}
)

// Phase numbers, as the tabs show them less one.
const (
	PhaseFamiliarise = iota
	PhaseCode
	PhaseThemes
	PhaseReview
	PhaseDefine
	PhaseWriteUp
	PhaseQuant
)

// page is one phase: it updates on messages, draws itself as a string of
// exactly its size, and says its keys and its progress.
type page interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Progress is the phase's progress and what to do next, for the header.
	Progress() string
	// Typing is true while a field has the keyboard.
	Typing() bool
	// Refresh re-reads what the page shows after a change to the study.
	Refresh() tea.Cmd
}

// Options say how the UI starts.
type Options struct {
	// Coder names who is coding; empty asks.
	Coder string
	// IdleFold is how long the coder must be idle before the journal is
	// folded into coding/<coder>.yaml (3 s when 0, never when negative).
	IdleFold time.Duration
	// Poll is how often the UI looks for changes other processes made to
	// the codebook (2 s when 0, never when negative).
	Poll time.Duration
	// Phase is the phase shown first.
	Phase int
	// Version is mixeval's version, printed in a report written from the
	// Write up phase.
	Version string
}

// mouseKind says what a mouse message reports.
type mouseKind int

const (
	mouseClick mouseKind = iota
	mouseMotion
	mouseRelease
	mouseWheel
)

// pageMouse is a mouse message in page coordinates (the header's lines
// taken off), sent to the focused page only.
type pageMouse struct {
	kind mouseKind
	x, y int
	tea.Mouse
}

func toPageMouse(msg tea.MouseMsg) pageMouse {
	m := msg.Mouse()
	pm := pageMouse{x: m.X, y: m.Y - headerLines, Mouse: m}
	switch msg.(type) {
	case tea.MouseClickMsg:
		pm.kind = mouseClick
	case tea.MouseMotionMsg:
		pm.kind = mouseMotion
	case tea.MouseReleaseMsg:
		pm.kind = mouseRelease
	case tea.MouseWheelMsg:
		pm.kind = mouseWheel
	}
	return pm
}

// statusMsg shows a line in the footer.
type statusMsg struct {
	text string
	err  bool
}

func status(format string, args ...any) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: fmt.Sprintf(format, args...)} }
}

func failed(err error) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: err.Error(), err: true} }
}

type idleMsg struct{ seq int }

// fileStamp identifies a version of a file by size and time (empty when
// it does not exist).
func fileStamp(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	return fmt.Sprint(fi.Size(), fi.ModTime().UnixNano())
}

// codingMsg is the coder's coding read again from disk (read-only mode
// follows the other mixeval's work this way).
type codingMsg struct {
	f   *coding.File
	err error
}

func (m *Model) rereadCoding() tea.Cmd {
	b, name := m.ctx.Study, m.ctx.Name
	l := b.Layout()
	stamp := fileStamp(l.CoderFile(name)) + "|" + fileStamp(l.Journal(name))
	if stamp == m.codingStamp {
		return nil
	}
	m.codingStamp = stamp
	return func() tea.Msg {
		f, err := b.ReadCoding(name)
		return codingMsg{f: f, err: err}
	}
}

type pollMsg struct{}
type openedMsg struct {
	o   *opened
	err error
}

// Model is the root of the UI: it owns a page per phase, routes messages
// and draws the header and footer around the focused page.
type Model struct {
	ctx     *Context
	opt     Options
	pages   [7]page
	active  int
	width   int
	height  int
	help    help.Model
	showAll bool

	status    string
	statusErr bool
	notice    string
	quitAsk   bool
	actionSeq int
	lastCB    *codebook.Codebook
	chooser   *chooser
	coder     *backend.Coder
	// codingStamp is the coder's file and journal as a read-only UI last
	// read them.
	codingStamp string
}

// New builds the UI on a study. With opt.Coder set the coding is opened at
// once (errors are returned); otherwise Init asks who is coding.
func New(b *backend.Study, opt Options) (*Model, error) {
	if opt.IdleFold == 0 {
		opt.IdleFold = 3 * time.Second
	}
	if opt.Poll == 0 {
		opt.Poll = 2 * time.Second
	}
	// The documents and the coder's coding are read side by side: each
	// takes about half a second at 100,000 answers.
	type loaded struct {
		docs []corpus.Document
		err  error
	}
	docsCh := make(chan loaded, 1)
	go func() {
		docs, err := b.Documents()
		docsCh <- loaded{docs, err}
	}()
	var o *opened
	var oerr error
	if opt.Coder != "" {
		o, oerr = openCoding(b, opt.Coder)
	}
	ld := <-docsCh
	if err := errors.Join(ld.err, oerr); err != nil {
		if o != nil && o.coder != nil {
			o.coder.Close()
		}
		return nil, err
	}
	docs := ld.docs
	ctx := &Context{Styles: NewStyles(true), Keys: DefaultKeyMap(), Study: b, Docs: docs, Version: opt.Version,
		docAt: make(map[string]int, len(docs)), Title: b.Manifest().Manifest.Title, Mode: b.Mode()}
	for i, d := range docs {
		ctx.docAt[d.ID] = i
	}
	ctx.Questions = map[string]string{}
	for _, src := range b.Manifest().Manifest.Sources {
		for _, q := range src.Questions {
			ctx.Questions[q.Label] = q.Text
		}
	}
	m := &Model{ctx: ctx, opt: opt, help: help.New(), active: opt.Phase, width: 80, height: 24}
	if opt.Coder == "" {
		coders, err := b.Coders()
		if err != nil {
			return nil, err
		}
		m.chooser = newChooser(ctx, coders)
		return m, nil
	}
	m.start(o)
	return m, nil
}

// start builds the pages once the coding is open.
func (m *Model) start(o *opened) {
	c := m.ctx
	c.Name, c.Coding, c.ReadOnly = o.name, o.view, o.readOnly
	m.coder = o.coder
	c.Actions = NewActions(c.Study, o.coder)
	if o.readOnly != "" {
		c.Keys.DisableEditing(o.readOnly)
	}
	m.notice = o.notice
	m.pages = [7]page{
		newFamiliarise(c), newCodePage(c), newThemesPage(c), newReviewPage(c),
		newDefinePage(c), newWriteUpPage(c), newQuantPage(c),
	}
	m.lastCB = c.Codebook()
	m.chooser = nil
	m.resize()
}

// Close waits for changes being written, folds the journal and releases
// the coder's lock and the index. Run calls it; tests that build a Model
// with New call it themselves.
func (m *Model) Close() error {
	if m.ctx.Actions != nil {
		m.ctx.Actions.Close()
	}
	m.ctx.Close()
	if m.coder != nil {
		err := m.coder.Close()
		m.coder = nil
		return err
	}
	return nil
}

// Init starts the background watch for codebook changes and each page's
// first load.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, m.poll()}
	if m.chooser == nil {
		cmds = append(cmds, m.refreshAll())
	}
	return tea.Batch(cmds...)
}

func (m *Model) poll() tea.Cmd {
	if m.opt.Poll < 0 {
		return nil
	}
	return tea.Tick(m.opt.Poll, func(time.Time) tea.Msg { return pollMsg{} })
}

func (m *Model) refreshAll() tea.Cmd {
	var cmds []tea.Cmd
	for _, p := range m.pages {
		if p != nil {
			cmds = append(cmds, p.Refresh())
		}
	}
	return tea.Batch(cmds...)
}

const headerLines, footerLines = 3, 2

func (m *Model) resize() {
	m.ctx.Width, m.ctx.Height = m.width, max(1, m.height-headerLines-footerLines)
	m.help.SetWidth(m.width)
	for _, p := range m.pages {
		if p != nil {
			p.SetSize(m.ctx.Width, m.ctx.Height)
		}
	}
	if m.chooser != nil {
		m.chooser.list.setHeight(m.ctx.Height - 3)
	}
}

// Update routes a message: size to every page, keys to the focused page
// unless they are global, results to the pages (each keeps what it asked
// for).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		*m.ctx.Styles = *NewStyles(msg.IsDark())
		return m, nil
	case statusMsg:
		m.status, m.statusErr = msg.text, msg.err
		return m, nil
	case openedMsg:
		if msg.err != nil {
			m.status, m.statusErr = msg.err.Error(), true
			return m, nil
		}
		m.start(msg.o)
		return m, m.refreshAll()
	case idleMsg:
		if msg.seq == m.actionSeq && m.ctx.Actions.Pending() == 0 {
			return m, m.ctx.Actions.Save()
		}
		return m, nil
	case pollMsg:
		cmds := []tea.Cmd{m.poll()}
		if m.chooser == nil {
			if cb := m.ctx.Codebook(); cb != m.lastCB {
				m.lastCB = cb
				cmds = append(cmds, m.refreshAll())
			}
			if m.ctx.ReadOnly != "" {
				cmds = append(cmds, m.rereadCoding())
			}
		}
		return m, tea.Batch(cmds...)
	case codingMsg:
		if msg.err == nil {
			m.ctx.Coding = newFileView(msg.f)
			return m, m.refreshAll()
		}
		return m, nil
	case ActionMsg:
		return m, m.actionDone(msg)
	case workTickMsg:
		if m.ctx.indexing.Load() {
			return m, m.ctx.watch()
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		if m.chooser != nil || m.showAll {
			return m, nil
		}
		if c, ok := msg.(tea.MouseClickMsg); ok && c.Y == 1 && !m.pages[m.active].Typing() {
			if i := tabAt(c.X); i >= 0 {
				m.active = i
				return m, m.pages[i].Refresh()
			}
		}
		return m, m.pages[m.active].Update(toPageMouse(msg))
	}
	if m.chooser != nil {
		return m, m.chooser.update(msg)
	}
	return m, m.broadcast(msg)
}

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, p := range m.pages {
		if p != nil {
			cmds = append(cmds, p.Update(msg))
		}
	}
	return tea.Batch(cmds...)
}

func (m *Model) actionDone(msg ActionMsg) tea.Cmd {
	switch {
	case msg.Err != nil:
		m.status, m.statusErr = msg.Err.Error(), true
	case msg.Origin == "save" || msg.Origin == "read":
	default:
		m.status, m.statusErr = msg.What, false
	}
	var cmds []tea.Cmd
	if m.quitAsk && m.ctx.Actions.Pending() == 0 {
		m.quitAsk = false
		m.status, m.statusErr = "", false
	}
	if msg.Origin != "save" && msg.Err == nil && m.opt.IdleFold > 0 {
		m.actionSeq++
		seq := m.actionSeq
		cmds = append(cmds, tea.Tick(m.opt.IdleFold, func(time.Time) tea.Msg { return idleMsg{seq} }))
	}
	cmds = append(cmds, m.broadcast(msg))
	if msg.Changed && msg.Origin != "read" {
		m.lastCB = m.ctx.Codebook()
		cmds = append(cmds, m.refreshAll())
	}
	return tea.Batch(cmds...)
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.ctx.Keys
	if m.chooser != nil {
		if msg.String() == "ctrl+c" {
			return tea.Quit
		}
		return m.chooser.update(msg)
	}
	if m.showAll {
		m.showAll = false
		return nil
	}
	if m.quitAsk {
		switch msg.String() {
		case "y", "q":
			return tea.Quit
		case "n", "esc":
			m.quitAsk = false
			m.status = ""
		}
		return nil
	}
	p := m.pages[m.active]
	if msg.String() == "ctrl+c" {
		return tea.Quit
	}
	if p.Typing() {
		return p.Update(msg)
	}
	for i, b := range k.Phases {
		if b.Active(msg) {
			m.active = i
			m.status = ""
			return p.Refresh()
		}
	}
	switch {
	case k.Quit.Active(msg):
		if m.ctx.Actions.Pending() > 0 {
			m.quitAsk = true
			m.status, m.statusErr = "a change is being written: quit once it is saved? (y/n)", false
			return nil
		}
		return tea.Quit
	case k.Help.Active(msg):
		m.showAll = true
		return nil
	case k.Undo.Pressed(msg) || k.Redo.Pressed(msg):
		redo := k.Redo.Pressed(msg)
		b := k.Undo
		if redo {
			b = k.Redo
		}
		if b.Reason != "" {
			return refused(b)
		}
		if redo {
			return m.ctx.Actions.Redo()
		}
		return m.ctx.Actions.Undo()
	}
	return p.Update(msg)
}

// View draws the header, the focused page (or the full help) and the
// footer. Only the root returns a tea.View.
func (m *Model) View() tea.View {
	var b strings.Builder
	if m.chooser != nil {
		b.WriteString(m.chooser.view(m.width, m.height))
	} else {
		b.WriteString(m.header())
		b.WriteByte('\n')
		if m.showAll {
			b.WriteString(strings.Join(column(strings.Split(m.help.FullHelpView(m.fullHelp()), "\n"), m.width, m.ctx.Height), "\n"))
		} else {
			b.WriteString(m.pages[m.active].View())
		}
		b.WriteByte('\n')
		b.WriteString(m.footer())
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "mixeval · " + m.ctx.Title
	return v
}

func (m *Model) header() string {
	s := m.ctx.Styles
	left := " " + s.Title.Render(m.ctx.Title)
	right := s.Coder.Render("coder " + m.ctx.Name)
	if m.ctx.ReadOnly != "" {
		right = s.Banner.Render(" READ-ONLY ") + " " + right
	}
	line1 := pad(left, m.width-cellWidth(right)-1) + right + " "
	var tabs strings.Builder
	tabs.WriteByte(' ')
	for i, name := range phaseNames {
		t := phaseKeys[i] + " " + name
		if i == m.active {
			tabs.WriteString(s.ActiveTab.Render(" " + t + " "))
		} else {
			tabs.WriteString(s.Tab.Render(" " + t + " "))
		}
	}
	line3 := " " + s.Progress.Render(m.pages[m.active].Progress())
	return pad(line1, m.width) + "\n" + pad(tabs.String(), m.width) + "\n" + pad(line3, m.width)
}

func (m *Model) footer() string {
	s := m.ctx.Styles
	var line string
	switch {
	case m.status != "" && m.statusErr:
		line = s.Error.Render(m.status)
	case m.status != "":
		line = s.Notice.Render(m.status)
	case m.notice != "":
		line = s.Notice.Render(m.notice)
	case m.ctx.ReadOnly != "":
		line = s.Banner.Render(m.ctx.ReadOnly)
	}
	if m.ctx.indexing.Load() {
		line = s.Dim.Render(fmt.Sprintf("building the search index: %d of %d answers… ", m.ctx.indexDone.Load(), m.ctx.indexAll.Load())) + line
	}
	if n := m.ctx.Actions.Pending(); n > 0 {
		line = s.Dim.Render(fmt.Sprintf("writing %d change(s)… ", n)) + line
	}
	keys := m.pages[m.active].ShortHelp()
	keys = append(keys, m.ctx.Keys.Undo.Help(), m.ctx.Keys.Help.Help(), m.ctx.Keys.Quit.Help())
	return pad(" "+line, m.width) + "\n" + pad(" "+m.help.ShortHelpView(keys), m.width)
}

func (m *Model) fullHelp() [][]key.Binding {
	k := m.ctx.Keys
	groups := m.pages[m.active].FullHelp()
	var phases []key.Binding
	for _, b := range k.Phases {
		phases = append(phases, b.Help())
	}
	return append(groups, phases, helpOf(k.Undo, k.Redo, k.Focus, k.Back, k.Help, k.Quit))
}

// tabAt returns the phase whose tab holds column x of the tab line, or -1.
func tabAt(x int) int {
	col := 1
	for i, name := range phaseNames {
		w := len(phaseKeys[i]) + 1 + len(name) + 2
		if x >= col && x < col+w {
			return i
		}
		col += w
	}
	return -1
}

// Active returns the phase shown.
func (m *Model) Active() int { return m.active }

// Status returns the footer's message and whether it is an error.
func (m *Model) Status() (string, bool) { return m.status, m.statusErr }

// Run runs the UI in the terminal until the user quits, then closes the
// coding (folding its journal). NO_COLOR (any value) gives a plain screen:
// no colours, only reverse and underline.
func Run(b *backend.Study, opt Options) error {
	m, err := New(b, opt)
	if err != nil {
		return err
	}
	var popts []tea.ProgramOption
	if os.Getenv("NO_COLOR") != "" {
		popts = append(popts, tea.WithColorProfile(colorprofile.Ascii))
	}
	_, err = tea.NewProgram(m, popts...).Run()
	return errors.Join(err, m.Close())
}
