package codeops

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

// benchDocs makes n answers of about 40 words, each mentioning
// "breathing" once, in a sentence of its own.
func benchDocs(n int) []corpus.Document {
	fillers := []string{
		"The group met on Tuesday evenings and the facilitators were calm and patient with everyone.",
		"I was nervous at first but the others made it easy to join in and speak.",
		"Some weeks the pain was bad and I only listened, which was fine by them.",
	}
	docs := make([]corpus.Document, n)
	for i := range docs {
		text := fmt.Sprintf("%s The breathing exercise number %d helped me most of all. %s",
			fillers[i%3], i, fillers[(i+1)%3])
		docs[i] = corpus.Document{
			ID: fmt.Sprintf("R%05d/helped", i), Respondent: fmt.Sprintf("R%05d", i), Question: "helped",
			Text: text, Hash: corpus.HashText(text),
		}
	}
	return docs
}

// BenchmarkAutocode10k is 'mixeval autocode breathing --unit sentence' on
// 10,000 hits: search for every hit, widen to sentences, code them in one
// batch, mark the documents reviewed and fold the journal into the coder
// file. Target (issue 3): under 1 s.
func BenchmarkAutocode10k(b *testing.B) {
	const n = 10000
	docs := benchDocs(n)
	byID := DocumentMap(docs)
	ix, err := index.Open(filepath.Join(b.TempDir(), "index"), docs, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	for b.Loop() {
		b.StopTimer()
		study := b.TempDir()
		b.StartTimer()
		res, err := ix.Search("breathing", index.SearchOptions{SnippetWidth: 1})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Hits) != n {
			b.Fatalf("%d hits, want %d", len(res.Hits), n)
		}
		reqs, err := Requests(res.Hits, byID, UnitSentence, []string{"breathing"}, "")
		if err != nil {
			b.Fatal(err)
		}
		s, err := coding.Open(study, "alice")
		if err != nil {
			b.Fatal(err)
		}
		out, err := s.CodeBatch(reqs)
		if err != nil {
			b.Fatal(err)
		}
		if out.Added != n {
			b.Fatalf("added %d, want %d", out.Added, n)
		}
		docIDs := make([]string, 0, len(reqs))
		for _, r := range reqs {
			docIDs = append(docIDs, r.Doc.ID)
		}
		if err := s.MarkReviewed(docIDs...); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
