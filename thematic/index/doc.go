// Package index is mixeval's full-text index of a study's documents, built
// with bleve v2 (on-disk scorch). All bleve code of mixeval lives here,
// because bleve's analysers register themselves through this package's
// imports.
//
// The index is derived data: Open rebuilds it when it is missing, was built
// from other documents (a stamp over ids, text hashes and attributes is
// stored inside it), or cannot be read, and says why in Index.Rebuilt.
//
//	ix, err := index.Open(filepath.Join(studyDir, ".mixeval", "index"), docs, nil)
//	if err != nil { ... }
//	defer ix.Close()
//	res, err := ix.Search(`"sense of belonging" group:2`, index.SearchOptions{Limit: 20})
//	for _, h := range res.Hits {
//		for _, s := range h.Spans { // code point offsets into the document text
//			fmt.Println(h.Doc, s.Start, s.End, s.Text)
//		}
//	}
//
// Fields: "text" (English analysis: possessives, lower case, stop words,
// Porter stemming; term vectors for match locations), "words" (the same
// without stemming, for Words), and lower-cased keyword fields
// "respondent", "question" and "attr.<name>" for each attribute (see
// AttributeField). The query language is described in docs/search.md and
// in query.go.
package index
