package corpus

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/mixeval/mixeval/study"
)

// benchExport renders n rows of a wide export with answers of about 40
// words, like sample-data/gen.
func benchExport(n int) []byte { return benchExportFrom(0, n) }

// benchExportFrom is benchExport with ids from R<start>.
func benchExportFrom(start, n int) []byte {
	r := rand.New(rand.NewPCG(1, uint64(2+start)))
	words := strings.Fields("pain group sessions breathing exercises compassion soothing people helped felt safe connected others understand practice tools skills confidence online video travel home work week kind support critic kindness flare sleep café 😊")
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"respondent", "group", "What was your experience?"})
	for i := 0; i < n; i++ {
		var a strings.Builder
		for j := 0; j < 30+r.IntN(21); j++ {
			if j > 0 {
				a.WriteByte(' ')
			}
			a.WriteString(words[r.IntN(len(words))])
		}
		w.Write([]string{fmt.Sprintf("R%07d", start+i), fmt.Sprint(1 + r.IntN(3)), a.String()})
	}
	w.Flush()
	return buf.Bytes()
}

// BenchmarkImport100k imports 100,000 answers into an empty study: read,
// decode, sniff, map, hash, write the original, the normalised copy and the
// manifest.
func BenchmarkImport100k(b *testing.B) {
	export := filepath.Join(b.TempDir(), "responses.csv")
	if err := os.WriteFile(export, benchExport(100_000), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "s")
		if err := study.Init(dir); err != nil {
			b.Fatal(err)
		}
		s, _ := study.Load(dir)
		b.StartTimer()
		if _, err := Import(s, ImportOptions{Path: export, ID: "respondent", Attrs: []string{"group"},
			Texts: []TextMapping{{Column: "What was your experience?", Label: "experience"}}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadDocuments100k reads 100,000 documents from a study, as the
// index does on every rebuild.
func BenchmarkLoadDocuments100k(b *testing.B) {
	export := filepath.Join(b.TempDir(), "responses.csv")
	os.WriteFile(export, benchExport(100_000), 0o644)
	dir := filepath.Join(b.TempDir(), "s")
	study.Init(dir)
	s, _ := study.Load(dir)
	if _, err := Import(s, ImportOptions{Path: export, ID: "respondent", Attrs: []string{"group"},
		Texts: []TextMapping{{Column: "What was your experience?", Label: "experience"}}}); err != nil {
		b.Fatal(err)
	}
	s, _ = study.Load(dir)
	for b.Loop() {
		docs, err := LoadDocuments(s)
		if err != nil || len(docs) != 100_000 {
			b.Fatal(err, len(docs))
		}
	}
}

// BenchmarkImportStream1M imports 1,000,000 answers (about 300 MB of CSV)
// as a stream and reports the peak of the live heap while it runs. Target
// (issue 14): the whole process under 500 MB; see docs/PERFORMANCE.md.
//
//	go test ./thematic/corpus -run XXX -bench ImportStream1M -benchtime 1x
func BenchmarkImportStream1M(b *testing.B) {
	export := filepath.Join(b.TempDir(), "responses.csv")
	f, err := os.Create(export)
	if err != nil {
		b.Fatal(err)
	}
	f.Write(benchExport(0)) // the header
	for k := 0; k < 100; k++ {
		rows := benchExportFrom(k*10_000, 10_000)
		f.Write(rows[bytes.IndexByte(rows, '\n')+1:])
	}
	f.Close()
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "s")
		if err := study.Init(dir); err != nil {
			b.Fatal(err)
		}
		s, _ := study.Load(dir)
		runtime.GC()
		peak, stop := heapPeak()
		b.StartTimer()
		res, err := Import(s, ImportOptions{Path: export, ID: "respondent", Attrs: []string{"group"},
			Texts: []TextMapping{{Column: "What was your experience?", Label: "experience"}}})
		b.StopTimer()
		stop()
		if err != nil || res.Documents != nil {
			b.Fatal(err, "or not streamed")
		}
		b.ReportMetric(float64(*peak)/1e6, "MB-peak-heap")
		b.StartTimer()
	}
}

// heapPeak samples the heap in use every few milliseconds until stop.
func heapPeak() (*uint64, func()) {
	var peak uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return &peak, func() { close(done); <-finished }
}
