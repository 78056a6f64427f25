package index

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2/analysis"
)

// A build of a million answers held every document's words as a slice of
// (word, count) pairs sized for its tokens, laid them out again for the
// file and encoded the file in memory: most of its 1.5 GB peak
// (docs/PERFORMANCE.md). Each document's words are kept instead as the
// bytes the file holds for it, and the file is written from them as a
// stream.

// encodedCounting is countingAnalysis that keeps each document's words as
// its section of the word counts file: the number of distinct words, then
// (word id, count) pairs, as unsigned varints.
type encodedCounting struct {
	an    *analyzers
	vocab *vocabulary
	enc   *[]byte
}

func (c encodedCounting) Analyze(input []byte) analysis.TokenStream {
	base := c.an.unstemmed.Analyze(input)
	ws := c.vocab.count(base)
	b := make([]byte, 0, binary.MaxVarintLen32*(1+2*len(ws)))
	b = binary.AppendUvarint(b, uint64(len(ws)))
	for _, w := range ws {
		b = binary.AppendUvarint(b, uint64(w.id))
		b = binary.AppendUvarint(b, uint64(w.n))
	}
	*c.enc = append([]byte(nil), b...) // exact size: b was sized for the worst case
	return c.an.stem.Filter(base)
}

// writeEncodedWordCounts writes the word counts file into dir from each
// document's section, as encode lays it out, through a temporary file
// renamed into place.
func writeEncodedWordCounts(dir, stamp string, v *vocabulary, perDoc [][]byte) (err error) {
	path := filepath.Join(dir, wordCountsFile)
	f, err := os.CreateTemp(dir, "."+wordCountsFile+".tmp-*")
	if err != nil {
		return fmt.Errorf("write word counts: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("write word counts: %w", err)
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = append(b, wordCountsMagic...)
	str(stamp)
	b = binary.AppendUvarint(b, uint64(len(v.words)))
	for _, word := range v.words {
		str(word)
	}
	pairs := uint64(0)
	for _, d := range perDoc {
		n, _ := binary.Uvarint(d)
		pairs += n
	}
	b = binary.AppendUvarint(b, uint64(len(perDoc)))
	b = binary.AppendUvarint(b, pairs)
	if _, err = w.Write(b); err != nil {
		return err
	}
	for _, d := range perDoc {
		if _, err = w.Write(d); err != nil {
			return err
		}
	}
	if err = w.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// pageDropper is a document set that can give back the memory of
// documents already read (corpus.Snapshot: their pages of the mapped
// file).
type pageDropper interface{ Drop(i, j int) }
