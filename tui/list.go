package tui

import (
	tea "charm.land/bubbletea/v2"
)

// vlist is the cursor and scroll of a list that draws only its visible
// rows: bubbles/list took over a second per key at 100,000 items.
type vlist struct {
	n, cursor, offset, height int
}

func (l *vlist) setLen(n int) {
	l.n = n
	l.clamp()
}

func (l *vlist) setHeight(h int) {
	l.height = max(1, h)
	l.clamp()
}

func (l *vlist) move(d int) {
	l.cursor += d
	l.clamp()
}

func (l *vlist) moveTo(i int) {
	l.cursor = i
	l.clamp()
}

func (l *vlist) clamp() {
	if l.cursor >= l.n {
		l.cursor = l.n - 1
	}
	if l.cursor < 0 {
		l.cursor = 0
	}
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.height > 0 && l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	if l.offset > max(0, l.n-l.height) {
		l.offset = max(0, l.n-l.height)
	}
	if l.offset < 0 {
		l.offset = 0
	}
}

// navigate moves the cursor for a list key and reports whether msg was one.
func (l *vlist) navigate(msg tea.KeyPressMsg, k *KeyMap) bool {
	switch {
	case k.Up.Active(msg):
		l.move(-1)
	case k.Down.Active(msg):
		l.move(1)
	case k.PageUp.Active(msg):
		l.move(-l.height)
	case k.PageDown.Active(msg):
		l.move(l.height)
	case k.Top.Active(msg):
		l.moveTo(0)
	case k.Bottom.Active(msg):
		l.moveTo(l.n - 1)
	default:
		return false
	}
	return true
}

// wheel scrolls the list for a mouse wheel message.
func (l *vlist) wheel(m tea.Mouse) {
	switch m.Button {
	case tea.MouseWheelUp:
		l.move(-3)
	case tea.MouseWheelDown:
		l.move(3)
	}
}

// rows draws the visible rows, padding with empty ones.
func (l *vlist) rows(row func(i int, selected bool) string) []string {
	out := make([]string, 0, l.height)
	for i := l.offset; i < l.offset+l.height; i++ {
		if i >= l.n {
			out = append(out, "")
			continue
		}
		out = append(out, row(i, i == l.cursor))
	}
	return out
}
