package backend

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/privacy"
	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/report"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// ReportRequest asks for the combined report. Zero values take the
// defaults.
type ReportRequest struct {
	// Coding names the coding the qualitative results use: "" for the
	// consensus when it exists, else the first coder in mixeval.yaml.
	Coding string
	// Measures are the measures given a joint display and a case
	// appendix (default: every measure).
	Measures []string
	// Level is the joint display's columns: themes (default) or subthemes.
	Level report.Level
	// Redact replaces undecided personal data by markers instead of
	// refusing to make the report.
	Redact bool
	// Version is mixeval's, for the report's colophon.
	Version string
	// Format is what the report will be written as: a Markdown report
	// holds one measure's joint display (the first, unless Measures
	// names others), an HTML report every measure's.
	Format report.Format
}

// ReportResult is a report ready to write, with what the guard did.
type ReportResult struct {
	Report *report.Report
	// Redacted findings were replaced by markers; Allowed ones are written
	// as they are.
	Redacted []privacy.Finding
	Allowed  []privacy.Finding
	// Notes say what the report chose by default (e.g. which coding).
	Notes []string
}

// Report builds the combined evaluation report from the study as it
// stands: every measure's analysis, the coding asked for (the consensus
// when it exists, else the first coder), the agreement between the
// coders and the themes with their quotes. Its last step is the
// personal-data guard over every study text the report writes: when the
// guard blocks, no report is returned (an *export.BlockedError, as for
// every export).
func (b *Study) Report(req ReportRequest) (*ReportResult, error) {
	in, err := b.ReportInput(req)
	if err != nil {
		return nil, err
	}
	measures := req.Measures
	if len(measures) == 0 && req.Format == report.FormatMarkdown && len(in.Measures) > 0 {
		measures = []string{in.Measures[0].Name}
	}
	r, err := report.Build(*in, report.Options{Level: req.Level, Measures: measures})
	if err != nil {
		return nil, err
	}
	res := &ReportResult{Report: r}
	if in.Coding.Defaulted && !in.Coding.Consensus {
		res.Notes = append(res.Notes, fmt.Sprintf("the qualitative results use %s's coding: there is no consensus coding, and %s is the first coder listed", in.Coding.Name, in.Coding.Name))
	}
	if err := b.guardReport(res, req.Redact); err != nil {
		return nil, err
	}
	return res, nil
}

// Render writes the report in format f. A Markdown report's figures go
// under figDir, relative to it (none when figDir is empty).
func (r *ReportResult) Render(f report.Format, figDir string) ([]byte, []report.Figure, error) {
	if f == report.FormatMarkdown {
		return r.Report.Markdown(figDir)
	}
	var buf bytes.Buffer
	if err := r.Report.WriteHTML(&buf); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), nil, nil
}

// guardReport passes every study text of the report through the
// personal-data guard and puts the texts it allows back in the report.
func (b *Study) guardReport(res *ReportResult, redact bool) error {
	docs, err := b.Documents()
	if err != nil {
		return err
	}
	g, err := b.Guard()
	if err != nil {
		return err
	}
	pieces := res.Report.Pieces()
	want := map[string]bool{}
	ps := make([]privacy.Piece, len(pieces))
	for i, p := range pieces {
		ps[i] = privacy.Piece{Doc: p.Doc, Hash: p.Hash, Offset: p.Offset, Text: p.Text}
		if p.Hash != "" {
			want[p.Doc] = true
		}
	}
	for _, d := range docs {
		if want[d.ID] {
			g.Documents = append(g.Documents, privacy.Document{ID: d.ID, Text: d.Text, Hash: d.Hash})
		}
	}
	out, err := g.Check(ps, redact)
	if err != nil {
		return err
	}
	if !out.OK() {
		return &export.BlockedError{Findings: out.Blocked}
	}
	texts := make([]string, len(out.Texts))
	for i, w := range out.Texts {
		texts[i] = w.Text
	}
	res.Redacted, res.Allowed = out.Redacted, out.Allowed
	return res.Report.SetTexts(texts)
}

// ReportInput gathers what the report is written from, without building
// or guarding it.
func (b *Study) ReportInput(req ReportRequest) (*report.Input, error) {
	st := b.Manifest()
	in := &report.Input{
		Title:       st.Manifest.Title,
		Description: st.Manifest.Description,
		Generated:   b.opt.Now(),
		Version:     req.Version,
	}
	seen := map[string]bool{}
	for _, src := range st.Manifest.Sources {
		for _, q := range src.Questions {
			if !seen["q:"+q.Label] {
				seen["q:"+q.Label] = true
				in.Questions = append(in.Questions, report.Question{Label: q.Label, Text: q.Text})
			}
		}
		for _, a := range src.Attributes {
			if !seen["a:"+a] {
				seen["a:"+a] = true
				in.Attributes = append(in.Attributes, a)
			}
		}
	}
	docs, err := b.Documents()
	if err != nil {
		return nil, err
	}
	in.Respondents = respondents(docs)
	if len(st.Manifest.Measures) > 0 {
		if in.Measures, err = b.reportMeasures(st); err != nil {
			return nil, err
		}
	}
	if err := b.reportCoding(req, docs, in); err != nil {
		return nil, err
	}
	return in, nil
}

// respondents lists the people in the forms, in document order, with how
// many non-blank answers each gave.
func respondents(docs []corpus.Document) []report.Respondent {
	var out []report.Respondent
	at := map[string]int{}
	for _, d := range docs {
		i, ok := at[d.Respondent]
		if !ok {
			i = len(out)
			at[d.Respondent] = i
			out = append(out, report.Respondent{ID: d.Respondent, Attributes: d.Attributes})
		}
		if strings.TrimSpace(d.Text) != "" {
			out[i].Answered++
		}
	}
	return out
}

