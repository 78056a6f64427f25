package thematic_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic"
)

// Import a feedback export into a new study, then read its documents.
func Example() {
	tmp, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "study")
	if err := thematic.InitStudy(dir); err != nil {
		panic(err)
	}
	export := filepath.Join(tmp, "form.csv")
	os.WriteFile(export, []byte("Patient;What helped?\r\nP01;The breathing\r\nP02;\r\n"), 0o644)

	s, _ := study.Load(dir)
	_, err := thematic.Import(s, thematic.ImportOptions{
		Path: export, ID: "Patient",
		Texts: []thematic.TextMapping{{Column: "What helped?", Label: "helped"}},
	})
	if err != nil {
		panic(err)
	}
	s, _ = study.Load(dir)
	docs, _ := thematic.LoadDocuments(s)
	for _, d := range docs {
		fmt.Printf("%s %q\n", d.ID, d.Text)
	}
	// Output:
	// P01/helped "The breathing"
	// P02/helped ""
}
