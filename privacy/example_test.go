package privacy_test

import (
	"fmt"
	"time"

	"github.com/mixeval/mixeval/privacy"
)

func ExampleDetector_Detect() {
	d := privacy.NewDetector([]string{"Sarah Whitfield"}) // the study's identifiers
	text := "Dr Kowalczyk and whitfield ran it; ring 07700 900123."
	for _, m := range d.Detect(text) {
		fmt.Println(m.Start, m.End, m.Kind, m.Rule)
	}
	// Output:
	// 0 12 name honorific-name
	// 17 26 name study-identifier
	// 40 52 phone uk-phone
}

func ExampleGuard_Check() {
	d := privacy.NewDetector(nil)
	answer := privacy.Document{ID: "P03/helped", Text: "Call 07700 900123 or write to jo@example.org."}
	answer.Hash = privacy.HashText(answer.Text)

	// The researcher allowed the e-mail address (the service's own); the
	// phone number is undecided.
	res := d.Scan([]privacy.Document{answer}, nil)
	allow := privacy.NewDecision(res.Findings[1], privacy.ActionAllow, "alice",
		time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC), "the service's shared inbox")
	g := privacy.Guard{Detector: d, Decisions: []privacy.Decision{allow}, Documents: []privacy.Document{answer}}

	// A quote of the whole answer, as a theme export would write it.
	piece := privacy.Piece{Doc: answer.ID, Hash: answer.Hash, Offset: 0, Text: answer.Text}
	out, _ := g.Check([]privacy.Piece{piece}, false)
	for _, f := range out.Blocked {
		fmt.Println("blocked:", f.Doc, f.Start, f.End, f.Kind)
	}
	out, _ = g.Check([]privacy.Piece{piece}, true) // --redact
	fmt.Println(out.Texts[0].Text)
	start, end := out.Texts[0].Map.Span(21, 29) // "write to" in the answer
	fmt.Println(start, end)
	// Output:
	// blocked: P03/helped 5 17 phone
	// Call [phone] or write to jo@example.org.
	// 16 24
}
