package backend

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/index"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// scaleStudies are made once per test binary, per size, in sharedRoot:
// writing one of 100,000 answers takes seconds.
var (
	scaleStudies sync.Map
	sharedRoot   string
)

func sharedScaleStudy(tb testing.TB, n int) string {
	if dir, ok := scaleStudies.Load(n); ok {
		return dir.(string)
	}
	dir := scaleStudyIn(tb, sharedRoot, n)
	scaleStudies.Store(n, dir)
	return dir
}

// BenchmarkCodeAction100k is one 'mixeval code' as the command runs it:
// open the study, open alice's coding for one answer, code a span, close
// (the journal keeps the action; no fold). alice has 150,000 segments.
func BenchmarkCodeAction100k(b *testing.B) {
	dir := scaleStudy(b, 100_000) // its own: the benchmark adds segments
	i := 0
	for b.Loop() {
		i++
		st := openScale(b, dir)
		doc := fmt.Sprintf("R%06d/answer", 1+i%100_000)
		c, err := st.OpenCoderWith("alice", CoderOptions{Documents: []string{doc}, KeepJournal: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Code(CodeRequest{Doc: doc, Start: 21, End: 25, Codes: []string{"hope"}}); err != nil {
			b.Fatal(err)
		}
		if err := c.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSize is the number of answers of the study-wide benchmarks:
// 100,000, or MIXEVAL_BENCH_N (e.g. 1000000 for the figures at a million).
func benchSize(b *testing.B) int {
	if v := os.Getenv("MIXEVAL_BENCH_N"); v != "" {
		var n int
		if _, err := fmt.Sscan(v, &n); err != nil || n < 1 {
			b.Fatalf("MIXEVAL_BENCH_N=%q: give a number of answers", v)
		}
		return n
	}
	return 100_000
}

// BenchmarkSearchProcess is what one 'mixeval search' does after the
// index exists: open the study, its documents and index, find the best 20
// hits of a word in 43% of the answers with their spans, close.
func BenchmarkSearchProcess(b *testing.B) {
	dir := sharedScaleStudy(b, benchSize(b))
	ix, err := openScale(b, dir).OpenIndex(IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	for b.Loop() {
		res, ix, err := openScale(b, dir).Search("breathing", index.SearchOptions{Limit: 20}, IndexOptions{})
		if err != nil || len(res.Hits) != 20 || ix.Rebuilt != "" {
			b.Fatal(err, ix.Rebuilt)
		}
		ix.Close()
	}
}

// BenchmarkShowDocument is one document read by id, as 'show' does.
func BenchmarkShowDocument(b *testing.B) {
	n := benchSize(b)
	dir := sharedScaleStudy(b, n)
	if _, err := openScale(b, dir).DocumentSet(); err != nil { // build the snapshot
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		id := fmt.Sprintf("R%0*d/answer", len(fmt.Sprint(n)), 1+i%n)
		if _, err := openScale(b, dir).Document(id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCodesWithConsensus is 'mixeval codes' once a consensus exists:
// the codebook, both coders' files and the consensus, counted.
func BenchmarkCodesWithConsensus(b *testing.B) {
	dir := sharedScaleStudy(b, benchSize(b))
	benchConsensus(b, dir)
	for b.Loop() {
		st := openScale(b, dir)
		cb, err := st.Codebook()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Tally(cb); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateWithConsensus is 'mixeval validate' once a consensus
// exists.
func BenchmarkValidateWithConsensus(b *testing.B) {
	dir := sharedScaleStudy(b, benchSize(b))
	benchConsensus(b, dir)
	for b.Loop() {
		if ps, _ := openScale(b, dir).Validate(); ps.Len() > 0 {
			b.Fatal(ps)
		}
	}
}

// BenchmarkAgreeStats is 'mixeval agree --stats': every statistic, the
// disagreement views, and their summary written.
func BenchmarkAgreeStats(b *testing.B) {
	dir := sharedScaleStudy(b, benchSize(b))
	for b.Loop() {
		a, err := openScale(b, dir).Agree(AgreeRequest{Stats: true})
		if err != nil {
			b.Fatal(err)
		}
		triangulate.WriteStatsText(io.Discard, a.Report)
		triangulate.WriteDiagnosticsSummaryText(io.Discard, a.Diagnostics[0], a.Documents, 10)
	}
}

// BenchmarkReconcile is a first 'mixeval reconcile': every item worked
// out and coding/consensus.yaml written.
func BenchmarkReconcile(b *testing.B) {
	dir := sharedScaleStudy(b, benchSize(b))
	for b.Loop() {
		os.Remove(filepath.Join(dir, "coding", "consensus.yaml"))
		if _, err := openScale(b, dir).Reconcile(ReconcileRequest{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAutocodeApply codes one span in every answer in one batch,
// marks every answer reviewed and folds: the part of 'mixeval autocode'
// after the search.
func BenchmarkAutocodeApply(b *testing.B) {
	dir := sharedScaleStudy(b, benchSize(b))
	st := openScale(b, dir)
	if _, err := st.AddCoder("carol"); err != nil {
		b.Fatal(err)
	}
	docs, err := st.Documents()
	if err != nil {
		b.Fatal(err)
	}
	plan := &AutocodePlan{}
	for _, d := range docs {
		plan.Requests = append(plan.Requests, coding.CodeRequest{Doc: d, Start: 0, End: 5, Codes: []string{"hope"}})
		plan.Documents = append(plan.Documents, d.ID)
	}
	for b.Loop() {
		os.Remove(filepath.Join(dir, "coding", "carol.yaml"))
		c, err := openScale(b, dir).OpenCoder("carol")
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := c.ApplyAutocode(plan); err != nil {
			b.Fatal(err)
		}
		if err := c.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

func benchConsensus(b *testing.B, dir string) {
	if _, err := os.Stat(filepath.Join(dir, "coding", "consensus.yaml")); err == nil {
		return
	}
	if _, err := openScale(b, dir).Reconcile(ReconcileRequest{}); err != nil {
		b.Fatal(err)
	}
}
