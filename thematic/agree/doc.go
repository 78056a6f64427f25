// Package agree measures how far coders agree when each assigns one category
// to each unit: percent agreement, Cohen's kappa, Scott's pi, Fleiss' kappa
// (complete units, and Gwet's form for missing data), Light's kappa,
// Brennan–Prediger, Gwet's AC1 and Krippendorff's alpha at the nominal,
// ordinal, interval and ratio levels, with a bootstrap interval for alpha.
//
// The data are a reliability Matrix: units × coders, one category per cell,
// cells may be missing (math.NaN() when adding a unit). Categories are
// numbers from a declared set, ordered numerically, so that the ordinal,
// interval and ratio metrics have something to measure.
//
// A coefficient whose denominator is zero (chance agreement of 1, or no
// expected disagreement because everyone used one category) is undefined:
// its Result has Defined false and marshals to JSON null. It is never
// reported as 1 or 0. Every Result says how many units, coders and missing
// values it rests on.
//
// A short use:
//
//	m, _ := agree.NewMatrix([]string{"alice", "bob"}, []float64{0, 1})
//	m.AddUnit("doc1", []float64{1, 1})
//	m.AddUnit("doc2", []float64{0, 1})
//	m.AddUnit("doc3", []float64{0, math.NaN()})
//	s := agree.Summarize(m, agree.Nominal)
//	fmt.Println(s.CohenKappa, s.Alpha[agree.Nominal])
//
// AddUnits adds n units with the same values as one counted row, with every
// statistic as if they had been added one by one: two coders coding presence
// or absence give only 9 patterns, whatever the number of units.
//
// ReadCSV reads reliability data from a CSV file (unit,<coder>,<coder>,…),
// listing every problem with its row and column; WriteTable and WriteJSON
// present a Summary; BootstrapAlpha gives a seeded, reproducible interval
// for alpha by resampling units.
//
// Formulas follow: Cohen (1960); Scott (1955); Fleiss (1971); Light (1971);
// Brennan & Prediger (1981); Gwet, Handbook of Inter-Rater Reliability (4th
// ed., 2014), chapters 2 and 4, for the forms with missing ratings;
// Krippendorff (2011), "Computing Krippendorff's alpha-reliability". The
// sources of each formula are cited where it is computed and in
// docs/agreement.md.
package agree
