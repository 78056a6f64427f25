package agree_test

import (
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/mixeval/mixeval/thematic/agree"
)

// Two coders, four answers, codes 0 (absent) and 1 (present); the second
// coder did not review the last answer.
//
// By hand: Cohen on the 3 units both coded, p_o = 2/3, p_e = (2·1 + 1·2)/9,
// κ = (6/9 − 4/9)/(5/9) = .4. Alpha: n = 6 pairable values, one
// disagreeing unit gives o_01 = o_10 = 1, n_0 = n_1 = 3,
// α = 1 − 5·2/(2·3·3) = .444.
func Example() {
	m, err := agree.NewMatrix([]string{"alice", "bob"}, []float64{0, 1})
	if err != nil {
		panic(err)
	}
	m.AddUnit("answer1", []float64{1, 1})
	m.AddUnit("answer2", []float64{0, 1})
	m.AddUnit("answer3", []float64{0, 0})
	m.AddUnit("answer4", []float64{1, math.NaN()})

	s := agree.Summarize(m, agree.Nominal)
	fmt.Println("Cohen's kappa:", s.CohenKappa, "on", s.CohenKappa.Units, "units,", s.CohenKappa.Missing, "missing")
	fmt.Println("Krippendorff's alpha:", s.Alpha[agree.Nominal])
	fmt.Println("Light's kappa:", s.LightKappa)
	// Output:
	// Cohen's kappa: 0.400 on 3 units, 1 missing
	// Krippendorff's alpha: 0.444
	// Light's kappa: n/a
}

// Reliability data from a CSV file, with the categories declared.
//
// By hand: coincidences o_11 = 3, o_12 = o_21 = 1, o_22 = 4, o_33 = 2, so
// n_1 = 4, n_2 = 5, n_3 = 2, n = 11. Ordinal δ²: (1,2) = 4.5², (2,3) = 3.5²,
// (1,3) = (11 − 3)² = 64. α = 1 − 10·(2·20.25)/(2·(20·20.25 + 10·12.25 +
// 8·64)) = 1 − 405/2079 = .805.
func ExampleReadCSV() {
	in := "unit,A,B,C\n1,1,1,1\n2,1,2,2\n3,2,2,2\n4,3,3,\n"
	m, err := agree.ReadCSV(strings.NewReader(in), "ratings.csv", []float64{1, 2, 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(agree.KrippendorffAlpha(m, agree.Ordinal))
	// Output:
	// 0.805
}

// Every problem in a file is reported at once, with row and column.
func ExampleReadCSV_problems() {
	in := "unit,A,B\n1,1,x\n1,2,2\n"
	_, err := agree.ReadCSV(strings.NewReader(in), "ratings.csv", nil)
	fmt.Println(err)
	// Output:
	// ratings.csv: row 2, column 3 (B): "x" is not a number: write the category as a number
	// ratings.csv: row 3, column 1 (unit): unit "1" is also row 2: each unit has one row, with one column per coder
}

// A seeded bootstrap interval: the same seed gives the same interval.
func ExampleBootstrapAlpha() {
	in := "unit,A,B\n1,1,1\n2,2,2\n3,1,2\n4,2,2\n5,1,1\n6,2,2\n7,1,1\n8,2,1\n9,1,1\n10,2,2\n"
	m, _ := agree.ReadCSV(strings.NewReader(in), "ratings.csv", nil)
	a, _ := agree.BootstrapAlpha(m, agree.Nominal, 1000, 0.95, 1)
	b, _ := agree.BootstrapAlpha(m, agree.Nominal, 1000, 0.95, 1)
	fmt.Println(a.Lower == b.Lower && a.Upper == b.Upper, a.Lower < a.Alpha.Value, a.Alpha.Value < a.Upper)
	// Output:
	// true true true
}

// Two coders give both units category 1 of {1, 2}. By hand: agreement
// 2/2 = 1; Brennan-Prediger (1 - 1/2)/(1 - 1/2) = 1; AC1's chance term
// pi(1-pi)/(q-1) = 1*0/1 = 0, so AC1 = 1; Cohen's, Scott's, Fleiss' chance
// agreement is 1, so they are 0/0, and alpha's expected disagreement is 0.
func ExampleWriteTable() {
	m, _ := agree.ReadCSV(strings.NewReader("unit,A,B\n1,1,1\n2,1,1\n"), "same.csv", []float64{1, 2})
	agree.WriteTable(os.Stdout, "same.csv", agree.Summarize(m, agree.Nominal))
	// Output:
	// Agreement in same.csv
	// 2 units rated (2 by every coder), 2 coders, 0 missing values; categories {1, 2}
	//
	// Statistic                           Value      Units  Coders  Missing  Note
	// Percent agreement (pairwise)        1.000      2      2       0
	// All coders agree (complete units)   1.000      2      2       0
	// Cohen's kappa                       undefined  2      2       0        chance agreement is 1 (every rating in one category), so the coefficient is 0/0
	// Scott's pi                          undefined  2      2       0        chance agreement is 1 (every rating in one category), so the coefficient is 0/0
	// Fleiss' kappa (complete units)      undefined  2      2       0        chance agreement is 1 (every rating in one category), so the coefficient is 0/0
	// Fleiss' kappa (Gwet, missing data)  undefined  2      2       0        chance agreement is 1 (every rating in one category), so the coefficient is 0/0
	// Light's kappa                       n/a                                Light's kappa is for three or more coders; with two it equals Cohen's kappa
	// Brennan-Prediger                    1.000      2      2       0
	// Gwet's AC1                          1.000      2      2       0
	// Krippendorff's alpha, nominal       undefined  2      2       0        every pairable value is in one category, so expected disagreement is 0 and alpha is 0/0
	//
	// undefined: the coefficient is 0/0 on these data; it is not 0 and not 1.
	// n/a: the coefficient does not apply to this number of coders or values.
	// Units: units the coefficient used. Missing: empty cells among the rated units.
	// Krippendorff (2004, p. 241) advises relying on variables with alpha >= .800 and drawing
	// only tentative conclusions from those between .667 and .800; these are conventions, not tests.
}
