package quant

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// smallResult is a hand-checkable analysis. Clinical 40 (SD 10) and norm 60
// (SD 10) given, r = 0.875, z = 2, higher is better, criterion c:
//
//	S_diff = 10·√2·√0.125 = 10·√0.25 = 5; RC threshold = 2·5 = 10
//	a = 40 + 2·10 = 60; b = 60 − 2·10 = 40; c = (10·60 + 40·10)/(10 + 10) = 50
//
//	id  pre   post  change  RCI    reliable       clinical
//	P1  30    45    15      3      improvement    not significant (45 < 50)
//	P2  35    55    20      4      improvement    significant change
//	P3  52    54     2      0.4    no change      okay at baseline (52 > 50)
//	P4  45    33   −12     −2.4    deterioration  not significant
//	P5  40    50    10      2      no change (10 is not > 10)
//	                                              not significant (50 is not > 50)
//	P6  42    —     excluded (missing post)
//	P7  38    51    13      2.6    improvement    significant change
//
// Table: not significant 1/1/1, okay at baseline 0/0/1, significant change
// 0/2/0 (deterioration/improvement/no change).
// Summary (n = 6): pre 30+35+52+45+40+38 = 240, mean 40; squared deviations
// 100+25+144+25+0+4 = 298, SD √(298/5) = 7.7201. Post 288, mean 48;
// 9+49+36+225+4+9 = 332, SD √(332/5) = 8.1486. Mean change 8.
func smallResult(t *testing.T, summary bool) *Result {
	t.Helper()
	nan := math.NaN()
	pairs := []Pair{{"P1", 30, 45}, {"P2", 35, 55}, {"P3", 52, 54}, {"P4", 45, 33}, {"P5", 40, 50}, {"P6", 42, nan}, {"P7", 38, 51}}
	r, err := Analyze(pairs, Options{
		Reliability: 0.875, Z: 2, Direction: HigherIsBetter,
		Clinical: &Distribution{Mean: 40, SD: 10},
		Norm:     &Norm{Mean: 60, SD: Float(10)},
		Summary:  summary,
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSmallResultByHand(t *testing.T) {
	r := smallResult(t, false)
	if !near(r.SDiff, 5, 1e-12) || !near(r.RCThreshold, 10, 1e-12) {
		t.Errorf("S_diff %v, threshold %v; want 5 and 10", r.SDiff, r.RCThreshold)
	}
	for _, c := range []struct {
		got  *float64
		want float64
	}{{r.Cutoffs.A, 60}, {r.Cutoffs.B, 40}, {r.Cutoffs.C, 50}} {
		if c.got == nil || !near(*c.got, c.want, 1e-12) {
			t.Errorf("cut-off %v, want %v", c.got, c.want)
		}
	}
	want := Table{{1, 1, 1}, {0, 0, 1}, {0, 2, 0}}
	if r.Table != want {
		t.Errorf("table %v, want %v", r.Table, want)
	}
	rci := map[string]float64{"P1": 3, "P2": 4, "P3": 0.4, "P4": -2.4, "P5": 2, "P7": 2.6}
	for _, p := range r.Patients {
		if !near(p.RCI, rci[p.ID], 1e-12) {
			t.Errorf("%s RCI %v, want %v", p.ID, p.RCI, rci[p.ID])
		}
	}
	s := r.Summary
	if s.N != 6 || !near(s.Pre.Mean, 40, 1e-12) || !near(s.Pre.SD, math.Sqrt(298.0/5), 1e-12) ||
		!near(s.Post.Mean, 48, 1e-12) || !near(s.Post.SD, math.Sqrt(332.0/5), 1e-12) || !near(s.MeanChange, 8, 1e-12) {
		t.Errorf("summary %+v", s)
	}
}

func TestWriteGolden(t *testing.T) {
	src := Sources{Reliability: "made up for the test", Norm: ""}
	tests := []struct {
		golden  string
		format  Format
		summary bool
	}{
		{"small.table", FormatTable, false},
		{"small.md", FormatMarkdown, false},
		{"small.csv", FormatCSV, false},
		{"small.json", FormatJSON, false},
		{"small_summary.table", FormatTable, true},
		{"small_summary.csv", FormatCSV, true},
		{"small_summary.json", FormatJSON, true},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteResult(&b, tt.format, "Small", smallResult(t, tt.summary), src); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, b.Bytes())
		})
	}
}

