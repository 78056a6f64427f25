package quant

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
)

// benchStudy writes a copy of the sample's manifest over n synthetic
// patients answering all 44 items at random (pre and post rows, and a fu3
// row for every other patient, since the manifest reports pre to fu3 too).
func benchStudy(b *testing.B, n int) *study.Study {
	b.Helper()
	dir := b.TempDir()
	manifest, err := os.ReadFile(filepath.Join("..", "sample-data", study.ManifestName))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, study.ManifestName), manifest, 0o644); err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	sb.WriteString("id,time")
	for _, g := range []struct {
		prefix string
		n      int
	}{{"scs_", 12}, {"fscrs_", 22}, {"pseq_", 10}} {
		for i := 1; i <= g.n; i++ {
			fmt.Fprintf(&sb, ",%s%d", g.prefix, i)
		}
	}
	sb.WriteString("\n")
	rng := rand.New(rand.NewPCG(1, 2))
	for p := 0; p < n; p++ {
		times := []string{"pre", "post"}
		if p%2 == 0 {
			times = append(times, "fu3")
		}
		for _, t := range times {
			fmt.Fprintf(&sb, "P%06d,%s", p, t)
			for i := 0; i < 12; i++ {
				fmt.Fprintf(&sb, ",%d", 1+rng.IntN(5))
			}
			for i := 0; i < 22; i++ {
				fmt.Fprintf(&sb, ",%d", rng.IntN(5))
			}
			for i := 0; i < 10; i++ {
				fmt.Fprintf(&sb, ",%d", rng.IntN(7))
			}
			sb.WriteString("\n")
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "scores"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "scores", "items.csv"), []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	s, err := study.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkRunStudy scores and analyses the sample's five measures, pre to
// post and pre to fu3, for 1,000 patients (a large service's year) and
// 100,000 patients (250,000 rows × 44 items, about 24 MB).
func BenchmarkRunStudy(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("patients=%d", n), func(b *testing.B) {
			s := benchStudy(b, n)
			b.ResetTimer()
			for b.Loop() {
				if _, err := RunStudy(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
