package quant

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// tiny is a two-item instrument for reader tests.
func tiny(t testing.TB) *Instrument {
	t.Helper()
	in, err := ParseInstrument("tiny.yaml", []byte(`name: tiny
items: [t_1, t_2]
range: {min: 1, max: 5}
reverse: [t_2]
missing: {max_missing: 1}
total: {scoring: sum, direction: higher, reliability: {value: 0.8, source: test}}
`))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestParseCSVDialects(t *testing.T) {
	want := "P1 pre 1 2|P1 post 3 4|"
	tests := map[string]string{
		"comma":     "id,time,t_1,t_2\nP1,pre,1,2\nP1,post,3,4\n",
		"semicolon": "id;time;t_1;t_2\nP1;pre;1;2\nP1;post;3;4\n",
		"tab":       "id\ttime\tt_1\tt_2\nP1\tpre\t1\t2\nP1\tpost\t3\t4\n",
		"bom crlf":  "\xef\xbb\xbfid,time,t_1,t_2\r\nP1,pre,1,2\r\nP1,post,3,4\r\n",
		"quoted":    "\"id\",\"time\",\"t_1\",\"t_2\"\n\"P1\",\"pre\",\"1\",\"2\"\n\n\"P1\",\"POST\",\"3\",\"4\"",
		"headers":   " ID , Time ,T_1,t_2\nP1,pre,1,2\nP1,post,3,4\n",
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			sh, err := ParseCSV("x.csv", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			rs, err := ReadResponses(sh, tiny(t))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, r := range rs {
				b.WriteString(r.ID + " " + r.Time + " " + ftoa(r.Values[0]) + " " + ftoa(r.Values[1]) + "|")
			}
			if b.String() != want {
				t.Errorf("got %s, want %s", b.String(), want)
			}
		})
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func TestReadResponsesProblems(t *testing.T) {
	// Row numbers count as a spreadsheet does: the header is row 1.
	src := "id,time,t_1,t_2\n" + // 1
		"P1,pre,1,6\n" + // 2: t_2 out of range
		"P1,post,x,2\n" + // 3: t_1 not a number
		"P2,pre,2.5,3\n" + // 4: not a whole number; P2 has no post row
		"P2,pre,1,1\n" + // 5: duplicate P2 pre
		"P3,during,1,1\n" + // 6: a follow-up without a pre row
		"P4,pre,1,1\n" + // 7: no post row
		"P5,3 months,1,1\n" // 8: not a time label
	sh, err := ParseCSV("s.csv", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ReadResponses(sh, tiny(t))
	// In file order: by row, then by column.
	want := []string{
		"s.csv: row 2, column D (t_2): 6 is outside the response range 1 to 5",
		"s.csv: row 3, column C (t_1): \"x\" is not a number: give a whole number from 1 to 5",
		"s.csv: row 4, column A (id): P2 has a pre row but no post row",
		"s.csv: row 4, column C (t_1): 2.5 is not a whole number",
		"s.csv: row 5, column A (id): P2 has a second pre row (the first is row 4)",
		"s.csv: row 6, column A (id): P3 has a during row but no pre row",
		"s.csv: row 7, column A (id): P4 has a pre row but no post row",
		"s.csv: row 8, column B (time): time \"3 months\" is not a time label",
	}
	if err == nil {
		t.Fatal("no error")
	}
	got := strings.Split(err.Error(), "\n")
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(want), err)
	}
	for i := range want {
		if i >= len(got) || !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n got %q\nwant prefix %q", i, get(got, i), want[i])
		}
	}
}

