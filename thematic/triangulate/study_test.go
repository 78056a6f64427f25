package triangulate

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/agree"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// handStudy is ten documents d01…d10 and a codebook with theme "t" holding
// codes x and y, and an unattached code z that nobody uses. Alice reviewed
// all ten documents; Bob reviewed d01…d09, so d10 is missing for him.
//
//	code x: alice d01 d02 d03 d04 d05       bob d01 d02 d03 d06
//	code y: alice d01 d10                   bob d01 d07
func handStudy(t testing.TB) Input {
	t.Helper()
	var docs []corpus.Document
	for i := 1; i <= 10; i++ {
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("d%02d", i), Text: "The group helped me a lot."})
	}
	cb, err := codebook.Parse("codebook.yaml", []byte(`version: 1
themes:
  - id: t
    name: Theme T
    codes:
      - id: x
        name: Code X
      - id: y
        name: Code Y
codes:
  - id: z
    name: Code Z
`))
	if err != nil {
		t.Fatal(err)
	}
	seg := func(doc string, codes ...string) coding.Segment {
		return coding.Segment{Document: doc, Start: 0, End: 9, Codes: codes}
	}
	alice := &coding.File{Coder: "alice",
		Reviewed: []string{"d01", "d02", "d03", "d04", "d05", "d06", "d07", "d08", "d09", "d10"},
		Segments: []coding.Segment{seg("d01", "x", "y"), seg("d02", "x"), seg("d03", "x"), seg("d04", "x"), seg("d05", "x"), seg("d10", "y")},
	}
	bob := &coding.File{Coder: "bob",
		Reviewed: []string{"d04", "d05", "d08", "d09"}, // the others have segments, which counts as reviewed
		Segments: []coding.Segment{seg("d01", "x", "y"), seg("d02", "x"), seg("d03", "x"), seg("d06", "x"), seg("d07", "y")},
	}
	return Input{Documents: docs, Codebook: cb, Coders: []*coding.File{alice, bob}}
}

func near(t *testing.T, what string, r agree.Result, want float64) {
	t.Helper()
	if !r.Defined {
		t.Errorf("%s undefined (%s), want %.6f", what, r.Note, want)
		return
	}
	if math.Abs(r.Value-want) > 1e-9 {
		t.Errorf("%s = %.9f, want %.9f", what, r.Value, want)
	}
}

