package export

// Guard runs the personal-data guard over every text t holds: the study's
// title, each node's name, definition, concept and scope, each quote and
// the attribute values it carries. When it blocks, t is unchanged and the
// error is a *BlockedError; else t holds what may be written, quote spans
// mapped into the redacted answers.
func (t *Themes) Guard(d *Data, g Guard) (*Report, error) {
	s, err := newGuardSet(g)
	if err != nil {
		return nil, err
	}
	s.free(TitlePlace, &t.Title)
	var walk func(ns []*ThemeNode)
	walk = func(ns []*ThemeNode) {
		for _, n := range ns {
			if !n.NotInCodebook {
				for _, f := range []struct {
					field string
					text  *string
				}{{"name", &n.Name}, {"definition", &n.Definition}, {"concept", &n.Concept}, {"include", &n.Include}, {"exclude", &n.Exclude}} {
					s.free(CodebookPlace(n.ID, f.field), f.text)
				}
			}
			for i := range n.Quotes {
				guardQuote(s, d, &n.Quotes[i])
			}
			walk(n.Children)
		}
	}
	walk(t.Themes)
	walk(t.Unthemed)
	rep, err := s.run(g.Redact)
	if err != nil {
		return nil, err
	}
	rep.Warnings = append(rep.Warnings, t.warnings...)
	return rep, nil
}

// guardQuote adds a quote's text, span and attribute values.
func guardQuote(s *guardSet, d *Data, q *Quote) {
	doc, ok := d.Document(q.Document)
	if !ok {
		return
	}
	s.answer(doc, q.Start, &q.Text)
	s.span(doc, &q.Start, &q.End)
	guardAttributes(s, q.Respondent, q.Attributes)
}

// guardAttributes adds a respondent's attribute values, written back into
// attrs when the guard has run.
func guardAttributes(s *guardSet, respondent string, attrs map[string]string) {
	for _, k := range sortedKeys(attrs) {
		s.freeValue(AttributePlace(respondent, k), attrs, k)
	}
}
