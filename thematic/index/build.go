package index

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/mixeval/mixeval/thematic"
)

// batchSize documents go to bleve at a time; see docs/PERFORMANCE.md.
const batchSize = 1000

// batchWorkers is how many batches are indexed at once.
const batchWorkers = 2

// analyzers are the mapping's analysers, looked up once.
type analyzers struct {
	text, words, keyword analysis.Analyzer
	// unstemmed is the words analyser and stem the text analyser's last
	// filter: text = stem(unstemmed), which lets build analyse once.
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

// sharedAnalysis analyses one document's text once for both of its text
// fields: tokenising is most of the cost of analysis, and the words field
// would otherwise repeat it. The words field takes the unstemmed tokens;
// the text field stems copies of them.
type sharedAnalysis struct {
	an     *analyzers
	once   sync.Once
	tokens analysis.TokenStream
}

func (s *sharedAnalysis) unstemmed(input []byte) analysis.TokenStream {
	s.once.Do(func() { s.tokens = s.an.unstemmed.Analyze(input) })
	return s.tokens
}

type wordsAnalysis struct{ *sharedAnalysis }

func (w wordsAnalysis) Analyze(input []byte) analysis.TokenStream { return w.unstemmed(input) }

type textAnalysis struct{ *sharedAnalysis }

func (t textAnalysis) Analyze(input []byte) analysis.TokenStream {
	base := t.unstemmed(input)
	toks := make([]analysis.Token, len(base))
	out := make(analysis.TokenStream, len(base))
	for i, tok := range base {
		toks[i] = *tok // the stemmer replaces Term; the words field keeps its own
		out[i] = &toks[i]
	}
	return t.an.stem.Filter(out)
}

// build writes a new on-disk scorch index of docs into dir and stamps it
// last, so that an index without a stamp is known to be incomplete.
func build(dir string, m *mapping.IndexMappingImpl, docs []thematic.Document, stamp string, progress func(done, total int)) (err error) {
	an, err := newAnalyzers(m)
	if err != nil {
		return err
	}
	b, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := b.Close(); err == nil {
			err = cerr
		}
	}()

	// Scorch analyses a batch on all cores but then builds its segment on
	// the calling goroutine alone. Two batches in flight keep both cores
	// busy: one is analysed while the other's segment is built.
	batches := make(chan *bleve.Batch)
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
			for batch := range batches {
				n := batch.Size()
				err := b.Batch(batch)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				done += n
				if progress != nil && firstErr == nil {
					progress(done, len(docs))
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
	for start := 0; start < len(docs) && !failed(); start += batchSize {
		batch := b.NewBatch()
		for i := start; i < min(start+batchSize, len(docs)); i++ {
			if err := batch.IndexAdvanced(newBleveDocument(&docs[i], an)); err != nil {
				close(batches)
				wg.Wait()
				return err
			}
		}
		batches <- batch
	}
	close(batches)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	// The stamp goes last, alone, once every document is in.
	batch := b.NewBatch()
	batch.SetInternal(stampKey, []byte(stamp))
	if err := b.Batch(batch); err != nil {
		return err
	}
	if progress != nil && len(docs) == 0 {
		progress(0, 0)
	}
	return nil
}

// newBleveDocument lays out one document as the mapping describes it.
func newBleveDocument(d *thematic.Document, an *analyzers) *document.Document {
	doc := document.NewDocument(d.ID)
	text := []byte(d.Text)
	shared := &sharedAnalysis{an: an}
	// The text is not stored: the Index always holds the documents it was
	// built from (the stamp proves it), and storing cost about a quarter of
	// the build time (docs/PERFORMANCE.md).
	doc.AddField(document.NewTextFieldCustom(fieldText, nil, text,
		bindex.IndexField|bindex.IncludeTermVectors, textAnalysis{shared}))
	doc.AddField(document.NewTextFieldCustom(fieldWords, nil, text, bindex.IndexField, wordsAnalysis{shared}))
	doc.AddField(document.NewTextFieldCustom(fieldRespondent, nil, []byte(d.Respondent), bindex.IndexField, an.keyword))
	doc.AddField(document.NewTextFieldCustom(fieldQuestion, nil, []byte(d.Question), bindex.IndexField, an.keyword))
	for k, v := range d.Attributes {
		if f := AttributeField(k); f != "" {
			doc.AddField(document.NewTextFieldCustom(attrPrefix+f, nil, []byte(v), bindex.IndexField, an.keyword))
		}
	}
	return doc
}
