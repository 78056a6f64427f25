package quant

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Method names a reliable change index. Each takes the patient's pre and
// post score, the reliability r and the sample's pre and post statistics
// (docs/quant.md gives each formula with its source).
type Method string

const (
	// MethodJT is Jacobson & Truax (1991): the raw change over the
	// standard error of a difference.
	MethodJT Method = "jt"
	// MethodGLN is Gulliksen, Lord & Novick, as given by Hsu (1989): the
	// post score against the pre score regressed to the pre mean.
	MethodGLN Method = "gln"
	// MethodHLL is Hsu, Linn & Lord (Hsu 1989): GLN with the post score
	// centred on the post mean.
	MethodHLL Method = "hll"
	// MethodEN is Edwards & Nunnally, as given by Speer (1992): the post
	// score against the estimated true pre score, over the SEM.
	MethodEN Method = "en"
	// MethodNK is Nunnally & Kotsch (1983): EN's numerator with pre and
	// post reliabilities in its standard error.
	MethodNK Method = "nk"
	// MethodHA is Hageman & Arrindell (1999): the change weighted by the
	// reliability of difference scores.
	MethodHA Method = "ha"
)

// Methods lists the methods in the order the documentation gives them.
var Methods = []Method{MethodJT, MethodGLN, MethodHLL, MethodEN, MethodNK, MethodHA}

var methodNames = map[Method]string{
	MethodJT:  "Jacobson & Truax (1991)",
	MethodGLN: "Gulliksen, Lord & Novick (Hsu 1989)",
	MethodHLL: "Hsu, Linn & Lord (Hsu 1989)",
	MethodEN:  "Edwards & Nunnally (Speer 1992)",
	MethodNK:  "Nunnally & Kotsch (1983)",
	MethodHA:  "Hageman & Arrindell (1999)",
}

// Title is the method's authors, e.g. "Jacobson & Truax (1991)".
func (m Method) Title() string { return methodNames[m] }