func get(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func TestReadResponsesLayout(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "the file is empty"},
		{"blank", " \r\n\n", "the file is empty"},
		{"header only", "id,time,t_1,t_2\n", "the file has a header but no data rows"},
		{"missing items", "id,time,t_1\nP1,pre,1\n", "1 item column(s) of tiny are missing: t_2; found \"id\", \"time\", \"t_1\""},
		{"wrong delimiter", "id|time|t_1|t_2\nP1|pre|1|2\n", "only one column was found"},
		{"totals", "id,pre,post\nP1,1,2\n", "this is a totals file (id, pre, post columns)"},
		{"no id", "who,time,t_1,t_2\nP1,pre,1,2\n", "no \"id\" column"},
		{"long row", "id,time,t_1,t_2\nP1,pre,1,2,9\nP1,post,1,2\n", "row 2: the row has 5 cells but the header only 4 columns"},
		{"bad quotes", "id,time,t_1,t_2\nP1,\"pre,1,2\n", "cannot read the CSV"},
		{"duplicate column", "id,time,t_1,t_2,T_1\nP1,pre,1,2,3\nP1,post,1,2,3\n", "column E (T_1): column \"T_1\" appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh, err := ParseCSV("f.csv", []byte(tt.src))
			if err == nil {
				_, err = ReadResponses(sh, tiny(t))
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestScorePairsMissing(t *testing.T) {
	// Empty cells are unanswered items: one of two may be missing (prorated
	// ×2), both missing make the score missing and the patient is excluded.
	src := "id,time,t_1,t_2\nP1,pre,1,5\nP1,post,3,\nP2,pre,,\nP2,post,2,2\n"
	sh, _ := ParseCSV("m.csv", []byte(src))
	in := tiny(t)
	rs, err := ReadResponses(sh, in)
	if err != nil {
		t.Fatal(err)
	}
	pairs := ScorePairs(in, in.Total, rs)
	// P1 pre: 1 + (6 − 5) = 2; post: 3 alone, prorated 3 × 2 = 6.
	// P2 pre: nothing answered → NaN; post: 2 + (6 − 2) = 6.
	if len(pairs) != 2 || pairs[0].Pre != 2 || pairs[0].Post != 6 || !math.IsNaN(pairs[1].Pre) || pairs[1].Post != 6 {
		t.Errorf("pairs = %+v", pairs)
	}
}

func TestReadSheetXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "items.xlsx")
	f := excelize.NewFile()
	rows := [][]any{{"id", "time", "t_1", "t_2"}, {"P1", "pre", 1, 2}, {}, {"P1", "post", 7, 4}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	sh, err := ReadSheet(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ReadResponses(sh, tiny(t))
	// Row 4 as Excel shows it, even after the blank row 3.
	want := "items.xlsx (sheet Sheet1): row 4, column C (t_1): 7 is outside the response range 1 to 5"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant %q", err, want)
	}
}

func TestProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,time,t_1,t_2\n")
	for i := 0; i < 200; i++ {
		b.WriteString("P,pre,9,9\n")
	}
	sh, _ := ParseCSV("big.csv", []byte(b.String()))
	_, err := ReadResponses(sh, tiny(t))
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxProblems+1 || !strings.Contains(lines[maxProblems], "more problems") {
		t.Errorf("got %d lines, last %q", len(lines), lines[len(lines)-1])
	}
}

func FuzzReadResponses(f *testing.F) {
	f.Add([]byte("id,time,t_1,t_2\nP1,pre,1,2\nP1,post,3,4\n"))
	f.Add([]byte("\xef\xbb\xbfid;time;t_1;t_2\r\nP1;pre;1;\r\nP1;post;x;9\r\n"))
	f.Add([]byte("id\ttime\tt_1\nP1\tpre\t1\n"))
	f.Add([]byte("id,pre,post\nP1,1,2\n"))
	f.Add([]byte("\"id\",\"time\nP1"))
	in := tiny(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		sh, err := ParseCSV("fuzz.csv", data)
		if err != nil {
			return
		}
		rs, err := ReadResponses(sh, in)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		for _, p := range ScorePairs(in, in.Total, rs) {
			for _, v := range []float64{p.Pre, p.Post} {
				if !math.IsNaN(v) && (v < 2 || v > 10) {
					t.Fatalf("score %v outside 2-10", v)
				}
			}
		}
	})
}
