package triangulate

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// benchStudy builds 100,000 documents, a codebook of 50 codes under 10
// themes, and two coders who each apply about 3 codes per document, the
// second copying the first 80% of the time; 2% of documents are not yet
// reviewed by the second coder. About 300,000 segments per coder.
func benchStudy(tb testing.TB, docs, codes int) Input {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	ds := make([]corpus.Document, docs)
	for i := range ds {
		ds[i] = corpus.Document{ID: fmt.Sprintf("P%06d/helped", i), Text: "Meeting others who live with pain made me feel less alone in it."}
	}
	cb := codebook.New()
	yml := "version: 1\nthemes:\n"
	for th := 0; th < 10; th++ {
		yml += fmt.Sprintf("  - id: theme-%d\n    name: Theme %d\n    codes:\n", th, th)
		for c := th * codes / 10; c < (th+1)*codes/10; c++ {
			yml += fmt.Sprintf("      - id: code-%02d\n        name: Code %d\n", c, c)
		}
	}
	cb, err := codebook.Parse("codebook.yaml", []byte(yml))
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	a := &coding.File{Coder: "alice"}
	b := &coding.File{Coder: "bob"}
	for i, d := range ds {
		a.Reviewed = append(a.Reviewed, d.ID)
		if rng.IntN(50) != 0 {
			b.Reviewed = append(b.Reviewed, d.ID)
		}
		for k := 0; k < 3; k++ {
			c := fmt.Sprintf("code-%02d", rng.IntN(codes))
			start := k * 20
			a.Segments = append(a.Segments, coding.Segment{ID: fmt.Sprintf("a%d-%d", i, k), Document: d.ID, Start: start, End: start + 15, Codes: []string{c}, Created: now, Updated: now})
			if rng.IntN(5) != 0 {
				b.Segments = append(b.Segments, coding.Segment{ID: fmt.Sprintf("b%d-%d", i, k), Document: d.ID, Start: start, End: start + 15, Codes: []string{c}, Created: now, Updated: now})
			} else {
				c2 := fmt.Sprintf("code-%02d", rng.IntN(codes))
				b.Segments = append(b.Segments, coding.Segment{ID: fmt.Sprintf("b%d-%d", i, k), Document: d.ID, Start: start, End: start + 15, Codes: []string{c2}, Created: now, Updated: now})
			}
		}
	}
	return Input{Documents: ds, Codebook: cb, Coders: []*coding.File{a, b}}
}

// BenchmarkStudyAgreement is the target of docs/PERFORMANCE.md: 2 coders ×
// 100,000 documents × 50 codes, every code, every theme, macro and pooled,
// from codings already in memory.
func BenchmarkStudyAgreement(b *testing.B) {
	in := benchStudy(b, 100_000, 50)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Study(in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStudyAgreementFromDisk adds reading both coder files (about
// 300,000 segments each) with coding.Read, as mixeval agree does.
func BenchmarkStudyAgreementFromDisk(b *testing.B) {
	in := benchStudy(b, 100_000, 50)
	dir := b.TempDir()
	os.MkdirAll(filepath.Join(dir, "coding"), 0o755)
	for _, f := range in.Coders {
		if err := f.Save(filepath.Join(dir, "coding", f.Coder+".yaml")); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		files, err := ReadCoders(dir, []string{"alice", "bob"})
		if err != nil {
			b.Fatal(err)
		}
		in.Coders = files
		if _, err := Study(in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadCoders is the reading part of BenchmarkStudyAgreementFromDisk
// alone: both coder files (300,000 segments, 52 MB of YAML each).
func BenchmarkReadCoders(b *testing.B) {
	in := benchStudy(b, 100_000, 50)
	dir := b.TempDir()
	os.MkdirAll(filepath.Join(dir, "coding"), 0o755)
	for _, f := range in.Coders {
		if err := f.Save(filepath.Join(dir, "coding", f.Coder+".yaml")); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		files, err := ReadCoders(dir, []string{"alice", "bob"})
		if err != nil {
			b.Fatal(err)
		}
		if len(files[0].Segments) != 300_000 {
			b.Fatalf("%d segments", len(files[0].Segments))
		}
	}
}

// BenchmarkDiagnose is the disagreement views on the same study: character
// level for every code × document either coder coded, segment overlap, and
// the disagreement groups.
func BenchmarkDiagnose(b *testing.B) {
	in := benchStudy(b, 100_000, 50)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Diagnose(in.Documents, in.Coders[0], in.Coders[1], nil, 90)
	}
}
