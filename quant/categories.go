package quant

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Category is one of the five combined categories of reliable and
// clinically significant change (Jacobson, Roberts, Berns & McGlinchey
// 1999; as in clinicalsignificance's combined approach).
type Category int

const (
	NoCategory Category = iota // the combined categories were not asked for
	Recovered
	Improved
	Unchanged
	Deteriorated
	Harmed
	CategoryNotComputable
)

var categoryNames = [...]string{"", "recovered", "improved", "unchanged", "deteriorated", "harmed", "not computable"}

func (c Category) String() string { return categoryNames[c] }

// CategoryOrder lists the five categories from best to worst.
var CategoryOrder = []Category{Recovered, Improved, Unchanged, Deteriorated, Harmed}

// ChangeClass is a patient's class by percentage change or by an anchor's
// minimal important difference.
type ChangeClass int

const (
	NoClass ChangeClass = iota // not asked for
	ClassImproved
	ClassUnchanged
	ClassDeteriorated
	ClassNotComputable
)

var classNames = [...]string{"", "improved", "unchanged", "deteriorated", "not computable"}

func (c ChangeClass) String() string { return classNames[c] }

// ClassOrder lists the classes from best to worst.
var ClassOrder = []ChangeClass{ClassImproved, ClassUnchanged, ClassDeteriorated}

// Count is a number of patients and its share of the patients used.
type Count struct {
	N       int     `json:"n"`
	Percent float64 `json:"percent"`
}

// CategoryTable counts the combined categories. NotComputable counts
// patients without a category (HA when its index cannot be computed).
type CategoryTable struct {
	Recovered     Count `json:"recovered"`
	Improved      Count `json:"improved"`
	Unchanged     Count `json:"unchanged"`
	Deteriorated  Count `json:"deteriorated"`
	Harmed        Count `json:"harmed"`
	NotComputable int   `json:"not_computable"`
	counts        [7]int
}

// Get returns a category's count.
func (t *CategoryTable) Get(c Category) Count {
	switch c {
	case Recovered:
		return t.Recovered
	case Improved:
		return t.Improved
	case Unchanged:
		return t.Unchanged
	case Deteriorated:
		return t.Deteriorated
	case Harmed:
		return t.Harmed
	}
	return Count{N: t.NotComputable}
}

func (t *CategoryTable) finish(n int) {
	pct := func(c Category) Count { return Count{N: t.counts[c], Percent: percent(t.counts[c], n)} }
	t.Recovered, t.Improved, t.Unchanged, t.Deteriorated, t.Harmed = pct(Recovered), pct(Improved), pct(Unchanged), pct(Deteriorated), pct(Harmed)
	t.NotComputable = t.counts[CategoryNotComputable]
}

// ClassTable counts the percentage-change or anchor classes, with the
// thresholds used.
type ClassTable struct {
	Thresholds
	Improved      Count `json:"improved"`
	Unchanged     Count `json:"unchanged"`
	Deteriorated  Count `json:"deteriorated"`
	NotComputable int   `json:"not_computable"`
	counts        [5]int
}

// Get returns a class's count.
func (t *ClassTable) Get(c ChangeClass) Count {
	switch c {
	case ClassImproved:
		return t.Improved
	case ClassUnchanged:
		return t.Unchanged
	case ClassDeteriorated:
		return t.Deteriorated
	}
	return Count{N: t.NotComputable}
}

func (t *ClassTable) finish(n int) {
	pct := func(c ChangeClass) Count { return Count{N: t.counts[c], Percent: percent(t.counts[c], n)} }
	t.Improved, t.Unchanged, t.Deteriorated = pct(ClassImproved), pct(ClassUnchanged), pct(ClassDeteriorated)
	t.NotComputable = t.counts[ClassNotComputable]
}

// percent is k of n in percent, to two decimals as the package rounds.
func percent(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return math.Round(float64(k)/float64(n)*10000) / 100
}

