package triangulate

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// Every CSV the agreement report writes neutralises cells that a
// spreadsheet would run as formulas (OWASP "CSV injection"): a code named
// by a user and an answer's text are written with a leading quote, while
// numbers, negative ones too, stay numbers.
func TestCSVOutputsAreSafe(t *testing.T) {
	r := &Report{
		Coders: []string{"alice", "bob"},
		Codes: []Stats{{ID: "calm", Name: "=HYPERLINK(\"http://x\")", Kind: "code", Units: 2,
			Table: &Table{Both: 1, Neither: 1}}},
		Pooled: Stats{ID: "pooled", Name: "@SUM(A1)", Kind: "pooled"},
	}
	var b bytes.Buffer
	if err := WriteStatsCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	if got := rows[1][2]; got != "'=HYPERLINK(\"http://x\")" {
		t.Errorf("code name cell = %q, want it prefixed with '", got)
	}
	if got := rows[2][2]; got != "'@SUM(A1)" {
		t.Errorf("pooled name cell = %q, want it prefixed with '", got)
	}

	d := &Diagnostics{Coders: [2]string{"alice", "bob"}, Disagreements: []Disagreement{
		{Document: "P01/helped", Code: "calm", Kind: "only-a", Text: "=cmd|' /C calc'!A0", A: []Span{{Start: 5, End: 8}}},
		{Document: "-P02/helped", Code: "calm", Kind: "only-b", Text: "+SUM(1)", B: []Span{{Start: 4, End: 7}}},
	}}
	b.Reset()
	if err := WriteDisagreementsCSV(&b, d); err != nil {
		t.Fatal(err)
	}
	rows = readCSV(t, b.Bytes())
	for i, want := range []struct{ doc, text string }{
		{"P01/helped", "'="},
		{"'-P02/helped", "'+"},
	} {
		row := rows[i+1]
		if row[0] != want.doc {
			t.Errorf("row %d document = %q, want %q", i+1, row[0], want.doc)
		}
		if !strings.HasPrefix(row[7], want.text) {
			t.Errorf("row %d text = %q, want it to start with %q", i+1, row[7], want.text)
		}
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
