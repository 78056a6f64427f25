// Package triangulate compares two or more coders' coding of a study: how
// far they agree (per code, per theme, overall) and where they differ
// (character level, segment overlap, the list of disagreements with both
// coders' spans in the answer text).
//
// The unit of analysis for the statistics is document × code presence
// (DESIGN.md §6): 1 when the coder applied the code anywhere in the
// document, 0 when the coder reviewed the document without applying it, and
// missing when the coder has not reviewed it. A document on which a coder
// has any segment counts as reviewed by that coder. The coefficients come
// from package agree; this package only builds the reliability matrices.
//
//	rep, err := triangulate.Study(triangulate.Input{
//		Documents: docs, Codebook: cb, Coders: []*coding.File{alice, bob},
//	}, triangulate.Options{})
//	for _, c := range rep.Codes { fmt.Println(c.ID, c.Kappa, c.Alpha) }
//
// Diagnostics gives the views that locate disagreements; Groups is the
// matching rule that package reconcile shares, so that what agree calls a
// disagreement is exactly what reconcile asks the coders to decide.
package triangulate
