package export

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
)

// Segments are the coded segments of one coding, one row each, for
// analysis in a spreadsheet or R.
type Segments struct {
	Coding     string       `json:"coding"`
	Defaulted  bool         `json:"coding_defaulted"`
	Attributes []string     `json:"attributes"`
	Segments   []SegmentRow `json:"segments"`

	warnings []string
}

// SegmentRow is one coded segment. Text is the answer's code points
// [Start, End), whole (after any redaction, in the redacted answer).
type SegmentRow struct {
	ID         string            `json:"id"`
	Document   string            `json:"document"`
	Respondent string            `json:"respondent"`
	Question   string            `json:"question"`
	Attributes map[string]string `json:"attributes,omitempty"`
	Start      int               `json:"start"`
	End        int               `json:"end"`
	Text       string            `json:"text"`
	Codes      []string          `json:"codes"`
	// ThemePaths holds, for each code, the names of the themes above it
	// from the top (empty for a code not under a theme).
	ThemePaths [][]string `json:"theme_paths"`
	Coder      string     `json:"coder"`
	Memo       string     `json:"memo,omitempty"`
	Created    time.Time  `json:"created,omitzero"`
}

// SegmentFormats are the formats of the segment export.
var SegmentFormats = []Format{CSV, JSON}

// BuildSegments lists every segment of the coding d.Used that fits its
// answer, in the coding's order (answer, then start).
func BuildSegments(d *Data) (*Segments, error) {
	f := d.UsedCoding()
	if f == nil {
		return nil, fmt.Errorf("the coding %q is not among the study's codings", d.Used)
	}
	s := &Segments{Coding: d.Used, Defaulted: d.Defaulted, Attributes: nonNil(d.Attributes), Segments: []SegmentRow{}}
	paths := themePaths(d.Codebook)
	for i := range f.Segments {
		seg := &f.Segments[i]
		doc, ok := d.Document(seg.Document)
		if !ok {
			s.warnings = append(s.warnings, fmt.Sprintf("segment %s is on %s, which the study no longer has: left out", seg.ID, seg.Document))
			continue
		}
		text, ok := coding.Quote(doc.Text, *seg)
		if !ok {
			s.warnings = append(s.warnings, fmt.Sprintf("segment %s (%s %d-%d) lies outside its answer, which has changed: left out", seg.ID, seg.Document, seg.Start, seg.End))
			continue
		}
		row := SegmentRow{
			ID: seg.ID, Document: doc.ID, Respondent: doc.Respondent, Question: doc.Question,
			Attributes: pickAttributes(doc.Attributes, d.Attributes), Start: seg.Start, End: seg.End, Text: text,
			Codes: slices.Clone(seg.Codes), Coder: f.Coder, Memo: seg.Memo, Created: seg.Created,
		}
		for _, c := range seg.Codes {
			row.ThemePaths = append(row.ThemePaths, slices.Clone(paths[c]))
		}
		s.Segments = append(s.Segments, row)
	}
	return s, nil
}

// themePaths maps each code to the names of the themes above it.
func themePaths(cb *codebook.Codebook) map[string][]string {
	out := map[string][]string{}
	if cb == nil {
		return out
	}
	var walk func(ns []*codebook.Node, path []string)
	walk = func(ns []*codebook.Node, path []string) {
		for _, n := range ns {
			if n == nil {
				continue
			}
			if n.Kind == codebook.Code {
				out[n.ID] = path
				continue
			}
			p := append(path[:len(path):len(path)], n.Name)
			walk(n.Subthemes, p)
			walk(n.Codes, p)
		}
	}
	walk(cb.Themes, []string{})
	walk(cb.Codes, []string{})
	return out
}

func pickAttributes(have map[string]string, names []string) map[string]string {
	if len(names) == 0 {
		return nil
	}
	out := make(map[string]string, len(names))
	for _, a := range names {
		if v, ok := have[a]; ok {
			out[a] = v
		}
	}
	return out
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return slices.Clone(xs)
}

// Guard runs the personal-data guard over every text the export writes:
// quotes (spans mapped into the redacted answers), memos, theme names and
// attribute values.
func (s *Segments) Guard(d *Data, g Guard) (*Report, error) {
	gs, err := newGuardSet(g)
	if err != nil {
		return nil, err
	}
	names := themeNameIDs(d.Codebook)
	for i := range s.Segments {
		r := &s.Segments[i]
		doc, ok := d.Document(r.Document)
		if !ok {
			continue
		}
		gs.answer(doc, r.Start, &r.Text)
		gs.span(doc, &r.Start, &r.End)
		gs.free(SegmentMemoPlace(r.Coder, r.ID), &r.Memo)
		guardAttributes(gs, r.Respondent, r.Attributes)
		for j, c := range r.Codes {
			for k := range r.ThemePaths[j] {
				gs.free(CodebookPlace(names[c][k], "name"), &r.ThemePaths[j][k])
			}
		}
	}
	rep, err := gs.run(g.Redact)
	if err != nil {
		return nil, err
	}
	rep.Warnings = append(rep.Warnings, s.warnings...)
	return rep, nil
}

// themeNameIDs maps each code to the ids of the themes above it, in the
// order of themePaths.
func themeNameIDs(cb *codebook.Codebook) map[string][]string {
	out := map[string][]string{}
	if cb == nil {
		return out
	}
	for _, c := range cb.AllCodes() {
		p := cb.Path(c.ID)
		ids := make([]string, 0, len(p))
		for _, n := range p[:len(p)-1] {
			ids = append(ids, n.ID)
		}
		out[c.ID] = ids
	}
	return out
}

// Write writes the segments as CSV (one row per segment; codes and theme
// paths joined by "; ", a path's themes by " > ") or JSON.
func (s *Segments) Write(w io.Writer, f Format) error {
	switch f {
	case JSON:
		return writeJSON(w, s)
	case CSV:
	default:
		return &UnknownFormatError{Format: f, Known: SegmentFormats}
	}
	cw := newCSVWriter(w)
	head := []string{"id", "document", "respondent", "question"}
	head = append(head, s.Attributes...)
	head = append(head, "start", "end", "text", "codes", "theme_paths", "coder", "memo", "created")
	if err := cw.write(head...); err != nil {
		return err
	}
	for _, r := range s.Segments {
		row := []string{r.ID, r.Document, r.Respondent, r.Question}
		for _, a := range s.Attributes {
			row = append(row, r.Attributes[a])
		}
		paths := make([]string, len(r.ThemePaths))
		for i, p := range r.ThemePaths {
			paths[i] = strings.Join(p, " > ")
		}
		row = append(row, strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Text, strings.Join(r.Codes, "; "),
			strings.Join(paths, "; "), r.Coder, r.Memo, timeText(r.Created))
		if err := cw.write(row...); err != nil {
			return err
		}
	}
	return cw.flush()
}

// timeText is t in RFC 3339, UTC; empty for the zero time.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
