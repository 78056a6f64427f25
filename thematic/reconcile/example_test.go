package reconcile_test

import (
	"fmt"
	"time"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

func Example() {
	docs := []corpus.Document{{ID: "P01/helped", Text: "Meeting others in pain made me feel less alone."}}
	alice := &coding.File{Coder: "alice", Segments: []coding.Segment{
		{Document: "P01/helped", Start: 0, End: 22, Codes: []string{"connection"}},
		{Document: "P01/helped", Start: 31, End: 46, Codes: []string{"alone"}},
	}}
	bob := &coding.File{Coder: "bob", Segments: []coding.Segment{
		{Document: "P01/helped", Start: 0, End: 22, Codes: []string{"connection"}},
	}}
	c := reconcile.New("alice", "bob")
	c.Update(alice, bob, docs, reconcile.Options{By: "alice"})
	open := c.Open()
	fmt.Println(len(open), "open:", open[0].Code, open[0].A, open[0].B)
	c.Decide(open[0].ID, reconcile.Decision{Kind: reconcile.AcceptA, Memo: "bob agrees", By: "bob", At: time.Now()}, nil)
	s := c.Summary()
	fmt.Println(s.Agreed, "agreed,", s.ByKind[reconcile.AcceptA], "accept-a,", s.Open, "open,", s.Segments, "segments")
	// Output:
	// 1 open: alone [31-46] []
	// 1 agreed, 1 accept-a, 0 open, 2 segments
}
