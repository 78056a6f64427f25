package quant

import "fmt"

// classify puts every complete pair into its categories and counts them.
func (r *Result) classify(complete []Pair, m *model, cats *categoriser, cut *float64, opt Options) {
	d := float64(r.Direction)
	beyond := func(x float64) bool { return cut != nil && x*d > *cut*d }
	if !opt.Summary {
		r.Patients = make([]Patient, 0, len(complete))
	}
	if opt.Percentage != nil {
		r.PercentageTable = &ClassTable{Thresholds: *opt.Percentage}
	}
	if opt.Anchor != nil {
		r.AnchorTable = &ClassTable{Thresholds: *opt.Anchor}
	}
	pkg := opt.Compat == CompatClinicalSignificance
	negativePre := 0
	for _, p := range complete {
		ch := p.Post - p.Pre
		rci := m.rci(p.Pre, p.Post)
		rc := m.change(p.Pre, p.Post, rci, d)
		cs := NotSignificant
		switch {
		case beyond(p.Pre):
			cs = OkayAtBaseline
		case beyond(p.Post):
			cs = SignificantChange
		}
		r.clinical[cs]++
		if rc != ChangeNotComputable {
			r.Table[cs][rc]++
		}
		pt := Patient{ID: p.ID, Pre: p.Pre, Post: p.Post, Change: ch, RCI: rci, ReliableChange: rc, ClinicalSignificance: cs}
		if r.CombinedTable != nil {
			pt.Category = CategoryNotComputable
			if cats != nil {
				pt.Category = cats.category(p.Pre, p.Post, rc)
			}
			r.CombinedTable.counts[pt.Category]++
		}
		if t := r.PercentageTable; t != nil {
			var both bool
			pt.PctChange, pt.Percentage, both = percentageClass(p.Pre, p.Post, d, t.Thresholds, pkg)
			t.counts[pt.Percentage]++
			if both {
				t.counts[ClassDeteriorated]++
			}
			if p.Pre < 0 {
				negativePre++
			}
		}
		if t := r.AnchorTable; t != nil {
			pt.Anchor = anchorClass(ch, d, t.Thresholds)
			t.counts[pt.Anchor]++
		}
		if !opt.Summary {
			r.Patients = append(r.Patients, pt)
		}
	}
	if t := r.CombinedTable; t != nil {
		t.finish(r.N)
	}
	if t := r.PercentageTable; t != nil {
		t.finish(r.N)
		if negativePre > 0 {
			r.Warnings = append(r.Warnings, fmt.Sprintf("%d patient(s) have a pre score below 0: a percentage change assumes a scale whose 0 means none of what it measures", negativePre))
		}
		if pkg && t.counts[ClassImproved]+t.counts[ClassUnchanged]+t.counts[ClassDeteriorated] > r.N {
			r.Warnings = append(r.Warnings, "compat clinicalsignificance: a pre score of 0 with a post score above 0 counts as both improved and deteriorated when lower is better, as the package counts it; the patient is listed as improved")
		}
	}
	if t := r.AnchorTable; t != nil {
		t.finish(r.N)
	}
	if r.NotComputable != "" {
		r.Warnings = append(r.Warnings, r.NotComputable)
	}
}

// summarise is the group summary: means and SDs, and the counts of each
// reliable change and clinical significance category.
func (r *Result) summarise(st stats) Summary {
	s := Summary{N: st.n, Pre: st.pre, Post: st.post, Reliable: map[string]int{}, Clinical: map[string]int{}}
	s.MeanChange = s.Post.Mean - s.Pre.Mean
	for cs := range 3 {
		for rc := range 3 {
			s.Reliable[ReliableChange(rc).String()] += r.Table[cs][rc]
		}
		s.Clinical[ClinicalSignificance(cs).String()] = r.clinical[cs]
	}
	if r.NotComputable != "" {
		s.Reliable[ChangeNotComputable.String()] = r.N
	}
	return s
}
