package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// BenchmarkCompleteDocs100k completes a document id in a study of 100,000
// answers of about 40 words, as a Tab after 'mixeval show R00012' does:
// open the study, list the ids, print the ten that match. Target: instant
// to a person, under 0.1 s (docs/PERFORMANCE.md); the process start adds
// a few milliseconds.
func BenchmarkCompleteDocs100k(b *testing.B) {
	dir := bigStudy(b, 100_000)
	for _, typed := range []string{"R00012", ""} {
		b.Run(fmt.Sprintf("typed=%q", typed), func(b *testing.B) {
			var out bytes.Buffer
			ios := &ioStreams{In: strings.NewReader(""), Out: &out, ErrOut: io.Discard}
			for b.Loop() {
				out.Reset()
				if code := run([]string{"__complete", "--study", dir, "show", typed}, ios); code != 0 || !strings.HasPrefix(out.String(), "R000") {
					b.Fatalf("exit %d: %q", code, out.String())
				}
			}
		})
	}
}

// bigStudy imports n answers of 30 to 50 words into a new study, as
// sample-data/gen does.
func bigStudy(b *testing.B, n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("pain group sessions breathing exercises compassion soothing people helped felt safe, connected others understand practice tools skills confidence online video travel home work week kind support critic kindness flare sleep")
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"respondent", "group", "What was your experience of the group?"})
	for i := 1; i <= n; i++ {
		var a strings.Builder
		for j := 0; j < 30+r.IntN(21); j++ {
			a.WriteString(words[r.IntN(len(words))] + " ")
		}
		w.Write([]string{fmt.Sprintf("R%06d", i), fmt.Sprint(1 + r.IntN(3)), a.String()})
	}
	w.Flush()
	export := filepath.Join(b.TempDir(), "responses.csv")
	if err := os.WriteFile(export, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "big")
	if err := study.Init(dir); err != nil {
		b.Fatal(err)
	}
	s, err := study.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := corpus.Import(s, corpus.ImportOptions{Path: export, ID: "respondent", Attrs: []string{"group"},
		Texts: []corpus.TextMapping{{Column: "What was your experience of the group?", Label: "experience"}}}); err != nil {
		b.Fatal(err)
	}
	return dir
}
