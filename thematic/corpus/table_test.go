package corpus

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/internal/problem"
)

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want rune
	}{
		{"comma", "id,a,b\n1,x,y\n", ','},
		{"semicolon", "id;a;b\n1;x;y\n", ';'},
		{"tab", "id\ta\tb\n1\tx\ty\n", '\t'},
		{"semicolon file with commas in answers", "id;answer\n1;Nice, really nice\n2;ok\n", ';'},
		{"comma file with semicolons in quoted answers", "id,answer\n1,\"one; two; three\"\n2,ok\n", ','},
		{"single column defaults to comma", "answer\nhello\n", ','},
		{"quoted newline inside a semicolon file", "id;text\n1;\"a\nb\"\n2;c\n", ';'},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SniffDelimiter(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		header []string
		rows   [][]string
		nums   []int // spreadsheet row numbers
		lines  []int // line where each row starts
	}{
		{
			name:   "quoted newlines and quotes",
			in:     "id,text\r\nP1,\"line one\r\nline two, \"\"quoted\"\"\"\r\nP2,x\r\n",
			header: []string{"id", "text"},
			rows:   [][]string{{"P1", "line one\nline two, \"quoted\""}, {"P2", "x"}},
			nums:   []int{2, 3},
			lines:  []int{2, 4},
		},
		{
			name:   "semicolons, blank row skipped, short row padded, cells trimmed",
			in:     "id;a;b\n1; x ;y\n\n2;z\n",
			header: []string{"id", "a", "b"},
			rows:   [][]string{{"1", "x", "y"}, {"2", "z", ""}},
			nums:   []int{2, 3}, // blank lines are not records
			lines:  []int{2, 4},
		},
		{
			name:   "empty answers kept",
			in:     "id,a\n1,\n2,\"\"\n",
			header: []string{"id", "a"},
			rows:   [][]string{{"1", ""}, {"2", ""}},
			nums:   []int{2, 3},
			lines:  []int{2, 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadCSV("f.csv", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(tab.Header, tt.header) {
				t.Errorf("header %q, want %q", tab.Header, tt.header)
			}
			var rows [][]string
			var nums, lines []int
			for _, r := range tab.Rows {
				rows = append(rows, r.Cells)
				nums = append(nums, r.Num)
				lines = append(lines, r.Line)
			}
			if !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("rows %q, want %q", rows, tt.rows)
			}
			if !reflect.DeepEqual(nums, tt.nums) || !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("rows at %v lines %v, want %v lines %v", nums, lines, tt.nums, tt.lines)
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty file", "", []string{"f.csv", "empty"}},
		{"long row", "id,a\n1,x\n2,y,z\n", []string{"f.csv:3", "row 3", "3 cells", "2 columns"}},
		{"stray quote", "id,a\n1,\"x\n2,y\n", []string{"f.csv", "quotes"}},
		{"binary", "id,a\x00\n", []string{"NUL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV("f.csv", []byte(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestReadCSVEncodings(t *testing.T) {
	// The same table in the encodings Excel and form tools write.
	want := [][]string{{"P1", "“Café” £5"}}
	utf16le := func(s string) []byte {
		var b []byte
		for _, r := range s { // all BMP here
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	tests := []struct {
		name string
		in   []byte
		enc  string
	}{
		{"UTF-8", []byte("id,text\nP1,“Café” £5\n"), EncUTF8},
		{"UTF-8 BOM", []byte("\xEF\xBB\xBFid,text\nP1,“Café” £5\n"), EncUTF8BOM},
		{"Windows-1252 semicolons CRLF", []byte("id;text\r\nP1;\x93Caf\xE9\x94 \xA35\r\n"), EncWindows1252},
		{"UTF-16LE BOM tabs", append([]byte{0xFF, 0xFE}, utf16le("id\ttext\r\nP1\t“Café” £5\r\n")...), EncUTF16LEBOM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadCSV("f.csv", tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if tab.Encoding != tt.enc {
				t.Errorf("encoding %s, want %s", tab.Encoding, tt.enc)
			}
			if len(tab.Rows) != 1 || !reflect.DeepEqual([][]string{tab.Rows[0].Cells}, want) {
				t.Errorf("rows %+v, want %q", tab.Rows, want)
			}
		})
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	in := "id,text\nP1,\"a, b\nc \"\"d\"\"\"\nP2,😊\n"
	tab, err := ReadCSV("f.csv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	out, err := tab.WriteCSV()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("round trip:\n%q\nwant\n%q", out, in)
	}
}

func TestRowErrorFormat(t *testing.T) {
	e := &problem.Problem{File: "f.csv", Line: 7, Row: 5, Field: "id", Msg: "duplicate"}
	if got, want := e.Error(), `f.csv:7: row 5, column id: duplicate`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	var re *problem.Problem
	if !errors.As(error(e), &re) {
		t.Error("not a problem.Problem")
	}
}

func TestReadCSVExcelSepLine(t *testing.T) {
	// Excel's "sep=;" line names the delimiter and is not the header; line
	// numbers still count it.
	tab, err := ReadCSV("f.csv", []byte("sep=;\r\nid;text\r\nP1;a, b\r\nP2;c;d\r\n"))
	if err == nil {
		t.Fatalf("want an error for the long row, got %+v", tab)
	}
	if !strings.Contains(err.Error(), "f.csv:4: row 3") {
		t.Errorf("error %q does not point at line 4, row 3", err)
	}
	tab, err = ReadCSV("f.csv", []byte("sep=;\nid;text\nP1;a, b\n"))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Delimiter != ';' || !reflect.DeepEqual(tab.Header, []string{"id", "text"}) || tab.Rows[0].Line != 3 || tab.Rows[0].Cells[1] != "a, b" {
		t.Errorf("table %+v", tab)
	}
}

func TestReadCSVQualtrics(t *testing.T) {
	in := "ResponseId,Q1,Q2\n" +
		"Response ID,What helped you most?,Anything else?\n" +
		"\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_TEXT\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_TEXT\"\"}\"\n" +
		"R_1,Breathing,\n"
	tab, err := ReadCSV("q.csv", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 1 || tab.Rows[0].Cells[0] != "R_1" || tab.Rows[0].Num != 4 {
		t.Errorf("rows %+v", tab.Rows)
	}
	if want := []string{"Response ID", "What helped you most?", "Anything else?"}; !reflect.DeepEqual(tab.Wording, want) {
		t.Errorf("wording %q, want %q", tab.Wording, want)
	}
}

func TestColumn(t *testing.T) {
	tab := &Table{Header: []string{"ID", "What helped\nyou most?", "Group", "group "}}
	tests := []struct {
		name string
		want int
	}{
		{"ID", 0},
		{"id", 0},                     // case ignored
		{"what helped you most?", 1},  // line break matched by a space
		{"What helped\nyou most?", 1}, // exact
		{"Group", 2},                  // exact wins over the case-insensitive twin
		{"GROUP", -1},                 // two columns match: ambiguous
		{"Nope", -1},
	}
	for _, tt := range tests {
		if got := tab.Column(tt.name); got != tt.want {
			t.Errorf("Column(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
}
