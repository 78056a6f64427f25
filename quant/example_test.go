package quant_test

import (
	"fmt"
	"math"

	"github.com/mixeval/mixeval/quant"
)

// Score one respondent's SCS-SF answers with the built-in definition: items
// 1, 4, 8, 9, 11 and 12 are reverse-scored (6 − x) and the total is the
// mean of the 12 items.
func ExampleInstrument_Compute() {
	scs, err := quant.Builtin("scs-sf")
	if err != nil {
		panic(err)
	}
	answers := map[string]float64{}
	for i, x := range []float64{4, 2, 3, 5, 2, 3, 2, 4, 4, 3, 5, 4} {
		answers[fmt.Sprintf("scs_%d", i+1)] = x
	}
	// Reversed: 2, 1, 2, 2, 1, 2; forward: 2, 3, 2, 3, 2, 3 → 25/12.
	fmt.Printf("%.4f\n", scs.Compute(scs.Total, answers))
	answers["scs_12"] = math.NaN() // unanswered: mean of the other 11 = 23/11
	fmt.Printf("%.4f\n", scs.Compute(scs.Total, answers))
	// Output:
	// 2.0833
	// 2.0909
}

// Define your own instrument in YAML (usually a file in the study folder,
// named in mixeval.yaml as instrument: instruments/my-scale.yaml).
func ExampleParseInstrument() {
	in, err := quant.ParseInstrument("my-scale.yaml", []byte(`name: my-scale
title: My scale
citation: "Author A (2020). A scale. Journal 1: 1-10"
items: [m_1, m_2, m_3]
range: {min: 0, max: 3}
reverse: [m_3]
missing: {max_missing: 1}
total:
  scoring: sum
  direction: lower
  reliability: {value: 0.81, source: "Author A (2020)"}
`))
	if err != nil {
		panic(err)
	}
	// 1 + 2 + (0 + 3 − 3) = 3
	fmt.Println(in.Compute(in.Total, map[string]float64{"m_1": 1, "m_2": 2, "m_3": 3}))
	// Output: 3
}
