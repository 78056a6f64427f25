package agree

import (
	"encoding/json"
)

// Summary is every coefficient for one matrix, computed from one pass over
// the data.
type Summary struct {
	UnitsRated    int // units with at least one value
	UnitsComplete int // units rated by every coder
	Coders        int
	MissingValues int // empty cells among the rated units
	Categories    []float64

	PercentAgreement   Result
	AllAgree           Result
	CohenKappa         Result
	ScottPi            Result
	FleissKappa        Result
	FleissKappaMissing Result
	LightKappa         Result
	BrennanPrediger    Result
	GwetAC1            Result
	// Alpha holds Krippendorff's alpha for each level asked for.
	Alpha map[Level]Result
	// Levels are the levels asked for, in the order asked.
	Levels []Level
}

// Summarize computes every coefficient, and Krippendorff's alpha at the
// given levels (all four when none are given).
func Summarize(m *Matrix, levels ...Level) *Summary {
	if len(levels) == 0 {
		levels = AllLevels()
	}
	t := buildTables(m)
	s := &Summary{
		UnitsRated:         t.unitsRated,
		UnitsComplete:      t.unitsComplete,
		Coders:             t.coders,
		MissingValues:      t.missing,
		Categories:         m.Categories(),
		PercentAgreement:   t.percentAgreement(),
		AllAgree:           t.allAgree(),
		CohenKappa:         t.cohenKappa(),
		ScottPi:            t.scottPi(),
		FleissKappa:        t.fleissKappa(),
		FleissKappaMissing: t.fleissKappaMissing(),
		LightKappa:         t.lightKappa(),
		BrennanPrediger:    t.brennanPrediger(),
		GwetAC1:            t.gwetAC1(),
		Alpha:              make(map[Level]Result, len(levels)),
		Levels:             levels,
	}
	for _, l := range levels {
		s.Alpha[l] = t.alpha(l, m.categories)
	}
	return s
}

// Each coefficient alone, for callers that want one. They build the same
// tables as Summarize, so asking for several is cheaper through Summarize.

// PercentAgreement is the mean over units with at least two values of the
// share of coder pairs that agree.
func PercentAgreement(m *Matrix) Result { return buildTables(m).percentAgreement() }

// AllAgree is the share of complete units on which all coders agree.
func AllAgree(m *Matrix) Result { return buildTables(m).allAgree() }

// CohenKappa is Cohen's (1960) kappa for a two-coder matrix.
func CohenKappa(m *Matrix) Result { return buildTables(m).cohenKappa() }

// ScottPi is Scott's (1955) pi for a two-coder matrix.
func ScottPi(m *Matrix) Result { return buildTables(m).scottPi() }

// FleissKappa is Fleiss' (1971) kappa over the complete units.
func FleissKappa(m *Matrix) Result { return buildTables(m).fleissKappa() }

// FleissKappaMissing is Fleiss' kappa in Gwet's (2014) form for missing
// ratings.
func FleissKappaMissing(m *Matrix) Result { return buildTables(m).fleissKappaMissing() }

// LightKappa is Light's (1971) mean pairwise Cohen's kappa, three or more
// coders.
func LightKappa(m *Matrix) Result { return buildTables(m).lightKappa() }

// BrennanPrediger is Brennan & Prediger's (1981) coefficient in Gwet's form
// for missing ratings.
func BrennanPrediger(m *Matrix) Result { return buildTables(m).brennanPrediger() }

// GwetAC1 is Gwet's AC1 in his form for missing ratings.
func GwetAC1(m *Matrix) Result { return buildTables(m).gwetAC1() }

// KrippendorffAlpha is Krippendorff's (2011) alpha at one level.
func KrippendorffAlpha(m *Matrix, level Level) Result {
	return buildTables(m).alpha(level, m.categories)
}

// Detail is the basis of one coefficient in JSON: what it used, and why it
// is null when it is.
type Detail struct {
	Units   int    `json:"units"`
	Coders  int    `json:"coders"`
	Missing int    `json:"missing_values"`
	Values  int    `json:"pairable_values,omitempty"`
	Status  string `json:"status"` // "defined", "undefined" or "not applicable"
	Note    string `json:"note,omitempty"`
}

