package quant

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mixeval/mixeval/internal/problem"
)

func TestReadPairsForms(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		in   string
		opt  PairsOptions
		want []Pair
	}{
		{"comma", "id,pre,post\nP1,10,20\nP2,12.5,-3\n", PairsOptions{},
			[]Pair{{"P1", 10, 20}, {"P2", 12.5, -3}}},
		{"semicolon with decimal commas", "id;pre;post\nP1;10,5;20\n", PairsOptions{},
			[]Pair{{"P1", 10.5, 20}}},
		{"tab, BOM and CRLF", "\ufeffid\tpre\tpost\r\nP1\t1\t2\r\nP2\t3\t4\r\n", PairsOptions{},
			[]Pair{{"P1", 1, 2}, {"P2", 3, 4}}},
		{"quoted fields", "\"id\",\"pre\",\"post\"\n\"Smith, J\",\"1.5\",2\n\"say \"\"hi\"\"\",3,4\n", PairsOptions{},
			[]Pair{{"Smith, J", 1.5, 2}, {`say "hi"`, 3, 4}}},
		{"empty cells are missing", "id,pre,post\nP1,,20\nP2,3, \n", PairsOptions{},
			[]Pair{{"P1", nan, 20}, {"P2", 3, nan}}},
		{"renamed and extra columns, header case", "Subject,Notes,T1,T2\n7,x,1,2\n", PairsOptions{IDCol: "subject", PreCol: "t1", PostCol: "t2"},
			[]Pair{{"7", 1, 2}}},
		{"blank rows skipped", "id,pre,post\nP1,1,2\n,,\n\nP2,3,4\n", PairsOptions{},
			[]Pair{{"P1", 1, 2}, {"P2", 3, 4}}},
		{"long form filtered", "id,measure,pre,post\nP1,PSEQ,10,20\nP1,SCS-SF,2.5,3\nP2,SCS-SF,3,4\n", PairsOptions{Measure: "SCS-SF"},
			[]Pair{{"P1", 2.5, 3}, {"P2", 3, 4}}},
		{"long form with one measure", "id,measure,pre,post\nP1,PSEQ,10,20\n", PairsOptions{},
			[]Pair{{"P1", 10, 20}}},
		{"exponent and sign", "id,pre,post\nP1,+1e1,-2.5E-1\n", PairsOptions{},
			[]Pair{{"P1", 10, -0.25}}},
		{"no final newline", "id,pre,post\nP1,1,2", PairsOptions{},
			[]Pair{{"P1", 1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadPairs(strings.NewReader(tt.in), "s.csv", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !samePairs(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func samePairs(a, b []Pair) bool {
	if len(a) != len(b) {
		return false
	}
	eq := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	for i := range a {
		if a[i].ID != b[i].ID || !eq(a[i].Pre, b[i].Pre) || !eq(a[i].Post, b[i].Post) {
			return false
		}
	}
	return true
}

func TestReadPairsProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  PairsOptions
		want []string // each must appear, in this order, one per line
	}{
		{"all problems at once",
			"id,pre,post\nP1,ten,20\nP2,3,4\nP2,5,6\nP3,7,8x\n,1,2\n", PairsOptions{},
			[]string{
				`s.csv: row 2, column pre: "ten" is not a number`,
				`s.csv: row 4, column id: the id "P2" is already on row 3`,
				`s.csv: row 5, column post: "8x" is not a number`,
				`s.csv: row 6, column id: the id is empty`,
			}},
		{"missing column lists the columns found", "id,before,post\nP1,1,2\n", PairsOptions{},
			[]string{`s.csv: row 1: no column named "pre"; the header has "id", "before", "post"`}},
		{"one column means a wrong delimiter", "id|pre|post\nP1|1|2\n", PairsOptions{},
			[]string{`the header has only one column ("id|pre|post"): the delimiter is probably wrong`}},
		{"empty file", "", PairsOptions{}, []string{"s.csv: the file is empty"}},
		{"only a BOM and blank lines", "\ufeff\n\n", PairsOptions{}, []string{"s.csv: the file is empty"}},
		{"header only", "id,pre,post\r\n", PairsOptions{}, []string{"s.csv: the file has a header but no data rows"}},
		{"unknown measure lists the measures", "id,measure,pre,post\nP1,PSEQ,1,2\nP1,SCS-SF,1,2\n", PairsOptions{Measure: "FSCRS"},
			[]string{`s.csv: column measure: no rows for measure "FSCRS"; the file holds "PSEQ", "SCS-SF": choose one of those`}},
		{"several measures need a choice", "id,measure,pre,post\nP1,PSEQ,1,2\nP1,SCS-SF,1,2\n", PairsOptions{},
			[]string{`the file holds 2 measures ("PSEQ", "SCS-SF"): choose one`}},
		{"measure asked of a wide file", "id,pre,post\nP1,1,2\n", PairsOptions{Measure: "PSEQ"},
			[]string{`measure "PSEQ" was asked for, but there is no "measure" column`}},
		{"decimal comma in a comma file", "id,pre,post\nP1,1,5,2\n", PairsOptions{},
			[]string{"s.csv: row 2: the row has 4 cells but the header has 3"}},
		{"not UTF-8", "id,pre,post\nP1,1,2\nJos\xe9,1,2\n", PairsOptions{},
			[]string{"s.csv: row 3: the text is not UTF-8"}},
		{"unclosed quote", "id,pre,post\n\"P1,1,2\n", PairsOptions{},
			[]string{"s.csv: row 2: the file cannot be read from here on"}},
		{"not numbers: infinity, NaN, hex", "id,pre,post\nP1,Inf,NaN\nP2,0x10,1_0\n", PairsOptions{},
			[]string{`row 2, column pre: "Inf"`, `row 2, column post: "NaN"`, `row 3, column pre: "0x10"`, `row 3, column post: "1_0"`}},
		{"duplicate id column", "id,pre,post,pre\nP1,1,2,3\n", PairsOptions{},
			[]string{`the column "pre" appears twice (columns 2 and 4)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadPairs(strings.NewReader(tt.in), "s.csv", tt.opt)
			var ie problem.List
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want a problem.List", err)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(lines), len(tt.want), err)
			}
			for i, w := range tt.want {
				if !strings.Contains(lines[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i+1, lines[i], w)
				}
			}
		})
	}
}

func TestReadPairsManyProblemsAreCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,pre,post\n")
	for range maxProblems + 5 {
		b.WriteString("P,x,1\n")
	}
	_, err := ReadPairs(strings.NewReader(b.String()), "s.csv", PairsOptions{})
	var ie problem.List
	if !errors.As(err, &ie) {
		t.Fatal(err)
	}
	// 105 non-numeric cells plus 104 duplicates = 209 problems; 100 listed.
	listed, more := ie.Split()
	if len(listed) != maxProblems || more != 109 || ie.Len() != 209 {
		t.Errorf("listed %d, more %d; want %d and 109", len(listed), more, maxProblems)
	}
}

// parseNumber must agree with strconv.ParseFloat wherever both accept.
func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		comm bool
		want float64
		ok   bool
	}{
		{"0", false, 0, true},
		{"81.5", false, 81.5, true},
		{"-0.1", false, -0.1, true},
		{".5", false, 0.5, true},
		{"5.", false, 5, true},
		{"123456789012345", false, 123456789012345, true},
		{"0.1234567890123456789", false, 0.1234567890123456789, true},
		{"1e-3", false, 0.001, true},
		{"3,25", true, 3.25, true},
		{"3,25", false, 0, false},
		{"1.2.3", false, 0, false},
		{"1,2.3", true, 0, false},
		{".", false, 0, false},
		{"-", false, 0, false},
		{"1e", false, 0, false},
		{"1e999", false, 0, false},
		{"infinity", false, 0, false},
		{"١٢", false, 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumber([]byte(tt.in), tt.comm)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parseNumber(%q, %v) = %v, %v; want %v, %v", tt.in, tt.comm, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReadPairsXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"id", "pre", "post"},
		{"P1", 10.25, 20},
		{"P2", 3, nil},
		{},
		{"P3", "abc", 4},
		{"P1", 1, 2},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "scores.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	_, err := ReadPairsFile(path, PairsOptions{})
	want := []string{
		`scores.xlsx (sheet Sheet1): row 5, column pre: "abc" is not a number`,
		`scores.xlsx (sheet Sheet1): row 6, column id: the id "P1" is already on row 2`,
	}
	if err == nil || err.Error() != strings.Join([]string{want[0] + "; enter the score as a number (e.g. 42 or 3.5), or leave the cell empty if it is missing", want[1] + "; each patient needs exactly one row"}, "\n") {
		t.Fatalf("err = %v", err)
	}
	// Fix the two rows: the reader then returns every pair, P2's post missing.
	f.SetCellValue("Sheet1", "B5", 7)
	f.SetCellValue("Sheet1", "A6", "P4")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPairsFile(path, PairsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []Pair{{"P1", 10.25, 20}, {"P2", 3, math.NaN()}, {"P3", 7, 4}, {"P4", 1, 2}}; !samePairs(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestReadPairsFileCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.csv")
	if err := os.WriteFile(path, []byte("id,pre,post\nP1,1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPairsFile(path, PairsOptions{})
	if err != nil || !samePairs(got, []Pair{{"P1", 1, 2}}) {
		t.Errorf("got %v, %v", got, err)
	}
}

// FuzzReadPairs: the reader never panics, and what it accepts survives a
// round trip through a plain CSV written from the pairs.
func FuzzReadPairs(f *testing.F) {
	for _, s := range []string{
		"id,pre,post\nP1,1,2\n",
		"\ufeffid;pre;post\r\nP1;1,5;2\r\n",
		"\"id\",\"pre\",\"post\"\n\"a,b\",1,\n",
		"id,measure,pre,post\nP1,X,1,2\nP1,Y,3,4\n",
		"id\tpre\tpost\nP1\t1e3\t-2\n",
		"",
		"id,pre,post\n",
	} {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "X")
	}
	f.Fuzz(func(t *testing.T, data []byte, measure string) {
		pairs, err := ReadPairs(bytes.NewReader(data), "f.csv", PairsOptions{Measure: measure})
		if err != nil {
			var ie problem.List
			if !errors.As(err, &ie) || ie.Len() == 0 {
				t.Fatalf("error is not a problem list: %v", err)
			}
			return
		}
		if len(pairs) == 0 {
			t.Fatal("no error and no pairs")
		}
		var b bytes.Buffer
		b.WriteString("id,pre,post\n")
		seen := map[string]bool{}
		for _, p := range pairs {
			if p.ID == "" || seen[p.ID] && measure != "" {
				t.Fatalf("bad or duplicate id %q", p.ID)
			}
			seen[p.ID] = true
			for _, v := range []float64{p.Pre, p.Post} {
				if math.IsInf(v, 0) {
					t.Fatalf("infinite score for %q", p.ID)
				}
			}
		}
		if measure == "" && len(seen) != len(pairs) {
			return // one measure per id is only guaranteed with a filter
		}
		for _, p := range pairs {
			b.WriteString(csvQuote(p.ID) + "," + fmtScore(p.Pre) + "," + fmtScore(p.Post) + "\n")
		}
		again, err := ReadPairs(&b, "again.csv", PairsOptions{})
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, b.String())
		}
		if !samePairs(pairs, again) {
			t.Fatalf("round trip changed the pairs: %v -> %v", pairs, again)
		}
	})
}

func csvQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func fmtScore(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconvFormat(v)
}

func strconvFormat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Large files find duplicates through the radix sort: P10 on rows 12 and
// 4002 (row = index + 2), P4999 on rows 5001 and 5002.
func TestReadPairsDuplicatesInALargeFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,pre,post\n")
	for i := range 5000 {
		id := i
		if i == 4000 {
			id = 10
		}
		fmt.Fprintf(&b, "P%d,1,2\n", id)
	}
	b.WriteString("P4999,3,4\n")
	_, err := ReadPairs(strings.NewReader(b.String()), "s.csv", PairsOptions{})
	want := "s.csv: row 4002, column id: the id \"P10\" is already on row 12; each patient needs exactly one row\n" +
		"s.csv: row 5002, column id: the id \"P4999\" is already on row 5001; each patient needs exactly one row"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}
