package quant

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Direction says which way is better on a measure.
type Direction int

const (
	// DirectionUnknown is an error for the default analysis: the direction is
	// never guessed from whether the group improved.
	DirectionUnknown Direction = 0
	HigherIsBetter   Direction = 1
	LowerIsBetter    Direction = -1
)

func (d Direction) String() string {
	switch d {
	case HigherIsBetter:
		return "higher"
	case LowerIsBetter:
		return "lower"
	}
	return "unknown"
}

// ParseDirection reads "higher" or "lower".
func ParseDirection(s string) (Direction, error) {
	switch s {
	case "higher":
		return HigherIsBetter, nil
	case "lower":
		return LowerIsBetter, nil
	case "":
		return DirectionUnknown, nil
	}
	return DirectionUnknown, fmt.Errorf("direction %q is not known: use higher or lower", s)
}

// Criterion names the Jacobson & Truax (1991) cut-off used for clinical
// significance.
type Criterion string

const (
	CriterionA Criterion = "a" // two clinical SDs beyond the clinical mean
	CriterionB Criterion = "b" // within two norm SDs of the norm mean
	CriterionC Criterion = "c" // nearer the norm than the clinical distribution
)

// ParseCriterion reads "a", "b" or "c"; empty means c.
func ParseCriterion(s string) (Criterion, error) {
	switch s {
	case "", "c":
		return CriterionC, nil
	case "a":
		return CriterionA, nil
	case "b":
		return CriterionB, nil
	}
	return "", fmt.Errorf("criterion %q is not known: use a, b or c", s)
}

// Compat selects a compatibility mode.
type Compat string

const (
	// CompatNone is mixeval's own analysis: listwise exclusion, explicit direction.
	CompatNone Compat = ""
	// CompatClinsig reproduces clinsig 1.2 including its quirks.
	CompatClinsig Compat = "clinsig"
)

// Distribution is a mean and standard deviation.
type Distribution struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// Norm is the non-clinical ("functional") distribution. SD may be nil when
// only a mean is published; then criterion b cannot be computed and c is the
// plain midpoint.
type Norm struct {
	Mean float64  `json:"mean"`
	SD   *float64 `json:"sd"`
}

// Float returns a pointer to v, for optional values.
func Float(v float64) *float64 { return &v }

// Pair is one patient's pre and post score; math.NaN() marks a missing score.
type Pair struct {
	ID   string
	Pre  float64
	Post float64
}

// Options are the choices of one analysis. Zero values mean: z = 1.96,
// criterion c, clinical distribution from the sample's pre scores.
type Options struct {
	Reliability float64
	Z           float64
	Direction   Direction
	Norm        *Norm
	Clinical    *Distribution
	Criterion   Criterion
	Compat      Compat
	// Summary leaves the per-patient rows out of the result (the table and
	// group summary are still computed from every patient).
	Summary bool
}

// DefaultZ is the two-tailed 95% normal quantile used by Jacobson & Truax.
const DefaultZ = 1.96

// ReliableChange is the reliable change category of one patient.
type ReliableChange int

const (
	Deterioration ReliableChange = iota
	Improvement
	NoChange
)

var reliableNames = [...]string{"deterioration", "improvement", "no change"}

func (r ReliableChange) String() string { return reliableNames[r] }

// ClinicalSignificance is the clinically significant change category.
type ClinicalSignificance int

const (
	NotSignificant ClinicalSignificance = iota
	OkayAtBaseline
	SignificantChange
)

var clinicalNames = [...]string{"not significant", "okay at baseline", "significant change"}

func (c ClinicalSignificance) String() string { return clinicalNames[c] }

// Cutoffs are the three cut-offs; nil where not computable.
type Cutoffs struct {
	A *float64 `json:"a"`
	B *float64 `json:"b"`
	C *float64 `json:"c"`
}

// Get returns the cut-off for a criterion.
func (c Cutoffs) Get(k Criterion) *float64 {
	switch k {
	case CriterionA:
		return c.A
	case CriterionB:
		return c.B
	}
	return c.C
}

