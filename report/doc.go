// Package report writes the combined evaluation report of a study: the
// methods as they were done, the quantitative results (the Table 2 layout of
// the source study, group summaries and Jacobson–Truax plots), the
// qualitative results (a theme map and the pinned quotes), the joint display
// that links each patient's change category to the themes of what they
// wrote (Fetters, Curry & Creswell 2013; Guetterman, Fetters & Creswell
// 2015), the agreement between coders and a case appendix.
//
// The package joins quant and the thematic packages by respondent id and
// knows nothing of the study folder: the backend gathers an Input, Build
// turns it into a Report, the backend passes every study text the report
// will write (Report.Pieces) through the personal-data guard, and only then
// is the report rendered, as one self-contained HTML file or as Markdown
// with SVG figures beside it.
//
//	r, err := report.Build(in, report.Options{Level: report.LevelTheme})
//	pieces := r.Pieces()            // every study text, exactly as written
//	r.SetTexts(checked)             // the guard's texts, redacted where needed
//	err = r.WriteHTML(w)
package report
