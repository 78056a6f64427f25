package quant

import (
	"bufio"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// writeBenchCSV writes n patients as id,pre,post with ids of 20 characters
// and scores with one decimal, about 34 bytes a row (34 MB for a million),
// the size issue 2 sets for the performance target. One in a thousand
// patients has no post score.
func writeBenchCSV(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("id,pre,post\n")
	rng := rand.New(rand.NewPCG(1, 2))
	var buf []byte
	for i := range n {
		buf = buf[:0]
		buf = append(buf, "clinic-0001-pat-"...)
		id := strconv.Itoa(i)
		for range 7 - len(id) {
			buf = append(buf, '0')
		}
		buf = append(buf, id...)
		pre := 60 + rng.NormFloat64()*12
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, pre, 'f', 1, 64)
		buf = append(buf, ',')
		if i%1000 != 999 {
			buf = strconv.AppendFloat(buf, pre+10+rng.NormFloat64()*15, 'f', 1, 64)
		}
		buf = append(buf, '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkQuantRCI1M is the work of `mixeval quant rci big.csv --format json
// --summary` on a million patients: read and check the file, analyse, write
// JSON. Issue 2's target for the whole command is under 1 s.
func BenchmarkQuantRCI1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.csv")
	writeBenchCSV(b, path, 1_000_000)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		pairs, err := ReadPairsFile(path, PairsOptions{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Analyze(pairs, Options{Reliability: 0.88, Direction: HigherIsBetter, Norm: &Norm{Mean: 80, SD: Float(10)}, Summary: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteJSON(io.Discard, res); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuantRCIHACombined1M is `mixeval quant rci big.csv --method ha
// --categories combined --format json --summary` on a million patients:
// issue 13's target is under 1 s. It includes the group effects (the
// signed-rank test sorts a million changes).
func BenchmarkQuantRCIHACombined1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.csv")
	writeBenchCSV(b, path, 1_000_000)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		pairs, err := ReadPairsFile(path, PairsOptions{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Analyze(pairs, Options{Reliability: 0.88, Method: MethodHA, Categories: CategoriesCombined, Direction: HigherIsBetter,
			Norm: &Norm{Mean: 80, SD: Float(10)}, Summary: true})
		if err != nil {
			b.Fatal(err)
		}
		if res.NotComputable != "" {
			b.Fatal(res.NotComputable)
		}
		if err := WriteJSON(io.Discard, res); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzeHACombined1M isolates the analysis: the index, the
// categories, the tables and the group effects.
func BenchmarkAnalyzeHACombined1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.csv")
	writeBenchCSV(b, path, 1_000_000)
	pairs, err := ReadPairsFile(path, PairsOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Analyze(pairs, Options{Reliability: 0.88, Method: MethodHA, Categories: CategoriesCombined, Direction: HigherIsBetter,
			Norm: &Norm{Mean: 80, SD: Float(10)}, Summary: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadPairs1M isolates the reader.
func BenchmarkReadPairs1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.csv")
	writeBenchCSV(b, path, 1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadPairsFile(path, PairsOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteBenchCSV writes the benchmark's file for timing the built binary
// (docs/PERFORMANCE.md): MIXEVAL_BENCH_CSV=/tmp/big.csv go test ./quant -run TestWriteBenchCSV
func TestWriteBenchCSV(t *testing.T) {
	path := os.Getenv("MIXEVAL_BENCH_CSV")
	if path == "" {
		t.Skip("set MIXEVAL_BENCH_CSV to a file name to write the million-row file")
	}
	writeBenchCSV(t, path, 1_000_000)
}
