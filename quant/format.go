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
	MID         string `json:"mid,omitempty"`
}

// MeasureResult is one measure's analysis with its name and sources. The
// embedded Result is its first pair of time points (pre to post unless the
// manifest lists others); Pairs holds the results of the further pairs.
type MeasureResult struct {
	Name    string  `json:"name"`
	Sources Sources `json:"sources"`
	*Result
	Pairs []*Result `json:"pairs,omitempty"`
	// Times are the time points of the measure's item-level data, in order
	// (pre, post, then follow-ups), and Trajectories every respondent's
	// score at each; both empty for a totals file.
	Times        []string     `json:"time_points,omitempty"`
	Trajectories []Trajectory `json:"-"`
}

// Trajectory is one respondent's score at each of a measure's time points;
// NaN where the score is missing.
type Trajectory struct {
	ID     string
	Scores []float64
}

// Results lists the measure's results: the first pair's, then the others.
func (m MeasureResult) Results() []*Result {
	return append([]*Result{m.Result}, m.Pairs...)
}

// expand lists each pair of each measure as a measure of its own, as the
// table, Markdown and CSV writers show them.
func expand(rs []MeasureResult) []MeasureResult {
	var out []MeasureResult
	for _, m := range rs {
		for k, res := range m.Results() {
			x := MeasureResult{Name: m.Name, Sources: m.Sources, Result: res}
			if k > 0 || res.From != "" && (res.From != TimePre || res.To != TimePost) {
				x.Name = fmt.Sprintf("%s (%s to %s)", m.Name, res.From, res.To)
			}
			out = append(out, x)
		}
	}
	return out
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
