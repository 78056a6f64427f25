package corpus

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
)

// benchExport renders n rows of a wide export with answers of about 40
// words, like sample-data/gen.
func benchExport(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
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
		w.Write([]string{fmt.Sprintf("R%06d", i), fmt.Sprint(1 + r.IntN(3)), a.String()})
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
