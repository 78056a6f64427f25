package agree

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The table layout is reviewed in testdata/*.golden; its alpha values are
// the published ones (Krippendorff 2011), checked in TestKrippendorff2011.
func TestWriteTableGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		rows [][]float64
		cats []float64
	}{
		{"krippendorff2011", krippendorff2011, []float64{1, 2, 3, 4, 5}},
		{"undefined", [][]float64{{1, 1}, {1, 1}, {1, na}}, []float64{0, 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTable(&buf, tt.name+".csv", Summarize(fromRows(t, tt.cats, tt.rows))); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("table differs from %s (go test -update rewrites it):\n%s", golden, buf.Bytes())
			}
		})
	}
}

func TestParseCategories(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    []float64
		wantErr bool
	}{
		{"1,2,3", []float64{1, 2, 3}, false},
		{"0; 0.5 ;1", []float64{0, 0.5, 1}, false},
		{"3 1 2", []float64{3, 1, 2}, false},
		{"1,1", nil, true},
		{"a,b", nil, true},
		{"", nil, true},
		{"1,NaN", nil, true},
	} {
		got, err := ParseCategories(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseCategories(%q) error %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && !slices.Equal(got, tt.want) {
			t.Errorf("ParseCategories(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
