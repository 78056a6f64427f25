package export_test

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// The benchmarks export a synthetic study of 100,000 answers (written by
// sample-data/gen, about 40 words each) and 100,000 segments (one per
// answer, coded with one of 50 codes under 5 themes of 2 subthemes), the
// scale the exports issue sets: each export under 5 s. Every iteration
// opens the study afresh, as a command does.
var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

func benchStudy(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() { benchDir, benchErr = makeBenchStudy() })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

func makeBenchStudy() (string, error) {
	root, err := os.MkdirTemp("", "mixeval-export-bench-")
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "study")
	gen := exec.Command("go", "run", "../sample-data/gen", "-n", "100000", "-out", dir)
	if out, err := gen.CombinedOutput(); err != nil {
		return "", fmt.Errorf("gen: %v\n%s", err, out)
	}
	st, err := study.Load(dir)
	if err != nil {
		return "", err
	}
	st.Manifest.Coders = []string{"alice"}
	if err := st.Save(); err != nil {
		return "", err
	}
	cb := codebook.New()
	var codes []string
	for t := range 5 {
		th, err := cb.Create("bench", codebook.NewNode{Kind: codebook.Theme, Name: fmt.Sprintf("Theme %d", t), Definition: "A theme of the benchmark."})
		if err != nil {
			return "", err
		}
		for s := range 2 {
			sub, err := cb.Create("bench", codebook.NewNode{Kind: codebook.Theme, Name: fmt.Sprintf("Subtheme %d.%d", t, s), Parent: th.ID})
			if err != nil {
				return "", err
			}
			for c := range 5 {
				n, err := cb.Create("bench", codebook.NewNode{Kind: codebook.Code, Name: fmt.Sprintf("Code %d.%d.%d", t, s, c), Parent: sub.ID, Definition: "What the code means."})
				if err != nil {
					return "", err
				}
				codes = append(codes, n.ID)
			}
		}
	}
	if err := cb.Save(filepath.Join(dir, "codebook.yaml")); err != nil {
		return "", err
	}
	docs, err := corpus.LoadDocuments(st)
	if err != nil {
		return "", err
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	f := &coding.File{Coder: "alice", Segments: make([]coding.Segment, 0, len(docs))}
	for i, d := range docs {
		end := strings.IndexByte(d.Text, ' ')
		if end < 1 {
			end = len(d.Text)
		}
		f.Reviewed = append(f.Reviewed, d.ID)
		f.Segments = append(f.Segments, coding.Segment{ID: fmt.Sprintf("%010x", i), Document: d.ID, Start: 0, End: end,
			Codes: []string{codes[i%len(codes)]}, Hash: d.Hash[:12], Created: at, Updated: at})
	}
	data, err := f.Marshal()
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "coding", "alice.yaml"), data, 0o644)
}

func benchExport(b *testing.B, run func(s *backend.Study) error) {
	dir := benchStudy(b)
	b.ReportAllocs()
	for b.Loop() {
		s, err := backend.Open(dir, backend.Options{Who: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if err := run(s); err != nil {
			b.Fatal(err)
		}
	}
}

var benchReq = backend.ExportRequest{Origin: "mixeval bench"}

func BenchmarkThemesMarkdown100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		t, _, err := s.ExportThemes(backend.ThemesRequest{ExportRequest: benchReq, ThemeOptions: export.ThemeOptions{Quotes: export.AllQuotes}})
		if err != nil {
			return err
		}
		return t.Write(io.Discard, export.Markdown)
	})
}

func BenchmarkThemesCSV100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		t, _, err := s.ExportThemes(backend.ThemesRequest{ExportRequest: benchReq, ThemeOptions: export.ThemeOptions{Quotes: export.AllQuotes, Codes: true}})
		if err != nil {
			return err
		}
		return t.Write(io.Discard, export.CSV)
	})
}

func BenchmarkThemesJSON100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		t, _, err := s.ExportThemes(backend.ThemesRequest{ExportRequest: benchReq, ThemeOptions: export.ThemeOptions{Quotes: export.AllQuotes}})
		if err != nil {
			return err
		}
		return t.Write(io.Discard, export.JSON)
	})
}

func BenchmarkSegmentsCSV100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		seg, _, err := s.ExportSegments(benchReq)
		if err != nil {
			return err
		}
		return seg.Write(io.Discard, export.CSV)
	})
}

func BenchmarkSegmentsJSON100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		seg, _, err := s.ExportSegments(benchReq)
		if err != nil {
			return err
		}
		return seg.Write(io.Discard, export.JSON)
	})
}

func BenchmarkMatrix100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		m, _, err := s.ExportMatrix(backend.MatrixRequest{ExportRequest: benchReq, MatrixOptions: export.MatrixOptions{By: "document", Level: "code"}})
		if err != nil {
			return err
		}
		return m.Write(io.Discard, export.CSV)
	})
}

func BenchmarkMemos100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		m, _, err := s.ExportMemos(benchReq)
		if err != nil {
			return err
		}
		return m.Write(io.Discard, export.CSV)
	})
}

func BenchmarkQDC100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		_, _, err := s.ExportQDC(benchReq)
		return err
	})
}

func BenchmarkQDPX100k(b *testing.B) {
	size := 0
	benchExport(b, func(s *backend.Study) error {
		zipped, _, err := s.ExportQDPX(benchReq)
		size = len(zipped)
		return err
	})
	b.ReportMetric(float64(size)/1e6, "MB-zip")
}

func BenchmarkPrivacyScan100k(b *testing.B) {
	benchExport(b, func(s *backend.Study) error {
		_, err := s.ScanPrivacy()
		return err
	})
}

// TestMain removes the benchmark study, made once for all benchmarks.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(filepath.Dir(benchDir))
	}
	os.Exit(code)
}
