package quant

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/internal/problem"
)

// userData (study_test.go) with a three-month follow-up for A, B and C:
// sums A 2 + 2 = 4, B 1 + 1 = 2, C 2 + 2 = 4; D has none.
const followUpData = userData + "A,fu3,2,2\nB,fu3,1,1\nC,fu3,2,2\n"

const followUpManifest = `title: t
measures:
  - name: Mine
    instrument: instruments/my-scale.yaml
    data: scores/my.csv
    reliability: 0.8
    pairs:
      - {from: pre, to: post}
      - {from: pre, to: fu3}
`

// Pre to fu3, worked by hand. Complete pairs A 8 → 4, B 6 → 2, C 4 → 4
// (D has no fu3: excluded with a warning). Clinical from their pre
// scores: mean 6, SD 2. S_diff = 2·√2·√.2 = 1.264911, threshold 1.96 ×
// 1.264911 = 2.479226. Lower is better; the norm 2 (SD 1): c = (2·2 +
// 6·1)/(2 + 1) = 3.3333.
//
//	A 8 → 4: −4 improvement; post 4 not below 3.33: not significant
//	B 6 → 2: −4 improvement; post 2 below 3.33: significant change
//	C 4 → 4: no change; neither score below 3.33: not significant
func TestFollowUpPairs(t *testing.T) {
	s := writeStudy(t, map[string]string{
		"mixeval.yaml":              followUpManifest,
		"instruments/my-scale.yaml": userScale,
		"scores/my.csv":             followUpData,
	})
	rs, err := RunStudy(s)
	if err != nil {
		t.Fatal(err)
	}
	m := rs[0]
	if m.From != "pre" || m.To != "post" || len(m.Pairs) != 1 {
		t.Fatalf("first pair %s to %s, %d further pairs", m.From, m.To, len(m.Pairs))
	}
	fu := m.Pairs[0]
	if fu.From != "pre" || fu.To != "fu3" || fu.N != 3 || strings.Join(fu.Excluded, ",") != "D" {
		t.Errorf("pre to fu3: n %d, excluded %v", fu.N, fu.Excluded)
	}
	if !near(fu.Clinical.Mean, 6, 1e-12) || !near(fu.Clinical.SD, 2, 1e-12) || !near(*fu.Cutoffs.C, 10.0/3, 1e-12) || !near(fu.RCThreshold, 2.479226, 5e-7) {
		t.Errorf("clinical %+v, c %v, threshold %v", fu.Clinical, *fu.Cutoffs.C, fu.RCThreshold)
	}
	if want := (Table{{0, 1, 1}, {0, 0, 0}, {0, 1, 0}}); fu.Table != want {
		t.Errorf("table %v, want %v", fu.Table, want)
	}
	if !strings.Contains(strings.Join(fu.Warnings, "\n"), "1 patient(s) excluded for a missing pre or fu3 score: D") {
		t.Errorf("warnings %q", fu.Warnings)
	}
	// Trajectories: every respondent at every time point.
	if strings.Join(m.Times, ",") != "pre,post,fu3" || len(m.Trajectories) != 4 {
		t.Fatalf("times %v, %d trajectories", m.Times, len(m.Trajectories))
	}
	d := m.Trajectories[3]
	if d.ID != "D" || d.Scores[0] != 2 || d.Scores[1] != 3 || !math.IsNaN(d.Scores[2]) || m.Trajectories[0].Scores[2] != 4 {
		t.Errorf("trajectories %+v", m.Trajectories)
	}

	// Both pairs in every format; the further pair is named by its time points.
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatCSV, FormatJSON} {
		var b strings.Builder
		if err := WriteStudy(&b, f, rs); err != nil {
			t.Fatal(err)
		}
		want := "Mine (pre to fu3)"
		if f == FormatJSON {
			want = `"to": "fu3"`
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s lacks %q", f, want)
		}
	}

	// Plots: both pairs and the trajectories.
	dir := filepath.Join(t.TempDir(), "plots")
	if err := WritePlots(dir, rs); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Mine.svg", "Mine-pre-fu3.svg", "Mine-trajectory.svg", "Mine-trajectory.png"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		if strings.HasSuffix(name, ".svg") && !strings.Contains(string(data), "<svg") {
			t.Errorf("%s is not SVG", name)
		}
	}
	if svg, _ := os.ReadFile(filepath.Join(dir, "Mine-trajectory.svg")); !strings.Contains(string(svg), "Mine: scores over time") || !strings.Contains(string(svg), ">fu3<") {
		t.Error("the trajectory plot lacks its title or the fu3 tick")
	}
}

// --from and --to choose one pair for every measure, in place of the
// manifest's; a time point the data does not have is a problem naming the
// ones it has.
func TestFollowUpFromTo(t *testing.T) {
	s := writeStudy(t, map[string]string{
		"mixeval.yaml":              followUpManifest,
		"instruments/my-scale.yaml": userScale,
		"scores/my.csv":             followUpData,
	})
	rs, err := RunStudyWith(s, StudyOptions{From: "post", To: "fu3"})
	if err != nil {
		t.Fatal(err)
	}
	if r := rs[0]; r.From != "post" || r.To != "fu3" || len(r.Pairs) != 0 || r.N != 3 {
		t.Errorf("%s to %s, %d pairs, n %d", r.From, r.To, len(r.Pairs), r.N)
	}
	_, err = RunStudyWith(s, StudyOptions{From: "pre", To: "fu6"})
	l := problem.Of(err)
	if l == nil || l.Len() != 1 || !strings.Contains(l[0].Msg, `scores/my.csv has no "fu6" rows; its time points are pre, post, fu3`) {
		t.Errorf("err = %v", err)
	}
	if _, err := RunStudyWith(s, StudyOptions{From: "pre"}); err == nil {
		t.Error("a pair without its second time point was accepted")
	}
}

// A totals file holds a follow-up as a column named after it.
func TestFollowUpTotals(t *testing.T) {
	s := writeStudy(t, map[string]string{
		"mixeval.yaml":              strings.Replace(followUpManifest, "scores/my.csv", "scores/totals.csv", 1),
		"instruments/my-scale.yaml": userScale,
		"scores/totals.csv":         "id,pre,post,fu3\nA,8,2,4\nB,6,6,2\nC,4,4,4\nD,2,3,\n",
	})
	rs, err := RunStudy(s)
	if err != nil {
		t.Fatal(err)
	}
	if fu := rs[0].Pairs[0]; fu.Table != (Table{{0, 1, 1}, {0, 0, 0}, {0, 1, 0}}) || fu.N != 3 {
		t.Errorf("pre to fu3 from totals: %v, n %d", fu.Table, fu.N)
	}
	_, err = RunStudyWith(s, StudyOptions{From: "pre", To: "fu6"})
	if err == nil || !strings.Contains(err.Error(), `scores/totals.csv has no "fu6" column`) {
		t.Errorf("err = %v", err)
	}
}
