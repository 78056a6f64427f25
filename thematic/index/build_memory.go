package index

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
)

// A build of a million answers held every document's words as a slice of
// (word, count) pairs sized for its tokens, laid them out again for the
// file and encoded the file in memory: most of its 1.5 GB peak
// (docs/PERFORMANCE.md). Each document's words are kept instead as the
// bytes the file holds for it, written batch by batch to a spill file
// beside the index (about 90 MB at a million answers, which the heap
// held until the end), and the word counts file is written from it as a
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

// pendingBatch is a batch on its way to the index, with the sections of
// the word counts file that its analysis fills in, one per document.
type pendingBatch struct {
	batch    *bleve.Batch
	number   int // the batch's place among all batches, from 0
	sections [][]byte
}

// countsSpill keeps the word counts file's per-document sections, batch by
// batch in whatever order batches finish, in a temporary file in the index
// folder. A spill without a folder (an in-memory index) keeps nothing.
type countsSpill struct {
	mu     sync.Mutex
	f      *os.File
	size   int64
	chunks []spillChunk // by batch number; n == 0: not yet added
	pairs  uint64       // (word, count) pairs in all sections
}

type spillChunk struct{ off, n int64 }

func newCountsSpill(dir string) (*countsSpill, error) {
	if dir == "" {
		return &countsSpill{}, nil
	}
	f, err := os.CreateTemp(dir, "."+wordCountsFile+".spill-*")
	if err != nil {
		return nil, fmt.Errorf("write word counts: %w", err)
	}
	return &countsSpill{f: f}, nil
}

// add appends one batch's sections.
func (s *countsSpill) add(number int, sections [][]byte) error {
	if s.f == nil {
		return nil
	}
	var b []byte
	var pairs uint64
	for _, d := range sections {
		k, _ := binary.Uvarint(d)
		pairs += k
		b = append(b, d...)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.f.WriteAt(b, s.size); err != nil {
		return fmt.Errorf("write word counts: %w", err)
	}
	for len(s.chunks) <= number {
		s.chunks = append(s.chunks, spillChunk{})
	}
	s.chunks[number] = spillChunk{off: s.size, n: int64(len(b))}
	s.size += int64(len(b))
	s.pairs += pairs
	return nil
}

// remove deletes the spill file.
func (s *countsSpill) remove() {
	if s.f != nil {
		s.f.Close()
		os.Remove(s.f.Name())
	}
}

// writeEncodedWordCounts writes the word counts file of docs documents
// into dir from the sections in spill, as encode lays them out, through a
// temporary file renamed into place.
func writeEncodedWordCounts(dir, stamp string, v *vocabulary, docs int, spill *countsSpill) (err error) {
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
	b = binary.AppendUvarint(b, uint64(docs))
	b = binary.AppendUvarint(b, spill.pairs)
	if _, err = w.Write(b); err != nil {
		return err
	}
	for _, c := range spill.chunks {
		if _, err = io.Copy(w, io.NewSectionReader(spill.f, c.off, c.n)); err != nil {
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
