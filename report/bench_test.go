package report_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/report"
	"github.com/mixeval/mixeval/thematic/coding"
)

// bigStudy writes a study of n respondents into a temporary folder: the
// sample study's manifest and codebook, and respondent i answering,
// scoring and coded as the sample's patient i mod 13 was, under a new id
// (P00001, ...). Both coders' files cover every answer.
func bigStudy(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for _, name := range []string{"mixeval.yaml", "codebook.yaml"} {
		data, err := os.ReadFile(filepath.Join(sampleDir, name))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	id := func(i int) string { return fmt.Sprintf("P%05d", i+1) }
	sampleIDs := map[string]int{}
	// Feedback: the id column is the fourth.
	rows := readCSV(b, filepath.Join(sampleDir, "sources", "feedback.csv"))
	for i, r := range rows[1:] {
		sampleIDs[r[3]] = i
	}
	out := [][]string{rows[0]}
	for i := range n {
		r := append([]string(nil), rows[1+i%(len(rows)-1)]...)
		r[0], r[3] = fmt.Sprint(i+1), id(i)
		out = append(out, r)
	}
	writeCSV(b, filepath.Join(dir, "sources", "feedback.csv"), out)
	// Scores: a pre and a post row per patient, id first.
	rows = readCSV(b, filepath.Join(sampleDir, "scores", "items.csv"))
	byPatient := map[string][][]string{}
	for _, r := range rows[1:] {
		byPatient[r[0]] = append(byPatient[r[0]], r)
	}
	out = [][]string{rows[0]}
	for i := range n {
		src := fmt.Sprintf("P%02d", i%13+1)
		for _, r := range byPatient[src] {
			r = append([]string(nil), r...)
			r[0] = id(i)
			out = append(out, r)
		}
	}
	writeCSV(b, filepath.Join(dir, "scores", "items.csv"), out)
	for _, coder := range []string{"alice", "bob"} {
		f, err := coding.Load(filepath.Join(sampleDir, "coding", coder+".yaml"))
		if err != nil {
			b.Fatal(err)
		}
		big := &coding.File{Coder: coder}
		for i := range n {
			src := fmt.Sprintf("P%02d", i%13+1)
			for _, d := range f.Reviewed {
				if resp, q, _ := cut(d); resp == src {
					big.Reviewed = append(big.Reviewed, id(i)+"/"+q)
				}
			}
			for _, s := range f.Segments {
				if resp, q, _ := cut(s.Document); resp == src {
					s.Document = id(i) + "/" + q
					s.ID = fmt.Sprintf("%010x", len(big.Segments)+1)
					big.Segments = append(big.Segments, s)
				}
			}
		}
		if err := os.MkdirAll(filepath.Join(dir, "coding"), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := big.Save(filepath.Join(dir, "coding", coder+".yaml")); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

func cut(doc string) (string, string, bool) {
	for i := len(doc) - 1; i >= 0; i-- {
		if doc[i] == '/' {
			return doc[:i], doc[i+1:], true
		}
	}
	return doc, "", false
}

func readCSV(b *testing.B, path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	return rows
}

func writeCSV(b *testing.B, path string, rows [][]string) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(rows)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReport10000 makes the whole report of a study of 10,000
// respondents (30,000 answers, two coders' files, five measures) as
// mixeval report does: open the study, score, compare the coders, build,
// guard and render. Target: under 5 s (docs/PERFORMANCE.md).
func BenchmarkReport10000(b *testing.B) {
	dir := bigStudy(b, 10_000)
	for _, f := range []report.Format{report.FormatHTML, report.FormatMarkdown} {
		b.Run(string(f), func(b *testing.B) {
			var size int
			for b.Loop() {
				st, err := backend.Open(dir, backend.Options{Now: func() time.Time { return reportDate }})
				if err != nil {
					b.Fatal(err)
				}
				res, err := st.Report(backend.ReportRequest{Format: f, Version: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				out, _, err := res.Render(f, "figs")
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}