// The expected values are worked by hand below; n is the 9 documents both
// reviewed (d10 is missing for Bob), and for AC1's π the 10 documents rated
// by at least one coder (Gwet 2014, chapter 4).
func TestStudyHandWorked(t *testing.T) {
	rep, err := Study(handStudy(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents != 10 || rep.Reviewed[0] != 10 || rep.Reviewed[1] != 9 || rep.ReviewedByAll != 9 {
		t.Fatalf("documents %d, reviewed %v, by all %d; want 10, [10 9], 9", rep.Documents, rep.Reviewed, rep.ReviewedByAll)
	}
	byID := map[string]Stats{}
	for _, s := range append(rep.Codes, rep.Themes...) {
		byID[s.ID] = s
	}
	cases := []struct {
		id            string
		table         Table
		pa, k, a, ac1 float64
	}{
		// x: both d01-03 = 3, only alice d04 d05 = 2, only bob d06 = 1,
		// neither d07-09 = 3. po = 6/9. Marginals alice 5/9, bob 4/9:
		// pe = 5/9·4/9 + 4/9·5/9 = 40/81; kappa = (54−40)/(81−40) = 14/41.
		// alpha: 18 pairable values, nine 1s and nine 0s; 3 disagreeing
		// units give 6 off-diagonal coincidences:
		// 1 − (n−1)·6/(2·9·9) = 1 − 17·6/162 = 10/27.
		// AC1: π1 = (3 + 3·½ + d10 alice 0)/10 = 0.45; pe = 2·0.45·0.55 =
		// 0.495; AC1 = (6/9 − 0.495)/(1 − 0.495).
		{"x", Table{3, 2, 1, 3}, 6.0 / 9, 14.0 / 41, 10.0 / 27, (6.0/9 - 0.495) / 0.505},
		// y: both d01, only bob d07, neither 7 (d10 is not paired).
		// po = 8/9; marginals alice 1/9, bob 2/9: pe = 2/81 + 56/81 = 58/81;
		// kappa = (72−58)/(81−58) = 14/23. alpha: three 1s, fifteen 0s, one
		// disagreeing unit: 1 − 17·2/(2·15·3) = 1 − 34/90 = 56/90.
		// AC1: π1 = (1 + ½ + d10 alice 1)/10 = 0.25; pe = 2·0.25·0.75 =
		// 0.375; AC1 = (8/9 − 0.375)/0.625.
		{"y", Table{1, 0, 1, 7}, 8.0 / 9, 14.0 / 23, 56.0 / 90, (8.0/9 - 0.375) / 0.625},
		// theme t (x or y): alice d01-05 (and d10), bob d01-03 d06 d07.
		// both 3, only alice 2, only bob 2, neither 2. po = 5/9;
		// marginals 5/9 each: pe = 25/81 + 16/81 = 41/81; kappa = 4/40.
		// alpha: ten 1s, eight 0s, 4 disagreeing units: 1 − 17·8/(2·10·8)
		// = 1 − 136/160. AC1: π1 = (3 + 4·½ + 1)/10 = 0.6; pe = 0.48.
		{"t", Table{3, 2, 2, 2}, 5.0 / 9, 0.1, 1 - 136.0/160, (5.0/9 - 0.48) / 0.52},
	}
	for _, c := range cases {
		s := byID[c.id]
		if s.Table == nil || *s.Table != c.table {
			t.Errorf("%s: table %+v, want %+v", c.id, s.Table, c.table)
		}
		near(t, c.id+" percent agreement", s.PercentAgreement, c.pa)
		near(t, c.id+" kappa", s.Kappa, c.k)
		near(t, c.id+" alpha", s.Alpha, c.a)
		near(t, c.id+" AC1", s.AC1, c.ac1)
	}
	// z: nobody used it, so every value is 0: kappa's chance agreement is 1
	// and alpha has no expected disagreement, both 0/0.
	z := byID["z"]
	if z.Kappa.Defined || z.Alpha.Defined {
		t.Errorf("z: kappa %v alpha %v, want both undefined", z.Kappa, z.Alpha)
	}
	near(t, "z percent agreement", z.PercentAgreement, 1)
	if *z.Table != (Table{0, 0, 0, 9}) {
		t.Errorf("z table %+v", *z.Table)
	}
	// Macro mean of kappa over x and y; z is left out and counted.
	m := rep.Macro.Kappa
	if m.Used != 2 || m.Undefined != 1 || math.Abs(m.Value-(14.0/41+14.0/23)/2) > 1e-12 {
		t.Errorf("macro kappa %+v, want (14/41 + 14/23)/2 over 2 codes, 1 undefined", m)
	}
	// Pooled: the 27 pairable units of x, y and z in one matrix:
	// both 4, only alice 2, only bob 2, neither 19. po = 23/27; marginals
	// 6/27 each: pe = (36 + 441)/729; kappa = (621 − 477)/(729 − 477) = 144/252.
	// alpha: 54 values, twelve 1s, 42 0s, 4 disagreeing units:
	// 1 − 53·8/(2·12·42). AC1: π1 = (x 4.5 + y 2.5 + z 0)/30 = 7/30.
	p := rep.Pooled
	if *p.Table != (Table{4, 2, 2, 19}) {
		t.Errorf("pooled table %+v", *p.Table)
	}
	near(t, "pooled kappa", p.Kappa, 144.0/252)
	near(t, "pooled alpha", p.Alpha, 1-53.0*8/(2*12*42))
	pi := 7.0 / 30
	pe := 2 * pi * (1 - pi)
	near(t, "pooled AC1", p.AC1, (23.0/27-pe)/(1-pe))
	if len(rep.Unknown) != 0 {
		t.Errorf("unknown codes %v, want none", rep.Unknown)
	}
}

func TestStudyUnknownCodeReported(t *testing.T) {
	in := handStudy(t)
	in.Coders[1].Segments = append(in.Coders[1].Segments, coding.Segment{Document: "d08", Start: 0, End: 3, Codes: []string{"zz-new"}},
		coding.Segment{Document: "d99", Start: 0, End: 3, Codes: []string{"x"}}) // a document the study does not hold
	rep, err := Study(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OutsideStudy != 1 {
		t.Errorf("segments outside the study: %d, want 1", rep.OutsideStudy)
	}
	// x is unchanged by the segment outside the study: still 14/41.
	near(t, "x kappa", rep.Codes[0].Kappa, 14.0/41)
	if len(rep.Unknown) != 1 || rep.Unknown[0].Code != "zz-new" || rep.Unknown[0].Segments["bob"] != 1 {
		t.Fatalf("unknown codes %+v, want zz-new used once by bob", rep.Unknown)
	}
	last := rep.Codes[len(rep.Codes)-1]
	if last.ID != "zz-new" || last.InCodebook || !strings.Contains(strings.Join(last.Notes, ";"), "not in the codebook") {
		t.Errorf("last code row %+v, want zz-new flagged not in the codebook", last)
	}
}

func TestStudyCodesFilterAndErrors(t *testing.T) {
	in := handStudy(t)
	in.Codes = []string{"y"}
	rep, err := Study(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Codes) != 1 || rep.Codes[0].ID != "y" || len(rep.Themes) != 1 || rep.Themes[0].Codes != 1 {
		t.Errorf("filtered report: %d codes, themes %+v", len(rep.Codes), rep.Themes)
	}
	near(t, "pooled = y alone", rep.Pooled.Kappa, 14.0/23)

	in.Codes = []string{"nope"}
	if _, err := Study(in, Options{}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("unknown code: err %v", err)
	}
	in.Codes = nil
	in.Coders = in.Coders[:1]
	if _, err := Study(in, Options{}); err == nil {
		t.Error("one coder: no error")
	}
	in = handStudy(t)
	in.Documents = nil
	if _, err := Study(in, Options{}); err == nil || !strings.Contains(err.Error(), "no documents") {
		t.Errorf("empty study: err %v", err)
	}
}

func TestStudyBootstrapReproducible(t *testing.T) {
	run := func(seed uint64) *agree.ConfidenceInterval {
		rep, err := Study(handStudy(t), Options{Bootstrap: 500, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Codes[2].AlphaCI != nil {
			t.Error("z has an interval although its alpha is undefined")
		}
		return rep.Codes[0].AlphaCI
	}
	a, b := run(7), run(7)
	if a == nil || b == nil || a.Lower != b.Lower || a.Upper != b.Upper {
		t.Fatalf("same seed, different intervals: %+v %+v", a, b)
	}
	if !(a.Lower <= 10.0/27 && 10.0/27 <= a.Upper) {
		t.Errorf("interval [%v, %v] does not hold alpha 10/27", a.Lower, a.Upper)
	}
	if _, err := Study(handStudy(t), Options{Bootstrap: 10}); err == nil {
		t.Error("10 replicates accepted")
	}
}

// Three coders: kappa is Light's (mean pairwise Cohen) and alpha and Fleiss
// take every coder.
func TestStudyThreeCoders(t *testing.T) {
	in := handStudy(t)
	carol := *in.Coders[0]
	carol.Coder = "carol"
	in.Coders = append(in.Coders, &carol)
	rep, err := Study(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	x := rep.Codes[0]
	if x.KappaName != "Light's kappa" || x.Table != nil {
		t.Fatalf("three coders: kappa %q, table %v", x.KappaName, x.Table)
	}
	// Pairs for x: alice–bob 14/41, alice–carol identical codings 1,
	// bob–carol 14/41 (carol is alice). Light's kappa is their mean.
	near(t, "x Light's kappa", x.Kappa, (14.0/41+1+14.0/41)/3)
	// Pairs: alice–bob as in TestStudyHandWorked; alice–carol agree fully
	// on x and y (kappa 1 for both), z stays undefined.
	if len(rep.Pairs) != 3 {
		t.Fatalf("%d pairs, want 3", len(rep.Pairs))
	}
	near(t, "alice-bob pooled kappa", rep.Pairs[0].PooledKappa, 144.0/252)
	if m := rep.Pairs[1].MacroKappa; m.Value != 1 || m.Used != 2 || m.Undefined != 1 {
		t.Errorf("alice-carol macro kappa %+v", m)
	}
}

// A code's presence rolls up to every theme above it: with x under
// subtheme "sub" under theme "top", and y directly under "top", "sub" has
// x's values and "top" has (x or y)'s, the same as theme t above.
func TestStudyNestedThemes(t *testing.T) {
	in := handStudy(t)
	cb, err := codebook.Parse("codebook.yaml", []byte(`version: 1
themes:
  - id: top
    name: Top
    subthemes:
      - id: sub
        name: Sub
        codes:
          - id: x
            name: Code X
    codes:
      - id: y
        name: Code Y
`))
	if err != nil {
		t.Fatal(err)
	}
	in.Codebook = cb
	rep, err := Study(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Themes) != 2 || rep.Themes[0].ID != "top" || rep.Themes[1].ID != "sub" {
		t.Fatalf("themes %+v", rep.Themes)
	}
	near(t, "top kappa", rep.Themes[0].Kappa, 0.1)
	near(t, "sub kappa", rep.Themes[1].Kappa, 14.0/41)
	if rep.Themes[0].Codes != 2 || rep.Themes[1].Codes != 1 {
		t.Errorf("codes rolled up: %d, %d", rep.Themes[0].Codes, rep.Themes[1].Codes)
	}
}

// TestDocFinder checks the forward-walking look-up against a map, for ids
// asked in order, out of order, repeated and missing, and for documents not
// sorted by id.
func TestDocFinder(t *testing.T) {
	sorted := []corpus.Document{{ID: "P01/a"}, {ID: "P01/b"}, {ID: "P02/a"}, {ID: "P03/a"}, {ID: "P10/a"}}
	unsorted := []corpus.Document{{ID: "P02/a"}, {ID: "P01/a"}, {ID: "P10/a"}, {ID: "P01/b"}}
	asks := []string{"P01/a", "P01/a", "P01/b", "P03/a", "P00/x", "P02/a", "P02/b", "P10/a", "P99/z", "P01/b", "", "P10/a"}
	for _, docs := range [][]corpus.Document{sorted, unsorted, nil} {
		want := map[string]int{}
		for i, d := range docs {
			want[d.ID] = i
		}
		f := newDocFinder(docs)
		for _, id := range asks {
			i, ok := f.find(id)
			wi, wok := want[id]
			if ok != wok || i != wi {
				t.Errorf("docs %v: find(%q) = %d, %v; want %d, %v", docs, id, i, ok, wi, wok)
			}
		}
	}
}

// Progress counts the replicates of every interval drawn, in order.
func TestStudyBootstrapProgress(t *testing.T) {
	var got []int
	rep, err := Study(handStudy(t), Options{Bootstrap: 1500, Seed: 1, Progress: func(n int) { got = append(got, n) }})
	if err != nil {
		t.Fatal(err)
	}
	intervals := 0
	for _, s := range rep.rows() {
		if s.AlphaCI != nil {
			intervals++
		}
	}
	if intervals == 0 || len(got) != 2*intervals || got[len(got)-1] != 1500*intervals {
		t.Fatalf("%d intervals; progress %v", intervals, got)
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Fatalf("progress goes back: %v", got)
		}
	}
}
