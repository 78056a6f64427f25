package coding

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// The benchmarks use a study of 100,000 documents of about 40 words and a
// coder file of 100,000 segments (one per document), the scale the issue
// sets for a large evaluation.
const benchDocs = 100_000

var (
	benchOnce  sync.Once
	benchDocsV []corpus.Document
	benchYAML  []byte
)

func benchSetup(b *testing.B) ([]corpus.Document, []byte) {
	b.Helper()
	benchOnce.Do(func() {
		words := strings.Fields("the group helped me feel less alone and the breathing practice gave me a toolkit for bad days online sessions were easier when pain was high though the camera felt awkward at first and I missed the chat over tea")
		benchDocsV = make([]corpus.Document, benchDocs)
		at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		f := &File{Coder: "alice", Segments: make([]Segment, 0, benchDocs)}
		for i := range benchDocsV {
			w := slices.Clone(words)
			w[i%len(w)] = fmt.Sprintf("word%d", i)
			d := corpus.Document{ID: fmt.Sprintf("R%06d/helped", i), Text: strings.Join(w, " ")}
			benchDocsV[i] = d
			f.Segments = append(f.Segments, Segment{ID: DocumentHash(corpus.Document{Text: d.ID})[:10], Document: d.ID, Start: 0, End: 9,
				Codes: []string{"connection"}, Hash: DocumentHash(d), Created: at, Updated: at})
		}
		var err error
		if benchYAML, err = f.Marshal(); err != nil {
			panic(err)
		}
	})
	return benchDocsV, benchYAML
}

func benchStudy(b *testing.B, yaml []byte) string {
	b.Helper()
	dir := b.TempDir()
	os.MkdirAll(filepath.Join(dir, "coding"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "coding", "alice.yaml"), yaml, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// reportLatency adds the median and 99th percentile of ds to b's output.
func reportLatency(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, "ms-p99")
}

// BenchmarkCodeAction: one coding action, durable (journal record synced)
// when Code returns, with 100,000 documents and 100,000 segments.
func BenchmarkCodeAction(b *testing.B) {
	docs, yaml := benchSetup(b)
	s, err := Open(benchStudy(b, yaml), "alice")
	if err != nil {
		b.Fatal(err)
	}
	defer s.abandon()
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := docs[(i*7919)%len(docs)]
		t := time.Now()
		if _, err := s.Code(d, 10, 20+i%30, []string{fmt.Sprintf("code%d", i%50)}, ""); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t))
	}
	b.StopTimer()
	reportLatency(b, ds)
}

// BenchmarkOpen: open (lock, load and validate the YAML, replay a journal
// of 1,000 actions) with 100,000 segments.
func BenchmarkOpen(b *testing.B) {
	docs, yaml := benchSetup(b)
	dir := benchStudy(b, yaml)
	s, err := Open(dir, "alice")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		s.Code(docs[i], 12, 30, []string{"toolkit"}, "")
	}
	s.abandon()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(dir, "alice")
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if s.Len() != benchDocs+1000 {
			b.Fatalf("%d segments", s.Len())
		}
		s.abandon()
		b.StartTimer()
	}
}

// BenchmarkRead: Read (no lock, load and validate the YAML, nothing in the
// journal) of the 100,000-segment file, as mixeval agree and the other
// read-only commands do.
func BenchmarkRead(b *testing.B) {
	_, yaml := benchSetup(b)
	dir := benchStudy(b, yaml)
	b.SetBytes(int64(len(yaml)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := Read(dir, "alice")
		if err != nil {
			b.Fatal(err)
		}
		if len(f.Segments) != benchDocs {
			b.Fatalf("%d segments", len(f.Segments))
		}
	}
}

// BenchmarkFold: fold the journal into a YAML file of 100,000 segments
// (sort, encode, write, fsync, rename, empty the journal).
func BenchmarkFold(b *testing.B) {
	docs, yaml := benchSetup(b)
	s, err := Open(benchStudy(b, yaml), "alice")
	if err != nil {
		b.Fatal(err)
	}
	defer s.abandon()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s.Code(docs[i%len(docs)], 1, 5, []string{"fold"}, "")
		b.StartTimer()
		if err := s.Compact(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatch10k: autocode's step, 10,000 new segments in one durable
// action, on top of 100,000 segments. The fold threshold is raised so that
// the figure is the step alone; BenchmarkFold gives the fold's cost.
func BenchmarkBatch10k(b *testing.B) {
	docs, yaml := benchSetup(b)
	s, err := OpenWithOptions(benchStudy(b, yaml), "alice", Options{CompactBytes: 1 << 40})
	if err != nil {
		b.Fatal(err)
	}
	defer s.abandon()
	reqs := make([]CodeRequest, 10_000)
	ds := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range reqs {
			reqs[k] = CodeRequest{Doc: docs[(k*13)%len(docs)], Start: 4 + i%40, End: 50 + i%40, Codes: []string{"autocoded"}}
		}
		t := time.Now()
		res, err := s.CodeBatch(reqs)
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(t))
		if res.Added != len(reqs) {
			b.Fatalf("added %d", res.Added)
		}
	}
	b.StopTimer()
	reportLatency(b, ds)
}
