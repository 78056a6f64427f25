package main

import (
	"bufio"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkAgreeTableCommand runs the command's work end to end on a file
// of 1,000,000 units × 4 coders: open, read, compute every statistic, write
// JSON. Target: under 2 s (docs/PERFORMANCE.md).
func BenchmarkAgreeTableCommand(b *testing.B) {
	path := filepath.Join(b.TempDir(), "ratings.csv")
	writeRatings(b, path, 1_000_000, 4)
	opts := &agreeTableOptions{
		IO:     &ioStreams{Out: io.Discard, ErrOut: io.Discard},
		File:   path,
		Format: "json",
	}
	b.ResetTimer()
	for b.Loop() {
		if err := agreeTableRun(opts); err != nil {
			b.Fatal(err)
		}
	}
}

// writeRatings writes units × coders on a five-point scale: each coder
// copies the unit's true value 70% of the time, else picks at random, and
// leaves 5% of cells empty.
func writeRatings(b *testing.B, path string, units, coders int) {
	fh, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(fh)
	rng := rand.New(rand.NewPCG(1, 2))
	w.WriteString("unit")
	for c := range coders {
		w.WriteString(",coder" + strconv.Itoa(c+1))
	}
	w.WriteByte('\n')
	for u := range units {
		w.WriteString("u" + strconv.Itoa(u+1))
		truth := 1 + rng.IntN(5)
		for range coders {
			w.WriteByte(',')
			switch p := rng.Float64(); {
			case p < 0.05:
			case p < 0.75:
				w.WriteString(strconv.Itoa(truth))
			default:
				w.WriteString(strconv.Itoa(1 + rng.IntN(5)))
			}
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		b.Fatal(err)
	}
}