// categoriser decides the combined categories. Clinical at pre: D·pre <
// D·cut-off; functional at post: D·post > D·cut-off (both strict: a score
// on the cut-off is neither). Recovered: clinical at pre, functional at
// post and reliably improved; harmed: not clinical at pre, not functional
// at post and reliably deteriorated; else the reliable change decides.
type categoriser struct {
	d   float64
	cut float64
	ha  *haCategoriser
}

// haCategoriser is Hageman & Arrindell's version: "true" cut-offs and a
// test of each post score against the cut-off (clinicalsignificance's
// calc_cutoff_from_data.cs_ha).
type haCategoriser struct {
	cutoff  float64
	relPost float64 // reliability of post scores, (SD_post² − SEM²)/SD_post²
	mPost   float64
	sem     float64
	c       float64
	// pkg is compat clinicalsignificance: harmed is not clinical at pre
	// and reliably deteriorated, whatever the post score.
	pkg bool
}

func (r *Result) categoriser(opt Options, st stats, m *model, cut *float64) *categoriser {
	if opt.Categories != CategoriesCombined {
		return nil
	}
	r.CombinedTable = &CategoryTable{}
	if opt.Method != MethodHA {
		if cut == nil {
			return nil // compat clinsig without a norm: every category is not computable
		}
		return &categoriser{d: float64(r.Direction), cut: *cut}
	}
	ha := &haCategoriser{mPost: st.post.Mean, sem: st.pre.SD * math.Sqrt(1-opt.Reliability), c: r.Z, pkg: opt.Compat == CompatClinicalSignificance}
	ha.relPost = (st.post.SD*st.post.SD - ha.sem*ha.sem) / (st.post.SD * st.post.SD)
	tc := r.trueCutoffs(opt, ha.sem)
	r.HA.TrueCutoffs = &tc
	c := tc.Get(r.Criterion)
	if c == nil {
		r.Warnings = append(r.Warnings, fmt.Sprintf("the Hageman & Arrindell cut-off %s needs the norm SD, so no combined category can be given", r.Criterion))
		return nil
	}
	ha.cutoff = *c
	if !(ha.relPost > 0) && r.NotComputable == "" {
		r.Warnings = append(r.Warnings, fmt.Sprintf("the Hageman & Arrindell reliability of the post scores (%s) is not above 0, so no post score can be tested against the cut-off and no combined category can be given", num(ha.relPost)))
	}
	return &categoriser{d: float64(r.Direction), cut: ha.cutoff, ha: ha}
}

// trueCutoffs are Hageman & Arrindell's (1999) cut-offs: Jacobson &
// Truax's, with each SD multiplied by the square root of its reliability,
// r = (SD² − SEM²)/SD². As in the package, b uses the clinical SD in
// compat clinicalsignificance; mixeval's default uses the norm SD, as
// Jacobson & Truax's b does.
func (r *Result) trueCutoffs(opt Options, sem float64) Cutoffs {
	d := float64(r.Direction)
	cl := r.Clinical
	relClin := (cl.SD*cl.SD - sem*sem) / (cl.SD * cl.SD)
	a := cl.Mean + (d * 2 * cl.SD * math.Sqrt(relClin))
	out := Cutoffs{A: &a}
	n := opt.Norm
	if n == nil || n.SD == nil {
		return out
	}
	sdF := *n.SD
	relF := (sdF*sdF - sem*sem) / (sdF * sdF)
	var b float64
	if opt.Compat == CompatClinicalSignificance {
		b = n.Mean - (d * 2 * cl.SD * math.Sqrt(relClin))
	} else {
		b = n.Mean - (d * 2 * sdF * math.Sqrt(relF))
	}
	c := (cl.SD*math.Sqrt(relClin)*n.Mean + sdF*math.Sqrt(relF)*cl.Mean) / (cl.SD*math.Sqrt(relClin) + sdF*math.Sqrt(relF))
	out.B, out.C = &b, &c
	return out
}

