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

func ExampleWriteTable() {
	m, _ := agree.ReadCSV(strings.NewReader("unit,A,B\n1,1,1\n2,1,1\n"), "same.csv", []float64{1, 2})
	agree.WriteTable(os.Stdout, "same.csv", agree.Summarize(m, agree.Nominal))
}
