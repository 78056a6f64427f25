package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/thematic/reconcile"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// References are the works the report cites, as text (no links: the
// report works offline and names no address).
var References = []string{
	"Becker BJ (1988). Synthesizing standardized mean-change measures. British Journal of Mathematical and Statistical Psychology 41(2): 257–278. doi:10.1111/j.2044-8317.1988.tb00901.x",
	"Braun V, Clarke V (2006). Using thematic analysis in psychology. Qualitative Research in Psychology 3(2): 77–101. doi:10.1191/1478088706qp063oa",
	"Fetters MD, Curry LA, Creswell JW (2013). Achieving integration in mixed methods designs: principles and practices. Health Services Research 48(6 Pt 2): 2134–2156. doi:10.1111/1475-6773.12117",
	"Guetterman TC, Fetters MD, Creswell JW (2015). Integrating quantitative and qualitative results in health science mixed methods research through joint displays. Annals of Family Medicine 13(6): 554–561. doi:10.1370/afm.1865",
	"Jacobson NS, Truax P (1991). Clinical significance: a statistical approach to defining meaningful change in psychotherapy research. Journal of Consulting and Clinical Psychology 59(1): 12–19. doi:10.1037/0022-006X.59.1.12",
	"Krippendorff K (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed. Thousand Oaks, CA: Sage",
}

var criterionText = map[quant.Criterion]string{
	quant.CriterionA: "two clinical SDs beyond the clinical mean, towards health",
	quant.CriterionB: "within two SDs of the non-clinical norm's mean",
	quant.CriterionC: "the point between the clinical and the non-clinical distribution, weighted by their SDs",
}

func sourceText(src string) string {
	if strings.TrimSpace(src) == "" {
		return "no source given"
	}
	return "source: " + src
}

// criterionWhy says why a measure's criterion fits what the study gives.
func criterionWhy(r *quant.Result) string {
	switch r.Criterion {
	case quant.CriterionA:
		if r.Norm == nil {
			return "because no non-clinical norm is given for this measure, and criterion a needs none"
		}
		return "as chosen in the study, although a non-clinical norm is given"
	case quant.CriterionB:
		return "as chosen in the study: it needs the non-clinical norm's mean and SD"
	}
	if r.Norm != nil && r.Norm.SD == nil {
		return "because a non-clinical norm mean is given; without its SD the cut-off is the midpoint of the two means"
	}
	return "because a non-clinical norm is given: Jacobson & Truax (1991) prefer c when the clinical and non-clinical distributions overlap"
}

