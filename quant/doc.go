// Package quant scores questionnaires and runs the Jacobson & Truax (1991)
// reliable and clinically significant change analysis, classifying every
// patient into the 3×3 table of the R package clinsig 1.2 (Lemon 2016).
//
// It knows nothing of text: patients are ids with pre and post scores.
//
//	res, err := quant.Analyze(pairs, quant.Options{
//		Reliability: 0.83,
//		Direction:   quant.HigherIsBetter,
//		Norm:        &quant.Norm{Mean: 3.2, SD: quant.Float(0.7)},
//		Criterion:   quant.CriterionC,
//	})
//	fmt.Println(res.Table.Count(quant.SignificantChange, quant.Improvement))
package quant
