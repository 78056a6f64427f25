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
	// CompatClinicalSignificance follows the R package clinicalsignificance
	// 3.0.0 (Claus et al.): exact normal quantiles, its cut-off formulas,
	// criterion a by default.
	CompatClinicalSignificance Compat = "clinicalsignificance"
)

// ParseCompat reads "", "clinsig" or "clinicalsignificance".
func ParseCompat(s string) (Compat, error) {
	switch c := Compat(s); c {
	case CompatNone, CompatClinsig, CompatClinicalSignificance:
		return c, nil
	}
	return "", fmt.Errorf("compatibility mode %q is not known: use clinsig or clinicalsignificance", s)
}

// Categories selects the per-patient categories besides the clinsig table.
type Categories string

const (
	// CategoriesClinsig is the clinsig 3×3 table alone (the default).
	CategoriesClinsig Categories = "clinsig"
	// CategoriesCombined adds the five combined categories: recovered,
	// improved, unchanged, deteriorated, harmed.
	CategoriesCombined Categories = "combined"
)

// ParseCategories reads "clinsig" or "combined"; empty means clinsig.
func ParseCategories(s string) (Categories, error) {
	switch s {
	case "", string(CategoriesClinsig):
		return CategoriesClinsig, nil
	case string(CategoriesCombined):
		return CategoriesCombined, nil
	}
	return "", fmt.Errorf("categories %q are not known: use clinsig or combined", s)
}

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

// Options are the choices of one analysis. Zero values mean: the Jacobson
// & Truax method, the critical value 1.96 (1.645 for HA; the exact normal
// quantiles in compat clinicalsignificance), criterion c (a in compat
// clinicalsignificance), the clinical distribution from the sample's pre
// scores, the clinsig categories only.
type Options struct {
	Reliability float64
	// ReliabilityPost is the NK method's reliability at post; nil means
	// Reliability.
	ReliabilityPost *float64
	// Z is the critical value of the reliable change index.
	Z         float64
	Method    Method
	Direction Direction
	Norm      *Norm
	Clinical  *Distribution
	Criterion Criterion
	Compat    Compat
	// Categories adds the five combined categories when CategoriesCombined.
	Categories Categories
	// Percentage classifies each patient by percentage change when set.
	Percentage *Thresholds
	// Anchor classifies each patient by a minimal important difference in
	// score units when set.
	Anchor *Thresholds
	// From and To label the pair's time points in the result and its
	// messages; empty means pre and post.
	From, To string
	// Summary leaves the per-patient rows out of the result (the tables and
	// group summary are still computed from every patient).
	Summary bool
}

// Thresholds are the changes, in the better and the worse direction, that
// count as improvement and deterioration: fractions of the pre score for
// percentage change (0.5 = 50%), score units for an anchor-based minimal
// important difference.
type Thresholds struct {
	Improve     float64 `json:"improve"`
	Deteriorate float64 `json:"deteriorate"`
}

// DefaultZ is the two-tailed 95% normal quantile used by Jacobson & Truax.
const DefaultZ = 1.96

// DefaultZOneSided is the one-tailed 95% normal quantile that Hageman &
// Arrindell (1999) use.
const DefaultZOneSided = 1.645

// ReliableChange is the reliable change category of one patient.
type ReliableChange int

const (
	Deterioration ReliableChange = iota
	Improvement
	NoChange
	// ChangeNotComputable is given when the method's index cannot be
	// computed (HA with a difference-score reliability of 0 or less).
	ChangeNotComputable
)

