package report

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is the report's file format.
type Format string

const (
	FormatHTML     Format = "html"
	FormatMarkdown Format = "md"
)

// ParseFormat reads "html" or "md" ("markdown" too).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "html", "htm":
		return FormatHTML, nil
	case "md", "markdown":
		return FormatMarkdown, nil
	}
	return "", fmt.Errorf("report format %q is not known: html or md", s)
}

// FormatOf picks the format from a file name's extension (.md or
// .markdown: Markdown; anything else: HTML).
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown":
		return FormatMarkdown
	}
	return FormatHTML
}

// FigureDir is the folder, beside a Markdown report at path, that holds
// its figures: "report.md" → "report-figures".
func FigureDir(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-figures"
}
