// Package tui is mixeval's terminal user interface: a researcher works
// through Braun & Clarke's six phases of thematic analysis (familiarise,
// code, themes, review, define, write up) and reads the quantitative
// results, on one study, while a colleague does the same.
//
// The root Model owns one page per phase and routes messages to them; only
// the root returns a tea.View. Pages read the study through the backend
// (package backend) and change it only through the action layer (Actions),
// which runs each change off the UI goroutine, in order, and records its
// inverse for undo and redo. The package never re-implements coding,
// codebook, search, agreement or quant logic.
//
//	b, _ := backend.Open("", backend.Options{})
//	err := tui.Run(b, tui.Options{Coder: "alice"})
package tui
