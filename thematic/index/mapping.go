package index

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names in the index.
const (
	fieldText       = "text"       // English-analysed, with term vectors: search
	fieldRespondent = "respondent" // keyword (lower-cased)
	fieldQuestion   = "question"   // keyword (lower-cased)
	attrPrefix      = "attr."      // keyword field per attribute: attr.<slug>
)

// Analyzer names, registered in the mapping (and so stored with the index).
const (
	analyzerText    = "mixeval_en"
	analyzerWords   = "mixeval_words"
	analyzerKeyword = "mixeval_keyword"
)

// mappingVersion is part of the stamp: changing the mapping or the analysers
// makes every existing index stale, so it is rebuilt rather than misread.
const mappingVersion = "mixeval-index-3"

// newMapping describes the fields that build.go writes. Documents are
// indexed with IndexAdvanced (no reflection), so the mapping serves query
// time: it carries the analysers and says which field is which.
func newMapping(attrs []string) (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	analyzers := map[string][]string{
		// Possessives before lower case, because the possessive filter
		// looks for "'s" and "’s" as typed; stemming last.
		analyzerText:  {en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
		analyzerWords: {en.PossessiveName, lowercase.Name, en.StopName},
	}
	for name, filters := range analyzers {
		if err := im.AddCustomAnalyzer(name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     bleveunicode.Name,
			"token_filters": filters,
		}); err != nil {
			return nil, err
		}
	}
	if err := im.AddCustomAnalyzer(analyzerKeyword, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}

	doc := mapping.NewDocumentStaticMapping()
	text := mapping.NewTextFieldMapping()
	text.Analyzer = analyzerText
	text.Store = false
	text.IncludeTermVectors = true
	text.IncludeInAll = false
	text.DocValues = false
	doc.AddFieldMappingsAt(fieldText, text)

	keyword := func() *mapping.FieldMapping {
		k := mapping.NewTextFieldMapping()
		k.Analyzer = analyzerKeyword
		k.Store = false
		k.IncludeTermVectors = false
		k.IncludeInAll = false
		k.DocValues = false
		return k
	}
	doc.AddFieldMappingsAt(fieldRespondent, keyword())
	doc.AddFieldMappingsAt(fieldQuestion, keyword())
	if len(attrs) > 0 {
		sub := mapping.NewDocumentStaticMapping()
		for _, a := range attrs {
			sub.AddFieldMappingsAt(AttributeField(a), keyword())
		}
		doc.AddSubDocumentMapping(strings.TrimSuffix(attrPrefix, "."), sub)
	}
	im.DefaultMapping = doc
	im.DefaultAnalyzer = analyzerText
	im.DefaultField = fieldText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

// AttributeField is the name under which an attribute is searched
// ("group:2"): the attribute's name in lower case with every run of
// characters other than letters and digits replaced by "_", so that
// "Number of sessions" becomes number_of_sessions.
func AttributeField(name string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
			continue
		}
		under = true
	}
	return b.String()
}
