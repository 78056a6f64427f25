package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// Options are the choices of one report.
type Options struct {
	// Level is what the joint display's columns are (default: themes).
	Level Level
	// Measures names the measures given a joint display and a case
	// appendix, in this order; empty means every measure.
	Measures []string
	// QuoteLength is the longest quote in a joint display cell, in
	// characters, before it is cut at a word boundary (default 140).
	QuoteLength int
}

// DefaultQuoteLength is the longest quote in a joint display cell.
const DefaultQuoteLength = 140

// maxAttributeValues is the most distinct values an attribute may have for
// the sample to be broken down by it; beyond it the values are counted.
const maxAttributeValues = 8

// UnknownMeasureError names a measure the study does not have.
type UnknownMeasureError struct {
	Name     string
	Measures []string
}

func (e *UnknownMeasureError) Error() string {
	return fmt.Sprintf("the study has no measure %q; its measures are %s", e.Name, strings.Join(e.Measures, ", "))
}

// Build makes the report from in. It fails only on choices that do not fit
// the study (an unknown measure or level).
func Build(in Input, opt Options) (*Report, error) {
	lvl, ok := ParseLevel(string(opt.Level))
	if !ok {
		return nil, fmt.Errorf("level %q is not known: the joint display's columns are themes or subthemes", opt.Level)
	}
	if opt.QuoteLength <= 0 {
		opt.QuoteLength = DefaultQuoteLength
	}
	b := &builder{in: in, opt: opt, r: &Report{Level: lvl}}
	joint, err := b.jointNames()
	if err != nil {
		return nil, err
	}
	b.people()
	r := b.r
	r.Title = r.texts.freeText("study:title", in.Title)
	if in.Description != "" {
		r.Description = r.texts.freeText("study:description", in.Description)
	}
	r.Date = in.Generated.Format("2006-01-02")
	r.Version = in.Version
	r.Coding = in.Coding
	for _, q := range in.Questions {
		r.Questions = append(r.Questions, b.question(q.Label))
	}
	r.Sample = b.sample()
	for _, t := range in.Themes {
		r.Themes = append(r.Themes, b.theme(t, nil))
	}
	for i := range in.Measures {
		r.Measures = append(r.Measures, b.measure(&in.Measures[i]))
	}
	for _, name := range joint {
		m := b.measureView(name)
		r.Joint = append(r.Joint, b.joint(m))
		r.Cases = append(r.Cases, b.cases(m))
	}
	r.Agreement = b.agreement()
	r.Disagreements = in.Disagreements
	r.Methods = b.methods()
	return r, nil
}

type builder struct {
	in  Input
	opt Options
	r   *Report

	order    map[string]int   // respondent id → position in the forms
	answered map[string]bool  // respondents with a non-blank answer
	who      map[string]*Text // pseudonyms as written
	qorder   map[string]int   // question label → position on the form
	anchors  map[string]bool
}

// jointNames checks the measures the joint display covers, before any
// work is done.
func (b *builder) jointNames() ([]string, error) {
	var names []string
	for _, m := range b.in.Measures {
		names = append(names, m.Name)
	}
	want := b.opt.Measures
	if len(want) == 0 {
		want = names
	}
	for _, w := range want {
		if !slices.Contains(names, w) {
			return nil, &UnknownMeasureError{Name: w, Measures: names}
		}
	}
	return want, nil
}

func (b *builder) people() {
	b.order = make(map[string]int, len(b.in.Respondents))
	b.answered = make(map[string]bool, len(b.in.Respondents))
	b.who = make(map[string]*Text, len(b.in.Respondents))
	for i, p := range b.in.Respondents {
		if _, dup := b.order[p.ID]; !dup {
			b.order[p.ID] = i
		}
		if p.Answered > 0 {
			b.answered[p.ID] = true
		}
	}
	b.qorder = map[string]int{}
	for i, q := range b.in.Questions {
		b.qorder[q.Label] = i
	}
	b.anchors = map[string]bool{}
}

// pseudonym is a respondent's id as the report writes it.
func (b *builder) pseudonym(id string) *Text {
	if t, ok := b.who[id]; ok {
		return t
	}
	t := plain(id)
	b.who[id] = t
	return t
}

func (b *builder) question(label string) QuestionView {
	for _, q := range b.in.Questions {
		if q.Label == label {
			text := q.Text
			if text == "" {
				text = label
			}
			return QuestionView{Label: label, Text: b.r.texts.freeText("question:"+label, text)}
		}
	}
	return QuestionView{Label: label, Text: plain(label)}
}

// anchor makes a unique fragment id from a prefix and a name.
func (b *builder) anchor(prefix, name string) string {
	base := prefix + "-" + slug(name)
	a := base
	for i := 2; b.anchors[a]; i++ {
		a = fmt.Sprintf("%s-%d", base, i)
	}
	b.anchors[a] = true
	return a
}

func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			sb.WriteRune(r)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(sb.String(), "-")
	if out == "" {
		out = "x"
	}
	return out
}

func (b *builder) sample() Sample {
	s := Sample{Respondents: len(b.in.Respondents), Answered: len(b.answered)}
	for _, name := range b.in.Attributes {
		counts := map[string]int{}
		first := map[string]string{} // value → the first respondent with it
		var values []string
		for _, p := range b.in.Respondents {
			v := p.Attributes[name]
			if _, seen := counts[v]; !seen {
				values = append(values, v)
				first[v] = p.ID
			}
			counts[v]++
		}
		ac := AttributeCount{Name: plain(name), Distinct: len(values)}
		if len(values) <= maxAttributeValues {
			slices.SortFunc(values, compareValues)
			for _, v := range values {
				vc := ValueCount{N: counts[v]}
				if strings.TrimSpace(v) != "" {
					vc.Value = b.r.texts.freeText("attribute:"+first[v]+"#"+name, v)
				}
				ac.Values = append(ac.Values, vc)
			}
		}
		s.Attributes = append(s.Attributes, ac)
	}
	return s
}

