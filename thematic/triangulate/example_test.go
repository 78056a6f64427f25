package triangulate_test

import (
	"fmt"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

func Example() {
	docs := []corpus.Document{
		{ID: "P01/helped", Text: "Meeting others in pain made me feel less alone."},
		{ID: "P02/helped", Text: "The breathing space."},
		{ID: "P03/helped", Text: "Nothing much."},
	}
	alice := &coding.File{Coder: "alice", Reviewed: []string{"P03/helped"}, Segments: []coding.Segment{
		{Document: "P01/helped", Start: 31, End: 46, Codes: []string{"connection"}},
		{Document: "P02/helped", Start: 4, End: 19, Codes: []string{"toolkit"}},
	}}
	bob := &coding.File{Coder: "bob", Reviewed: []string{"P02/helped", "P03/helped"}, Segments: []coding.Segment{
		{Document: "P01/helped", Start: 27, End: 46, Codes: []string{"connection"}},
	}}
	rep, _ := triangulate.Study(triangulate.Input{Documents: docs, Coders: []*coding.File{alice, bob}}, triangulate.Options{})
	for _, c := range rep.Codes {
		fmt.Printf("%s: %+v kappa %s\n", c.ID, *c.Table, c.Kappa)
	}
	d := triangulate.Diagnose(docs, alice, bob, nil, 90)
	for _, x := range d.Disagreements {
		fmt.Println(x.Document, x.Code, triangulate.Markup(x.Text, x.A, x.B))
	}
	// Output:
	// connection: {Both:1 OnlyA:0 OnlyB:0 Neither:2} kappa 1.000
	// toolkit: {Both:0 OnlyA:1 OnlyB:0 Neither:2} kappa 0.000
	// P01/helped connection Meeting others in pain made{ me [feel less alone]}.
	// P02/helped toolkit The [breathing space].
}
