package index

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestEncodedWordCountsMatchEncode holds the streamed file to encode, the
// in-memory layout that decodeWordCounts reads, with the sections spilled
// in batches that finish in reverse order, and the spill file removed.
func TestEncodedWordCountsMatchEncode(t *testing.T) {
	m, err := newMapping(nil)
	if err != nil {
		t.Fatal(err)
	}
	an, err := newAnalyzers(m)
	if err != nil {
		t.Fatal(err)
	}
	docs := append(handCorpus(), syntheticDocs(200)...)
	v := newVocabulary()
	enc := make([][]byte, len(docs))
	perDoc := make([][]wordN, len(docs))
	for i, d := range docs {
		encodedCounting{an, v, &enc[i]}.Analyze([]byte(d.Text))
		perDoc[i] = decodeSection(t, enc[i])
	}
	dir := t.TempDir()
	spill, err := newCountsSpill(dir)
	if err != nil {
		t.Fatal(err)
	}
	const size = 37
	for start := (len(enc) - 1) / size * size; start >= 0; start -= size {
		if err := spill.add(start/size, enc[start:min(start+size, len(enc))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeEncodedWordCounts(dir, "stamp", v, len(docs), spill); err != nil {
		t.Fatal(err)
	}
	spill.remove()
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the word counts file alone", len(entries))
	}
	got, err := os.ReadFile(filepath.Join(dir, wordCountsFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := assemble(v, perDoc).encode("stamp"); !bytes.Equal(got, want) {
		t.Errorf("streamed file (%d bytes) differs from encode (%d bytes)", len(got), len(want))
	}
	if _, err := decodeWordCounts(got, "stamp", len(docs)); err != nil {
		t.Error(err)
	}
}
