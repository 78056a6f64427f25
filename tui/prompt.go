package tui

import (
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// prompt is a one-line field with a label; enter hands the value to done,
// esc cancels. While a prompt is open it has the keyboard (number keys
// type digits instead of switching phase).
type prompt struct {
	label string
	input textinput.Model
	done  func(value string) tea.Cmd
}

func newPrompt(label, value string, width int, done func(string) tea.Cmd) *prompt {
	in := newInput()
	in.Prompt = ""
	in.SetValue(value)
	in.CursorEnd()
	in.SetWidth(max(10, width-len(label)-3))
	in.Focus()
	return &prompt{label: label, input: in, done: done}
}

// update handles a message; closed is true when the prompt is finished.
func (p *prompt) update(msg tea.Msg) (cmd tea.Cmd, closed bool) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "enter":
			return p.done(p.input.Value()), true
		case "esc":
			return nil, true
		}
	}
	p.input, cmd = p.input.Update(msg)
	return cmd, false
}

// newInput returns a text field with a steady cursor: a blinking one
// would redraw the screen twice a second for nothing.
func newInput() textinput.Model {
	in := textinput.New()
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

func (p *prompt) view(s *Styles) string {
	return s.Bold.Render(p.label+": ") + p.input.View()
}