var reliableNames = [...]string{"deterioration", "improvement", "no change", "not computable"}

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
	ID     string
	Pre    float64
	Post   float64
	Change float64
	// RCI is the method's reliable change index; NaN when not computable.
	RCI                  float64
	ReliableChange       ReliableChange
	ClinicalSignificance ClinicalSignificance
	// Category is the combined category; NoCategory unless asked for.
	Category Category
	// PctChange is (post − pre)/pre, set with Percentage; ±Inf or NaN when
	// the pre score is 0.
	PctChange  float64
	Percentage ChangeClass // NoClass unless asked for
	Anchor     ChangeClass // NoClass unless asked for
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
	// From and To name the time points of a study's pair (pre and post by
	// default); empty for a totals file.
	From        string       `json:"from,omitempty"`
	To          string       `json:"to,omitempty"`
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
	// Method is the reliable change index used and CriticalValue the value
	// its |RCI| must exceed (the same number as Z).
	Method        Method  `json:"method"`
	CriticalValue float64 `json:"critical_value"`
	// RCISE is the standard error that divides the (adjusted) change in
	// the method's index; NaN when not computable.
	RCISE *float64 `json:"rci_se"`
	// ReliabilityPost is NK's post reliability, or HA's estimate of it.
	ReliabilityPost *float64 `json:"reliability_post,omitempty"`
	// NotComputable says why no patient has a reliable change index.
	NotComputable string `json:"rci_not_computable,omitempty"`
	// HA holds the Hageman & Arrindell figures when that method is used.
	HA *HAResult `json:"ha,omitempty"`
	// SDiff and RCThreshold are Jacobson & Truax's S_diff and z·S_diff,
	// given with every method for reference.
	SDiff           float64        `json:"s_diff"`
	RCThreshold     float64        `json:"rc_threshold"`
	Compat          Compat         `json:"compat,omitempty"`
	Categories      Categories     `json:"categories"`
	Patients        []Patient      `json:"patients,omitempty"`
	Table           Table          `json:"table"`
	CombinedTable   *CategoryTable `json:"combined_table,omitempty"`
	PercentageTable *ClassTable    `json:"percentage_table,omitempty"`
	AnchorTable     *ClassTable    `json:"anchor_table,omitempty"`
	Summary         Summary        `json:"summary"`
	Effects         Effects        `json:"effects"`
	Warnings        []string       `json:"warnings"`

	// Band is the reliable change band the plot draws.
	Band Band `json:"-"`

	clinical [3]int // patients per clinical significance row
}

// Analyze classifies every patient with a pre and a post score.
func Analyze(pairs []Pair, opt Options) (*Result, error) {
	opt, err := checkOptions(opt)
	if err != nil {
		return nil, err
	}
	res := &Result{From: opt.From, To: opt.To, Reliability: opt.Reliability, Criterion: opt.Criterion, Norm: opt.Norm, Compat: opt.Compat,
		Method: opt.Method, Categories: opt.Categories, Excluded: []string{}, Warnings: []string{}}

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
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d patient(s) excluded for a missing %s or %s score: %s", len(res.Excluded), orDefault(res.From, "pre"), orDefault(res.To, "post"), listIDs(res.Excluded)))
	}
	if res.N == 0 {
		return nil, errors.New("no patient has both a pre and a post score")
	}
	st := sampleStats(complete)

	if err := res.setClinical(pairs, complete, opt); err != nil {
		return nil, err
	}
	if err := res.setDirection(opt); err != nil {
		return nil, err
	}
	res.setCriticalValue(opt)
	res.setCutoffs(opt)
	cut := res.Cutoffs.Get(res.Criterion)
	if cut == nil {
		e := &NormNeededError{Criterion: res.Criterion, HaveMean: opt.Norm != nil, Compat: opt.Compat}
		if opt.Compat != CompatClinsig {
			return nil, e
		}
		res.Warnings = append(res.Warnings, e.Error()+"; as clinsig does, every patient is classed not significant")
	}

	// Jacobson & Truax (1991): S_diff = √(2·SE²) with SE = SD_clin·√(1 − r),
	// i.e. SD_clin·√2·√(1 − r). One square root of 2(1 − r) rounds once, so
	// hand-made ties (r = .875: S_diff = SD/2) stay exact.
	res.SDiff = res.Clinical.SD * math.Sqrt(2*(1-opt.Reliability))
	res.RCThreshold = res.Z * res.SDiff
	m, err := res.model(opt, st)
	if err != nil {
		return nil, err
	}
	cats := res.categoriser(opt, st, m, cut)
	res.classify(complete, m, cats, cut, opt)
	res.Summary = res.summarise(st)
	res.Effects = groupEffects(complete, st)
	if cats != nil && cats.ha != nil {
		res.HA.Group = haGroupLevel(st, m, cats.ha.cutoff, cats.ha.relPost, res.Direction)
	}
	return res, nil
}