// Patient is one patient's classification.
type Patient struct {
	ID                   string               `json:"id"`
	Pre                  float64              `json:"pre"`
	Post                 float64              `json:"post"`
	Change               float64              `json:"change"`
	RCI                  float64              `json:"rci"`
	ReliableChange       ReliableChange       `json:"reliable_change"`
	ClinicalSignificance ClinicalSignificance `json:"clinical_significance"`
}

// Table is the clinsig 3×3 table: rows are clinical significance, columns
// reliable change. All nine cells always exist.
type Table [3][3]int

// Count returns one cell.
func (t *Table) Count(c ClinicalSignificance, r ReliableChange) int { return t[c][r] }

// Summary is the group summary of one measure.
type Summary struct {
	N          int            `json:"n"`
	Pre        Distribution   `json:"pre"`
	Post       Distribution   `json:"post"`
	MeanChange float64        `json:"mean_change"`
	Reliable   map[string]int `json:"reliable_change"`
	Clinical   map[string]int `json:"clinical_significance"`
}

// Result is the whole analysis of one measure.
type Result struct {
	N           int          `json:"n"`
	Excluded    []string     `json:"excluded"`
	Direction   Direction    `json:"direction"`
	Reliability float64      `json:"reliability"`
	Z           float64      `json:"z"`
	Clinical    Distribution `json:"clinical"`
	// ClinicalFromSample is true when the clinical distribution was estimated
	// from the sample's pre scores rather than supplied.
	ClinicalFromSample bool      `json:"clinical_from_sample"`
	Norm               *Norm     `json:"norm"`
	Criterion          Criterion `json:"criterion"`
	Cutoffs            Cutoffs   `json:"cutoffs"`
	SDiff              float64   `json:"s_diff"`
	RCThreshold        float64   `json:"rc_threshold"`
	Compat             Compat    `json:"compat,omitempty"`
	Patients           []Patient `json:"patients,omitempty"`
	Table              Table     `json:"table"`
	Summary            Summary   `json:"summary"`
	Warnings           []string  `json:"warnings"`
}

// Analyze classifies every patient with a pre and a post score.
func Analyze(pairs []Pair, opt Options) (*Result, error) {
	if !(opt.Reliability > 0 && opt.Reliability < 1) { // also rejects NaN
		return nil, fmt.Errorf("reliability %v must be between 0 and 1 (exclusive); use the instrument's published alpha", opt.Reliability)
	}
	if opt.Z == 0 {
		opt.Z = DefaultZ
	}
	if opt.Z < 0 || math.IsNaN(opt.Z) || math.IsInf(opt.Z, 0) {
		return nil, fmt.Errorf("z %v must be a positive number", opt.Z)
	}
	crit, err := ParseCriterion(string(opt.Criterion))
	if err != nil {
		return nil, err
	}
	if opt.Compat != CompatNone && opt.Compat != CompatClinsig {
		return nil, fmt.Errorf("compat mode %q is not known: the only one is clinsig", opt.Compat)
	}
	if n := opt.Norm; n != nil && !finite(n.Mean) {
		return nil, fmt.Errorf("norm mean %v must be a finite number", n.Mean)
	}
	if n := opt.Norm; n != nil && n.SD != nil && !(*n.SD > 0 && finite(*n.SD)) {
		return nil, fmt.Errorf("norm SD %v must be positive", *n.SD)
	}
	res := &Result{Reliability: opt.Reliability, Z: opt.Z, Criterion: crit, Norm: opt.Norm, Compat: opt.Compat, Excluded: []string{}, Warnings: []string{}}

	complete := make([]Pair, 0, len(pairs))
	for _, p := range pairs {
		if math.IsNaN(p.Pre) || math.IsNaN(p.Post) {
			res.Excluded = append(res.Excluded, p.ID)
			continue
		}
		complete = append(complete, p)
	}
	res.N = len(complete)
	if len(res.Excluded) > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d patient(s) excluded for a missing pre or post score: %s", len(res.Excluded), listIDs(res.Excluded)))
	}
	if res.N == 0 {
		return nil, errors.New("no patient has both a pre and a post score")
	}

	if err := res.setClinical(pairs, complete, opt); err != nil {
		return nil, err
	}
	if err := res.setDirection(opt); err != nil {
		return nil, err
	}
	res.setCutoffs(opt)
	cut := res.Cutoffs.Get(crit)
	if cut == nil {
		e := &NormNeededError{Criterion: crit, HaveMean: opt.Norm != nil}
		if opt.Compat != CompatClinsig {
			return nil, e
		}
		res.Warnings = append(res.Warnings, e.Error()+"; as clinsig does, every patient is classed not significant")
	}

	// Jacobson & Truax (1991): S_diff = √(2·SE²) with SE = SD_clin·√(1 − r),
	// i.e. SD_clin·√2·√(1 − r). One square root of 2(1 − r) rounds once, so
	// hand-made ties (r = .875: S_diff = SD/2) stay exact.
	res.SDiff = res.Clinical.SD * math.Sqrt(2*(1-opt.Reliability))
	res.RCThreshold = opt.Z * res.SDiff
	res.classify(complete, cut, opt.Summary)
	return res, nil
}

