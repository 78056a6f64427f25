package tui

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Binding is a key binding that can be disabled with a reason the user
// sees when pressing it (lazygit's GetDisabledReason): read-only mode
// disables the editing keys this way.
type Binding struct {
	key.Binding
	// Reason, when set, disables the binding and says why.
	Reason string
}

// Pressed reports whether msg is one of the binding's keys, whether the
// binding is enabled or not.
func (b Binding) Pressed(msg tea.KeyPressMsg) bool {
	return slices.Contains(b.Keys(), msg.String())
}

// Active reports whether msg is one of the binding's keys and the binding
// is enabled.
func (b Binding) Active(msg tea.KeyPressMsg) bool {
	return b.Reason == "" && b.Pressed(msg)
}

// Help returns the binding for the help views, hidden when disabled.
func (b Binding) Help() key.Binding {
	kb := b.Binding
	kb.SetEnabled(b.Reason == "")
	return kb
}

func bind(help, desc string, keys ...string) Binding {
	return Binding{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))}
}

// KeyMap is every key of the UI, built in one place (DefaultKeyMap).
type KeyMap struct {
	// Global keys work on every page unless a field has the keyboard.
	Phases [7]Binding
	Help   Binding
	Quit   Binding
	Undo   Binding
	Redo   Binding
	Focus  Binding // next pane
	Back   Binding

	// Lists.
	Up, Down, PageUp, PageDown, Top, Bottom Binding
	Open                                    Binding
	Next, Prev                              Binding // next / previous answer

	// Familiarise.
	Search      Binding
	Question    Binding
	Attribute   Binding
	ReadFilter  Binding
	Words       Binding
	WordsBy     Binding
	AnswerMemo  Binding
	StudyMemo   Binding
	ClearFilter Binding

	// Code.
	Left, Right       Binding
	SelLeft, SelRight Binding
	Select            Binding
	WordNext          Binding
	WordPrev          Binding
	Code              Binding
	InVivo            Binding
	Cycle             Binding // next segment under the cursor
	Adjust            Binding
	Recode            Binding
	Remove            Binding
	SegmentMemo       Binding
	Reviewed          Binding
	Autocode          Binding
	Others            Binding
	Toggle            Binding // mark a hit in a preview

	// Themes, Define.
	NewTheme    Binding
	NewSubtheme Binding
	Rename      Binding
	Cut         Binding
	Paste       Binding
	Merge       Binding
	Split       Binding
	Delete      Binding
	Cooccur     Binding
	Definition  Binding
	Concept     Binding
	Include     Binding
	Exclude     Binding
	Pin         Binding
	Unpin       Binding

	// Write up.
	ExportThemes Binding
	WriteReport  Binding

	// Review.
	View      Binding
	Stats     Binding
	AcceptA   Binding
	AcceptB   Binding
	Both      Binding
	Neither   Binding
	Reconcile Binding
}

