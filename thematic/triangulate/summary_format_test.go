package triangulate

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestSummaryByCode(t *testing.T) {
	d := &Diagnostics{Coders: [2]string{"alice", "bob"}, Overlap: 90, Compared: 2,
		Disagreements: []Disagreement{
			{Document: "P01/a", Code: "x", Kind: "only-a", A: []Span{{0, 4}}, Text: "one two three"},
			{Document: "P01/a", Code: "y", Kind: "boundaries", A: []Span{{0, 3}}, B: []Span{{0, 7}}, Text: "one two three"},
			{Document: "P02/a", Code: "x", Kind: "only-b", B: []Span{{2, 5}}, Text: "four five"},
		},
		Characters: []CharAgreement{
			{Document: "P01/a", Code: "x", Length: 10, Both: 4, OnlyA: 2, Neither: 4},
			{Document: "P02/a", Code: "x", Length: 10, OnlyB: 3, Neither: 7},
		},
	}
	byCode := DisagreementsByCode(d)
	if len(byCode) != 2 || byCode[0] != (CodeDisagreements{Code: "x", OnlyA: 1, OnlyB: 1}) || byCode[1] != (CodeDisagreements{Code: "y", Different: 1}) {
		t.Errorf("by code %+v", byCode)
	}
	chars := CharactersByCode(d)
	// x over both documents: both 4, only alice 2, only bob 3, neither 11
	// of 20. Agreement 15/20 = 0.75. Kappa: alice codes 6/20 = .3, bob
	// 7/20 = .35; chance .3·.35 + .7·.65 = .56; (.75 − .56)/(1 − .56) =
	// .19/.44 = 0.431818…
	if len(chars) != 1 {
		t.Fatalf("chars %+v", chars)
	}
	c := chars[0]
	if c.Length != 20 || c.Both != 4 || c.OnlyA != 2 || c.OnlyB != 3 || c.Neither != 11 ||
		math.Abs(c.Agreement.Value-0.75) > 1e-12 || math.Abs(c.Kappa.Value-0.19/0.44) > 1e-12 {
		t.Errorf("chars %+v", c)
	}
	var buf bytes.Buffer
	if err := WriteDiagnosticsSummaryText(&buf, d, 5, 1); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"Disagreements between alice", ": 3\n", "The first 1 disagreements", "P01/a  x  only alice", "[one ]two three"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "P02/a  x") {
		t.Errorf("summary lists more than the first disagreement:\n%s", out)
	}
}
