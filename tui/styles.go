package tui

import "charm.land/lipgloss/v2"

// Styles are every style of the UI, in one place. Nothing relies on colour
// alone: the cursor and selections are reversed, segments underlined, so
// that a NO_COLOR terminal (colours dropped, attributes kept) reads the
// same.
type Styles struct {
	Title, Coder, Tab, ActiveTab, Progress lipgloss.Style
	Rule, Dim, Bold, Error, Notice, Banner lipgloss.Style
	Selected, Cursor, Selection            lipgloss.Style
	Segment, Overlap, Focused, Hit, Other  lipgloss.Style
	Key, KeyDesc, Heading, Box             lipgloss.Style
}

// NewStyles returns the styles for a dark or light terminal background.
func NewStyles(dark bool) *Styles {
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#5A56E0"), lipgloss.Color("#8B87FF"))
	dim := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	seg := ld(lipgloss.Color("#0B6E4F"), lipgloss.Color("#5FD7AF"))
	over := ld(lipgloss.Color("#A0522D"), lipgloss.Color("#FFAF5F"))
	red := ld(lipgloss.Color("#B00020"), lipgloss.Color("#FF6B6B"))
	return &Styles{
		Title:     lipgloss.NewStyle().Bold(true),
		Coder:     lipgloss.NewStyle().Foreground(accent),
		Tab:       lipgloss.NewStyle().Foreground(dim),
		ActiveTab: lipgloss.NewStyle().Bold(true).Reverse(true),
		Progress:  lipgloss.NewStyle().Foreground(dim),
		Rule:      lipgloss.NewStyle().Foreground(dim),
		Dim:       lipgloss.NewStyle().Foreground(dim),
		Bold:      lipgloss.NewStyle().Bold(true),
		Error:     lipgloss.NewStyle().Foreground(red).Bold(true),
		Notice:    lipgloss.NewStyle().Foreground(accent),
		Banner:    lipgloss.NewStyle().Reverse(true).Bold(true),
		Selected:  lipgloss.NewStyle().Reverse(true),
		Cursor:    lipgloss.NewStyle().Reverse(true).Bold(true),
		Selection: lipgloss.NewStyle().Reverse(true),
		Segment:   lipgloss.NewStyle().Underline(true).Foreground(seg),
		Overlap:   lipgloss.NewStyle().Underline(true).Bold(true).Foreground(over),
		Focused:   lipgloss.NewStyle().Underline(true).Bold(true).Foreground(accent),
		Hit:       lipgloss.NewStyle().Bold(true).Foreground(over),
		Other:     lipgloss.NewStyle().Italic(true).Foreground(dim),
		Key:       lipgloss.NewStyle().Bold(true),
		KeyDesc:   lipgloss.NewStyle().Foreground(dim),
		Heading:   lipgloss.NewStyle().Bold(true).Underline(true),
		Box:       lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(accent).Padding(0, 1),
	}
}
