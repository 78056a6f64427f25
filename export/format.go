package export

import "fmt"

// Format is an output format.
type Format string

// The formats exporters write.
const (
	Markdown Format = "md"
	JSON     Format = "json"
	YAML     Format = "yaml"
	CSV      Format = "csv"
	Mermaid  Format = "mermaid"
)

// UnknownFormatError is a format an exporter does not write.
type UnknownFormatError struct {
	Format Format
	Known  []Format
}

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("format %q is not one this export writes (%v)", e.Format, e.Known)
}

// ThemeFormats are the formats of the theme hierarchy.
var ThemeFormats = []Format{Markdown, JSON, YAML, CSV, Mermaid}
