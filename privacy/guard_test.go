package privacy

import (
	"strconv"
	"strings"
	"testing"
)

// The answers of the guard tests.
var guardDocs = []Document{
	// "My husband Dave" names Dave only with the relation before him; the
	// quote from offset 11 ("Dave came …") would not show it alone.
	{ID: "P01/helped", Text: "My husband Dave came to every session with me."},
	{ID: "P02/online", Text: "Ring 07700 900123 if the link fails. Dr Kowalczyk was kind."},
}

func TestGuardBlocksUndecided(t *testing.T) {
	g := Guard{Detector: NewDetector(nil), Documents: guardDocs}
	pieces := []Piece{
		{Doc: "P01/helped", Hash: HashText(guardDocs[0].Text), Offset: 11, Text: "Dave came to every session with me."},
		{Doc: "P02/online", Hash: HashText(guardDocs[1].Text), Text: guardDocs[1].Text},
	}
	out, err := g.Check(pieces, false)
	if err != nil {
		t.Fatal(err)
	}
	if out.OK() || out.Texts != nil {
		t.Fatalf("undecided findings did not block: %+v", out)
	}
	// Dave at 11-15 of the answer; the number at 5-17 and the doctor at
	// 37-49 of the second ("Ring 07700 900123 if the link fails. " is
	// 5+12+20 = 37 code points).
	want := []string{"P01/helped 11-15 name", "P02/online 5-17 phone", "P02/online 37-49 name"}
	if got := briefs(out.Blocked); strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("blocked %q, want %q", got, want)
	}

	// Asked to redact the undecided ones, the guard writes markers, and the
	// quote's offsets map onto its written text.
	out, err = g.Check(pieces, true)
	if err != nil || !out.OK() || len(out.Redacted) != 3 {
		t.Fatalf("%+v, %v", out, err)
	}
	if got := out.Texts[0].Text; got != "[name] came to every session with me." {
		t.Errorf("quote written as %q", got)
	}
	if got := out.Texts[1].Text; got != "Ring [phone] if the link fails. [name] was kind." {
		t.Errorf("answer written as %q", got)
	}
	// "session" is at 19-26 of the quote; after "[name]" (6 in place of 4)
	// it is at 21-28.
	if s, e := out.Texts[0].Map.Span(19, 26); s != 21 || e != 28 {
		t.Errorf("span maps to %d-%d", s, e)
	}
}

func TestGuardDecisions(t *testing.T) {
	d := NewDetector(nil)
	res := d.Scan(guardDocs, nil)
	var decided []Decision
	for _, f := range res.Findings {
		switch f.Kind {
		case KindName:
			decided = append(decided, NewDecision(f, ActionAllow, "alice", when, "named with consent"))
		case KindPhone:
			decided = append(decided, NewDecision(f, ActionRedact, "alice", when, ""))
		}
	}
	g := Guard{Detector: d, Decisions: Decide(nil, decided...), Documents: guardDocs}
	pieces := []Piece{
		{Doc: "P02/online", Hash: HashText(guardDocs[1].Text), Text: guardDocs[1].Text},
		// The same answer quoted again: its findings are counted once.
		{Doc: "P02/online", Hash: HashText(guardDocs[1].Text), Offset: -1, Text: "Ring 07700 900123"},
	}
	for _, redactUndecided := range []bool{false, true} {
		out, err := g.Check(pieces, redactUndecided)
		if err != nil || !out.OK() {
			t.Fatalf("%+v, %v", out, err)
		}
		// The decided redaction is made either way; the allowed name passes.
		if got := out.Texts[0].Text; got != "Ring [phone] if the link fails. Dr Kowalczyk was kind." {
			t.Errorf("written %q", got)
		}
		if got := out.Texts[1].Text; got != "Ring [phone]" {
			t.Errorf("quote written %q", got)
		}
		if len(out.Redacted) != 1 || len(out.Allowed) != 1 {
			t.Errorf("redacted %v, allowed %v", briefs(out.Redacted), briefs(out.Allowed))
		}
	}

	// The answer changes: its decisions go stale, and the export stops again.
	changed := append([]Document(nil), guardDocs...)
	changed[1].Text = "Ring 07700 900123 if the link fails. Dr Kowalczyk was very kind."
	g.Documents = changed
	out, err := g.Check([]Piece{{Doc: "P02/online", Hash: HashText(changed[1].Text), Text: changed[1].Text}}, false)
	if err != nil || out.OK() || len(out.Blocked) != 2 || out.Blocked[0].Status != Stale {
		t.Errorf("after the change: %+v, %v", out, err)
	}
}

func TestGuardFreeText(t *testing.T) {
	memo := "Discussed with Dr Kowalczyk; Sarah Whitfield to follow up."
	d := NewDetector(nil)
	g := Guard{Detector: d}
	piece := Piece{Doc: "memo:alice:P01/helped@0", Text: memo}
	out, err := g.Check([]Piece{piece}, false)
	if err != nil || out.OK() || len(out.Blocked) != 2 {
		t.Fatalf("%+v, %v", out, err)
	}
	// A decision is made on free text like on an answer, keyed to the
	// text's own hash.
	for _, f := range out.Blocked {
		g.Decisions = Decide(g.Decisions, NewDecision(f, ActionAllow, "alice", when, "staff, named with consent"))
	}
	out, err = g.Check([]Piece{piece}, false)
	if err != nil || !out.OK() || out.Texts[0].Text != memo {
		t.Fatalf("%+v, %v", out, err)
	}
	// Editing the memo makes them stale.
	piece.Text += " "
	if out, _ = g.Check([]Piece{piece}, false); out.OK() {
		t.Error("an edited memo kept its decisions")
	}
}

func TestGuardWithoutDocuments(t *testing.T) {
	// Without the answers at hand, a quote with a known offset is judged
	// alone, in the answer's coordinates, so a decision made on the answer
	// still applies to it.
	d := NewDetector(nil)
	res := d.Scan(guardDocs[1:], nil)
	g := Guard{Detector: d, Decisions: Decide(nil, NewDecision(res.Findings[0], ActionAllow, "bob", when, "the service's own number"))}
	out, err := g.Check([]Piece{{Doc: "P02/online", Hash: HashText(guardDocs[1].Text), Offset: 0, Text: "Ring 07700 900123"}}, false)
	if err != nil || !out.OK() || len(out.Allowed) != 1 || out.Allowed[0].Start != 5 {
		t.Errorf("%+v, %v", out, err)
	}
}

func TestGuardMisuse(t *testing.T) {
	g := Guard{Detector: NewDetector(nil), Documents: guardDocs}
	h := HashText(guardDocs[0].Text)
	for _, p := range []Piece{
		{Text: "no doc"},
		{Doc: "P01/helped", Hash: h, Offset: 3, Text: "Dave"},          // Dave is at 11
		{Doc: "P01/helped", Hash: h, Offset: 40, Text: "a long quote"}, // past the end
		{Doc: "P01/helped", Hash: h, Offset: -1, Text: "not in it"},
		{Doc: "P09/helped", Hash: h, Offset: -1, Text: "unknown answer"},
	} {
		if _, err := g.Check([]Piece{p}, true); err == nil {
			t.Errorf("%+v: no error", p)
		}
	}
}

// briefs describes findings as the export's stderr list does: document,
// span and kind, never the text.
func briefs(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Doc+" "+strconv.Itoa(f.Start)+"-"+strconv.Itoa(f.End)+" "+string(f.Kind))
	}
	return out
}
