// Package corpus holds a study's answers as documents, one per respondent
// and question, and everything about getting them in: reading feedback-form
// exports (CSV in any common encoding and delimiter, XLSX, plain text),
// mapping their columns onto questions and attributes, keeping the original
// beside a normalised copy (UTF-8, NFC, LF), checking sources, and the
// binary snapshot of the documents that commands read as needed.
//
//	res, err := corpus.Import(st, corpus.ImportOptions{Path: "feedback.csv", ID: "Respondent",
//		Texts: []corpus.TextMapping{{Column: "What helped?", Label: "helped"}}})
//	docs, err := corpus.LoadDocuments(st)
package corpus