// ParseMethod reads jt, gln, hll, en, nk or ha (any case); empty means jt.
func ParseMethod(s string) (Method, error) {
	if s == "" {
		return MethodJT, nil
	}
	for _, m := range Methods {
		if string(m) == s || string(m) == lower(s) {
			return m, nil
		}
	}
	return "", fmt.Errorf("method %q is not known: use jt, gln, hll, en, nk or ha", s)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// defaultCriticalValue is 1.96 for a two-sided 5% test and 1.645 for HA's
// one-sided one; compat clinicalsignificance uses the package's exact
// qnorm(0.975) and qnorm(0.95).
func defaultCriticalValue(m Method, c Compat) float64 {
	switch {
	case c == CompatClinicalSignificance && m == MethodHA:
		return distuv.UnitNormal.Quantile(0.95)
	case c == CompatClinicalSignificance:
		return distuv.UnitNormal.Quantile(0.975)
	case m == MethodHA:
		return DefaultZOneSided
	}
	return DefaultZ
}

// model computes one method's index for a patient. Each formula keeps the
// order of operations of the clinicalsignificance package, so that compat
// mode reproduces its numbers bit for bit.
type model struct {
	method Method
	// byChange compares the raw change with z·S_diff (Jacobson & Truax as
	// clinsig and mixeval's default do); otherwise D·RCI is compared with
	// the critical value.
	byChange  bool
	threshold float64
	c         float64
	r         float64
	mPre      float64
	mPost     float64
	se        float64 // the denominator
	rdd       float64 // HA
	sem       float64 // HA: from the pre SD
	computed  bool    // false: no patient's index is computable
}

// model builds the method's model from the sample statistics.
func (r *Result) model(opt Options, st stats) (*model, error) {
	m := &model{method: opt.Method, c: r.Z, r: opt.Reliability, mPre: st.pre.Mean, mPost: st.post.Mean, computed: true}
	rel := opt.Reliability
	sdPre := st.pre.SD
	if opt.Method != MethodJT && !(sdPre > 0) {
		return nil, fmt.Errorf("the %s method needs the SD of at least 2 different pre scores", opt.Method)
	}
	sem := sdPre * math.Sqrt(1-rel) // SE of measurement, from the pre SD
	switch opt.Method {
	case MethodJT:
		if opt.Compat == CompatClinicalSignificance {
			m.se = math.Sqrt(2 * (sem * sem))
		} else {
			m.byChange, m.threshold, m.se = true, r.RCThreshold, r.SDiff
		}
	case MethodGLN, MethodHLL:
		m.se = sdPre * math.Sqrt(1-rel*rel) // SE of prediction
	case MethodEN:
		m.se = sem
	case MethodNK:
		rPost := rel
		if opt.ReliabilityPost != nil {
			rPost = *opt.ReliabilityPost
		}
		r.ReliabilityPost = Float(rPost)
		m.se = math.Sqrt((rel * rel * (sdPre * sdPre) * (1 - rel)) + ((sdPre * sdPre) * (1 - rPost)))
	case MethodHA:
		r.haModel(m, st, sem)
	}
	if m.computed {
		r.RCISE = Float(m.se)
	}
	r.Band = m.band()
	return m, nil
}

// haModel estimates the reliability of difference scores (Hageman &
// Arrindell 1999, eq. 4): r_xx at pre and post from the SEM, and ρ the
// correlation of pre and post scores.
func (r *Result) haModel(m *model, st stats, sem float64) {
	sdPre, sdPost, rho := st.pre.SD, st.post.SD, st.rho
	rPre := (sdPre*sdPre - sem*sem) / (sdPre * sdPre)
	rPost := (sdPost*sdPost - sem*sem) / (sdPost * sdPost)
	nom := sdPre*sdPre*rPre + sdPost*sdPost*rPost - 2*sdPre*sdPost*rho
	den := sdPre*sdPre + sdPost*sdPost - 2*sdPre*sdPost*rho
	m.rdd, m.sem = nom/den, sem
	m.se = math.Sqrt(m.rdd) * math.Sqrt(2*(sem*sem))
	r.HA = &HAResult{RDD: finitePtr(m.rdd), ReliabilityPre: finitePtr(rPre), ReliabilityPost: finitePtr(rPost)}
	switch {
	case math.IsNaN(m.rdd):
		m.computed = false
		r.NotComputable = "the reliability of the difference scores (r_dd) is not a number: the post scores have no spread, or pre and post vary together exactly; no reliable change index can be computed"
	case m.rdd <= 0:
		m.computed = false
		r.NotComputable = fmt.Sprintf("the reliability of the difference scores r_dd = %s is not above 0; no reliable change index can be computed", num(m.rdd))
	}
}

// rci is the patient's reliable change index; NaN when not computable.
func (m *model) rci(pre, post float64) float64 {
	if !m.computed {
		return math.NaN()
	}
	switch m.method {
	case MethodGLN:
		preAdj := m.r * (pre - m.mPre)
		postAdj := post - m.mPre
		return (postAdj - preAdj) / m.se
	case MethodHLL:
		preAdj := m.r * (pre - m.mPre)
		postAdj := post - m.mPost
		return (postAdj - preAdj) / m.se
	case MethodEN, MethodNK:
		preTrue := m.r*(pre-m.mPre) + m.mPre
		return (post - preTrue) / m.se
	case MethodHA:
		return ((post-pre)*m.rdd + (m.mPost-m.mPre)*(1-m.rdd)) / m.se
	}
	return (post - pre) / m.se
}

// change classifies the patient: strictly beyond the critical value in the
// better direction is an improvement, in the worse a deterioration.
func (m *model) change(pre, post, rci, d float64) ReliableChange {
	if m.byChange {
		ch := post - pre
		switch {
		case ch*d > m.threshold:
			return Improvement
		case -ch*d > m.threshold:
			return Deterioration
		}
		return NoChange
	}
	switch {
	case math.IsNaN(rci):
		return ChangeNotComputable
	case d*rci > m.c:
		return Improvement
	case d*rci < -m.c:
		return Deterioration
	}
	return NoChange
}

// Band is where a method's reliable change boundaries lie on a plot of pre
// (x) against post (y): post = Intercept + Slope·pre ± HalfWidth. Outside
// the band the change is reliable. Zero HalfWidth: no band (not computable).
type Band struct {
	Intercept, Slope, HalfWidth float64
}

// band solves the method's RCI = ±c for the post score.
func (m *model) band() Band {
	if !m.computed {
		return Band{}
	}
	switch m.method {
	case MethodGLN:
		return Band{Intercept: m.mPre * (1 - m.r), Slope: m.r, HalfWidth: m.c * m.se}
	case MethodHLL:
		return Band{Intercept: m.mPost - m.r*m.mPre, Slope: m.r, HalfWidth: m.c * m.se}
	case MethodEN, MethodNK:
		return Band{Intercept: m.mPre * (1 - m.r), Slope: m.r, HalfWidth: m.c * m.se}
	case MethodHA:
		// r_dd(post − pre) + (1 − r_dd)Δ = ±c·se
		return Band{Intercept: -(1 - m.rdd) * (m.mPost - m.mPre) / m.rdd, Slope: 1, HalfWidth: m.c * m.se / m.rdd}
	}
	if m.byChange {
		return Band{Slope: 1, HalfWidth: m.threshold}
	}
	return Band{Slope: 1, HalfWidth: m.c * m.se}
}

// HAResult holds what the Hageman & Arrindell method estimates beyond the
// index: the reliabilities, the "true" cut-offs of its combined categories
// and its group-level proportions.
type HAResult struct {
	// RDD is the reliability of the difference scores; nil when not a number.
	RDD             *float64 `json:"r_dd"`
	ReliabilityPre  *float64 `json:"reliability_pre"`
	ReliabilityPost *float64 `json:"reliability_post"`
	// TrueCutoffs are the cut-offs with each SD scaled by the square root
	// of its reliability (set with the combined categories).
	TrueCutoffs *Cutoffs `json:"true_cutoffs,omitempty"`
	// Group is the group-level estimate (set with the combined categories).
	Group *HAGroup `json:"group,omitempty"`
}