// The study writers put several measures one after the other.
func TestWriteStudyGolden(t *testing.T) {
	second, err := Analyze([]Pair{{"P1", 3, 1}, {"P2", 2, 2}, {"P3", 4, 1.5}}, Options{Reliability: 0.9, Direction: LowerIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	rs := []MeasureResult{
		{Name: "Small", Sources: Sources{Reliability: "made up"}, Result: smallResult(t, false)},
		{Name: "Lower | better", Result: second},
	}
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatCSV, FormatJSON} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteStudy(&b, f, rs); err != nil {
				t.Fatal(err)
			}
			golden(t, "study."+string(f), b.Bytes())
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// The JSON has every key of the issue 2 contract, with the contract's types.
func TestJSONContract(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, smallResult(t, false)); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	contract := []string{"n", "excluded", "direction", "reliability", "z", "clinical", "norm", "criterion", "cutoffs", "s_diff", "rc_threshold", "patients", "table"}
	for _, k := range contract {
		if _, ok := v[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	keys := func(x any) []string {
		m, _ := x.(map[string]any)
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	checks := []struct {
		what string
		got  []string
		want string
	}{
		{"clinical", keys(v["clinical"]), "mean sd"},
		{"norm", keys(v["norm"]), "mean sd"},
		{"cutoffs", keys(v["cutoffs"]), "a b c"},
		{"patient", keys(v["patients"].([]any)[0]), "change clinical_significance id post pre rci reliable_change"},
		{"table", keys(v["table"]), "not significant okay at baseline significant change"},
		{"table row", keys(v["table"].(map[string]any)["okay at baseline"]), "deterioration improvement no change"},
	}
	for _, c := range checks {
		if got := strings.Join(c.got, " "); got != c.want {
			t.Errorf("%s keys = %q, want %q", c.what, got, c.want)
		}
	}
	if v["direction"] != "higher" || v["criterion"] != "c" || v["n"] != 6.0 {
		t.Errorf("direction %v, criterion %v, n %v", v["direction"], v["criterion"], v["n"])
	}
	if ex := v["excluded"].([]any); len(ex) != 1 || ex[0] != "P6" {
		t.Errorf("excluded = %v", ex)
	}

	// Without a norm: norm is null, and so are cut-offs b and c.
	r, err := Analyze([]Pair{{"P1", 1, 2}, {"P2", 2, 4}}, Options{Reliability: 0.8, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	WriteJSON(&b, r)
	for _, s := range []string{`"norm": null`, `"b": null`, `"c": null`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("JSON lacks %s:\n%s", s, b.String())
		}
	}
}

// JSON numbers keep full precision: they decode to the same float64.
func TestJSONFullPrecision(t *testing.T) {
	r, err := Analyze([]Pair{{"P1", 0.1, 0.7}, {"P2", 1.0 / 3, 2.0 / 3}}, Options{Reliability: 0.83, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	WriteJSON(&b, r)
	var back Result
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.SDiff != r.SDiff || back.Patients[1].RCI != r.Patients[1].RCI || *back.Cutoffs.A != *r.Cutoffs.A || back.Clinical.SD != r.Clinical.SD {
		t.Errorf("numbers changed in JSON: %+v vs %+v", back, r)
	}
}

// A single complete patient has no SD: JSON says null rather than failing.
func TestJSONUndefinedSD(t *testing.T) {
	r, err := Analyze([]Pair{{"P1", 1, 2}}, Options{Reliability: 0.8, Direction: HigherIsBetter, Criterion: CriterionA, Clinical: &Distribution{Mean: 1, SD: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"sd": null`) {
		t.Errorf("no null SD in\n%s", b.String())
	}
}

// WriteJSON streams the patients but must write exactly what
// encoding/json's Encoder writes, for awkward ids and numbers too.
func TestWriteJSONMatchesEncoder(t *testing.T) {
	pairs := []Pair{
		{"plain", 1, 2}, {`quo"te`, 1e-7, 3}, {"<b>&", 2, 1e21}, {"tab\there", 0.1, 0.2},
		{"naïve", -3, 4.5}, {"ok", 123456789, 1}, {"\u2028", 5, 5},
	}
	r, err := Analyze(pairs, Options{Reliability: 0.8, Direction: HigherIsBetter, Criterion: CriterionA})
	if err != nil {
		t.Fatal(err)
	}
	var got, want bytes.Buffer
	if err := WriteJSON(&got, r); err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("streamed JSON differs:\n%s\nencoding/json:\n%s", got.String(), want.String())
	}
}

// The streamed JSON stays equal to encoding/json's with every optional
// per-patient field: category, percentage and anchor classes, and null
// indices.
func TestWriteJSONMatchesEncoderAllFields(t *testing.T) {
	pairs := []Pair{{"P1", 30, 38}, {"P2", 30, 30}, {"P3", 40, 45}, {"P4", 50, 55}, {"P5", 0, 47}}
	for _, m := range []Method{MethodJT, MethodHA} {
		r, err := Analyze(pairs, Options{Reliability: 0.84, Method: m, Direction: HigherIsBetter, Criterion: CriterionA,
			Categories: CategoriesCombined, Percentage: &Thresholds{Improve: 0.5, Deteriorate: 0.2}, Anchor: &Thresholds{Improve: 5, Deteriorate: 5}})
		if err != nil {
			t.Fatal(err)
		}
		var got, want bytes.Buffer
		if err := WriteJSON(&got, r); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed JSON differs:\n%s\nencoding/json:\n%s", m, got.String(), want.String())
		}
		var back Result
		if err := json.Unmarshal(got.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		for i, p := range back.Patients {
			q := r.Patients[i]
			if p.Category != q.Category || p.Percentage != q.Percentage || p.Anchor != q.Anchor || p.ReliableChange != q.ReliableChange ||
				math.IsNaN(p.RCI) != math.IsNaN(q.RCI) || math.IsInf(q.PctChange, 0) != math.IsNaN(p.PctChange) {
				t.Errorf("%s: %s read back as %+v, was %+v", m, q.ID, p, q)
			}
		}
	}
}
