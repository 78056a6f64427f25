package agree

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"strconv"
	"testing"
)

// reliabilityCSV makes units × coders of data on a five-point scale: each
// coder copies a unit's true value 70% of the time, else picks at random,
// and leaves 5% of cells empty.
func reliabilityCSV(units, coders int) []byte {
	return reliabilityCSVIDs(units, coders, func(u int) int { return u + 1 })
}

// reliabilityCSVIDs names unit u by id(u).
func reliabilityCSVIDs(units, coders int, id func(int) int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("unit")
	for c := range coders {
		b.WriteString(",coder")
		b.WriteString(strconv.Itoa(c + 1))
	}
	b.WriteByte('\n')
	for u := range units {
		b.WriteString("u")
		b.WriteString(strconv.Itoa(id(u)))
		truth := 1 + rng.IntN(5)
		for range coders {
			b.WriteByte(',')
			switch p := rng.Float64(); {
			case p < 0.05:
			case p < 0.75:
				b.WriteString(strconv.Itoa(truth))
			default:
				b.WriteString(strconv.Itoa(1 + rng.IntN(5)))
			}
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// BenchmarkAgreeTable is what `mixeval agree table` does on 1,000,000 units
// × 4 coders: read the CSV, compute every coefficient and alpha at all four
// levels, write JSON. Target: well under 2 s (docs/PERFORMANCE.md).
func BenchmarkAgreeTable(b *testing.B) {
	data := reliabilityCSV(1_000_000, 4)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		m, err := ReadCSV(bytes.NewReader(data), "bench.csv", nil)
		if err != nil {
			b.Fatal(err)
		}
		s := Summarize(m)
		if err := json.NewEncoder(io.Discard).Encode(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAgreeTableShuffledIDs is the same with unit ids in random order,
// which makes the reader keep a map of ids to find duplicates.
func BenchmarkAgreeTableShuffledIDs(b *testing.B) {
	perm := rand.New(rand.NewPCG(3, 4)).Perm(1_000_000)
	data := reliabilityCSVIDs(1_000_000, 4, func(u int) int { return perm[u] })
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		m, err := ReadCSV(bytes.NewReader(data), "bench.csv", nil)
		if err != nil {
			b.Fatal(err)
		}
		Summarize(m)
	}
}

// BenchmarkSummarize is the statistics alone on the same data.
func BenchmarkSummarize(b *testing.B) {
	m, err := ReadCSV(bytes.NewReader(reliabilityCSV(1_000_000, 4)), "bench.csv", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		Summarize(m)
	}
}
