package quant

import (
	"encoding/json"
	"fmt"
	"io"
)

// Format is an output format for results.
type Format string

const (
	FormatTable    Format = "table"
	FormatJSON     Format = "json"
	FormatCSV      Format = "csv"
	FormatMarkdown Format = "md"
)

// ParseFormat reads table, json, csv or md.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatTable, FormatJSON, FormatCSV, FormatMarkdown:
		return f, nil
	}
	return "", fmt.Errorf("format %q is not known: use table, json, csv or md", s)
}

// Sources are the citations of the values an analysis used. An empty string
// means the value has no source and is shown as unsourced.
type Sources struct {
	Reliability string `json:"reliability"`
	Norm        string `json:"norm"`
	Clinical    string `json:"clinical"`
}

// MeasureResult is one measure's analysis with its name and sources.
type MeasureResult struct {
	Name    string  `json:"name"`
	Sources Sources `json:"sources"`
	*Result
}

// WriteJSON writes one result (single measure) as indented JSON, the same
// bytes as encoding/json's Encoder with a two-space indent.
func WriteJSON(w io.Writer, r *Result) error {
	return writeResultJSON(w, r)
}

// WriteStudyJSON writes {"measures": [...]}.
func WriteStudyJSON(w io.Writer, rs []MeasureResult) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Measures []MeasureResult `json:"measures"`
	}{rs})
}
