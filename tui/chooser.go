package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// chooser asks who is coding when no coder was named: the study's coders,
// and a new name.
type chooser struct {
	ctx    *Context
	coders []string
	list   vlist
	prompt *prompt
}

func newChooser(ctx *Context, coders []string) *chooser {
	c := &chooser{ctx: ctx, coders: coders}
	c.list.setLen(len(coders) + 1)
	c.list.setHeight(10)
	return c
}

func (c *chooser) open(name string) tea.Cmd {
	b := c.ctx.Study
	return func() tea.Msg {
		o, err := openCoding(b, name)
		return openedMsg{o: o, err: err}
	}
}

func (c *chooser) update(msg tea.Msg) tea.Cmd {
	if c.prompt != nil {
		cmd, closed := c.prompt.update(msg)
		if closed {
			c.prompt = nil
		}
		return cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case c.list.navigate(k, c.ctx.Keys):
	case k.String() == "enter":
		if c.list.cursor < len(c.coders) {
			return c.open(c.coders[c.list.cursor])
		}
		c.prompt = newPrompt("new coder's name", "", 40, func(v string) tea.Cmd {
			return c.open(strings.TrimSpace(v))
		})
	case k.String() == "q" || k.String() == "esc":
		return tea.Quit
	}
	return nil
}

func (c *chooser) view(w, h int) string {
	s := c.ctx.Styles
	lines := []string{" " + s.Title.Render(c.ctx.Title), "", " " + s.Bold.Render("Who is coding?"), ""}
	for _, r := range c.list.rows(func(i int, sel bool) string {
		name := "new coder…"
		if i < len(c.coders) {
			name = c.coders[i]
		}
		if sel {
			return " " + s.Selected.Render("▸ "+name)
		}
		return "   " + name
	}) {
		lines = append(lines, r)
	}
	if c.prompt != nil {
		lines = append(lines, "", " "+c.prompt.view(s))
	}
	lines = append(lines, "", s.Dim.Render(" ↑/↓ choose · enter open · q quit"))
	return strings.Join(column(lines, w, h), "\n")
}
