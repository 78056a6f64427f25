package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// Import a feedback export into a new study, then read its documents.
func Example() {
	tmp, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "study")
	if err := study.Init(dir); err != nil {
		panic(err)
	}
	export := filepath.Join(tmp, "form.csv")
	os.WriteFile(export, []byte("Patient;What helped?\r\nP01;The breathing\r\nP02;\r\n"), 0o644)

	s, _ := study.Load(dir)
	_, err := corpus.Import(s, corpus.ImportOptions{
		Path: export, ID: "Patient",
		Texts: []corpus.TextMapping{{Column: "What helped?", Label: "helped"}},
	})
	if err != nil {
		panic(err)
	}
	s, _ = study.Load(dir)
	docs, _ := corpus.LoadDocuments(s)
	for _, d := range docs {
		fmt.Printf("%s %q\n", d.ID, d.Text)
	}
	// Output:
	// P01/helped "The breathing"
	// P02/helped ""
}
