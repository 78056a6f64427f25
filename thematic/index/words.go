package index

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/mixeval/mixeval/thematic"
)

// Count is how often a word occurs and in how many documents.
type Count struct {
	Occurrences int `json:"occurrences"`
	Documents   int `json:"documents"`
}

// WordCount is one word's counts, overall and per value of the By attribute.
type WordCount struct {
	Word string `json:"word"`
	Count
	By map[string]Count `json:"by,omitempty"`
}

// WordFrequencies lists words, most frequent first.
type WordFrequencies struct {
	// By is the attribute the counts are broken down by ("" for none) and
	// Values its values, sorted.
	By     string      `json:"by,omitempty"`
	Values []string    `json:"values,omitempty"`
	Words  []WordCount `json:"words"`
}

// Words counts the words of every document (lower-cased, not stemmed, stop
// words left out), most frequent first, ties in alphabetical order. by, if
// not empty, names an attribute (as the study spells it or as a search
// field), "question" or "respondent": counts are then also given per value.
// It reads the index's unstemmed field, so "nurse" and "nurses" are two
// words here although a search treats them as one.
func (ix *Index) Words(by string) (_ *WordFrequencies, err error) {
	defer ix.recoverDamage(&err)
	if ix.bleve == nil {
		return nil, errors.New("words: the index is closed")
	}
	valueOf, name, err := ix.groupBy(by)
	if err != nil {
		return nil, err
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	defer r.Close()

	// With --by: bleve's internal document numbers, mapped to the index of
	// the document's value in values.
	var values []string
	var valueOfDoc map[string]int
	if valueOf != nil {
		valueIndex := map[string]int{}
		valueOfDoc = make(map[string]int, len(ix.docs))
		for i := range ix.docs {
			v := valueOf(&ix.docs[i])
			k, ok := valueIndex[v]
			if !ok {
				k = len(values)
				valueIndex[v] = k
				values = append(values, v)
			}
			iid, err := r.InternalID(ix.docs[i].ID)
			if err != nil {
				return nil, fmt.Errorf("words: %w", err)
			}
			valueOfDoc[string(iid)] = k
		}
	}
	seen := make([]bool, len(values))

	out := &WordFrequencies{By: name}
	dict, err := r.FieldDict(fieldWords)
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	defer dict.Close()
	ctx := context.Background()
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("words: %w", err)
		}
		if e == nil {
			break
		}
		wc := WordCount{Word: e.Term}
		var byValue []Count
		if valueOf != nil {
			byValue = make([]Count, len(values))
		}
		tfr, err := r.TermFieldReader(ctx, []byte(e.Term), fieldWords, true, false, false)
		if err != nil {
			return nil, fmt.Errorf("words: %w", err)
		}
		var tfd *bindex.TermFieldDoc
		for {
			tfd, err = tfr.Next(tfd)
			if err != nil || tfd == nil {
				break
			}
			wc.Occurrences += int(tfd.Freq)
			wc.Documents++
			if byValue != nil {
				if k, ok := valueOfDoc[string(tfd.ID)]; ok {
					byValue[k].Occurrences += int(tfd.Freq)
					byValue[k].Documents++
				}
			}
		}
		if byValue != nil {
			wc.By = map[string]Count{}
			for k, c := range byValue {
				if c.Documents > 0 {
					wc.By[values[k]] = c
					seen[k] = true
				}
			}
		}
		_ = tfr.Close()
		if err != nil {
			return nil, fmt.Errorf("words: %w", err)
		}
		if wc.Documents > 0 {
			out.Words = append(out.Words, wc)
		}
	}
	sort.SliceStable(out.Words, func(a, b int) bool {
		x, y := out.Words[a], out.Words[b]
		if x.Occurrences != y.Occurrences {
			return x.Occurrences > y.Occurrences
		}
		return x.Word < y.Word
	})
	for k, v := range values {
		if seen[k] {
			out.Values = append(out.Values, v)
		}
	}
	sort.Strings(out.Values)
	return out, nil
}

// groupBy resolves the --by name to a function giving a document's value.
func (ix *Index) groupBy(by string) (func(*thematic.Document) string, string, error) {
	switch strings.ToLower(by) {
	case "":
		return nil, "", nil
	case fieldQuestion:
		return func(d *thematic.Document) string { return d.Question }, fieldQuestion, nil
	case fieldRespondent:
		return func(d *thematic.Document) string { return d.Respondent }, fieldRespondent, nil
	}
	attr, ok := ix.attrs[AttributeField(by)]
	if !ok {
		var names []string
		for _, a := range ix.attrs {
			names = append(names, a)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return nil, "", fmt.Errorf("words: no attribute %q: the documents have no attributes; use --by question", by)
		}
		return nil, "", fmt.Errorf("words: no attribute %q: use question or one of %s", by, strings.Join(names, ", "))
	}
	return func(d *thematic.Document) string {
		if v, ok := d.Attributes[attr]; ok {
			return v
		}
		// Attribute names that share a search field are one attribute here.
		for k, v := range d.Attributes {
			if AttributeField(k) == AttributeField(attr) {
				return v
			}
		}
		return ""
	}, attr, nil
}
