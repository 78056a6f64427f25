package quant

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
)

// writeStudy makes a study folder from name → content.
func writeStudy(t *testing.T, files map[string]string) *study.Study {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := study.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const userScale = `name: my-scale
items: [m_1, m_2]
range: {min: 0, max: 4}
total:
  scoring: sum
  direction: lower
  norm: {mean: 2, sd: 1, source: "Someone (2020)"}
`

// Four patients, sums pre 8, 6, 4, 2 and post 2, 6, 4, 3 (hand-added).
const userData = "id,time,m_1,m_2\nA,pre,4,4\nA,post,1,1\nB,pre,3,3\nB,post,3,3\nC,pre,2,2\nC,post,2,2\nD,pre,1,1\nD,post,2,1\n"

func TestRunStudyUserInstrument(t *testing.T) {
	s := writeStudy(t, map[string]string{
		"mixeval.yaml": `title: t
measures:
  - name: Mine
    instrument: instruments/my-scale.yaml
    data: scores/my.csv
    reliability: 0.8
    reliability_source: "Other (2019)"
`,
		"instruments/my-scale.yaml": userScale,
		"scores/my.csv":             userData,
	})
	rs, err := RunStudy(s)
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	// Pre 8, 6, 4, 2: mean 5, SD √(20/3) = 2.582. Norm 2 (1), lower is
	// better: c = (2.582·2 + 5·1)/(2.582 + 1) = 10.164/3.582 = 2.8375.
	// Threshold 1.96·2.582·√2·√0.2 = 3.2007: A (−6) improves.
	// D's pre 2 < c: okay at baseline; A's post 2 < c: significant.
	if r.Name != "Mine" || r.Direction != LowerIsBetter || r.Sources.Reliability != "Other (2019)" || r.Sources.Norm != "Someone (2020)" {
		t.Errorf("result header %+v %+v", r.Name, r.Sources)
	}
	if c := *r.Cutoffs.C; c < 2.8374 || c > 2.8376 {
		t.Errorf("c = %v, want 2.8375", c)
	}
	want := Table{{0, 0, 2}, {0, 0, 1}, {0, 1, 0}}
	if r.Table != want {
		t.Errorf("table %v, want %v", r.Table, want)
	}
}

func TestRunStudyProblems(t *testing.T) {
	s := writeStudy(t, map[string]string{
		"mixeval.yaml": `title: t
measures:
  - name: Unknown
    instrument: phq-9
    data: scores/items.csv
  - name: NoSubscale
    instrument: fscrs
    data: scores/items.csv
  - name: Totals
    instrument: pseq
    data: scores/totals.csv
  - name: NoNorm
    instrument: instruments/my-scale.yaml
    data: scores/my.csv
    reliability: 0.8
  - name: NoReliability
    instrument: instruments/my-scale.yaml
    data: scores/my.csv
  - name: Missing
    instrument: pseq
    data: scores/none.csv
`,
		"instruments/my-scale.yaml": strings.Replace(userScale, "  norm: {mean: 2, sd: 1, source: \"Someone (2020)\"}\n", "", 1),
		"scores/my.csv":             userData,
		"scores/totals.csv":         "id,pre,post\nA,1,2\n",
	})
	_, err := RunStudy(s)
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		"mixeval.yaml:4:17: measure Unknown: instrument \"phq-9\" is not built in",
		"mixeval.yaml:7:17: measure NoSubscale: instrument fscrs has no total score: name one of its subscales (inadequate, hated, reassured)",
		// a totals file is read as it is; one patient gives no clinical SD
		"mixeval.yaml:9:5: measure Totals: the clinical SD needs at least 2 pre scores",
		"mixeval.yaml:12:5: measure NoNorm: criterion c needs a norm",
		"mixeval.yaml:16:5: measure NoReliability: no reliability",
		"mixeval.yaml:21:11: measure Missing: data file",
	}
	got := strings.Split(err.Error(), "\n")
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(got), len(want), err)
	}
	for i, w := range want {
		g := get(got, i)
		if i := strings.Index(g, "mixeval.yaml"); i >= 0 {
			g = g[i:] // drop the temp folder
		} else if i := strings.Index(g, "totals.csv"); i >= 0 {
			g = g[i:]
		}
		if !strings.HasPrefix(g, w) {
			t.Errorf("problem %d:\n got %q\nwant prefix %q", i+1, g, w)
		}
	}
}

func TestRunStudyDataProblemsOncePerFile(t *testing.T) {
	// Three subscales of one bad file report its problem once.
	s := loadSample(t)
	bad := writeStudy(t, map[string]string{"mixeval.yaml": "title: t\n"})
	data, err := os.ReadFile(s.Path("scores/items.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	cells := strings.Split(lines[3], ",")
	cells[20] = "7" // fscrs_7 of P02 pre, row 4; the FSCRS range is 0-4
	lines[3] = strings.Join(cells, ",")
	if err := os.MkdirAll(bad.Path("scores"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad.Path("scores/items.csv"), []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	manifest, _ := os.ReadFile(s.ManifestPath())
	if err := os.WriteFile(bad.ManifestPath(), manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	bad, err = study.Load(bad.Dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = RunStudy(bad)
	want := "scores/items.csv: row 4, column U (fscrs_7): 7 is outside the response range 0 to 4"
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("err = %v\nwant exactly one problem: %q", err, want)
	}
}
