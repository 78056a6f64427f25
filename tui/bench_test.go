package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
)

// The speed targets of the terminal UI (docs/PERFORMANCE.md): on a study
// of 100,000 answers and 100,000 segments, the first screen in under a
// second with the index built, and Update plus View for any key on the
// heavy pages in under 2 ms.
//
//	MIXEVAL_BENCH_STUDY=/tmp/big go test ./tui -run '^$' -bench . -benchtime 200x
//
// The study is made on first use (about a minute) in MIXEVAL_BENCH_STUDY,
// or in a temporary folder.

const benchAnswers = 100_000

func bigStudy(b *testing.B) *backend.Study {
	b.Helper()
	dir := os.Getenv("MIXEVAL_BENCH_STUDY")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "big")
	}
	if _, err := os.Stat(filepath.Join(dir, "coding", "bench.yaml")); err != nil {
		makeBigStudy(b, dir)
	}
	st, err := backend.Open(dir, backend.Options{Who: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// makeBigStudy writes the synthetic answers (sample-data/gen), a codebook
// of 5 themes with 4 codes each, one segment per answer for coder bench
// (its first word, codes in turn), and builds the index.
func makeBigStudy(b *testing.B, dir string) {
	b.Helper()
	os.RemoveAll(dir)
	gen := exec.Command("go", "run", "./sample-data/gen", "-n", fmt.Sprint(benchAnswers), "-out", dir)
	gen.Dir = ".."
	if out, err := gen.CombinedOutput(); err != nil {
		b.Fatalf("gen: %v\n%s", err, out)
	}
	st, err := backend.Open(dir, backend.Options{Who: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.AddCoder("bench"); err != nil {
		b.Fatal(err)
	}
	var codes []string
	for t := 0; t < 5; t++ {
		theme, _, err := st.AddNode(backend.NodeSpec{Kind: codebook.Theme, Name: fmt.Sprintf("Theme %d", t+1)})
		if err != nil {
			b.Fatal(err)
		}
		for c := 0; c < 4; c++ {
			n, _, err := st.AddNode(backend.NodeSpec{Kind: codebook.Code, Name: fmt.Sprintf("code %d %d", t+1, c+1), Parent: theme.ID})
			if err != nil {
				b.Fatal(err)
			}
			codes = append(codes, n.ID)
		}
	}
	docs, err := st.Documents()
	if err != nil {
		b.Fatal(err)
	}
	c, err := st.OpenCoder("bench")
	if err != nil {
		b.Fatal(err)
	}
	reqs := make([]coding.CodeRequest, 0, len(docs))
	for i, d := range docs {
		l := newTextLayout(d.Text, 80)
		if len(l.words) == 0 {
			continue
		}
		reqs = append(reqs, coding.CodeRequest{Doc: d, Start: 0, End: l.offset(l.words[0][1]), Codes: []string{codes[i%len(codes)]}})
	}
	if _, err := c.Session().CodeBatch(reqs); err != nil {
		b.Fatal(err)
	}
	if err := c.Close(); err != nil {
		b.Fatal(err)
	}
	ix, err := st.OpenIndex(backend.IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
}

// BenchmarkStartup opens the study and the coder's coding and draws the
// first screen, as 'mixeval tui --coder bench' does before its first frame.
func BenchmarkStartup(b *testing.B) {
	dir := bigStudy(b).Dir()
	cpu := cpuTime(0)
	for b.Loop() {
		st, err := backend.Open(dir, backend.Options{})
		if err != nil {
			b.Fatal(err)
		}
		m, err := New(st, Options{Coder: "bench", IdleFold: -1, Poll: -1})
		if err != nil {
			b.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
		if err := m.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime(0)-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkKey is Update plus View for one key on each heavy page, the
// page's background work (counts, extracts) done beforehand.
func BenchmarkKey(b *testing.B) {
	st := bigStudy(b)
	d := newDriver(b, st, "bench")
	if p := d.m.ctx.Coding.Progress(); p.Segments < benchAnswers*9/10 {
		b.Fatalf("the study has %d segments, want about %d", p.Segments, benchAnswers)
	}
	cases := []struct {
		name  string
		setup []string
		keys  [2]string
	}{
		{"answer-list", []string{"1"}, [2]string{"j", "k"}},
		{"answer-reader", []string{"1", "enter"}, [2]string{"n", "p"}},
		{"code-list", []string{"2"}, [2]string{"j", "k"}},
		{"coding-view", []string{"2", "enter"}, [2]string{"right", "left"}},
		{"coding-select", []string{"2", "enter", "v"}, [2]string{"w", "b"}},
		{"theme-tree", []string{"3"}, [2]string{"j", "k"}},
		{"review-extracts", []string{"4"}, [2]string{"j", "k"}},
		{"define", []string{"5"}, [2]string{"j", "k"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			d.keys("esc", "esc")
			d.keys(c.setup...)
			keys := [2]tea.KeyPressMsg{keyMsg(c.keys[0]), keyMsg(c.keys[1])}
			i := 0
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			cpu := cpuTime(1)
			for b.Loop() {
				d.m.Update(keys[i%2])
				_ = d.m.View()
				i++
			}
			b.ReportMetric(float64((cpuTime(1)-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}