func detailOf(r Result) Detail {
	st := "defined"
	switch {
	case r.NotApplicable:
		st = "not applicable"
	case !r.Defined:
		st = "undefined"
	}
	return Detail{Units: r.Units, Coders: r.Coders, Missing: r.Missing, Values: r.Values, Status: st, Note: r.Note}
}

// summaryJSON fixes the key names of the public JSON contract.
type summaryJSON struct {
	UnitsRated         int               `json:"units_rated"`
	UnitsComplete      int               `json:"units_complete"`
	Coders             int               `json:"coders"`
	MissingValues      int               `json:"missing_values"`
	Categories         []float64         `json:"categories"`
	PercentAgreement   Result            `json:"percent_agreement"`
	AllAgree           Result            `json:"all_agree"`
	CohenKappa         Result            `json:"cohen_kappa"`
	ScottPi            Result            `json:"scott_pi"`
	FleissKappa        Result            `json:"fleiss_kappa"`
	FleissKappaMissing Result            `json:"fleiss_kappa_missing"`
	LightKappa         Result            `json:"light_kappa"`
	BrennanPrediger    Result            `json:"brennan_prediger"`
	GwetAC1            Result            `json:"gwet_ac1"`
	Alpha              map[string]Result `json:"krippendorff_alpha"`
	Details            map[string]Detail `json:"details"`
}

// MarshalJSON writes the summary with each coefficient as a number or null,
// and a details object giving each one's units, coders, missing values and
// the reason for a null.
func (s *Summary) MarshalJSON() ([]byte, error) {
	v := summaryJSON{
		UnitsRated: s.UnitsRated, UnitsComplete: s.UnitsComplete, Coders: s.Coders,
		MissingValues: s.MissingValues, Categories: s.Categories,
		PercentAgreement: s.PercentAgreement, AllAgree: s.AllAgree,
		CohenKappa: s.CohenKappa, ScottPi: s.ScottPi,
		FleissKappa: s.FleissKappa, FleissKappaMissing: s.FleissKappaMissing,
		LightKappa: s.LightKappa, BrennanPrediger: s.BrennanPrediger, GwetAC1: s.GwetAC1,
		Alpha:   make(map[string]Result, len(s.Alpha)),
		Details: make(map[string]Detail),
	}
	for _, row := range s.Rows() {
		v.Details[row.Key] = detailOf(row.Result)
	}
	for l, r := range s.Alpha {
		v.Alpha[l.String()] = r
	}
	return json.Marshal(v)
}

// Row is one labelled coefficient, in the order a table shows them.
type Row struct {
	Key    string // JSON key, e.g. "cohen_kappa" or "krippendorff_alpha.ordinal"
	Label  string // e.g. "Cohen's kappa"
	Result Result
}

// Rows lists the coefficients in display order.
func (s *Summary) Rows() []Row {
	rows := []Row{
		{"percent_agreement", "Percent agreement (pairwise)", s.PercentAgreement},
		{"all_agree", "All coders agree (complete units)", s.AllAgree},
		{"cohen_kappa", "Cohen's kappa", s.CohenKappa},
		{"scott_pi", "Scott's pi", s.ScottPi},
		{"fleiss_kappa", "Fleiss' kappa (complete units)", s.FleissKappa},
		{"fleiss_kappa_missing", "Fleiss' kappa (Gwet, missing data)", s.FleissKappaMissing},
		{"light_kappa", "Light's kappa", s.LightKappa},
		{"brennan_prediger", "Brennan-Prediger", s.BrennanPrediger},
		{"gwet_ac1", "Gwet's AC1", s.GwetAC1},
	}
	for _, l := range s.Levels {
		rows = append(rows, Row{"krippendorff_alpha." + l.String(), "Krippendorff's alpha, " + l.String(), s.Alpha[l]})
	}
	return rows
}
