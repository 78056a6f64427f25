package index

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// batchSize documents go to bleve at a time; see docs/PERFORMANCE.md.
const batchSize = 1000

// maxSegmentDocs bounds the segments that merges make, in documents, in a
// study of more than twice as many answers; a smaller study ends in one
// segment. A merge keeps every segment it reads mapped, and their pages
// resident, until it ends: the merge of a whole index of a million
// answers into one held 0.6 GB of segment files (docs/PERFORMANCE.md).
const maxSegmentDocs = 100_000

// batchWorkers is how many batches are indexed at once.
const batchWorkers = 2

// analyzers are the mapping's analysers, looked up once.
type analyzers struct {
	text, words, keyword analysis.Analyzer
	// unstemmed is the words analyser and stem the text analyser's last
	// filter: text = stem(unstemmed), which lets build analyse once for
	// both the index and the word counts.
	unstemmed *analysis.DefaultAnalyzer
	stem      analysis.TokenFilter
}

func newAnalyzers(m *mapping.IndexMappingImpl) (*analyzers, error) {
	a := &analyzers{
		text:    m.AnalyzerNamed(analyzerText),
		words:   m.AnalyzerNamed(analyzerWords),
		keyword: m.AnalyzerNamed(analyzerKeyword),
	}
	if a.text == nil || a.words == nil || a.keyword == nil {
		return nil, fmt.Errorf("index mapping: an analyser is not registered")
	}
	text, ok1 := a.text.(*analysis.DefaultAnalyzer)
	words, ok2 := a.words.(*analysis.DefaultAnalyzer)
	if !ok1 || !ok2 || len(text.TokenFilters) != len(words.TokenFilters)+1 {
		return nil, fmt.Errorf("index mapping: the text analyser is not the words analyser plus a stemmer")
	}
	a.unstemmed, a.stem = words, text.TokenFilters[len(text.TokenFilters)-1]
	return a, nil
}

// build writes a new scorch index of docs into dir (in memory when dir is
// empty) with the word counts file beside it, and stamps it last, so that
// an index without a stamp is known to be incomplete.
func build(dir string, m *mapping.IndexMappingImpl, docs corpus.Set, stamp string, progress func(done, total int)) (err error) {
	an, err := newAnalyzers(m)
	if err != nil {
		return err
	}
	b, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, map[string]any{
		"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": maxSegmentDocs},
	})
	if err != nil {
		return err
	}
	var live map[string]bool
	defer func() {
		if cerr := b.Close(); err == nil {
			err = cerr
		}
		if err == nil && live != nil {
			err = removeObsoleteSegments(dir, live)
		}
	}()

	// Each document's words, recorded by its analysis, kept per batch
	// in a file beside the index until the word counts file is written.
	n := docs.Len()
	spill, err := newCountsSpill(dir)
	if err != nil {
		return err
	}
	defer spill.remove()

	// Scorch analyses a batch on all cores but then builds its segment on
	// the calling goroutine alone. Two batches in flight keep both cores
	// busy: one is analysed while the other's segment is built.
	batches := make(chan pendingBatch)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		done     int
	)
	for range batchWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range batches {
				size := p.batch.Size()
				err := b.Batch(p.batch)
				if err == nil {
					err = spill.add(p.number, p.sections)
				}
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				done += size
				if progress != nil && firstErr == nil {
					progress(done, n)
				}
				mu.Unlock()
			}
		}()
	}
	failed := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return firstErr != nil
	}
	vocab := newVocabulary()
	common := commonWords(docs)
	literal := literalAnalyzer{common: common}
	drop, _ := docs.(pageDropper)
	if drop != nil {
		// The sample touched pages all over the snapshot: at a million
		// answers nearly all of its 350 MB stayed mapped until each
		// batch reached them.
		drop.Drop(0, n)
	}
	for start := 0; start < n && !failed(); start += batchSize {
		end := min(start+batchSize, n)
		p := pendingBatch{batch: b.NewBatch(), number: start / batchSize, sections: make([][]byte, end-start)}
		for i := start; i < end; i++ {
			d := docs.Document(i)
			if err := p.batch.IndexAdvanced(newBleveDocument(&d, encodedCounting{an, vocab, &p.sections[i-start]}, literal, an.keyword)); err != nil {
				close(batches)
				wg.Wait()
				return err
			}
		}
		if drop != nil {
			drop.Drop(start, end) // the batch holds its own copies
		}
		batches <- p
	}
	close(batches)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	if dir != "" {
		if err := writeEncodedWordCounts(dir, stamp, vocab, n, spill); err != nil {
			return err
		}
		// One segment instead of about ten makes searches faster
		// (docs/PERFORMANCE.md). The stamp batch below returns once its
		// snapshot, which includes the merge, is on disk.
		adv, err := b.Advanced()
		if err != nil {
			return err
		}
		if s, ok := adv.(*scorch.Scorch); ok {
			// However many segments there are: a merge task takes at
			// most SegmentsPerMergeTask of them, and bleve's ten left
			// two or three segments at 100,000 answers.
			mo := mergeplan.SingleSegmentMergePlanOptions
			mo.SegmentsPerMergeTask = 1 << 20
			if n > 2*maxSegmentDocs {
				mo.MaxSegmentSize = maxSegmentDocs
			}
			if err := s.ForceMerge(context.Background(), &mo); err != nil {
				return err
			}
		}
	}
	// The stamp goes last, alone, once every document is in.
	batch := b.NewBatch()
	batch.SetInternal(commonKey, encodeCommon(common))
	batch.SetInternal(stampKey, []byte(stamp))
	if err := b.Batch(batch); err != nil {
		return err
	}
	if dir != "" {
		live, _ = liveSegments(b)
	}
	if progress != nil && n == 0 {
		progress(0, 0)
	}
	return nil
}

// newBleveDocument lays out one document as the mapping describes it.
// text analyses the answer's text, literal makes its literal terms,
// keyword analyses every other field.
func newBleveDocument(d *corpus.Document, text, literal, keyword analysis.Analyzer) *document.Document {
	doc := document.NewDocument(d.ID)
	// The text is not stored: the Index always holds the documents it was
	// built from (the stamp proves it), and storing cost about a quarter of
	// the build time (docs/PERFORMANCE.md).
	doc.AddField(document.NewTextFieldCustom(fieldText, nil, []byte(d.Text),
		bindex.IndexField|bindex.IncludeTermVectors, text))
	doc.AddField(document.NewTextFieldCustom(fieldLiteral, nil, []byte(d.Text), bindex.IndexField, literal))
	doc.AddField(document.NewTextFieldCustom(fieldRespondent, nil, []byte(d.Respondent), bindex.IndexField, keyword))
	doc.AddField(document.NewTextFieldCustom(fieldQuestion, nil, []byte(d.Question), bindex.IndexField, keyword))
	for k, v := range d.Attributes {
		if f := AttributeField(k); f != "" {
			doc.AddField(document.NewTextFieldCustom(attrPrefix+f, nil, []byte(v), bindex.IndexField, keyword))
		}
	}
	return doc
}
