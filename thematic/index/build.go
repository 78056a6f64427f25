package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/mixeval/mixeval/thematic"
)

// batchSize documents go to bleve at a time; see docs/PERFORMANCE.md.
const batchSize = 2000

// analyzers are the mapping's analysers, looked up once.
type analyzers struct {
	text, words, keyword analysis.Analyzer
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
	return a, nil
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
	batch := b.NewBatch()
	for i := range docs {
		if err := batch.IndexAdvanced(newBleveDocument(&docs[i], an)); err != nil {
			return err
		}
		if batch.Size() >= batchSize {
			if err := b.Batch(batch); err != nil {
				return err
			}
			batch.Reset()
			if progress != nil {
				progress(i+1, len(docs))
			}
		}
	}
	batch.SetInternal(stampKey, []byte(stamp))
	if err := b.Batch(batch); err != nil {
		return err
	}
	if progress != nil {
		progress(len(docs), len(docs))
	}
	return nil
}

// newBleveDocument lays out one document as the mapping describes it.
func newBleveDocument(d *thematic.Document, an *analyzers) *document.Document {
	doc := document.NewDocument(d.ID)
	text := []byte(d.Text)
	doc.AddField(document.NewTextFieldCustom(fieldText, nil, text,
		bindex.IndexField|bindex.StoreField|bindex.IncludeTermVectors, an.text))
	doc.AddField(document.NewTextFieldCustom(fieldWords, nil, text, bindex.IndexField, an.words))
	doc.AddField(document.NewTextFieldCustom(fieldRespondent, nil, []byte(d.Respondent), bindex.IndexField, an.keyword))
	doc.AddField(document.NewTextFieldCustom(fieldQuestion, nil, []byte(d.Question), bindex.IndexField, an.keyword))
	for k, v := range d.Attributes {
		if f := AttributeField(k); f != "" {
			doc.AddField(document.NewTextFieldCustom(attrPrefix+f, nil, []byte(v), bindex.IndexField, an.keyword))
		}
	}
	return doc
}