func (r *Result) setClinical(all, complete []Pair, opt Options) error {
	if opt.Clinical != nil {
		if !finite(opt.Clinical.Mean) {
			return fmt.Errorf("clinical mean %v must be a finite number", opt.Clinical.Mean)
		}
		if !(opt.Clinical.SD > 0 && finite(opt.Clinical.SD)) {
			return fmt.Errorf("clinical SD %v must be positive", opt.Clinical.SD)
		}
		r.Clinical = *opt.Clinical
		return nil
	}
	r.ClinicalFromSample = true
	pre := make([]float64, 0, len(all))
	// clinsig takes mean(pre.x, na.rm=TRUE): every non-missing pre score,
	// even of patients without a post score. By default we use the same
	// patients as the rest of the analysis (listwise).
	src := complete
	if opt.Compat == CompatClinsig {
		src = all
	}
	for _, p := range src {
		if !math.IsNaN(p.Pre) {
			pre = append(pre, p.Pre)
		}
	}
	if len(pre) < 2 {
		return fmt.Errorf("the clinical SD needs at least 2 pre scores (have %d); give a published clinical mean and SD instead", len(pre))
	}
	r.Clinical = meanSD(pre)
	if !(r.Clinical.SD > 0) {
		return errors.New("all pre scores are equal, so the clinical SD is 0; give a clinical mean and SD from a published clinical sample instead")
	}
	return nil
}

func (r *Result) setDirection(opt Options) error {
	if opt.Compat == CompatClinsig && opt.Norm != nil {
		// clinsig: dir.effect <- sign(func.mct - dys.mct), overriding the flag.
		d := Direction(sign(opt.Norm.Mean - r.Clinical.Mean))
		if d == DirectionUnknown {
			return errors.New("compat clinsig: the direction is undefined because the norm mean equals the clinical mean; say which way is better and leave out the compatibility mode")
		}
		if opt.Direction != DirectionUnknown && d != opt.Direction {
			r.Warnings = append(r.Warnings, fmt.Sprintf("compat clinsig: direction taken from the norm mean (%s is better), overriding the flag", d))
		}
		r.Direction = d
		return nil
	}
	// Without a norm mean, clinsig would fall back on sign(post mean - pre
	// mean), i.e. on whether the group improved. Issue 2 rules that out in
	// both modes: the direction must be stated.
	if opt.Direction == DirectionUnknown {
		return errors.New("the direction is unknown: say whether higher or lower scores are better")
	}
	r.Direction = opt.Direction
	return nil
}