// instrumentText describes how a measure is scored.
func instrumentText(m *Measure) string {
	if m.Instrument == nil {
		return m.Name + ": totals as given in the data file"
	}
	in := m.Instrument
	s := in.Title
	if s == "" {
		s = in.Name
	}
	if in.Citation != "" {
		s += " (" + in.Citation + ")"
	}
	if m.Score != nil {
		items := len(m.Score.Items)
		if items == 0 {
			items = len(in.Items)
		}
		how := "sum"
		if m.Score.Scoring == quant.ScoringMean {
			how = "mean"
		}
		if m.Score != in.Total && m.Score.Title != "" {
			title, _, _ := strings.Cut(m.Score.Title, " (")
			s += ", its " + lowerFirst(title) + " subscale"
		}
		s += fmt.Sprintf(", scored as the %s of %d items", how, items)
		if in.Range.Min != nil && in.Range.Max != nil {
			s += fmt.Sprintf(" (each %d–%d)", *in.Range.Min, *in.Range.Max)
		}
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if len(r) > 1 && r[1] >= 'A' && r[1] <= 'Z' { // an acronym stays
		return s
	}
	return strings.ToLower(string(r[:1])) + string(r[1:])
}

// settings are the choices and derived values of one measure, as label
// and value, for its results table.
func settings(m *Measure) [][2]string {
	r := m.Result
	clin := fmt.Sprintf("mean %s, SD %s, ", score(r.Clinical.Mean), score(r.Clinical.SD))
	if r.ClinicalFromSample {
		clin += fmt.Sprintf("from the sample's pre scores (n = %d)", r.N)
	} else {
		clin += "supplied (" + sourceText(m.Sources.Clinical) + ")"
	}
	norm := "none given"
	if r.Norm != nil {
		sd := "no SD"
		if r.Norm.SD != nil {
			sd = "SD " + short(*r.Norm.SD)
		}
		norm = fmt.Sprintf("mean %s, %s (%s)", short(r.Norm.Mean), sd, sourceText(m.Sources.Norm))
	}
	excluded := "none"
	if len(r.Excluded) > 0 {
		excluded = fmt.Sprintf("%d (a pre or post score missing)", len(r.Excluded))
	}
	rc := fmt.Sprintf("|post − pre| > %s (z = %s × S_diff)", score(r.RCThreshold), short(r.Z))
	if r.Method != "" && r.Method != quant.MethodJT {
		rc = fmt.Sprintf("|RCI| > %s, the index of %s", short(r.CriticalValue), r.Method.Title())
		if r.NotComputable != "" {
			rc += "; not computable here: " + r.NotComputable
		}
	}
	out := [][2]string{
		{"Instrument", instrumentText(m)},
		{"Direction", r.Direction.String() + " scores are better"},
		{"Reliability", fmt.Sprintf("r = %s (%s)", short(r.Reliability), sourceText(m.Sources.Reliability))},
		{"Clinical distribution", clin},
		{"Non-clinical norm", norm},
		{"Criterion", fmt.Sprintf("%s: %s", r.Criterion, criterionText[r.Criterion])},
		{"Cut-off", optional(r.Cutoffs.Get(r.Criterion))},
		{"S_diff", score(r.SDiff) + " (SD_clin × √2 × √(1 − r))"},
		{"Reliable change", rc},
		{"Patients", fmt.Sprintf("%d with both scores; excluded: %s", r.N, excluded)},
	}
	if len(m.Pairs) > 0 {
		out = append(out, [2]string{"Time points", timesText(m)})
	}
	return out
}

// timesText names a measure's time points and the pairs analysed.
func timesText(m *Measure) string {
	var pairs []string
	for _, r := range m.Results() {
		pairs = append(pairs, r.From+" → "+r.To)
	}
	s := joinAnd(pairs) + " (the plot, the joint display and the case appendix use " + pairs[0] + ")"
	if len(m.Times) > 0 {
		s = strings.Join(m.Times, ", ") + "; analysed " + s
	}
	return s
}

func (b *builder) methods() Methods {
	var m Methods
	m.Quant = b.quantMethods()
	for i := range b.in.Measures {
		m.Instr = append(m.Instr, b.measureMethods(&b.in.Measures[i]))
	}
	m.Thematic = b.thematicMethods()
	m.Integrate = b.integrationMethods()
	return m
}

func (b *builder) quantMethods() []string {
	if len(b.in.Measures) == 0 {
		return []string{"The study has no outcome measures, so there are no quantitative results."}
	}
	var zs []string
	for _, m := range b.in.Measures {
		if z := short(m.Z); !slices.Contains(zs, z) {
			zs = append(zs, z)
		}
	}
	zText := "z = " + zs[0]
	if zs[0] == "1.96" {
		zText += " (two-tailed 95%)"
	}
	if len(zs) > 1 {
		zText = "the z given per measure below"
	}
	return []string{
		fmt.Sprintf("Each patient's change on each of the %d outcome measures was classified following Jacobson & Truax (1991), unless a measure below names another reliable change index. "+
			"The standard error of the difference is S_diff = SD_clin × √2 × √(1 − r), where SD_clin is the SD of the clinical distribution and r the measure's reliability; "+
			"a change is reliable when |post − pre| exceeds z × S_diff, with %s, and the reliable change index (RCI) is (post − pre) / S_diff.", len(b.in.Measures), zText),
		"A change is clinically significant when the post score lies beyond the measure's cut-off from a pre score that did not: " +
			"criterion a lies two clinical SDs beyond the clinical mean, towards health; b within two SDs of a non-clinical norm's mean; " +
			"c between the two distributions, weighted by their SDs. Patients already beyond the cut-off before treatment are counted as okay at baseline. " +
			"Unless stated otherwise the clinical distribution is the sample's own pre scores.",
		"Group effects, per measure and pair of time points: the mean change with its 95% confidence interval (t distribution), " +
			"the standardised mean change d (mean change over the SD of the first time point's scores; Becker 1988) with its 95% interval, " +
			fmt.Sprintf("and the Wilcoxon signed-rank test of the changes. With fewer than %d patients they are labelled exploratory: the intervals rest on assumptions that so few cannot check.", quant.ExploratoryBelow),
		"Missing data: an item left unanswered is prorated from the items answered (the mean of the answered items) when the instrument allows, as stated per measure; " +
			"a patient without both a pre and a post score on a measure is left out of that measure (listwise).",
	}
}

func (b *builder) measureMethods(m *Measure) string {
	r := m.Result
	s := fmt.Sprintf("%s: %s; %s scores are better. Reliability r = %s (%s).", m.Name, instrumentText(m), r.Direction, short(r.Reliability), sourceText(m.Sources.Reliability))
	if r.Norm != nil {
		sd := "no SD given"
		if r.Norm.SD != nil {
			sd = "SD " + short(*r.Norm.SD)
		}
		s += fmt.Sprintf(" Non-clinical norm: mean %s, %s (%s).", short(r.Norm.Mean), sd, sourceText(m.Sources.Norm))
	} else {
		s += " No non-clinical norm is given."
	}
	if !r.ClinicalFromSample {
		s += fmt.Sprintf(" Clinical distribution: mean %s, SD %s (%s).", short(r.Clinical.Mean), short(r.Clinical.SD), sourceText(m.Sources.Clinical))
	}
	s += fmt.Sprintf(" Criterion %s, %s; cut-off %s.", r.Criterion, criterionWhy(r), optional(r.Cutoffs.Get(r.Criterion)))
	if r.Method != "" && r.Method != quant.MethodJT {
		s += fmt.Sprintf(" Reliable change by the index of %s: reliable when |RCI| > %s.", r.Method.Title(), short(r.CriticalValue))
	}
	if len(b.in.Measures) > 0 && short(r.Z) != short(b.in.Measures[0].Z) {
		s += fmt.Sprintf(" z = %s.", short(r.Z))
	}
	switch {
	case m.MaxMissing > 0:
		verb := "are"
		if m.MaxMissing == 1 {
			verb = "is"
		}
		s += fmt.Sprintf(" A score is prorated when at most %d of its items %s unanswered, else it is missing.", m.MaxMissing, verb)
	case m.MaxMissing == 0:
		s += " A score with any item unanswered is missing."
	}
	s += fmt.Sprintf(" %d of %d patients had both scores", r.N, r.N+len(r.Excluded))
	if len(r.Excluded) > 0 {
		s += fmt.Sprintf("; %d were left out for a missing pre or post score", len(r.Excluded))
	}
	s += "."
	if len(m.Pairs) > 0 {
		var pairs []string
		for _, f := range m.Pairs {
			p := fmt.Sprintf("%s → %s (%d patients with both scores", f.From, f.To, f.N)
			if f.ClinicalFromSample {
				p += "; the clinical distribution is their " + f.From + " scores"
			}
			pairs = append(pairs, p+fmt.Sprintf(", so the cut-off is %s)", optional(f.Cutoffs.Get(f.Criterion))))
		}
		s += " Also analysed from " + joinAnd(pairs) + "."
	}
	return s
}

func (b *builder) thematicMethods() []string {
	c := b.in.Coding
	if len(b.answered) == 0 {
		return []string{"The study holds no feedback answers yet, so there is no thematic analysis to report."}
	}
	approach := "Reflexive thematic analysis"
	if c.Mode == "codebook" {
		approach = "Codebook thematic analysis"
	}
	qs := b.in.Questions
	themes, subthemes := len(b.in.Themes), 0
	for _, t := range b.in.Themes {
		subthemes += len(t.Subthemes)
	}
	out := []string{
		fmt.Sprintf("%s of the free-text answers to the feedback form's %s followed Braun & Clarke's (2006) six phases: "+
			"familiarisation with the data, generating initial codes, generating themes, reviewing themes, defining and naming themes, and writing up. "+
			"The answers were read and coded in mixeval, which records every coded stretch of text, every answer a coder has read (read and left uncoded differs from not yet read) and every change to the codebook.",
			approach, plural(len(qs), "question", "questions")),
		fmt.Sprintf("%s coded the answers (%s). The codebook holds %s grouped into %s with %s; each theme carries a definition and, where given, its central organising concept.",
			coderList(c.Coders), modeText(c.Mode), plural(b.in.Codes, "code", "codes"), plural(themes, "superordinate theme", "superordinate themes"), plural(subthemes, "subordinate theme", "subordinate themes")),
	}
	if cmp := b.comparisonText(); cmp != "" {
		out = append(out, cmp)
	}
	return append(out, codingUsed(c))
}

func modeText(mode string) string {
	if mode == "codebook" {
		return "codebook mode: blind double coding, with agreement reported"
	}
	return "reflexive mode: the coders' codings are compared to prompt discussion, not to measure agreement"
}

func coderList(coders []string) string {
	switch len(coders) {
	case 0:
		return "No coder"
	case 1:
		return "One coder, " + coders[0] + ","
	}
	return fmt.Sprintf("%s coders, %s,", numberWord(len(coders)), joinAnd(coders))
}

func numberWord(n int) string {
	words := []string{"No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"}
	if n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// comparisonText says how the coders' work was compared: agreement
// figures with their meaning in codebook mode; the disagreements found
// and how they were resolved in reflexive mode.
func (b *builder) comparisonText() string {
	in := b.in
	if len(in.Coding.Coders) < 2 {
		return ""
	}
	if in.Coding.Mode == "codebook" && in.Agreement != nil {
		a := in.Agreement
		p := a.Pooled
		return fmt.Sprintf("Agreement was measured on %d answers reviewed by every coder, one unit per answer and code (1 = the code applied anywhere in the answer, 0 = read and not applied). "+
			"Pooled over all codes, percent agreement was %s, %s %s, Krippendorff's alpha %s and Gwet's AC1 %s; the macro mean of alpha across codes was %s (%s). "+
			"Krippendorff (2004) relies on alpha ≥ .800 and allows tentative conclusions from .667; a value that is 0/0 (no variation) is reported as undefined, never as 0 or 1. "+
			"Per-code figures are in the Agreement section.%s",
			a.ReviewedByAll, p.PercentAgreement, kappaName(a), p.Kappa, p.Alpha, p.AC1, a.Macro.Alpha, meanBasis(a.Macro.Alpha), b.resolvedText())
	}
	s := ""
	if in.Disagreements >= 0 {
		s = fmt.Sprintf("Comparing the first two coders' codings, mixeval found %s (a stretch or a code one coder has and the other lacks, on answers both had read).",
			plural(in.Disagreements, "disagreement", "disagreements"))
	}
	if r := b.resolvedText(); r != "" {
		return strings.TrimSpace(s + r)
	}
	return strings.TrimSpace(s + " The coders have not reconciled their codings into a consensus yet.")
}

// resolvedText summarises the consensus's decisions.
func (b *builder) resolvedText() string {
	r := b.in.Reconciled
	if r == nil {
		return ""
	}
	var kinds []string
	for _, k := range reconcile.Kinds {
		if n := r.ByKind[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", kindText[k], n))
		}
	}
	s := fmt.Sprintf(" In reconciling, %d of %d items matched and were agreed automatically; %d %s discussed and decided",
		r.Agreed, r.Items, r.Decided, verb(r.Decided, "was", "were"))
	if len(kinds) > 0 {
		s += " (" + strings.Join(kinds, ", ") + ")"
	}
	s += fmt.Sprintf(", and %d %s open.", r.Open, verb(r.Open, "remains", "remain"))
	return s
}

var kindText = map[string]string{
	reconcile.AcceptA: "first coder's version kept",
	reconcile.AcceptB: "second coder's version kept",
	reconcile.Both:    "both kept",
	reconcile.Neither: "code removed",
	reconcile.Edit:    "span edited",
}

func kappaName(a *triangulate.Report) string {
	if len(a.Coders) == 2 {
		return "Cohen's kappa"
	}
	return "Light's kappa"
}

func meanBasis(m triangulate.Mean) string {
	s := plural(m.Used, "code", "codes")
	if m.Undefined > 0 {
		s += fmt.Sprintf(", %d undefined left out", m.Undefined)
	}
	return s
}

func codingUsed(c Coding) string {
	switch {
	case c.Name == "":
		return "No one has coded the answers yet, so there are no qualitative results."
	case c.Consensus:
		return "The qualitative results use the consensus coding, reconciled from the coders' codings."
	case c.Defaulted:
		return fmt.Sprintf("The qualitative results use %s's coding: there is no consensus coding yet, and %s is the first coder the study lists.", c.Name, c.Name)
	}
	return fmt.Sprintf("The qualitative results use %s's coding, as asked.", c.Name)
}

func (b *builder) integrationMethods() []string {
	lvl := "superordinate theme"
	if b.r.Level == LevelSubtheme {
		lvl = "subordinate theme (a superordinate theme without any stands for itself)"
	}
	return []string{
		"The two strands are integrated in a joint display (Fetters, Curry & Creswell 2013; Guetterman, Fetters & Creswell 2015). " +
			"For each measure the patients are grouped by their change category, from worst to best: deteriorated (reliably worse); no reliable change; " +
			"reliable improvement that is not clinically significant; and clinically significant change (reliable improvement to a post score beyond the cut-off). " +
			fmt.Sprintf("Each column is a %s; each cell gives how many of the row's patients who answered the form wrote something coded under it (k of n), ", lvl) +
			"with one quote: a pinned exemplar from a patient in the row where there is one, else the first coded answer. Counts are not turned into percentages at these sizes. " +
			"Patients with answers but no complete scores, and patients with scores but no answers, are listed in rows of their own, so nobody is dropped.",
	}
}
