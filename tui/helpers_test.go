package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mixeval/mixeval/backend"
	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/study"
)

// sampleStudy copies the bundled sample study (39 answers; coders alice
// and bob; 8 themes and subthemes, 12 codes) and opens it.
func sampleStudy(t testing.TB) *backend.Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := study.InitFromFS(dir, sampledata.FS()); err != nil {
		t.Fatal(err)
	}
	b, err := backend.Open(dir, backend.Options{Who: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// driver runs a Model as the program would, without a terminal: each
// message goes to Update, and the commands it returns are run at once,
// their messages fed back in, so that a test sees the state after all the
// work a key started. Timers are off (Options with negative durations).
type driver struct {
	t     testing.TB
	m     *Model
	quit  bool
	depth int
}

func newDriver(t testing.TB, b *backend.Study, coder string) *driver {
	t.Helper()
	m, err := New(b, Options{Coder: coder, IdleFold: -1, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	d := &driver{t: t, m: m}
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.run(m.Init())
	return d
}

func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > 200 {
		d.t.Fatalf("messages keep making messages (last %T): a timer loop?", msg)
	}
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case tea.QuitMsg:
		d.quit = true
	default:
		d.send(msg)
	}
}

// key builds the message a terminal sends for a key named as bindings
// name it ("enter", "shift+right", "ctrl+r", "v", "G").
func keyMsg(name string) tea.KeyPressMsg {
	special := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"space": tea.KeySpace, "backspace": tea.KeyBackspace, "home": tea.KeyHome, "end": tea.KeyEnd}
	var mod tea.KeyMod
	base := name
	if b, ok := strings.CutPrefix(name, "shift+"); ok {
		mod, base = tea.ModShift, b
	}
	if b, ok := strings.CutPrefix(name, "ctrl+"); ok {
		mod, base = tea.ModCtrl, b
	}
	if r, ok := special[base]; ok {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	r, _ := utf8.DecodeRuneInString(base)
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: base}
}

func (d *driver) keys(names ...string) {
	d.t.Helper()
	for _, n := range names {
		d.send(keyMsg(n))
	}
}

func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is the view as plain text.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

func (d *driver) mustShow(text string) {
	d.t.Helper()
	if !strings.Contains(d.screen(), text) {
		d.t.Fatalf("the screen lacks %q:\n%s", text, d.screen())
	}
}

func TestKeyNames(t *testing.T) {
	for _, n := range []string{"enter", "esc", "shift+right", "ctrl+r", "v", "G", "space", "?"} {
		if got := keyMsg(n).String(); got != n {
			t.Errorf("keyMsg(%q).String() = %q", n, got)
		}
	}
}
