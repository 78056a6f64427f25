package backend

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/report"
)

// Written says what a front end's export wrote and what the guard did.
type Written struct {
	Path     string
	Redacted int
	Notes    []string
}

// WriteThemes writes the theme hierarchy with every quote as Markdown to
// path (relative to the study folder when not absolute), through the
// personal-data guard: an undecided finding stops it (an
// *export.BlockedError) and nothing is written.
func (b *Study) WriteThemes(path string) (*Written, error) {
	t, rep, err := b.ExportThemes(ThemesRequest{ThemeOptions: export.ThemeOptions{Quotes: export.AllQuotes}})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Write(&buf, export.Markdown); err != nil {
		return nil, err
	}
	return b.writeOut(path, buf.Bytes(), len(rep.Redacted), nil)
}

// WriteReport writes the combined evaluation report as one HTML file to
// path (relative to the study folder when not absolute), guarded like every
// export.
func (b *Study) WriteReport(path, version string) (*Written, error) {
	res, err := b.Report(ReportRequest{Version: version, Format: report.FormatHTML})
	if err != nil {
		return nil, err
	}
	out, _, err := res.Render(report.FormatHTML, "")
	if err != nil {
		return nil, err
	}
	return b.writeOut(path, out, len(res.Redacted), res.Notes)
}

func (b *Study) writeOut(path string, data []byte, redacted int, notes []string) (*Written, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(b.layout.Dir, path)
	}
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", b.rel(path), err)
	}
	return &Written{Path: b.rel(path), Redacted: redacted, Notes: notes}, nil
}
