package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/codebook"
)

// pickItem is one code the picker offers.
type pickItem struct{ id, name string }

// picker is the searchable code picker: typing filters the codes (the last
// used first); enter applies the highlighted one, or creates a new code
// named as typed when the text matches none.
type picker struct {
	title    string
	input    textinput.Model
	all      []pickItem
	shown    []pickItem
	list     vlist
	allowNew bool
	// pick receives the chosen code's id, or (id empty) the name of a code
	// to create.
	pick func(id, newName string) tea.Cmd
}

func newPicker(title string, cb *codebook.Codebook, recent []string, allowNew bool, rows int, pick func(id, newName string) tea.Cmd) *picker {
	in := newInput()
	in.Prompt = "› "
	in.Placeholder = "type to filter or name a new code"
	in.Focus()
	p := &picker{title: title, input: in, allowNew: allowNew, pick: pick}
	seen := map[string]bool{}
	for _, id := range recent {
		if n := cb.Find(id); n != nil && n.Kind == codebook.Code && !seen[id] {
			p.all = append(p.all, pickItem{n.ID, n.Name})
			seen[id] = true
		}
	}
	for _, n := range cb.AllCodes() {
		if !seen[n.ID] {
			p.all = append(p.all, pickItem{n.ID, n.Name})
			seen[n.ID] = true
		}
	}
	p.list.setHeight(rows)
	p.filter()
	return p
}

// filter keeps the codes whose id or name holds the typed text.
func (p *picker) filter() {
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	p.shown = p.shown[:0]
	exact := false
	for _, it := range p.all {
		if q == "" || strings.Contains(it.id, q) || strings.Contains(strings.ToLower(it.name), q) {
			p.shown = append(p.shown, it)
		}
		if q != "" && (it.id == q || strings.ToLower(it.name) == q) {
			exact = true
		}
	}
	if p.allowNew && q != "" && !exact {
		p.shown = append(p.shown, pickItem{id: "", name: strings.TrimSpace(p.input.Value())})
	}
	p.list.setLen(len(p.shown))
	p.list.moveTo(0)
}

// update handles a message; closed is true when the picker is finished.
func (p *picker) update(msg tea.Msg, k *KeyMap) (tea.Cmd, bool) {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch km.String() {
		case "esc":
			return nil, true
		case "enter":
			if len(p.shown) == 0 {
				return nil, false
			}
			it := p.shown[p.list.cursor]
			if it.id == "" {
				return p.pick("", it.name), true
			}
			return p.pick(it.id, ""), true
		case "up", "ctrl+p":
			p.list.move(-1)
			return nil, false
		case "down", "ctrl+n":
			p.list.move(1)
			return nil, false
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return cmd, false
}

func (p *picker) view(s *Styles, width int) []string {
	lines := []string{s.Bold.Render(p.title), p.input.View()}
	lines = append(lines, p.list.rows(func(i int, sel bool) string {
		it := p.shown[i]
		var row string
		if it.id == "" {
			row = fmt.Sprintf("+ new code %q", it.name)
		} else {
			row = it.id
			if it.name != "" && !strings.EqualFold(it.name, it.id) {
				row += "  " + s.Dim.Render(it.name)
			}
		}
		row = cut(row, width-2)
		if sel {
			return s.Selected.Render("▸ " + row)
		}
		return "  " + row
	})...)
	return lines
}