// checkOptions validates the options and fills in the defaults.
func checkOptions(opt Options) (Options, error) {
	if !(opt.Reliability > 0 && opt.Reliability < 1) { // also rejects NaN
		return opt, fmt.Errorf("reliability %v must be between 0 and 1 (exclusive); use the instrument's published alpha", opt.Reliability)
	}
	if r := opt.ReliabilityPost; r != nil && !(*r > 0 && *r < 1) {
		return opt, fmt.Errorf("post reliability %v must be between 0 and 1 (exclusive)", *r)
	}
	if opt.Z < 0 || math.IsNaN(opt.Z) || math.IsInf(opt.Z, 0) {
		return opt, fmt.Errorf("z %v must be a positive number", opt.Z)
	}
	var err error
	if opt.Compat, err = ParseCompat(string(opt.Compat)); err != nil {
		return opt, err
	}
	if opt.Method, err = ParseMethod(string(opt.Method)); err != nil {
		return opt, err
	}
	if opt.Categories, err = ParseCategories(string(opt.Categories)); err != nil {
		return opt, err
	}
	if opt.Criterion == "" && opt.Compat == CompatClinicalSignificance {
		opt.Criterion = CriterionA // the package's default: reliable change needs no norm
	}
	if opt.Criterion, err = ParseCriterion(string(opt.Criterion)); err != nil {
		return opt, err
	}
	switch {
	case opt.Compat == CompatClinsig && opt.Method != MethodJT:
		return opt, fmt.Errorf("compat clinsig: clinsig has only the Jacobson & Truax method, not %s", opt.Method)
	case opt.Compat == CompatClinicalSignificance && opt.Clinical != nil:
		return opt, errors.New("compat clinicalsignificance: the package takes the clinical distribution from the sample's pre scores; leave out the clinical mean and SD")
	case opt.ReliabilityPost != nil && opt.Method != MethodNK:
		return opt, fmt.Errorf("a post reliability is used by the NK method only, not %s", opt.Method)
	}
	if n := opt.Norm; n != nil && !finite(n.Mean) {
		return opt, fmt.Errorf("norm mean %v must be a finite number", n.Mean)
	}
	if n := opt.Norm; n != nil && n.SD != nil && !(*n.SD > 0 && finite(*n.SD)) {
		return opt, fmt.Errorf("norm SD %v must be positive", *n.SD)
	}
	if err := checkThresholds("percentage change", opt.Percentage, 1); err != nil {
		return opt, err
	}
	if err := checkThresholds("minimal important difference", opt.Anchor, math.Inf(1)); err != nil {
		return opt, err
	}
	return opt, nil
}

// checkThresholds wants both thresholds positive and at most max (the
// package allows percentages from 0 to 1).
func checkThresholds(what string, t *Thresholds, max float64) error {
	if t == nil {
		return nil
	}
	for _, v := range []float64{t.Improve, t.Deteriorate} {
		if !(v > 0 && v <= max) || math.IsInf(v, 0) {
			if max == 1 {
				return fmt.Errorf("%s threshold %v must be a fraction above 0 and at most 1 (0.5 is 50%%)", what, v)
			}
			return fmt.Errorf("%s %v must be a positive number of score points", what, v)
		}
	}
	return nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
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
	// patients as the rest of the analysis (listwise), as clinicalsignificance
	// does.
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
	// mean), i.e. on whether the group improved; clinicalsignificance
	// assumes lower is better when not told. Issue 2 rules both out in every
	// mode: the direction must be stated.
	if opt.Direction == DirectionUnknown {
		return errors.New("the direction is unknown: say whether higher or lower scores are better")
	}
	r.Direction = opt.Direction
	return nil
}

// setCriticalValue takes Z when given, else the method's conventional value:
// 1.96 (two-sided 5%), or 1.645 (one-sided 5%) for Hageman & Arrindell. In
// compat clinicalsignificance the package's qnorm(0.975) and qnorm(0.95).
func (r *Result) setCriticalValue(opt Options) {
	r.Z = opt.Z
	if r.Z == 0 {
		r.Z = defaultCriticalValue(opt.Method, opt.Compat)
	}
	r.CriticalValue = r.Z
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
	Compat   Compat
}

func (e *NormNeededError) Error() string {
	switch {
	case e.Compat == CompatClinicalSignificance:
		return fmt.Sprintf("criterion %s needs the norm (non-clinical) mean and SD in compat clinicalsignificance: give both, or use criterion a", e.Criterion)
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