// compareValues orders attribute values as numbers when both are, else as
// text, blanks last.
func compareValues(x, y string) int {
	switch {
	case x == "" || y == "":
		return cmp.Compare(y, x)
	}
	var fx, fy float64
	if _, err := fmt.Sscan(x, &fx); err == nil {
		if _, err := fmt.Sscan(y, &fy); err == nil && fx != fy {
			return cmp.Compare(fx, fy)
		}
	}
	return strings.Compare(x, y)
}

// theme makes the view of t and its subthemes, gathering the subtree's
// respondents, pinned quotes and segments.
func (b *builder) theme(t *Theme, parent *ThemeView) *ThemeView {
	v := &ThemeView{ID: t.ID, Anchor: b.anchor("theme", t.ID), who: map[string]bool{}}
	v.Name = b.r.texts.freeText("codebook:"+t.ID+"#name", t.Name)
	if t.Definition != "" {
		v.Definition = b.r.texts.freeText("codebook:"+t.ID+"#definition", t.Definition)
	}
	if t.Concept != "" {
		v.Concept = b.r.texts.freeText("codebook:"+t.ID+"#concept", t.Concept)
	}
	v.pinned = append(v.pinned, t.Pinned...)
	v.segments = append(v.segments, t.Segments...)
	for _, sub := range t.Subthemes {
		sv := b.theme(sub, v)
		v.Subthemes = append(v.Subthemes, sv)
		v.pinned = append(v.pinned, sv.pinned...)
		v.segments = append(v.segments, sv.segments...)
	}
	slices.SortStableFunc(v.segments, b.compareQuotes)
	for _, q := range v.segments {
		v.who[q.Respondent] = true
	}
	v.Respondents, v.Segments = len(v.who), len(v.segments)
	for _, q := range t.Pinned {
		v.Quotes = append(v.Quotes, b.quoteView(q, true, 0))
	}
	if len(t.Pinned) == 0 && len(t.Subthemes) == 0 && len(v.segments) > 0 {
		v.Quotes = append(v.Quotes, b.quoteView(v.segments[0], false, 0))
	}
	return v
}

// compareQuotes orders quotes as the forms do: by respondent, question,
// then position.
func (b *builder) compareQuotes(x, y Quote) int {
	rank := func(m map[string]int, k string) int {
		if i, ok := m[k]; ok {
			return i
		}
		return len(m)
	}
	if c := cmp.Compare(rank(b.order, x.Respondent), rank(b.order, y.Respondent)); c != 0 {
		return c
	}
	if c := strings.Compare(x.Respondent, y.Respondent); c != 0 {
		return c
	}
	if c := cmp.Compare(rank(b.qorder, x.Question), rank(b.qorder, y.Question)); c != 0 {
		return c
	}
	if c := strings.Compare(x.Doc, y.Doc); c != 0 {
		return c
	}
	if x.Start != y.Start {
		return cmp.Compare(x.Start, y.Start)
	}
	return cmp.Compare(x.End, y.End)
}

// quoteView shows q, cut at a word boundary when limit > 0.
func (b *builder) quoteView(q Quote, pinned bool, limit int) QuoteView {
	text, start := trimSpace(q.Text, q.Start)
	cut := false
	if limit > 0 {
		var n int
		n, cut = cutAtWord(text, limit)
		text = text[:n]
	}
	q.Start = start
	return QuoteView{
		Text:     b.r.texts.quote(q, text),
		Who:      b.pseudonym(q.Respondent),
		Question: b.question(q.Question),
		Pinned:   pinned,
		Cut:      cut,
	}
}

func (b *builder) measure(m *Measure) *MeasureView {
	v := &MeasureView{Name: m.Name, Anchor: b.anchor("measure", m.Name), Result: m.Result, FollowUps: m.Pairs, Times: m.Times}
	v.Cut = m.Cutoffs.Get(m.Criterion)
	v.Settings = settings(m)
	for _, p := range m.Patients {
		v.Patients = append(v.Patients, PatientView{Patient: p, Who: b.pseudonym(p.ID)})
	}
	return v
}

// measureView finds the view of a measure by name.
func (b *builder) measureView(name string) *MeasureView {
	for _, v := range b.r.Measures {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// columns are the joint display's columns at the report's level.
func (b *builder) columns() []*ThemeView {
	if b.r.Level == LevelTheme {
		return b.r.Themes
	}
	var out []*ThemeView
	for _, t := range b.r.Themes {
		if len(t.Subthemes) == 0 {
			out = append(out, t)
			continue
		}
		out = append(out, t.Subthemes...)
	}
	return out
}

// improvement is a patient's RCI signed so that positive is better.
func improvement(r *quant.Result, p quant.Patient) float64 {
	return p.RCI * float64(r.Direction)
}

func (b *builder) agreement() *AgreementView {
	a := b.in.Agreement
	if a == nil {
		return nil
	}
	v := &AgreementView{Report: a}
	add := func(s triangulate.Stats) {
		row := AgreementRow{Stats: s}
		if s.Name != "" {
			row.Name = b.r.texts.freeText("codebook:"+s.ID+"#name", s.Name)
		}
		v.Rows = append(v.Rows, row)
	}
	for _, s := range a.Codes {
		add(s)
	}
	for _, s := range a.Themes {
		add(s)
	}
	add(a.Pooled)
	return v
}
