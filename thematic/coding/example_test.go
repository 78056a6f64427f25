package coding_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

func Example() {
	study, _ := os.MkdirTemp("", "study")
	defer os.RemoveAll(study)

	s, err := coding.Open(study, "alice")
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := corpus.Document{ID: "P01/helped", Text: "Meeting others in pain made me feel less alone."}
	// Code "feel less alone": code points 31 to 46, end exclusive.
	seg, _ := s.Code(doc, 31, 46, []string{"connection"}, "")
	s.MarkReviewed(doc.ID)
	quote, _ := coding.Quote(doc.Text, seg)
	fmt.Printf("%s %d-%d %v %q\n", seg.Document, seg.Start, seg.End, seg.Codes, quote)

	// A second writer is refused while the session is open.
	_, err = coding.Open(study, "alice")
	fmt.Println(err != nil)

	s.Close() // folds the journal into coding/alice.yaml
	f, _ := coding.Load(filepath.Join(study, "coding", "alice.yaml"))
	fmt.Println(len(f.Segments), f.Reviewed)
	// Output:
	// P01/helped 31-46 [connection] "feel less alone"
	// true
	// 1 [P01/helped]
}
