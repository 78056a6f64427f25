package quant

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/study"
)

// sampleWithItems copies the sample study's manifest (five measures from
// three instruments, all reading scores/items.csv) into a temporary study
// whose items.csv is the sample's with edit applied to its lines (line 0 is
// the header).
func sampleWithItems(t *testing.T, manifest func(string) string, edit func(lines [][]string) [][]string) *study.Study {
	t.Helper()
	s := loadSample(t)
	data, err := os.ReadFile(s.Path("scores/items.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]string
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		lines = append(lines, strings.Split(l, ","))
	}
	lines = edit(lines)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.Join(l, ",") + "\n")
	}
	m, err := os.ReadFile(s.ManifestPath())
	if err != nil {
		t.Fatal(err)
	}
	return writeStudy(t, map[string]string{
		"mixeval.yaml":     manifest(string(m)),
		"scores/items.csv": b.String(),
	})
}

// set changes the cell of a line (1 = the first data row) in the named
// column.
func set(lines [][]string, line int, col, v string) {
	lines[line][slices.Index(lines[0], col)] = v
}

func same(s string) string { return s }

// Issue 8: one bad file read by three instruments (five measures) listed
// each problem once per instrument and not in row order. Now each is listed
// once, by row and then by column, whatever the order of the measures.
func TestStudyProblemsOnceInFileOrder(t *testing.T) {
	s := sampleWithItems(t, same, func(lines [][]string) [][]string {
		set(lines, 1, "pseq_3", "9")   // row 2: PSEQ column, right of the FSCRS ones
		set(lines, 1, "fscrs_7", "5")  // row 2: FSCRS column
		set(lines, 2, "scs_2", "x")    // row 3
		set(lines, 3, "time", "later") // row 4: a follow-up with no pre row for this id...
		set(lines, 3, "id", "P99")     // ...read by every instrument
		set(lines, 5, "id", "")        // row 6: read by every instrument
		return lines
	})
	_, err := RunStudy(s)
	l := problem.Of(err)
	if l == nil {
		t.Fatalf("err = %v, want a problem list", err)
	}
	// Rows 4 and 6 leave P02 (rows 4 and 5 in the sample, and its
	// follow-up on row 29) and P03 without their pre rows, which is
	// reported too.
	want := []string{
		"items.csv: row 2, column U (fscrs_7): 5 is outside the response range 0 to 4",
		"items.csv: row 2, column AM (pseq_3): 9 is outside the response range 0 to 6",
		"items.csv: row 3, column D (scs_2): \"x\" is not a number",
		"items.csv: row 4, column A (id): P99 has a later row but no pre row",
		"items.csv: row 5, column A (id): P02 has a post row but no pre row",
		"items.csv: row 6, column A (id): the respondent id is empty",
		"items.csv: row 7, column A (id): P03 has a post row but no pre row",
		"items.csv: row 29, column A (id): P02 has a fu3 row but no pre row",
	}
	if len(l) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(l), len(want), err)
	}
	for i, w := range want {
		if i >= len(l) || !strings.Contains(l[i].Error(), w) {
			t.Errorf("problem %d: got %q\nwant it to contain %q", i+1, get(strings.Split(err.Error(), "\n"), i), w)
		}
	}
}

// CheckStudy finds what RunStudy would refuse, without an analysis: an item
// value of 7 on a 1-5 scale, and criterion c with no norm.
func TestCheckStudy(t *testing.T) {
	s := sampleWithItems(t, func(m string) string {
		// SCS-SF keeps criterion c but loses its norm.
		return strings.Replace(m, "    norm: {mean: 3.0, sd: 0.65, source: \"illustrative values, not a published norm\"}\n", "", 1)
	}, func(lines [][]string) [][]string {
		set(lines, 1, "scs_5", "7")
		return lines
	})
	l, _ := CheckStudy(s)
	if l.Len() != 1 || !strings.Contains(l[0].Error(), "row 2, column G (scs_5): 7 is outside the response range 1 to 5") {
		t.Fatalf("problems:\n%v", l)
	}
	// With the file fixed, the missing norm is found (the analysis stops at
	// the first problem of a measure's data).
	s = sampleWithItems(t, func(m string) string {
		return strings.Replace(m, "    norm: {mean: 3.0, sd: 0.65, source: \"illustrative values, not a published norm\"}\n", "", 1)
	}, func(lines [][]string) [][]string { return lines })
	l, _ = CheckStudy(s)
	if l.Len() != 1 || !strings.Contains(l[0].Error(), "measure SCS-SF: criterion c needs a norm (non-clinical) mean") || l[0].Line == 0 {
		t.Fatalf("problems:\n%v", l)
	}
	// The bundled sample is clean.
	if l, w := CheckStudy(loadSample(t)); l.Len() != 0 {
		t.Errorf("sample: %v (warnings %q)", l, w)
	}
}

// A cut-off outside the possible scores is a warning, not a problem.
// FSCRS-Hated (0-20, lower is better) with criterion a: the cut-off is
// M_pre − 2·SD_pre, below 0 whenever the SD is more than half the mean.
// Hand-made pre scores 0, 0, 0, 10: mean 2.5, SD √(3·2.5² + 7.5²)/√3 =
// √(75/3) = 5, so a = 2.5 − 10 = −7.5.
func TestRangeWarning(t *testing.T) {
	s := writeStudy(t, map[string]string{
		"mixeval.yaml": "title: t\nmeasures:\n  - name: Hated\n    instrument: fscrs\n    subscale: hated\n    data: totals.csv\n    criterion: a\n",
		"totals.csv":   "id,pre,post\nA,0,0\nB,0,1\nC,0,0\nD,10,2\n",
	})
	l, warnings := CheckStudy(s)
	if l.Len() != 0 {
		t.Fatal(l)
	}
	want := "Hated: cut-off a = -7.5 is not inside the range of possible scores (best 0 on a 0 to 20 scale): no patient can get beyond it"
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], want) {
		t.Errorf("warnings %q\nwant %q", warnings, want)
	}
	rs, err := RunStudy(s)
	if err != nil || len(rs[0].Warnings) != 1 {
		t.Errorf("RunStudy: %v, warnings %q", err, rs[0].Warnings)
	}
}

func TestScoreRange(t *testing.T) {
	for _, tt := range []struct {
		inst, sub string
		lo, hi    float64
	}{
		{"scs-sf", "", 1, 5}, // mean of 1-5 items
		{"pseq", "", 0, 60},  // 10 items of 0-6
		{"fscrs", "hated", 0, 20},
		{"fscrs", "reassured", 0, 32},
		{"fscrs", "inadequate", 0, 36},
	} {
		in, err := Builtin(tt.inst)
		if err != nil {
			t.Fatal(err)
		}
		s, err := in.Score(tt.sub)
		if err != nil {
			t.Fatal(err)
		}
		if lo, hi := in.ScoreRange(s); lo != tt.lo || hi != tt.hi {
			t.Errorf("%s %s: %v to %v, want %v to %v", tt.inst, tt.sub, lo, hi, tt.lo, tt.hi)
		}
	}
}