// DefaultKeyMap returns the keys of the UI.
func DefaultKeyMap() *KeyMap {
	k := &KeyMap{
		Help:  bind("?", "help", "?"),
		Quit:  bind("q", "quit", "q", "ctrl+c"),
		Undo:  bind("u", "undo", "u"),
		Redo:  bind("ctrl+r", "redo", "ctrl+r"),
		Focus: bind("tab", "next pane", "tab"),
		Back:  bind("esc", "back", "esc"),

		Up:       bind("↑/k", "up", "up", "k"),
		Down:     bind("↓/j", "down", "down", "j"),
		PageUp:   bind("pgup", "page up", "pgup"),
		PageDown: bind("pgdn", "page down", "pgdown", "space"),
		Top:      bind("g", "first", "home", "g"),
		Bottom:   bind("G", "last", "end", "G"),
		Open:     bind("enter", "open", "enter"),
		Next:     bind("n", "next answer", "n"),
		Prev:     bind("p", "previous answer", "p"),

		Search:      bind("/", "search", "/"),
		Question:    bind("f", "question", "f"),
		Attribute:   bind("a", "attribute", "a"),
		ReadFilter:  bind("r", "read/unread", "r"),
		Words:       bind("W", "word counts", "W"),
		WordsBy:     bind("b", "by attribute", "b"),
		AnswerMemo:  bind("m", "memo", "m"),
		StudyMemo:   bind("M", "study memo", "M"),
		ClearFilter: bind("x", "clear filters", "x"),

		Left:        bind("←/h", "left", "left", "h"),
		Right:       bind("→/l", "right", "right", "l"),
		SelLeft:     bind("shift+←", "select left", "shift+left"),
		SelRight:    bind("shift+→", "select right", "shift+right"),
		Select:      bind("v", "select", "v"),
		WordNext:    bind("w", "word →", "w"),
		WordPrev:    bind("b", "word ←", "b"),
		Code:        bind("c", "code", "c"),
		InVivo:      bind("i", "in-vivo code", "i"),
		Cycle:       bind("o", "next segment here", "o"),
		Adjust:      bind("e", "adjust span", "e"),
		Recode:      bind("r", "recode", "r"),
		Remove:      bind("x", "remove segment", "x"),
		SegmentMemo: bind("m", "memo", "m"),
		Reviewed:    bind("R", "reviewed", "R"),
		Autocode:    bind("A", "autocode", "A"),
		Others:      bind("O", "others' coding", "O"),
		Toggle:      bind("space", "toggle", "space"),

		NewTheme:    bind("t", "new theme", "t"),
		NewSubtheme: bind("T", "new subtheme", "T"),
		Rename:      bind("r", "rename", "r"),
		Cut:         bind("x", "cut", "x"),
		Paste:       bind("v", "paste under", "v"),
		Merge:       bind("m", "merge", "m"),
		Split:       bind("s", "split", "s"),
		Delete:      bind("d", "delete", "d"),
		Cooccur:     bind("o", "co-occurrence", "o"),
		Definition:  bind("e", "definition", "e"),
		Concept:     bind("c", "concept", "c"),
		Include:     bind("i", "include", "i"),
		Exclude:     bind("x", "exclude", "x"),
		Pin:         bind("p", "pin quote", "p"),
		Unpin:       bind("P", "unpin", "P"),

		ExportThemes: bind("e", "export themes.md", "e"),
		WriteReport:  bind("R", "write report.html", "R"),

		View:      bind("v", "next view", "v"),
		Stats:     bind("s", "statistics", "s"),
		AcceptA:   bind("a", "accept first", "a"),
		AcceptB:   bind("b", "accept second", "b"),
		Both:      bind("B", "both", "B"),
		Neither:   bind("N", "neither", "N"),
		Reconcile: bind("c", "reconcile", "c"),
	}
	for i, name := range phaseNames {
		k.Phases[i] = bind(phaseKeys[i], name, phaseKeys[i])
	}
	return k
}

// editing lists the bindings that change the study, which read-only mode
// disables.
func (k *KeyMap) editing() []*Binding {
	return []*Binding{&k.Undo, &k.Redo, &k.AnswerMemo, &k.StudyMemo, &k.Select, &k.Code, &k.InVivo,
		&k.Adjust, &k.Recode, &k.Remove, &k.SegmentMemo, &k.Reviewed, &k.Autocode,
		&k.NewTheme, &k.NewSubtheme, &k.Rename, &k.Cut, &k.Paste, &k.Merge, &k.Split, &k.Delete,
		&k.Definition, &k.Concept, &k.Include, &k.Exclude, &k.Pin, &k.Unpin,
		&k.AcceptA, &k.AcceptB, &k.Both, &k.Neither, &k.Reconcile}
}

// DisableEditing disables every editing key with reason.
func (k *KeyMap) DisableEditing(reason string) {
	for _, b := range k.editing() {
		b.Reason = reason
	}
}

// helpOf returns the help bindings of bs, hiding disabled ones.
func helpOf(bs ...Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		out = append(out, b.Help())
	}
	return out
}

// refused says that a disabled binding was pressed, and why.
func refused(b Binding) tea.Cmd {
	return failed(fmt.Errorf("%s is off: %s", b.Binding.Help().Desc, b.Reason))
}
