// Package thematic is the home of the qualitative side of a study; its
// sub-packages do the work:
//
//   - corpus: feedback forms imported (CSV, XLSX, text; any encoding) and
//     read back as documents, one per respondent and question;
//   - index: the search index (the only user of bleve), search and words;
//   - coding: one coder's segments, memos and reviewed answers, journaled;
//   - codeops: what coding actions share (spans, units, sentence bounds);
//   - agree: reliability statistics for any ratings table;
//   - triangulate: agreement between coders on a study, and its diagnostics;
//   - reconcile: the consensus coding with its decision log.
package thematic
