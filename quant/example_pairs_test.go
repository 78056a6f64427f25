package quant_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/mixeval/mixeval/quant"
)

// Read a totals file, analyse it and print the table. Clinical 40 (SD 10),
// r = .875 and z = 2 give a reliable change threshold of 10; criterion a is
// 40 + 2·10 = 60.
func ExampleReadPairs() {
	csv := "id;pre;post\r\nP1;30;45\r\nP2;52;64,5\r\nP3;41;\r\n"
	pairs, err := quant.ReadPairs(strings.NewReader(csv), "scores.csv", quant.PairsOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := quant.Analyze(pairs, quant.Options{
		Reliability: 0.875, Z: 2, Direction: quant.HigherIsBetter,
		Clinical:  &quant.Distribution{Mean: 40, SD: 10},
		Criterion: quant.CriterionA, Summary: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("used", res.N, "excluded", res.Excluded)
	quant.WriteResult(os.Stdout, quant.FormatCSV, "demo", res, quant.Sources{})
	// Output:
	// used 2 excluded [P3]
	// measure,clinical_significance,reliable_change,count
	// demo,not significant,deterioration,0
	// demo,not significant,improvement,1
	// demo,not significant,no change,0
	// demo,okay at baseline,deterioration,0
	// demo,okay at baseline,improvement,0
	// demo,okay at baseline,no change,0
	// demo,significant change,deterioration,0
	// demo,significant change,improvement,1
	// demo,significant change,no change,0
}

// Every problem of a file comes back at once, in row order.
func ExampleReadPairs_problems() {
	csv := "id,pre,post\nP1,ten,20\nP1,12,14\n"
	_, err := quant.ReadPairs(strings.NewReader(csv), "scores.csv", quant.PairsOptions{})
	fmt.Println(err)
	// Output:
	// scores.csv: row 2, column pre: "ten" is not a number; enter the score as a number (e.g. 42 or 3.5), or leave the cell empty if it is missing
	// scores.csv: row 3, column id: the id "P1" is already on row 2; each patient needs exactly one row
}