// category is the patient's combined category given their reliable change.
func (c *categoriser) category(pre, post float64, rc ReliableChange) Category {
	if rc == ChangeNotComputable {
		return CategoryNotComputable
	}
	clinicalPre := c.d*pre < c.d*c.cut
	var functionalPost, harmedPost bool
	if c.ha == nil {
		functionalPost = c.d*post > c.d*c.cut
		harmedPost = !functionalPost
	} else {
		z := c.ha.indiv(post)
		if math.IsNaN(z) {
			return CategoryNotComputable
		}
		// Functional at post needs clinical at pre (the package's rule).
		functionalPost = clinicalPre && c.d*z > c.ha.c
		if c.ha.pkg {
			harmedPost = !functionalPost
		} else {
			// mixeval: harmed needs the post score significantly on the
			// clinical side, the package's clinical_post.
			harmedPost = c.d*z < -c.ha.c
		}
	}
	switch {
	case rc == Improvement && clinicalPre && functionalPost:
		return Recovered
	case rc == Deterioration && !clinicalPre && harmedPost:
		return Harmed
	case rc == Improvement:
		return Improved
	case rc == Deterioration:
		return Deteriorated
	}
	return Unchanged
}

// indiv is HA's test of a post score against the true cut-off: the post
// score regressed towards the post mean by its reliability, minus the
// cut-off, over its standard error.
func (h *haCategoriser) indiv(post float64) float64 {
	if !(h.relPost > 0) {
		return math.NaN()
	}
	return (h.mPost + (post-h.mPost)*h.relPost - h.cutoff) / (math.Sqrt(h.relPost) * h.sem)
}

// HAGroup is Hageman & Arrindell's group-level estimate: the expected
// proportion of patients who changed reliably in the better direction and
// of those in the functional range at post, from the normal distribution
// of true scores (the package's group_level_summary).
type HAGroup struct {
	Changed    *float64 `json:"changed"`
	Functional *float64 `json:"functional"`
}

func haGroupLevel(st stats, m *model, cutoff, relPost float64, dir Direction) *HAGroup {
	zChanged := (0 - st.change.Mean) / (st.change.SD * math.Sqrt(m.rdd))
	zFunctional := (cutoff - st.post.Mean) / (st.post.SD * math.Sqrt(relPost))
	changed, functional := distuv.UnitNormal.CDF(zChanged), distuv.UnitNormal.CDF(zFunctional)
	if dir == HigherIsBetter {
		changed, functional = 1-changed, 1-functional
	}
	return &HAGroup{Changed: finitePtr(changed), Functional: finitePtr(functional)}
}

// percentageClass classifies by percentage change (clinicalsignificance's
// calc_percentage): improved when D·(post − pre)/pre ≥ the improvement
// threshold, deteriorated when ≤ −the deterioration threshold, unchanged
// when pre = post. A pre score of 0 gives ±Inf (or NaN when post is 0
// too) and is classed by the sign of the change in the better direction.
// In compat clinicalsignificance the package's rule for pre = 0 applies:
// a post above 0 is improved, below 0 deteriorated, whatever the
// direction; when both hold (lower is better) the patient is improved and
// counted in both rows, as the package counts.
func percentageClass(pre, post, d float64, t Thresholds, pkg bool) (pct float64, class ChangeClass, alsoDeteriorated bool) {
	pct = (post - pre) / pre
	if pre == post {
		return pct, ClassUnchanged, false
	}
	improved := d*pct >= t.Improve
	deteriorated := d*pct <= -t.Deteriorate
	if pkg && pre == 0 {
		improved = improved || post > 0
		deteriorated = deteriorated || post < 0
	}
	switch {
	case improved:
		return pct, ClassImproved, deteriorated
	case deteriorated:
		return pct, ClassDeteriorated, false
	}
	return pct, ClassUnchanged, false
}

// anchorClass classifies by a minimal important difference (the package's
// calc_anchor): improved when D·change ≥ the improvement MID, deteriorated
// when D·change ≤ −the deterioration MID.
func anchorClass(change, d float64, t Thresholds) ChangeClass {
	switch {
	case d*change >= t.Improve:
		return ClassImproved
	case d*change <= -t.Deteriorate:
		return ClassDeteriorated
	}
	return ClassUnchanged
}
