// Package export writes what leaves a study: the theme hierarchy with its
// quotes (Markdown, JSON, YAML, CSV, Mermaid), the coded segments, a
// code-by-respondent matrix joined with attributes and outcome measures,
// and every memo. REFI-QDA exchange files live in the subpackage refiqda.
//
// Every exporter runs the personal-data guard (package privacy) over
// exactly the texts it writes: quotes and whole answers, names and
// definitions of themes and codes, memos and attribute values. A finding
// without a decision stops the export (a *BlockedError, and nothing is
// written); with Guard.Redact undecided findings are replaced by markers.
// Spans written beside a quote are mapped through the redactions, so that
// they still slice the answer as redacted.
//
// The backend gathers a Data value (documents, codebook, codings,
// measures) and calls the builders here; a front end never reads study
// files itself:
//
//	t, err := export.BuildThemes(data, export.ThemeOptions{Quotes: export.AllQuotes})
//	rep, err := t.Guard(export.Guard{Guard: g, Redact: false}) // *BlockedError when a finding is undecided
//	err = t.Write(w, export.Markdown)
package export