// setCutoffs computes Jacobson & Truax (1991) cut-offs a, b and c.
func (r *Result) setCutoffs(opt Options) {
	d := float64(r.Direction)
	a := r.Clinical.Mean + 2*r.Clinical.SD*d
	if opt.Compat == CompatClinsig && a < 0 {
		a = 0 // clinsig: if(crit[1] < 0) crit[1] <- 0
		r.Warnings = append(r.Warnings, "compat clinsig: cut-off a was negative and is clamped at 0")
	}
	r.Cutoffs.A = &a
	if n := opt.Norm; n != nil {
		if n.SD != nil {
			b := n.Mean - 2*(*n.SD)*d
			c := (r.Clinical.SD*n.Mean + r.Clinical.Mean*(*n.SD)) / (r.Clinical.SD + *n.SD)
			r.Cutoffs.B, r.Cutoffs.C = &b, &c
		} else {
			c := (n.Mean + r.Clinical.Mean) / 2
			r.Cutoffs.C = &c
		}
	}
}

func (r *Result) classify(complete []Pair, cut *float64, summary bool) {
	d := float64(r.Direction)
	beyond := func(x float64) bool { return cut != nil && x*d > *cut*d }
	if !summary {
		r.Patients = make([]Patient, 0, len(complete))
	}
	for _, p := range complete {
		ch := p.Post - p.Pre
		rc := NoChange
		switch {
		case ch*d > r.RCThreshold:
			rc = Improvement
		case -ch*d > r.RCThreshold:
			rc = Deterioration
		}
		cs := NotSignificant
		switch {
		case beyond(p.Pre):
			cs = OkayAtBaseline
		case beyond(p.Post):
			cs = SignificantChange
		}
		r.Table[cs][rc]++
		if !summary {
			r.Patients = append(r.Patients, Patient{ID: p.ID, Pre: p.Pre, Post: p.Post, Change: ch, RCI: ch / r.SDiff, ReliableChange: rc, ClinicalSignificance: cs})
		}
	}
	r.Summary = r.summarise(complete)
}

func (r *Result) summarise(complete []Pair) Summary {
	pre := make([]float64, len(complete))
	post := make([]float64, len(complete))
	for i, p := range complete {
		pre[i], post[i] = p.Pre, p.Post
	}
	s := Summary{N: len(complete), Pre: meanSD(pre), Post: meanSD(post), Reliable: map[string]int{}, Clinical: map[string]int{}}
	s.MeanChange = s.Post.Mean - s.Pre.Mean
	for cs := range 3 {
		for rc := range 3 {
			s.Reliable[ReliableChange(rc).String()] += r.Table[cs][rc]
			s.Clinical[ClinicalSignificance(cs).String()] += r.Table[cs][rc]
		}
	}
	return s
}

// meanSD returns the mean and the n−1 standard deviation (R's sd()), using
// two passes for accuracy. The SD of fewer than two values is NaN.
func meanSD(xs []float64) Distribution {
	if len(xs) == 0 {
		return Distribution{Mean: math.NaN(), SD: math.NaN()}
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	m := sum / float64(len(xs))
	if len(xs) < 2 {
		return Distribution{Mean: m, SD: math.NaN()}
	}
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return Distribution{Mean: m, SD: math.Sqrt(ss / float64(len(xs)-1))}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// NormNeededError says that the chosen criterion needs a norm value that
// was not given: the mean (and for b the SD), or only the SD.
type NormNeededError struct {
	Criterion Criterion
	// HaveMean is true when a norm mean was given and only its SD is missing.
	HaveMean bool
}

func (e *NormNeededError) Error() string {
	switch {
	case e.HaveMean:
		return fmt.Sprintf("criterion %s needs the norm SD: give it, or use criterion c (midpoint of the means) or a", e.Criterion)
	case e.Criterion == CriterionB:
		return "criterion b needs a norm (non-clinical) mean and SD: give them, or use criterion a"
	}
	return fmt.Sprintf("criterion %s needs a norm (non-clinical) mean: give one, or use criterion a", e.Criterion)
}

func listIDs(ids []string) string {
	const max = 10
	if len(ids) <= max {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:max], ", "), len(ids)-max)
}