// reportMeasures runs the analysis and finds each measure's instrument
// for the methods text.
func (b *Study) reportMeasures(st *study.Study) ([]report.Measure, error) {
	rs, err := b.Quant(quant.StudyOptions{})
	if err != nil {
		return nil, err
	}
	out := make([]report.Measure, len(rs))
	for i, r := range rs {
		out[i] = report.Measure{MeasureResult: r, MaxMissing: -1}
		for _, m := range st.Manifest.Measures {
			if m.Name != r.Name {
				continue
			}
			inst, err := quant.ResolveInstrument(m.Instrument, st.Dir)
			if err != nil {
				break // RunStudy resolved it a moment ago; a race with an edit leaves the methods vaguer
			}
			sc, err := inst.Score(m.Subscale)
			if err != nil {
				break
			}
			out[i].Instrument, out[i].Score = inst, sc
			out[i].MaxMissing = inst.MaxMissing(sc)
		}
	}
	return out, nil
}

// reportCoding fills the qualitative side: the coding used, the themes
// with their segments and pinned quotes, agreement and reconciliation.
func (b *Study) reportCoding(req ReportRequest, docs []corpus.Document, in *report.Input) error {
	coders, err := b.Coders()
	if err != nil {
		return err
	}
	in.Coding = report.Coding{Coders: coders, Mode: b.Mode()}
	in.Disagreements = -1
	cb, err := b.Codebook()
	if err != nil {
		return err
	}
	var f *coding.File
	if len(coders) > 0 || req.Coding != "" {
		var name string
		var defaulted bool
		f, name, defaulted, err = b.UseCoding(req.Coding)
		if err != nil {
			return err
		}
		in.Coding.Name, in.Coding.Defaulted = name, defaulted
		in.Coding.Consensus = name == study.ConsensusCoder
		in.Coding.Reviewed = len(f.Reviewed)
	}
	in.Themes, in.Codes = reportThemes(cb, f, docs)
	cons, err := reconcile.Load(b.layout.Dir)
	switch {
	case err == nil:
		s := cons.Summary()
		in.Reconciled = &s
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if len(coders) >= 2 && len(docs) > 0 {
		a, err := b.Agree(AgreeRequest{Stats: true})
		if err != nil {
			return err
		}
		in.Agreement = a.Report
		in.Disagreements = len(a.Diagnostics[0].Disagreements)
	}
	return nil
}

// reportThemes turns the codebook's themes into the report's, with the
// coding's segments and the pinned exemplars placed under the theme whose
// codes they carry. It also counts the codebook's codes.
func reportThemes(cb *codebook.Codebook, f *coding.File, docs []corpus.Document) ([]*report.Theme, int) {
	byID := make(map[string]*corpus.Document, len(docs))
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	codes := 0
	cb.Walk(func(n, _ *codebook.Node) bool {
		if n.Kind == codebook.Code {
			codes++
		}
		return true
	})
	home := map[string]*report.Theme{} // code id → the theme directly above it
	var build func(n *codebook.Node) *report.Theme
	build = func(n *codebook.Node) *report.Theme {
		t := &report.Theme{ID: n.ID, Name: n.Name, Definition: n.Definition, Concept: n.Concept}
		for _, e := range n.Exemplars {
			if q, ok := quoteOf(byID, e.Document, e.Start, e.End); ok {
				t.Pinned = append(t.Pinned, q)
			}
		}
		for _, c := range n.Codes {
			t.Codes = append(t.Codes, report.Code{ID: c.ID, Name: c.Name})
			home[c.ID] = t
			for _, e := range c.Exemplars {
				if q, ok := quoteOf(byID, e.Document, e.Start, e.End); ok {
					t.Pinned = append(t.Pinned, q)
				}
			}
		}
		for _, s := range n.Subthemes {
			t.Subthemes = append(t.Subthemes, build(s))
		}
		return t
	}
	var themes []*report.Theme
	for _, n := range cb.Themes {
		themes = append(themes, build(n))
	}
	if f == nil {
		return themes, codes
	}
	for _, seg := range f.Segments {
		var placed []*report.Theme
		for _, c := range seg.Codes {
			t := home[c]
			if t == nil || slices.Contains(placed, t) {
				continue
			}
			placed = append(placed, t)
			if q, ok := quoteOf(byID, seg.Document, seg.Start, seg.End); ok {
				t.Segments = append(t.Segments, q)
			}
		}
	}
	return themes, codes
}

// quoteOf reads a span of an answer; false when the answer is gone or the
// span no longer fits it (validation reports such segments).
func quoteOf(docs map[string]*corpus.Document, id string, start, end int) (report.Quote, bool) {
	d, ok := docs[id]
	if !ok || start < 0 || end <= start {
		return report.Quote{}, false
	}
	from, to, ok := byteSpan(d.Text, start, end)
	if !ok {
		return report.Quote{}, false
	}
	return report.Quote{
		Doc: d.ID, Hash: d.Hash, Respondent: d.Respondent, Question: d.Question,
		Start: start, End: end, Text: d.Text[from:to],
	}, true
}

// byteSpan converts code point offsets into byte offsets of s.
func byteSpan(s string, start, end int) (from, to int, ok bool) {
	n := 0
	from, to = -1, -1
	for i := range s {
		if n == start {
			from = i
		}
		if n == end {
			to = i
			break
		}
		n++
	}
	if to < 0 && n == end {
		to = len(s)
	}
	if from < 0 || to < 0 {
		return 0, 0, false
	}
	return from, to, true
}
