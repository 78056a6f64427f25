package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// wordCountsFile holds the word counts of every document, written by build
// beside bleve's files and checked against the stamp when read.
const wordCountsFile = "mixeval-word-counts"

// wordCountsMagic starts the file; the number is its format version.
const wordCountsMagic = "mixeval word counts 2\n"

// wordN is one distinct word of a document (its id in a vocabulary) and
// how often it occurs there.
type wordN struct{ id, n int32 }

// vocabulary numbers words as analysis meets them, from several goroutines.
type vocabulary struct {
	mu    sync.RWMutex
	ids   map[string]int32
	words []string
}

func newVocabulary() *vocabulary { return &vocabulary{ids: map[string]int32{}} }

func (v *vocabulary) id(term []byte) int32 {
	v.mu.RLock()
	id, ok := v.ids[string(term)]
	v.mu.RUnlock()
	if ok {
		return id
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if id, ok := v.ids[string(term)]; ok {
		return id
	}
	id = int32(len(v.words))
	w := string(term)
	v.ids[w] = id
	v.words = append(v.words, w)
	return id
}

// count turns an analysed token stream into its distinct words.
func (v *vocabulary) count(toks analysis.TokenStream) []wordN {
	out := make([]wordN, 0, len(toks))
next:
	for _, t := range toks {
		id := v.id(t.Term)
		for k := range out {
			if out[k].id == id {
				out[k].n++
				continue next
			}
		}
		out = append(out, wordN{id: id, n: 1})
	}
	return out
}

// docWordCounts are the words of each document: document i holds words
// ids[start[i]:start[i+1]], each occurring ns[...] times; ids index vocab.
type docWordCounts struct {
	vocab []string
	start []int32
	ids   []int32
	ns    []int32
}

// assemble lays out the words of each document of perDoc, numbered in v.
func assemble(v *vocabulary, perDoc [][]wordN) *docWordCounts {
	n := 0
	for _, ws := range perDoc {
		n += len(ws)
	}
	dw := &docWordCounts{
		vocab: v.words,
		start: make([]int32, 1, len(perDoc)+1),
		ids:   make([]int32, 0, n),
		ns:    make([]int32, 0, n),
	}
	for _, ws := range perDoc {
		for _, w := range ws {
			dw.ids = append(dw.ids, w.id)
			dw.ns = append(dw.ns, w.n)
		}
		dw.start = append(dw.start, int32(len(dw.ids)))
	}
	return dw
}

// analyseWordCounts analyses every document with the unstemmed analyser,
// on one goroutine per core: what build records, for an index without its
// word counts file.
func analyseWordCounts(docs []corpus.Document, words analysis.Analyzer) *docWordCounts {
	v := newVocabulary()
	perDoc := make([][]wordN, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/1000))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				perDoc[i] = v.count(words.Analyze([]byte(docs[i].Text)))
			}
		}()
	}
	wg.Wait()
	return assemble(v, perDoc)
}

// encode lays the counts out for the file: the magic, the stamp, the
// vocabulary, the numbers of documents and of (word, document) pairs, then
// per document its number of words and (id, count) pairs,
// all as length-prefixed strings and unsigned varints.
func (dw *docWordCounts) encode(stamp string) []byte {
	b := make([]byte, 0, len(wordCountsMagic)+len(stamp)+8*len(dw.vocab)+3*len(dw.ids))
	b = append(b, wordCountsMagic...)
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(stamp)
	b = binary.AppendUvarint(b, uint64(len(dw.vocab)))
	for _, w := range dw.vocab {
		str(w)
	}
	b = binary.AppendUvarint(b, uint64(len(dw.start)-1))
	b = binary.AppendUvarint(b, uint64(len(dw.ids)))
	for i := 0; i+1 < len(dw.start); i++ {
		b = binary.AppendUvarint(b, uint64(dw.start[i+1]-dw.start[i]))
		for k := dw.start[i]; k < dw.start[i+1]; k++ {
			b = binary.AppendUvarint(b, uint64(dw.ids[k]))
			b = binary.AppendUvarint(b, uint64(dw.ns[k]))
		}
	}
	return b
}

var errWordCounts = errors.New("word counts file damaged")

// decodeWordCounts reads what encode wrote, for nDocs documents with the
// given stamp; any mismatch or damage is an error.
func decodeWordCounts(b []byte, stamp string, nDocs int) (*docWordCounts, error) {
	if !bytes.HasPrefix(b, []byte(wordCountsMagic)) {
		return nil, errWordCounts
	}
	b = b[len(wordCountsMagic):]
	num := func(limit uint64) (uint64, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > limit {
			return 0, errWordCounts
		}
		b = b[n:]
		return v, nil
	}
	str := func() (string, error) {
		n, err := num(uint64(len(b)))
		if err != nil || n > uint64(len(b)) {
			return "", errWordCounts
		}
		s := string(b[:n])
		b = b[n:]
		return s, nil
	}
	got, err := str()
	if err != nil {
		return nil, err
	}
	if got != stamp {
		return nil, fmt.Errorf("word counts file is of other documents")
	}
	nVocab, err := num(uint64(len(b)))
	if err != nil {
		return nil, err
	}
	dw := &docWordCounts{vocab: make([]string, nVocab)}
	for i := range dw.vocab {
		if dw.vocab[i], err = str(); err != nil {
			return nil, err
		}
	}
	if n, err := num(uint64(len(b))); err != nil || n != uint64(nDocs) {
		return nil, errWordCounts
	}
	// Each pair takes at least two bytes, which bounds a damaged count.
	nPairs, err := num(uint64(len(b)) / 2)
	if err != nil {
		return nil, err
	}
	dw.start = make([]int32, 1, nDocs+1)
	dw.ids, dw.ns = make([]int32, 0, nPairs), make([]int32, 0, nPairs)
	for range nDocs {
		n, err := num(uint64(len(b)))
		if err != nil {
			return nil, err
		}
		for range n {
			id, err := num(nVocab)
			if err != nil || id == nVocab {
				return nil, errWordCounts
			}
			c, err := num(1 << 30)
			if err != nil || c == 0 {
				return nil, errWordCounts
			}
			dw.ids = append(dw.ids, int32(id))
			dw.ns = append(dw.ns, int32(c))
		}
		dw.start = append(dw.start, int32(len(dw.ids)))
	}
	if len(b) != 0 || uint64(len(dw.ids)) != nPairs {
		return nil, errWordCounts
	}
	return dw, nil
}

// wordCounts reads the index's word counts file, or, when it is missing or
// does not fit, analyses the documents again: the file only saves time.
func (ix *Index) wordCounts() *docWordCounts {
	if ix.dir != "" {
		if b, err := os.ReadFile(filepath.Join(ix.dir, wordCountsFile)); err == nil {
			if dw, err := decodeWordCounts(b, ix.stamp, ix.docs.Len()); err == nil {
				return dw
			}
		}
	}
	return analyseWordCounts(corpus.All(ix.docs), ix.an.words)
}
