package agree

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/internal/problem"
)

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name  string
		input string
		cats  []float64
		// want is the matrix as rows of values (NaN missing).
		coders []string
		want   [][]float64
		wantQ  []float64
	}{
		{
			name:   "comma",
			input:  "unit,alice,bob\nu1,1,2\nu2,,3\n",
			coders: []string{"alice", "bob"},
			want:   [][]float64{{1, 2}, {na, 3}},
			wantQ:  []float64{1, 2, 3},
		},
		{
			name:   "BOM, CRLF, semicolon, decimal comma, spaces",
			input:  "\ufeffunit; alice ;bob\r\nu1; 1,5 ;2\r\nu2;;0\r\n",
			coders: []string{"alice", "bob"},
			want:   [][]float64{{1.5, 2}, {na, 0}},
			wantQ:  []float64{0, 1.5, 2},
		},
		{
			name:   "tab and quoted id",
			input:  "unit\ta\tb\tc\n\"u, one\"\t3\t3\t\n",
			coders: []string{"a", "b", "c"},
			want:   [][]float64{{3, 3, na}},
			wantQ:  []float64{3},
		},
		{
			name:   "declared categories wider than seen, out of order",
			input:  "unit,a,b\n1,2,2\n",
			cats:   []float64{3, 1, 2},
			coders: []string{"a", "b"},
			want:   [][]float64{{2, 2}},
			wantQ:  []float64{1, 2, 3},
		},
		{
			name:   "a unit nobody rated is kept",
			input:  "unit,a,b\n1,2,2\n2,,\n",
			coders: []string{"a", "b"},
			want:   [][]float64{{2, 2}, {na, na}},
			wantQ:  []float64{2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadCSV(strings.NewReader(tt.input), "in.csv", tt.cats)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Coders(); !slices.Equal(got, tt.coders) {
				t.Errorf("coders %q, want %q", got, tt.coders)
			}
			if got := m.Categories(); !slices.Equal(got, tt.wantQ) {
				t.Errorf("categories %v, want %v", got, tt.wantQ)
			}
			if m.Units() != len(tt.want) {
				t.Fatalf("%d units, want %d", m.Units(), len(tt.want))
			}
			for u, row := range tt.want {
				for c, want := range row {
					v, ok := m.Value(u, c)
					if math.IsNaN(want) != !ok || (ok && v != want) {
						t.Errorf("unit %d coder %d = %v (%v), want %v", u, c, v, ok, want)
					}
				}
			}
		})
	}
}

func TestReadCSVProblems(t *testing.T) {
	tests := []struct {
		name  string
		input string
		cats  []float64
		want  []string // each must appear in the message
		count int      // number of problems listed
	}{
		{"empty", "", nil, []string{"in.csv: the file is empty"}, 1},
		{"BOM only", "\ufeff", nil, []string{"the file is empty"}, 1},
		{"one coder", "unit,alice\nu1,1\n", nil, []string{"row 1", "at least two coder columns"}, 1},
		{"no header", "1,2,3\n4,5,6\n", nil, []string{"row 1", "not a header"}, 1},
		{"header only", "unit,a,b\n", nil, []string{"no units"}, 1},
		{"duplicate coder", "unit,a,a\n", nil, []string{"row 1, column 3 (a)", "also column 2"}, 1},
		{
			"all problems at once",
			"unit,alice,bob\nu1,1,x\nu1,2,2\nu3,NA,1\nu4,1\n,1,1\n",
			nil,
			[]string{
				`row 2, column 3 (bob): "x" is not a number`,
				`row 3, column 1 (unit): unit "u1" is also row 2`,
				`row 4, column 2 (alice): "NA" is not a number: leave the cell empty`,
				`row 5: 2 fields, but the header has 3`,
				`row 6, column 1 (unit): the unit id is empty`,
			},
			5,
		},
		{
			"outside declared categories",
			"unit,a,b\nu1,1,4\nu2,0,1\n",
			[]float64{1, 2, 3},
			[]string{
				"row 2, column 3 (b): 4 is not one of the declared categories {1, 2, 3}",
				"row 3, column 2 (a): 0 is not one of the declared categories",
			},
			2,
		},
		{
			"duplicate after ids stop arriving in order",
			"unit,a,b\nu1,1,1\nu2,1,1\nu10,1,1\nu3,1,1\nu2,1,1\n",
			nil,
			[]string{`row 6, column 1 (unit): unit "u2" is also row 3`},
			1,
		},
		{
			"stray quote stays on its line",
			"unit,a,b\nu1,1\",2\nu2,1,x\n",
			nil,
			[]string{`row 2: bare " in non-quoted-field`, `row 3, column 3 (b): "x" is not a number`},
			2,
		},
		{
			"rows are line numbers after a cell spanning lines",
			"unit,a,b\n\"u\n1\",1,1\n\nu2,1,y\n",
			nil,
			[]string{`row 5, column 3 (b): "y" is not a number`},
			1,
		},
		{"bad quotes", "unit,a,b\nu1,\"1,2\n", nil, []string{"row 2", "quote"}, 1},
		{"nothing rated", "unit,a,b\nu1,,\n", nil, []string{"no unit has a value"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadCSV(strings.NewReader(tt.input), "in.csv", tt.cats)
			if err == nil {
				t.Fatalf("no error; matrix with %d units", m.Units())
			}
			if m != nil {
				t.Error("a matrix came back with the error")
			}
			var ps problem.List
			if !errors.As(err, &ps) {
				t.Fatalf("error %T, want problem.List", err)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			if len(ps) != tt.count {
				t.Errorf("%d problems, want %d:\n%s", len(ps), tt.count, msg)
			}
		})
	}
}

func TestReadCSVManyProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("unit,a,b\n")
	for i := range 1000 {
		b.WriteString("u")
		b.WriteString(strings.Repeat("x", i%3))
		b.WriteString(",bad,1\n")
	}
	_, err := ReadCSV(strings.NewReader(b.String()), "in.csv", nil)
	var ps problem.List
	if !errors.As(err, &ps) {
		t.Fatalf("error %v", err)
	}
	if len(ps) != maxProblems+1 || !strings.Contains(ps[len(ps)-1].Msg, "more problems") {
		t.Errorf("%d problems, last %q", len(ps), ps[len(ps)-1].Msg)
	}
}

// The Krippendorff (2011) data through the reader give the published
// alphas, so the reader and the library agree on layout.
func TestReadCSVKrippendorff2011(t *testing.T) {
	in := "unit,A,B,C,D\n1,1,1,,1\n2,2,2,3,2\n3,3,3,3,3\n4,3,3,3,3\n5,2,2,2,2\n6,1,2,3,4\n7,4,4,4,4\n8,1,1,2,1\n9,2,2,2,2\n10,,5,5,5\n11,,,1,1\n12,,3,,\n"
	m, err := ReadCSV(strings.NewReader(in), "k.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "nominal", KrippendorffAlpha(m, Nominal), .743, 3)
	near(t, "ordinal", KrippendorffAlpha(m, Ordinal), .815, 3)
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"unit,a,b\nu1,1,2\nu2,,3\n",
		"\ufeffunit;a;b\r\nu1;1,5;2\r\n",
		"unit\ta\tb\n\"x\"\t1\t\n",
		"unit,a,b\nu1,1,x\nu1,2\n",
		"",
		"1,2\n",
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, in string, declare bool) {
		var cats []float64
		if declare {
			cats = []float64{0, 1, 2, 3}
		}
		m, err := ReadCSV(strings.NewReader(in), "fuzz.csv", cats)
		if err != nil {
			if m != nil {
				t.Fatal("matrix returned with an error")
			}
			var ps problem.List
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not a problem list: %v", err)
			}
			return
		}
		if len(m.Coders()) < 2 || m.Units() == 0 {
			t.Fatalf("accepted %d coders, %d units", len(m.Coders()), m.Units())
		}
		// Every statistic must run without panicking and stay in range.
		s := Summarize(m)
		for _, row := range s.Rows() {
			r := row.Result
			if r.Defined && (math.IsNaN(r.Value) || r.Value > 1+1e-9) {
				t.Fatalf("%s = %v", row.Label, r.Value)
			}
		}
	})
}
